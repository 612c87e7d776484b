"""The app with a council's own framework (three-level scale, no inspectorate, a partnership):
its words everywhere, and no published-grades comparison at all."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from textual.geometry import Region
from textual.widgets import Label, Static

from selfassess.commands import main
from selfassess.files.store import load_framework
from selfassess.tui.app import SelfAssessApp, make_app
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.screens.scorecard import ScorecardScreen
from selfassess.tui.widgets.framework_list import FrameworkChoice
from selfassess.tui.widgets.scorecard_table import PublishedGradeSelect

PARTNERSHIP = Path(__file__).parent.parent / "fixtures" / "partnership-framework.toml"
FOREIGN = re.compile(r"ofsted|ilacs|local authorit", re.IGNORECASE)


def screen_text(app: SelfAssessApp) -> str:
    """Every Static and Label on the current screen, as the user would read them."""
    parts = []
    for widget in app.screen.query(Static):
        width, height = widget.outer_size
        if width and height:
            lines = widget.render_lines(Region(0, 0, width, height))
            parts.append("\n".join(line.text for line in lines))
    parts += [str(label.render()) for label in app.screen.query(Label)]
    return " ".join(" ".join(parts).split())  # wrapped lines joined again


def _app(tmp_path: Path) -> SelfAssessApp:
    framework_copy = tmp_path / "partnership-framework.toml"
    framework_copy.write_bytes(PARTNERSHIP.read_bytes())
    path = tmp_path / "partnership.toml"
    args = [
        "new",
        str(path),
        "--framework",
        str(framework_copy),
        "--authority",
        "Anytown",
        "--no-figures",
    ]
    assert main(args) == 0
    choice = FrameworkChoice(load_framework(framework_copy), file=framework_copy)
    return make_app(path, frameworks=[choice], cwd=tmp_path, today=datetime.date(2024, 6, 1))


async def test_scorecard_has_no_comparison_and_none_of_ilacs_words(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.go_to("id-screening")
        await pilot.pause()
        shown = screen_text(app)
        assert "National Framework: Enabler 1: multi-agency working" in shown
        assert "Limiting: rated red, it makes the judgement 'Not yet effective'" in shown
        await pilot.press("g")
        await pilot.press("s")
        assert isinstance(app.screen, ScorecardScreen)
        await pilot.pause()
        text = screen_text(app)
        assert "Effective" in text
        assert FOREIGN.search(text) is None, text
        assert not app.screen.query(PublishedGradeSelect)
        assert not app.screen.query("#blind-spots")
        assert "blind spot" not in text.lower() and "good or better" not in text


async def test_start_screen_asks_for_the_name_of_what_the_framework_assesses(
    tmp_path: Path,
) -> None:
    choice = FrameworkChoice(load_framework(PARTNERSHIP), file=PARTNERSHIP)
    app = make_app(None, frameworks=[choice], cwd=tmp_path, today=datetime.date(2024, 6, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Name of the partnership" in text
        assert FOREIGN.search(text) is None, text
        assert FOREIGN.search(app.screen.sub_title) is None


async def test_no_neighbours_grades_without_an_inspectorate(tmp_path: Path) -> None:
    """Neighbours' grades are an inspectorate's: for a framework with none, key p says so in
    plain words and opens nothing, and neither the palette nor the help offers them."""
    from tui_helpers import record_notifications

    from selfassess.tui.commands import AssessmentCommands
    from selfassess.tui.screens.help import HelpScreen

    app = _app(tmp_path)
    shown = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert shown == [
            "Partnership theme: children at risk of exploitation names no inspectorate, so "
            "there are no published grades of neighbours to compare with."
        ]
        provider = AssessmentCommands(app.screen)
        labels = [label for label, _, _ in provider.commands(searching=True)]
        assert "View: Scorecard" in labels and "View: Neighbours' grades" not in labels
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Neighbours" not in screen_text(app) and not FOREIGN.search(screen_text(app))
