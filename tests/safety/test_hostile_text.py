"""Escape sequences and invisible characters in file names and framework text never reach the
terminal: every command shows them as data."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from selfassess.commands import main
from selfassess.views.render import plain

FIXTURES = Path(__file__).parent.parent / "fixtures"
FRAMEWORK = (FIXTURES / "tiny-framework.toml").read_text(encoding="utf-8")

CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"  # OSC 52: write to the clipboard
LINK = "\x1b]8;;https://example.invalid/\x1b\\click\x1b]8;;\x1b\\"  # OSC 8: a hyperlink
CLEAR = "\x1b[2J\x1b[H"  # clear the screen
HOSTILE = f"{CLIPBOARD}{LINK}{CLEAR}[bold red]x[/]"


def assert_no_escapes(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text and "\x9d" not in text


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out + captured.err


@pytest.fixture
def framework_path(tmp_path: Path) -> Path:
    """The tiny framework with hostile text in every kind of text it holds."""
    text = FRAMEWORK
    for key in ("title", "label", "what_good_looks_like", "short_title"):
        text = text.replace(
            f'\n{key} = "', f'\n{key} = "{HOSTILE.encode("unicode_escape").decode()}'
        )
    path = tmp_path / "fw.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_new_with_an_escape_in_the_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"sef{CLIPBOARD}[bold].toml"
    code, shown = run(
        [
            "new",
            str(path),
            "--framework",
            str(FIXTURES / "tiny-framework.toml"),
            "--authority",
            "X",
        ],
        capsys,
    )
    assert code == 0 and path.exists()
    assert_no_escapes(shown)
    assert "[bold].toml" in shown  # markup shown as written, not read


def test_new_with_a_hostile_framework(
    tmp_path: Path, framework_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, shown = run(
        ["new", str(tmp_path / "a.toml"), "--framework", str(framework_path), "--authority", "X"],
        capsys,
    )
    assert code == 0
    assert_no_escapes(shown)


def test_validate_and_report_with_escapes_in_file_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / f"gone{CLEAR}{CLIPBOARD}.toml"
    for command in (["validate"], ["report"], ["actions"]):
        code, shown = run([*command, str(missing)], capsys)
        assert code == 2 and "does not exist" in shown
        assert_no_escapes(shown)


def test_report_of_a_hostile_framework(
    tmp_path: Path, framework_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.toml"
    assert (
        run(["new", str(path), "--framework", str(framework_path), "--authority", "X"], capsys)[0]
        == 0
    )
    for command in (["report"], ["validate"], ["actions"]):
        code, shown = run([*command, str(path)], capsys)
        assert code == 0, shown
        assert_no_escapes(shown)
    code, shown = run(["validate", str(framework_path)], capsys)
    assert code == 0
    assert_no_escapes(shown)


def test_a_usage_error_quoting_an_argument_sends_no_escapes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, shown = run(["report", "a.toml", "--width", CLIPBOARD], capsys)
    assert code == 2 and "is not a whole number" in shown
    assert_no_escapes(shown)


def test_merge_progress_shows_file_names_with_brackets_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The progress line (shown on a terminal) must not read a file name as markup."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    fw = str(FIXTURES / "tiny-framework.toml")
    names = [tmp_path / "[link=https:\\evil]a.toml", tmp_path / f"[bold]b{CLIPBOARD}.toml"]
    for name in names:
        assert main(["new", str(name), "--framework", fw, "--authority", "X"]) == 0
    capsys.readouterr()
    code, shown = run(["merge", *map(str, names), "-o", str(tmp_path / "m.toml")], capsys)
    assert code == 0
    assert "\x1b]52" not in shown and "\x07" not in shown
    assert "\x1b]8;" not in shown  # no hyperlink made from the name


@pytest.mark.parametrize(
    "invisible",
    ["\u061c", "\ufeff", "\u2060", "\u200b", "\u202e", "\u00ad", "\U000e0041", "\x9b", "\x1b"],
)
def test_plain_removes_invisible_and_control_characters(invisible: str) -> None:
    assert plain(f"Front{invisible} door") == "Front door"


def test_plain_removes_every_format_character_and_keeps_lines() -> None:
    hidden = [
        chr(n)
        for n in range(0x110000)
        if unicodedata.category(chr(n)) in ("Cc", "Cf") and chr(n) not in "\t\n\r"
    ]
    assert plain("a" + "".join(hidden) + "b") == "ab"
    assert plain("one\u2028two\r\nthree") == "one\ntwo\nthree"
    # Joined emoji are shown as their parts (a decision: see plain's docstring).
    assert plain("\U0001f469\u200d\U0001f467") == "\U0001f469\U0001f467"
    # Ordinary text, accents, non-breaking spaces and emoji are kept.
    assert plain("Café\u00a0au lait 👍🏽 é") == "Café\u00a0au lait 👍🏽 é"
