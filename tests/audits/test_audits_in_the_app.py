"""The app shows the audit summary in the criterion panel, stale marks in the tree and the
scorecard, and the audits' questions on the scorecard."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from sample_audits import write as write_sample
from textual.widgets import Static

from selfassess.commands import main
from selfassess.tui.app import make_app
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.widgets.audits import AuditQuestions, AuditSummary
from selfassess.tui.widgets.criterion_tree import CriterionTree

EXAMPLE = Path(__file__).parents[2] / "examples" / "peterborough-2018.toml"


def rendered(widget: Static) -> str:
    return str(widget.render())


async def test_audits_and_stale_evidence_show_in_the_app(tmp_path: Path) -> None:
    path = tmp_path / "our-sef.toml"
    shutil.copy(EXAMPLE, path)
    sample = write_sample(tmp_path / "audits.csv")
    assert main(["import-audits", str(sample), "--into", str(path), "--today", "2018-07-01"]) == 0

    app = make_app(path, cwd=tmp_path, today=datetime.date(2019, 8, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.go_to("hp-neglect")
        await pilot.pause()
        summary = screen.query_one(AuditSummary)
        text = rendered(summary)
        assert summary.display
        assert "Case audits (22)" in text
        assert "O 0 · G 5 · RI 11 · I 6" in text
        stale = "Stale: 2 of 2 pieces of evidence and 22 of 22 audits dated before 1 August 2018"
        assert stale in text
        assert "The rating rests on stale evidence only" in text
        label = screen.query_one(CriterionTree).criterion_label("hp-neglect")
        assert "◷" in label.plain

        await pilot.press("s")
        await pilot.pause()
        questions = app.screen.query_one(AuditQuestions)
        assert questions.display
        assert "Response to neglect" in rendered(questions)
        screen_text = app.export_screenshot().replace("&#160;", " ")
        assert "rest on stale evidence" in screen_text


async def test_nothing_shows_without_audits_or_stale_evidence(tmp_path: Path) -> None:
    path = tmp_path / "our-sef.toml"
    shutil.copy(EXAMPLE, path)
    app = make_app(path, cwd=tmp_path, today=datetime.date(2018, 7, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.go_to("hp-neglect")
        await pilot.pause()
        assert not screen.query_one(AuditSummary).display
        assert "◷" not in screen.query_one(CriterionTree).criterion_label("hp-neglect").plain
