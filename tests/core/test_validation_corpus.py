"""Every bad file in the corpus gets its own located, readable message (and nothing else breaks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.errors import InputError
from selfassess.store import load_assessment, load_framework

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
    assert len(_cases("bad-assessments")) >= 12


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
