"""The assessment screen: the criterion tree beside the selected criterion's detail.

Keyboard first: the framework's own rating keys rate the criterion under the cursor, and every
other action has a key shown in the footer (all remappable by binding id). The mouse works too:
rating buttons, clickable lists, and the command palette.
"""

from __future__ import annotations

import datetime
import types

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Static, Tree

from selfassess.files import user_state
from selfassess.model.editing import Draft, EditError
from selfassess.model.filtering import CriterionFilter
from selfassess.model.framework import NOT_APPLICABLE, Framework
from selfassess.model.labels import subject_words
from selfassess.tui.messages import DraftChanged, ScorecardRequested
from selfassess.tui.widgets.criterion_panel import CriterionPanel
from selfassess.tui.widgets.criterion_tree import CriterionTree, NodeRef
from selfassess.tui.widgets.judgement_panel import JudgementPanel
from selfassess.tui.widgets.key_footer import KeyFooter
from selfassess.tui.widgets.rating_bar import CLEAR, RatingBar
from selfassess.views.render import plain

RATE = Binding.Group("Rate")

SCREEN_KEYS: list[BindingType] = [
    Binding(
        "n",
        "rate_not_applicable",
        "N/A",
        id="rate.not_applicable",
        tooltip="Not applicable (you will be asked why)",
    ),
    Binding(
        "x,delete,backspace",
        "clear_rating",
        "Clear",
        id="rate.clear",
        key_display="x",
        show=False,
        tooltip="Clear the rating (back to not rated)",
    ),
    Binding(
        "c",
        "cycle_confidence",
        "Confidence",
        id="criterion.confidence",
        show=False,
        tooltip="Change the confidence: low, medium, high or not set",
    ),
    Binding("e", "add_evidence", "Evidence", id="criterion.add_evidence", tooltip="Add evidence"),
    Binding("t", "add_action", "Action", id="criterion.add_action", tooltip="Add an action"),
    Binding("o", "go_to_notes", "Notes", id="criterion.notes", tooltip="Write notes"),
    Binding(
        "u",
        "next_unrated",
        "Next unrated",
        id="move.next_unrated",
        tooltip="Go to the next criterion not rated yet",
    ),
    Binding(
        "m",
        "toggle_move_on",
        "Move on",
        id="move.toggle_move_on",
        tooltip="After a rating, move on to the next criterion not rated (on or off)",
    ),
    Binding(
        "slash",
        "filter",
        "Filter",
        id="view.filter",
        tooltip="Show only some criteria (words, ratings, limiting, theme)",
    ),
    Binding(
        "escape",
        "clear_filter",
        "Show all",
        id="view.clear_filter",
        tooltip="Switch the filter off",
    ),
    Binding("s", "scorecard", "Scorecard", id="view.scorecard", tooltip="Open the scorecard"),
    Binding(
        "ctrl+d",
        "edit_details",
        "Details",
        id="file.details",
        tooltip="The assessment's details: authority, period, assessors, review date",
    ),
    # The app's own keys again, so that the footer shows them before it runs out of room.
    Binding("ctrl+s", "app.save", "Save", id="app.save", tooltip="Save the assessment"),
    Binding(
        "f1,question_mark",
        "app.help",
        "Help",
        id="app.help",
        key_display="?",
        tooltip="Every key, and what the marks mean",
    ),
]
"""The assessment screen's keys after the rating keys (see ``assessment_screen``)."""

FOOTER_IMPORTANCE = (
    "rate_not_applicable",
    "add_evidence",
    "add_action",
    "go_to_notes",
    "next_unrated",
    "toggle_move_on",
    "quit",
    "scorecard",
    "save",
    "help",
    "clear_filter",
    "filter",
    "edit_details",
)
"""The footer's keys from most to least important: on a narrow screen the last go first."""

FOOTER_ESSENTIAL = 7
"""The first seven are kept on the narrowest screen (and the palette's key, which reaches all)."""

FOOTER_SHORT = {"next_unrated": "Unrated", "scorecard": "Scores", "clear_filter": "All"}


def rating_bindings(framework: Framework) -> list[Binding]:
    """One key per level of the framework's scale, with an id (``rate.<level>``) so that a
    keymap can change it."""
    return [
        Binding(
            level.shortcut,
            f"rate({level.id!r})",
            plain(level.label, single_line=True),
            id=f"rate.{level.id}",
            group=RATE,
            tooltip=f"Rate {plain(level.label, single_line=True)}",
        )
        for level in framework.rating_levels
    ]


