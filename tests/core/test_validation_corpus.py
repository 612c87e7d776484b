"""Every bad file in the corpus gets its own located, readable message (and nothing else breaks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.files.store import load_assessment, load_framework
from selfassess.model.errors import InputError

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _expectation(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: '"
    return first.removeprefix("# expect: ")


def _cases(folder: str) -> list[Path]:
    return sorted((FIXTURES / folder).glob("*.toml"))


@pytest.mark.parametrize("path", _cases("bad-frameworks"), ids=lambda p: p.stem)
def test_bad_framework_is_refused_with_located_message(path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_framework(path)
    message = caught.value.summary()
    assert str(path) in message
    assert _expectation(path) in message


@pytest.mark.parametrize("path", _cases("bad-assessments"), ids=lambda p: p.stem)
def test_bad_assessment_is_refused_with_located_message(path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_assessment(path)
    message = caught.value.summary()
    assert str(path) in message
    assert _expectation(path) in message


def test_corpus_is_not_empty() -> None:
    assert len(_cases("bad-frameworks")) >= 15
    assert len(_cases("bad-assessments")) >= 20


def test_every_problem_is_listed_not_just_the_first(tmp_path: Path) -> None:
    text = (FIXTURES / "mini-framework.toml").read_text(encoding="utf-8")
    text = text.replace('title = "Mini"', 'titel = "Mini"').replace('title = "One"', "title = 1")
    text = text.replace('version = "1"\n', "")
    path = tmp_path / "many.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_framework(path)
    places = [p.place for p in caught.value.problems]
    assert "titel" in places
    assert "version" in places
    assert "judgements[0].criteria[0].title" in places
    assert "title" in places  # missing, because it was misspelt


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x00\x01\x02binary\xff", "looks like binary data"),
        ("authority = 'Caf\u00e9'\n".encode("latin-1"), "is not UTF-8 text"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected):
        load_assessment(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_assessment(tmp_path / "nope.toml")
    with pytest.raises(InputError, match="is a folder, not a file"):
        load_assessment(tmp_path)


def test_framework_given_as_assessment(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a framework, not an assessment"):
        load_assessment(FIXTURES / "tiny-framework.toml")


# --- the same cases through the command line: a located message on stderr, exit code 2 --------


def _generated_cases(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """The bad inputs that cannot be a text file in the corpus: made here, one per case."""
    cases: dict[str, tuple[Path, str]] = {}
    for name, content, expected in [
        ("empty", b"", "is empty"),
        ("blank", b"   \n\n", "is empty"),
        ("binary", b"\x00\x01\x02binary\xff" * 50, "looks like binary data"),
        ("latin-1", "authority = 'Caf\u00e9'\n".encode("latin-1"), "is not UTF-8 text"),
    ]:
        path = tmp_path / f"{name}.toml"
        path.write_bytes(content)
        cases[name] = (path, expected)
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: no disk space used, never read whole
    cases["huge"] = (huge, "is too large to be a selfassess file (65 MB)")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    cases["folder"] = (folder, "is a folder, not a file")
    cases["missing"] = (tmp_path / "missing.toml", "does not exist")
    return cases


GENERATED = ["empty", "blank", "binary", "latin-1", "huge", "folder", "missing"]


@pytest.mark.parametrize("name", GENERATED)
def test_generated_bad_input_is_refused(tmp_path: Path, name: str) -> None:
    path, expected = _generated_cases(tmp_path)[name]
    with pytest.raises(InputError) as caught:
        load_assessment(path)
    assert str(path) in caught.value.summary()
    assert expected in caught.value.summary()


def _cli_refuses(path: Path, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    from selfassess.commands import main

    before = path.read_bytes() if path.is_file() else None
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    flat = " ".join(captured.err.split())
    assert " ".join(expected.split()) in flat
    assert captured.out == ""
    if before is not None:
        assert path.read_bytes() == before  # refused files are never written


@pytest.mark.parametrize("path", _cases("bad-assessments"), ids=lambda p: p.stem)
def test_cli_refuses_bad_assessment_with_exit_2(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _cli_refuses(path, _expectation(path), capsys)


@pytest.mark.parametrize("path", _cases("bad-frameworks"), ids=lambda p: p.stem)
def test_cli_refuses_bad_framework_with_exit_2(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _cli_refuses(path, _expectation(path), capsys)


@pytest.mark.parametrize("name", GENERATED)
def test_cli_refuses_generated_bad_input_with_exit_2(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path, expected = _generated_cases(tmp_path)[name]
    _cli_refuses(path, expected, capsys)
