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
            "Peterborough",
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
        [
            "new",
            str(tmp_path / "a.toml"),
            "--framework",
            str(framework_path),
            "--authority",
            "Peterborough",
        ],
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
        run(
            ["new", str(path), "--framework", str(framework_path), "--authority", "Peterborough"],
            capsys,
        )[0]
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
        assert main(["new", str(name), "--framework", fw, "--authority", "Peterborough"]) == 0
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


# --- C1 controls and bidi overrides in the user's own text ------------------------------------

C1_AND_BIDI = "CSI\x9b2J OSC\x9d52;c;eA\x9c RLO\u202eevil\u202c LRI\u2066x\u2069 DEL\x7f ZW\u200b"
"""U+009B (CSI) and U+009D (OSC) start escape sequences on terminals that read 8-bit controls;
U+202E and friends reorder what is shown; U+200B hides text."""

UNSAFE = ("\x9b", "\x9d", "\x9c", "\u202e", "\u202c", "\u2066", "\u2069", "\x7f", "\u200b")


def _hostile_assessment(tmp_path: Path, name: str = "a.toml") -> Path:
    from selfassess.files.store import load_assessment, save_assessment
    from selfassess.model.assessment import Action, Evidence

    path = tmp_path / name
    fw = str(FIXTURES / "tiny-framework.toml")
    assert main(["new", str(path), "--framework", fw, "--authority", "Peterborough"]) == 0
    loaded = load_assessment(path)
    record = loaded.assessment.editable_record(next(iter(loaded.framework.criteria)))
    record.rating = "amber"
    record.notes = C1_AND_BIDI
    record.evidence = [Evidence(what=C1_AND_BIDI, owner=C1_AND_BIDI)]
    record.actions = [Action(what=C1_AND_BIDI, owner=C1_AND_BIDI)]
    save_assessment(loaded.assessment, path, loaded.framework)
    return path


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def assert_nothing_unsafe(text: str) -> None:
    for char in UNSAFE:
        assert char not in text, f"U+{ord(char):04X} from user text reached the output"


