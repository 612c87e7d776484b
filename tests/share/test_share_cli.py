"""The share commands' parsers: --version and --help on each, usage errors exit 2."""

from __future__ import annotations

import pytest
from share_helpers import run_share

from selfassess import __version__

COMMANDS = ("actions", "diff", "merge", "trend")


@pytest.mark.parametrize("command", COMMANDS)
def test_version_and_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_share([command, "--version"]).code == 0
    assert f"selfassess {__version__}" in capsys.readouterr().out
    assert run_share([command, "--help"]).code == 0
    assert "usage" in capsys.readouterr().out.lower()


@pytest.mark.parametrize(
    "argv",
    [
        ["actions"],
        ["diff", "one.toml"],
        ["merge", "a.toml", "b.toml"],
        ["trend"],
        ["actions", "a.toml", "--format", "docx"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run_share(argv).code == 2
    assert "usage" in capsys.readouterr().err.lower()
