"""The neighbours screen: the statistical neighbours' latest Ofsted grades with their dates, the
authority's own inspection history and the time since its last full inspection (the same view
as ``selfassess peers``)."""

from __future__ import annotations

import datetime
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from selfassess.model.assessment import Assessment
from selfassess.model.errors import InputError
from selfassess.model.framework import Framework
from selfassess.views.render import plain


def peers_renderable(assessment: Assessment, today: datetime.date) -> RenderableType:
    """The peers view for the assessment's authority (by its ``authority_code``, else its
    name), or a plain explanation of why there is none."""
    from selfassess.data.published import dataset
    from selfassess.views.peers import peers_view

    data = dataset()
    try:
        authority = data.for_assessment(assessment.authority, assessment.authority_code)
    except InputError as exc:
        text = Text("No neighbours to show.\n\n", style="bold")
        text.append(plain(exc.problems[0].describe() if exc.problems else str(exc)))
        text.append(
            "\n\nThe neighbours' grades are shown for an English local authority: record its "
            'code as authority_code in the assessment file (e.g. authority_code = "874"), or '
            "create the assessment with selfassess new --authority NAME.",
            style="dim",
        )
        return text
    return peers_view(data, authority, today)


def no_peers_note(framework: Framework) -> str:
    """Why a framework with no inspectorate shows no neighbours' grades."""
    title = plain(framework.title, single_line=True)
    return (
        f"{title} names no inspectorate, so there are no published grades of neighbours to "
        "compare with."
    )


class PeersScreen(Screen[None]):
    """The authority's inspection history and its neighbours' latest grades."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p", "back", "Back to criteria", id="peers.back"),
    ]

    def __init__(self, assessment: Assessment, today: datetime.date) -> None:
        super().__init__()
        self.assessment = assessment
        self.today = today

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="peers-scroll"):
            yield Static(peers_renderable(self.assessment, self.today), id="peers", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Neighbours' Ofsted grades"
        self.query_one("#peers-scroll").focus()

    def action_back(self) -> None:
        self.dismiss(None)