def assessment_screen(draft: Draft, *, today: datetime.date) -> MainScreen:
    """The assessment screen for ``draft``, with a key for each level of its framework's scale.

    The scale is data (a council may write its own), and Textual reads a screen's keys from its
    class, so the screen is an instance of a subclass made here with the rating keys first (the
    footer shows keys in order, and runs out of room on the right).
    """
    keys: list[BindingType] = [*rating_bindings(draft.framework), *SCREEN_KEYS]
    screen_class = types.new_class(
        "MainScreen", (MainScreen,), exec_body=lambda namespace: namespace.update(BINDINGS=keys)
    )
    screen: MainScreen = screen_class(draft, today=today)
    return screen


class MainScreen(Screen[None]):
    """Walk through every criterion, rate it, and record evidence, notes and actions.

    Made by ``assessment_screen``, which adds the keys (they depend on the framework).
    """

    def __init__(self, draft: Draft, *, today: datetime.date) -> None:
        super().__init__()
        self.draft = draft
        self.today = today
        self.filter = CriterionFilter()
        self._shown_kind: str | None = None
        self.move_on = user_state.move_on()
        """After a rating, go to the next criterion not rated (the user's setting)."""
        self._place_kept: str | None = None
        self._place: str | None = None
        """The criterion shown last (kept as the user's place in the file)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="workspace"):
            with Vertical(id="tree-pane"):
                yield Static(id="filter-bar", markup=False)
                yield CriterionTree(self.draft, id="tree")
                yield Static("No criterion matches the filter.", id="no-match")
            with ContentSwitcher(id="detail", initial="criterion-panel"):
                yield CriterionPanel(self.draft, today=self.today, id="criterion-panel")
                # the judgement panel is added the first time a judgement is chosen
        yield KeyFooter(
            importance=FOOTER_IMPORTANCE,
            essential=FOOTER_ESSENTIAL,
            short=FOOTER_SHORT,
            describe=self._words,
        )

    def _words(self, action: str) -> str | None:
        """Words in the footer that change: the "move on" setting, and Escape's."""
        if action == "toggle_move_on":
            return "Move on: on" if self.move_on else "Move on: off"
        if action == "clear_filter" and not self.filter.active:
            return "Back to list"
        return None

    def on_mount(self) -> None:
        self.query_one("#filter-bar").display = False
        self.query_one("#no-match").display = False
        tree = self.query_one(CriterionTree)
        place = user_state.last_place(self.draft.path)
        if place is None or not tree.move_to_criterion(place):
            tree.move_to_first_criterion()
        self._place_kept = place
        # moving the cursor before the tree has a size scrolls it by a line; undo that
        self.call_after_refresh(tree.scroll_home, animate=False)
        tree.focus()

    # --- what is selected -----------------------------------------------------------------

    @property
    def criterion_tree(self) -> CriterionTree:
        return self.query_one(CriterionTree)

    @property
    def panel(self) -> CriterionPanel:
        return self.query_one(CriterionPanel)

    @property
    def current_criterion(self) -> str | None:
        """The criterion shown in the detail (the one the rating keys act on)."""
        if self.query_one(ContentSwitcher).current != "criterion-panel":
            return None
        return self.panel.criterion_id

    @on(Tree.NodeHighlighted, "#tree")
    def _cursor_moved(self, event: Tree.NodeHighlighted[NodeRef]) -> None:
        self.show(event.node.data)

    def show(self, ref: NodeRef | None) -> None:
        """Show the detail of a criterion, or the summary of a judgement."""
        if ref is None:
            return
        switcher = self.query_one(ContentSwitcher)
        if ref.kind == "criterion":
            self._place = ref.id
            self.panel.show(ref.id)
            switcher.current = "criterion-panel"
        else:
            self.panel.save_notes()
            self._judgement_panel().show(ref.id)
            switcher.current = "judgement-panel"
        if ref.kind != self._shown_kind:
            # which keys apply depends only on the kind shown
            self._shown_kind = ref.kind
            self.refresh_bindings()

    def _judgement_panel(self) -> JudgementPanel:
        """The judgement panel, added when first needed (the app starts on a criterion)."""
        found = self.query(JudgementPanel)
        if found:
            return found.first()
        panel = JudgementPanel(self.draft, id="judgement-panel")
        self.query_one(ContentSwitcher).mount(panel)
        return panel

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Criterion actions are greyed out while a judgement is selected; "Show all" only
        appears while a filter is on."""
        if action == "clear_filter":
            return self.filter.active or not self.criterion_tree.has_focus
        if action in {
            "rate",
            "rate_not_applicable",
            "clear_rating",
            "cycle_confidence",
            "add_evidence",
            "add_action",
        }:
            if action == "rate_not_applicable" and not self.draft.framework.allow_not_applicable:
                return False
            return True if self.current_criterion else None
        return True

    # --- changes --------------------------------------------------------------------------

    def criterion_changed(self, criterion_id: str, *, rating_only: bool = False) -> None:
        """Bring the tree label, the detail and the title up to date after a change.

        ``rating_only``: only the rating (and review mark) changed, so the evidence and action
        lists are left as they are (with their cursors).
        """
        self.criterion_tree.refresh_criterion(criterion_id)
        if self.panel.criterion_id == criterion_id:
            if rating_only:
                self.panel.refresh_rating()
            else:
                self.panel.refresh_record()
        self.post_message(DraftChanged())

    @on(CriterionPanel.RecordChanged)
    def _record_changed(self, event: CriterionPanel.RecordChanged) -> None:
        self.criterion_tree.refresh_criterion(event.criterion_id)
        self.post_message(DraftChanged())

    def flush_edits(self) -> None:
        """Keep notes still being typed (before saving or leaving), and where the user is."""
        self.panel.save_notes()
        self.remember_place()

    def remember_place(self) -> None:
        """Keep the criterion shown in the user's state, so reopening the file comes back."""
        place = self._place
        if place is not None and place != self._place_kept:
            user_state.remember_place(self.draft.path, place)
            self._place_kept = place

    def on_unmount(self) -> None:
        self.remember_place()

    # --- rating ---------------------------------------------------------------------------

    def set_rating(self, criterion_id: str, rating: str | None, reason: str = "") -> None:
        try:
            self.draft.set_rating(criterion_id, rating, reason)
        except EditError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.criterion_changed(criterion_id, rating_only=True)
        if rating is not None and self.move_on:
            self.move_on_from(criterion_id)

    def move_on_from(self, criterion_id: str) -> None:
        """After a rating: the next criterion shown that is not rated yet (none: stay)."""
        shown = self.criterion_tree.shown_criteria()
        start = shown.index(criterion_id) + 1 if criterion_id in shown else 0
        for cid in shown[start:] + shown[:start]:
            if self.draft.assessment.rating(cid) is None:
                self.criterion_tree.move_to_criterion(cid)
                return
        if all(self.draft.assessment.rating(c) is not None for c in self.draft.framework.criteria):
            self.notify("Every criterion is rated.", title="Nothing left to rate", markup=False)

    def action_toggle_move_on(self) -> None:
        self.move_on = not self.move_on
        user_state.set_move_on(self.move_on)
        self.notify(
            "After a rating, the next criterion not rated is shown."
            if self.move_on
            else "After a rating, the same criterion stays on screen.",
            title="Move on: on" if self.move_on else "Move on: off",
            timeout=4,
            markup=False,
        )
        self.refresh_bindings()

    def action_rate(self, rating: str) -> None:
        if not self.panel.writable():
            return
        cid = self.current_criterion
        if cid is None:
            return
        if rating == NOT_APPLICABLE:
            self.action_rate_not_applicable()
        else:
            self.set_rating(cid, rating)

    def action_rate_not_applicable(self) -> None:
        """Ask why it does not apply (the file must say), then rate it not applicable."""
        if not self.panel.writable():
            return
        cid = self.current_criterion
        if cid is None:
            return
        record = self.draft.record(cid)
        title = plain(self.draft.framework.criteria[cid].title, single_line=True)

        def answered(reason: str | None) -> None:
            if isinstance(reason, str) and reason:
                self.set_rating(cid, NOT_APPLICABLE, reason)

        from selfassess.tui.dialogs.forms import ReasonDialog

        self.app.push_screen(ReasonDialog(title, record.na_reason), answered)

    def action_clear_rating(self) -> None:
        if not self.panel.writable():
            return
        cid = self.current_criterion
        if cid is not None:
            self.set_rating(cid, None)

    @on(RatingBar.RatingChosen)
    def _rating_chosen(self, event: RatingBar.RatingChosen) -> None:
        event.stop()
        if event.rating == CLEAR:
            self.action_clear_rating()
        else:
            self.action_rate(event.rating)

    def action_cycle_confidence(self) -> None:
        if self.current_criterion:
            self.panel.cycle_confidence()

    def action_add_evidence(self) -> None:
        if self.current_criterion:
            self.panel.add_evidence()

    def action_add_action(self) -> None:
        if self.current_criterion:
            self.panel.add_action()

    def action_go_to_notes(self) -> None:
        if self.current_criterion:
            self.panel.focus_notes()

    def action_edit_details(self) -> None:
        """Change the assessment's details: authority, period, assessors, review date."""
        if not self.panel.writable():
            return
        from selfassess.tui.dialogs.details import DetailsDialog

        def answered(changes: dict[str, object] | None) -> None:
            if not changes:
                return
            try:
                self.draft.set_details(**changes)
            except EditError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.post_message(DraftChanged())

        subject = subject_words(self.draft.framework)
        self.app.push_screen(DetailsDialog(self.draft.assessment, subject), answered)

    def toggle_review(self) -> None:
        if not self.panel.writable():
            return
        cid = self.current_criterion
        if cid is None:
            return
        self.draft.set_review(cid, not self.draft.record(cid).review)
        self.criterion_changed(cid, rating_only=True)

    # --- moving ---------------------------------------------------------------------------

    def go_to(self, criterion_id: str) -> None:
        """Show a criterion, switching the filter off if it hides it."""
        if not self.criterion_tree.shows(criterion_id):
            self.apply_filter(CriterionFilter())
        self.criterion_tree.move_to_criterion(criterion_id)
        self.criterion_tree.focus()

    def action_next_unrated(self) -> None:
        """Jump to the next criterion not yet rated, after the current one (wrapping round)."""
        order = list(self.draft.framework.criteria)
        start = order.index(self.panel.criterion_id) + 1 if self.panel.criterion_id else 0
        for cid in order[start:] + order[:start]:
            if self.draft.assessment.rating(cid) is None:
                self.go_to(cid)
                return
        self.notify("Every criterion is rated.", title="Nothing left to rate")

    # --- filtering ------------------------------------------------------------------------

    def action_filter(self) -> None:
        def chosen(result: CriterionFilter | None) -> None:
            if result is not None:
                self.apply_filter(result)

        from selfassess.tui.dialogs.filter import FilterDialog

        self.app.push_screen(FilterDialog(self.draft.framework, self.filter), chosen)

    def action_clear_filter(self) -> None:
        """Escape: from the detail, back to the list; in the list, switch the filter off."""
        if not self.criterion_tree.has_focus:
            self.criterion_tree.focus()
        elif self.filter.active:
            self.apply_filter(CriterionFilter())

    def quick_filter(
        self, *, rating: str | None = None, limiting: bool = False, theme: str | None = None
    ) -> None:
        """One-step filters from the command palette (only not rated, only red, …)."""
        ratings = frozenset({rating}) if rating else frozenset()
        self.apply_filter(CriterionFilter(ratings=ratings, limiting=limiting, theme=theme))

    def apply_filter(self, criterion_filter: CriterionFilter) -> None:
        """Rebuild the tree for the filter, keeping the cursor on the same criterion if shown."""
        self.panel.save_notes()
        keep = self.current_criterion
        self.filter = criterion_filter
        shown = self.criterion_tree.build(criterion_filter)
        total = len(self.draft.framework.criteria)
        bar = self.query_one("#filter-bar", Static)
        bar.display = criterion_filter.active
        if criterion_filter.active:
            text = Text(f"Showing {shown} of {total}: ", style="bold")
            text.append(plain(criterion_filter.describe(self.draft.framework), single_line=True))
            text.append("\nEsc shows all", style="dim")
            bar.update(text)
        self.query_one("#no-match").display = shown == 0
        if keep and self.criterion_tree.shows(keep):
            self.criterion_tree.move_to_criterion(keep)
        else:
            self.criterion_tree.move_to_first_criterion()
        # the cursor may sit on the same line as before, which the tree does not announce
        self.show(self.criterion_tree.current)
        self.refresh_bindings()

    # --- other screens --------------------------------------------------------------------

    def action_scorecard(self) -> None:
        self.flush_edits()
        self.post_message(ScorecardRequested())