@pytest.mark.parametrize("command", ["report", "actions", "diff", "trend"])
def test_json_output_escapes_c1_controls_and_bidi_and_reads_back_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    import json

    path = _hostile_assessment(tmp_path)
    capsys.readouterr()
    files = [str(path), str(path)] if command in ("diff", "trend") else [str(path)]
    code = main([command, *files, "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert_nothing_unsafe(out)
    if command in ("report", "actions"):
        assert "\\u009b" in out and "\\u202e" in out  # kept, as JSON escapes
        assert C1_AND_BIDI in _strings(json.loads(out))  # the same text when read back


def test_json_output_printed_on_a_terminal_is_escaped_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _hostile_assessment(tmp_path)
    capsys.readouterr()
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert main(["actions", str(path), "--format", "json"]) == 0
    assert_nothing_unsafe(capsys.readouterr().out)


@pytest.mark.parametrize("command", [["report"], ["actions"], ["validate"], ["report", "-o", "-"]])
def test_text_output_has_no_c1_controls_or_bidi(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = _hostile_assessment(tmp_path)
    capsys.readouterr()
    code = main([*command[:1], str(path), *command[1:]])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert_nothing_unsafe(captured.out + captured.err)


def test_an_export_printed_on_a_terminal_loses_its_escapes() -> None:
    """``emit`` writes an export unchanged into a pipe or file, but never sends a terminal
    escape sequences from it."""
    import io

    from rich.console import Console

    from selfassess.commands.common import emit

    text = f"# Report\n\nNotes: {C1_AND_BIDI} {CLIPBOARD}\tend\n"
    for terminal in (True, False):
        screen = Console(file=io.StringIO(), force_terminal=terminal)
        emit(text, None, [], screen, screen)
        shown = screen.file.getvalue()  # type: ignore[attr-defined]
        if terminal:
            assert_nothing_unsafe(shown)
            assert_no_escapes(shown)
            assert "Notes: CSI2J" in shown and "end" in shown
        else:
            assert shown == text


async def test_the_app_draws_a_hostile_framework_literally(
    tmp_path: Path, framework_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Titles, labels and descriptions with escape sequences, on the main screen and the
    scorecard: what the terminal would be sent holds none of them."""
    from selfassess.tui.app import make_app

    path = tmp_path / "a.toml"
    new = ["new", str(path), "--framework", str(framework_path), "--authority", "Peterborough"]
    assert main(new) == 0
    capsys.readouterr()
    app = make_app(path, cwd=tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        main_screen = app.export_screenshot()
        await pilot.press("s")
        await pilot.pause()
        scorecard = app.export_screenshot()
    for picture in (main_screen, scorecard):
        assert_no_escapes(picture)
    assert "]8;;https://example.invalid/" in main_screen  # shown as the text it is


# --- Textual markup: the palette and the selects read plain strings as markup -----------------

ACTION_LINK = "[@click=app.quit]Quit[/]"
"""In Textual markup, a clickable action: in a framework's text it must stay text."""


def _markup_framework(tmp_path: Path) -> Path:
    """The tiny framework with markup (and an escape) in its titles and labels."""
    text = FRAMEWORK
    for key in ("title", "short_title", "label"):
        text = text.replace(f'\n{key} = "', f'\n{key} = "{ACTION_LINK} [b]x[/b] \\u001b[2J')
    path = tmp_path / "fw.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _markup_assessment(tmp_path: Path, *, first_rated: str | None = None) -> Path:
    """A new assessment of ``_markup_framework``, its first criterion rated ``first_rated``."""
    from selfassess.files.store import load_assessment, save_assessment

    path = tmp_path / "a.toml"
    fw = str(_markup_framework(tmp_path))
    assert main(["new", str(path), "--framework", fw, "--authority", "Peterborough"]) == 0
    if first_rated:
        loaded = load_assessment(path)
        first = next(iter(loaded.framework.criteria))
        loaded.assessment.editable_record(first).rating = first_rated
        save_assessment(loaded.assessment, path, loaded.framework)
    return path


async def test_palette_entries_show_framework_text_literally(tmp_path: Path) -> None:
    """Criterion titles, rating and theme labels in the palette (found, listed and their help
    lines) are text: Textual's own highlighting would have made the title a Quit button."""
    from textual.content import Content

    from selfassess.tui.app import make_app
    from selfassess.tui.commands import AssessmentCommands

    app = make_app(_markup_assessment(tmp_path), cwd=tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        provider = AssessmentCommands(app.screen)
        hits = [hit async for hit in provider.search("quit")]
        hits += [hit async for hit in provider.discover()]
    shown = [
        Content.from_markup(part) if isinstance(part, str) else part
        for hit in hits
        for part in (hit.prompt, hit.help or "")
    ]
    texts = [part.plain for part in shown if isinstance(part, Content)]
    assert len(texts) == len(shown)
    assert any(t.startswith(f"Go to: {ACTION_LINK} [b]x[/b]") for t in texts)
    assert any(t.startswith(f"Rate: {ACTION_LINK}") for t in texts)
    assert any(t.startswith(f"Rate the selected criterion {ACTION_LINK.lower()}") for t in texts)
    assert any(t.startswith(f"{ACTION_LINK} [b]x[/b]") for t in texts)  # a judgement: Go to's help
    assert all("\x1b" not in t for t in texts)


async def test_the_filter_form_and_rating_show_framework_text_literally(tmp_path: Path) -> None:
    """The theme list of the filter form and the rating beside a criterion."""
    from selfassess.tui.app import make_app

    path = _markup_assessment(tmp_path, first_rated="red")  # the panel shows the level's label
    app = make_app(path, cwd=tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        rated = app.export_screenshot()
        await pilot.press("slash")
        await pilot.pause()
        app.screen.query_one("#filter-theme").focus()
        await pilot.press("enter")  # open the list of themes
        await pilot.pause()
        themes = app.export_screenshot()
    assert_no_escapes(rated)
    assert_no_escapes(themes)
    assert f"Rating:  R  {ACTION_LINK} [b]x[/b] [2JRed" in _screen_text(rated)
    # an option of the open list (its right edge follows the label)
    assert f"{ACTION_LINK} [b]x[/b] [2JMissing children▎" in _screen_text(themes)


def _screen_text(svg: str) -> str:
    """The words of an SVG screenshot, one line of the screen a line."""
    import html
    import re

    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text[^>]* x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S):
        rows.setdefault(float(m[2]), []).append((float(m[1]), html.unescape(m[3])))
    lines = ("".join(t for _, t in sorted(parts)) for _, parts in sorted(rows.items()))
    return "\n".join(lines).replace("\xa0", " ")
