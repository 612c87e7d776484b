"""An assessment names its own framework file by a path from its folder. A full path, a drive or
a network address (which on Windows would send the user's sign-in to another computer just by
being opened) is refused with a message naming the file and the setting; paths written on
Windows open elsewhere, and ``..`` may lead to a folder beside the assessment."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from selfassess.commands import main
from selfassess.files.store import framework_file_path, load_assessment, relative_path
from selfassess.model.errors import InputError

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _assessment(folder: Path, framework_file: str) -> Path:
    """An assessment of the tiny framework naming ``framework_file``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "a.toml"
    fw = FIXTURES / "tiny-framework.toml"
    assert main(["new", str(path), "--framework", str(fw), "--authority", "Peterborough"]) == 0
    text = path.read_text(encoding="utf-8")
    start = text.index("framework_file = ")
    end = text.index("\n", start)
    quoted = framework_file.replace("\\", "\\\\")
    path.write_text(f'{text[:start]}framework_file = "{quoted}"{text[end:]}', encoding="utf-8")
    return path


REFUSED = [
    "/etc/selfassess/fw.toml",  # a full path
    "\\\\server\\share\\fw.toml",  # a Windows network address (UNC)
    "//server/share/fw.toml",  # the same with forward slashes
    "\\\\?\\C:\\frameworks\\fw.toml",  # a Windows device path
    "\\\\?\\UNC\\server\\share\\fw.toml",
    "C:\\frameworks\\fw.toml",  # a drive
    "C:fw.toml",  # a drive, relative to its current folder
    "c:/frameworks/fw.toml",
    "\\frameworks\\fw.toml",  # the root of the current drive
]


@pytest.mark.parametrize("framework_file", REFUSED)
def test_a_full_path_or_network_address_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], framework_file: str
) -> None:
    path = _assessment(tmp_path / "work", framework_file)
    capsys.readouterr()
    for command in (["validate"], ["report"]):
        code = main([*command, str(path)])
        err = capsys.readouterr().err
        assert code == 2
        assert str(path) in err and "framework_file" in err
        assert "not a path from this file's folder" in err
        assert "Traceback" not in err


@pytest.mark.parametrize("framework_file", REFUSED)
def test_the_rule_is_the_same_on_every_system(framework_file: str, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        framework_file_path(tmp_path / "a.toml", framework_file)
    assert caught.value.problems[0].place == "framework_file"


@pytest.mark.parametrize(
    "framework_file",
    ["../frameworks/fw.toml", "..\\frameworks\\fw.toml", ".\\..//frameworks/fw.toml"],
)
def test_relative_paths_work_with_either_slash_and_may_lead_beside(
    tmp_path: Path, framework_file: str
) -> None:
    (tmp_path / "frameworks").mkdir()
    shutil.copy(FIXTURES / "tiny-framework.toml", tmp_path / "frameworks" / "fw.toml")
    path = _assessment(tmp_path / "work", framework_file)
    assert load_assessment(path).framework.id == "tiny"
    expected = (tmp_path / "frameworks" / "fw.toml").resolve()
    assert framework_file_path(path, framework_file).resolve() == expected


def test_a_new_assessment_names_its_framework_relative_with_forward_slashes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "frameworks").mkdir()
    shutil.copy(FIXTURES / "tiny-framework.toml", tmp_path / "frameworks" / "fw.toml")
    (tmp_path / "work").mkdir()
    path = tmp_path / "work" / "a.toml"
    fw = tmp_path / "frameworks" / "fw.toml"
    assert main(["new", str(path), "--framework", str(fw), "--authority", "Peterborough"]) == 0
    assert load_assessment(path).assessment.framework_file == "../frameworks/fw.toml"


def test_a_framework_on_another_drive_is_refused_when_creating(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows there is no relative path to another drive (``relpath`` raises ValueError)."""

    def no_way(target: object, folder: object) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(os.path, "relpath", no_way)
    with pytest.raises(InputError, match="another drive"):
        relative_path("D:/frameworks/fw.toml", "C:/work")
    path = tmp_path / "a.toml"
    code = main(
        ["new", str(path), "--framework", str(FIXTURES / "tiny-framework.toml"), "--authority", "X"]
    )
    err = capsys.readouterr().err
    assert code == 2 and "another drive" in err and "Traceback" not in err
    assert not path.exists()
