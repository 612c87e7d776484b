"""Hostile input files: each is refused with exit code 2 and a message naming the file and the
place, without a traceback, a hang or unbounded memory. One small case per problem, made at
test time where it is large or special (pipes, devices)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from selfassess.commands import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
FRAMEWORK = (FIXTURES / "tiny-framework.toml").read_text(encoding="utf-8")


def assessment_text(framework_file: str, body: str = "", version: str = "1") -> str:
    return (
        f'format_version = {version}\nframework = "tiny"\nframework_version = "1"\n'
        f'framework_file = "{framework_file}"\nauthority = "Anytown"\n{body}'
    )


def write_assessment(folder: Path, body: str = "", version: str = "1") -> Path:
    (folder / "fw.toml").write_text(FRAMEWORK, encoding="utf-8")
    path = folder / "a.toml"
    path.write_text(assessment_text("fw.toml", body, version), encoding="utf-8")
    return path


def validate(path: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def run_cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """In a subprocess, where a hang is ended by the timeout rather than stopping the tests."""
    return subprocess.run(
        [sys.executable, "-m", "selfassess", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


# --- what is not an ordinary file -------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_nobody_writes_to_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "sef.toml"
    os.mkfifo(fifo)
    result = run_cli("validate", str(fifo), timeout=20)
    assert result.returncode == 2
    assert f"{fifo}: is not an ordinary file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_framework_file_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fw.toml")
    path = tmp_path / "a.toml"
    path.write_text(assessment_text("fw.toml"), encoding="utf-8")
    result = run_cli("report", str(path), timeout=20)
    assert result.returncode == 2
    assert "framework_file: could not be read" in result.stderr
    assert "is not an ordinary file" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("where", ["input", "framework_file"])
def test_an_endless_device_is_refused_without_reading_it(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path("/dev/zero")
    if where == "framework_file":
        path = tmp_path / "a.toml"
        # a full path is never followed; "../" leading there is, and the device refused
        zero = os.path.relpath("/dev/zero", tmp_path)
        path.write_text(assessment_text(zero), encoding="utf-8")
    code, shown = validate(path, capsys)
    assert code == 2
    assert "is not an ordinary file" in shown


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, shown = validate(tmp_path, capsys)
    assert code == 2 and f"{tmp_path}: is a folder" in shown


def test_a_file_over_the_size_limit_is_refused_with_its_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(21 * 1024 * 1024)
    code, shown = validate(path, capsys)
    assert code == 2
    assert "is too large to be a selfassess file (21 MB)" in shown


# --- files no parser should have to survive ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x = " + "[" * 10_000 + "]" * 10_000 + "\n", id="nested-10000-deep"),
        pytest.param("x = " + "{a = " * 10_000 + "1" + "}" * 10_000 + "\n", id="tables-deep"),
        pytest.param(".".join(["a"] * 10_000) + " = 1\n", id="dotted-key-10000-parts"),
    ],
)
def test_absurdly_nested_toml_is_refused_with_a_message(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")
    code, shown = validate(path, capsys)
    assert code == 2
    assert f"{path}: cannot be read: it has lists or tables nested" in shown


# --- values that are the right type but not usable --------------------------------------------


def test_a_huge_number_in_a_framework_threshold_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fw.toml"
    path.write_text(FRAMEWORK.replace("at_least = 1 }", f"at_least = {10**40} }}", 1), "utf-8")
    code, shown = validate(path, capsys)
    assert code == 2
    assert "scoring.rules[0].conditions[0].at_least: must be at most" in shown


def test_not_a_number_as_a_share_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fw.toml"
    path.write_text(FRAMEWORK.replace("share_at_least = 0.25", "share_at_least = nan"), "utf-8")
    code, shown = validate(path, capsys)
    assert code == 2
    assert "scoring.rules[0].conditions[1].share_at_least: must be at least" in shown


@pytest.mark.parametrize(
    "colour",
    [
        "notacolour",  # Rich: MissingStyle when drawn
        "red3 link https://example.invalid/",  # a hyperlink smuggled into the style
        "red3 on blue",
        "rgb(1, 2, 3)",  # spaces split a style into words
        "color(256)",
        "",
    ],
)
def test_a_rating_colour_that_is_not_one_colour_is_refused(
    tmp_path: Path, colour: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fw.toml"
    path.write_text(FRAMEWORK.replace('colour = "red3"', f'colour = "{colour}"', 1), "utf-8")
    code, shown = validate(path, capsys)
    assert code == 2
    assert "rating_levels[0].colour:" in shown and "is not a colour" in shown


def test_every_accepted_colour_can_be_drawn() -> None:
    from rich.color import ANSI_COLOR_NAMES
    from rich.style import Style

    from selfassess.model.framework import is_colour

    written = ["#00aaFF", "color(255)", "rgb(0,128,255)", "default", "Red3"]
    for colour in [*ANSI_COLOR_NAMES, *written]:
        assert is_colour(colour), colour
        Style.parse(f"bold white on {colour}")  # raises if Rich cannot draw it


@pytest.mark.parametrize("version", ["0", "-1"])
def test_a_format_version_below_one_is_refused(
    tmp_path: Path, version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, shown = validate(write_assessment(tmp_path, version=version), capsys)
    assert code == 2
    assert "a.toml: format_version: must be at least 1" in shown


def test_an_inspection_that_ends_before_it_starts_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "[published]\ninspection_start = 2024-05-13\ninspection_end = 2024-05-03\n"
    code, shown = validate(write_assessment(tmp_path, body), capsys)
    assert code == 2
    assert "a.toml: published.inspection_end: is 2024-05-03, before the inspection started" in (
        shown
    )


# --- floods -----------------------------------------------------------------------------------


def test_twenty_thousand_problems_are_summarised_on_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "".join(f'[criteria.nope-{n}]\nrating = "red"\n' for n in range(20_000))
    path = write_assessment(tmp_path, body)
    started = time.monotonic()
    for command in (["validate"], ["report"], ["actions"]):
        assert main([*command, str(path)]) == 2
        shown = capsys.readouterr().err
        assert len(shown.splitlines()) < 60, command
        assert "19950 more problems" in shown, command
    assert time.monotonic() - started < 60
