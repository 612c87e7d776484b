"""In the app, a framework's caveat (ilacs-2026: not yet checked against Ofsted's 2026
criteria) shows where the framework is chosen and used; nothing shows for one without."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Static

from selfassess.commands import main
from selfassess.tui.app import make_app
from selfassess.tui.widgets.framework_list import FrameworkList
from selfassess.tui.widgets.judgement_panel import JudgementPanel

CAVEAT = "Not yet checked against Ofsted's 2026 evaluation criteria"


def shown(widget: Widget) -> str:
    """The text a widget and the statics in it show on screen, wrapped lines joined again."""
    statics = [widget] if isinstance(widget, Static) else list(widget.query(Static))
    return " ".join(
        word
        for static in statics
        if static.display
        for line in static.render_lines(static.region.reset_offset)
        for word in line.text.split()
    )


async def test_the_new_assessment_list_shows_the_caveat(tmp_path: Path) -> None:
    app = make_app(None, cwd=tmp_path)
    async with app.run_test(size=(120, 40)):
        options = app.screen.query_one(FrameworkList)
        prompts = {
            choice.framework.id: str(options.get_option_at_index(i).prompt)
            for i, choice in enumerate(options.choices)
        }
    assert CAVEAT in prompts["ilacs-2026"]
    assert "Note:" not in prompts["ilacs-2023"]


@pytest.mark.parametrize(("framework", "expected"), [("ilacs-2026", True), ("ilacs-2023", False)])
async def test_the_app_shows_the_caveat_of_the_framework_in_use(
    tmp_path: Path, framework: str, expected: bool
) -> None:
    path = tmp_path / "ours.toml"
    assert (
        main(["new", str(path), "--framework", framework, "--authority", "Anytown", "--no-figures"])
        == 0
    )
    app = make_app(path, cwd=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("up")  # from the first criterion to its judgement
        await pilot.pause()
        panel = app.screen.query_one(JudgementPanel)
        assert panel.display and panel.judgement_id == "leaders"
        assert (CAVEAT in shown(panel)) is expected
        await pilot.press("s")
        await pilot.pause()
        intro = app.screen.query_one("#scorecard-intro", Static)
        assert (CAVEAT in shown(intro)) is expected
