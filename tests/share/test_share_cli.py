"""The share commands' parsers: --version and --help on each, usage errors exit 2."""

from __future__ import annotations

import argparse

import pytest
from share_helpers import run_share

from selfassess import __version__

from selfassess.commands import share as cli_share

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


def test_each_command_sets_a_run_function_taking_out_and_err() -> None:
    parser = argparse.ArgumentParser()
    cli_share.add_parsers(parser.add_subparsers(), formatter_class=argparse.HelpFormatter)
    for argv, func in (
        (["actions", "a.toml"], cli_share.run_actions),
        (["diff", "a.toml", "b.toml"], cli_share.run_diff),
        (["merge", "a.toml", "b.toml", "-o", "m.toml"], cli_share.run_merge),
        (["trend", "a.toml"], cli_share.run_trend),
    ):
        assert parser.parse_args(argv).func is func
