"""The command palette (ctrl+p): go to any criterion by name, and run every action.

Labels read "group: action" ("Rate: Green", "Filter: Only not rated", "Go to: Front door
decisions") so that typing a group name lists its actions. Going to a criterion is offered only
when something is typed, so the first list stays short.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from selfassess.model.filtering import NOT_RATED
from selfassess.tui.exporting import REPORT_FORMATS, SELF_EVALUATION
from selfassess.tui.screens.main import MainScreen
from selfassess.views.render import plain

Command = tuple[str, Callable[[], object], str]


def highlighted(matcher: Matcher, label: str) -> Content:
    """The label as literal text, its matched letters highlighted as the palette does.

    ``Matcher.highlight`` reads its text as Textual markup, and labels hold the framework's
    words (criterion titles, rating labels): "[@click=app.quit]" in a title must stay text.
    """
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if score:
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _help(text: str) -> str | None:
    """A palette entry's help line: the palette reads it as markup, so it is escaped."""
    return escape(text) if text else None


class AssessmentCommands(Provider):
    """Commands for the open assessment (on the assessment and scorecard screens), and the
    app's own (everywhere). The app's are run as its actions, by name."""

    def _main(self) -> MainScreen | None:
        for screen in self.app.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def _app(self, action: str) -> Callable[[], object]:
        """A command that runs one of the app's actions (e.g. ``save``)."""
        return partial(self.app.run_action, action)

    def _on_main(self, then: Callable[[], object]) -> Callable[[], object]:
        """A command that first comes back to the assessment screen, then runs ``then``."""

        async def run() -> None:
            await self.app.run_action("back_to_main")
            self.app.call_later(then)

        return run

    def commands(self, *, searching: bool) -> list[Command]:
        """Every action that makes sense where the palette was opened."""
        app = self._app
        main = self._main()
        found: list[Command] = []
        if main is not None:
            framework = main.draft.framework
            if self.screen is main and main.current_criterion:
                for level in framework.rating_levels:
                    found.append(
                        (
                            f"Rate: {plain(level.label, single_line=True)}",
                            partial(main.action_rate, level.id),
                            f"Rate the selected criterion "
                            f"{plain(level.label, single_line=True).lower()}",
                        )
                    )
                if framework.allow_not_applicable:
                    found.append(
                        (
                            "Rate: Not applicable",
                            main.action_rate_not_applicable,
                            "Say why the selected criterion does not apply",
                        )
                    )
                found += [
                    ("Rate: Clear the rating", main.action_clear_rating, "Back to not rated"),
                    (
                        "Criterion: Change confidence",
                        main.action_cycle_confidence,
                        "Low, medium, high or not set",
                    ),
                    ("Criterion: Add evidence", main.action_add_evidence, ""),
                    ("Criterion: Add action", main.action_add_action, ""),
                    (
                        "Criterion: Mark or unmark for review",
                        main.toggle_review,
                        "For example when colleagues disagree about the rating",
                    ),
                ]
            found += [
                (
                    "Go to: Next criterion not rated",
                    self._on_main(main.action_next_unrated),
                    "",
                ),
                ("Filter: Choose what to show…", self._on_main(main.action_filter), ""),
                (
                    "Filter: Only not rated",
                    self._on_main(partial(main.quick_filter, rating=NOT_RATED)),
                    "",
                ),
            ]
            for level in framework.rating_levels:
                found.append(
                    (
                        f"Filter: Only {plain(level.label, single_line=True).lower()}",
                        self._on_main(partial(main.quick_filter, rating=level.id)),
                        "",
                    )
                )
            found += [
                (
                    "Filter: Only limiting criteria",
                    self._on_main(partial(main.quick_filter, limiting=True)),
                    "",
                ),
                ("Filter: Show all", self._on_main(main.action_clear_filter), ""),
            ]
            if searching:
                for theme in framework.themes:
                    found.append(
                        (
                            f"Filter: Theme {plain(theme.label, single_line=True)}",
                            self._on_main(partial(main.quick_filter, theme=theme.id)),
                            "Only criteria with this theme",
                        )
                    )
            if framework.compares_published:  # else nothing to compare with: not offered
                found.append(
                    (
                        "View: Neighbours' grades",
                        app("peers"),
                        "Ofsted grades and inspection history",
                    )
                )
            if self.screen is main:
                found.append(("View: Scorecard", app("scorecard"), "Grades and gaps"))
            else:
                found.append(("View: Criteria", app("back_to_main"), "Back to the list"))
            found += [
                ("File: Save", app("save"), "Save the assessment file"),
            ]
            found += [
                (
                    f"File: Export report as {fmt.label}",
                    app(f"export_report({fmt.id!r})"),
                    "Download it in a browser; in a terminal, choose the folder to save it in",
                )
                for fmt in REPORT_FORMATS
            ]
            found.append(
                (
                    "File: Export the self-evaluation (Word)",
                    app(f"export_report({SELF_EVALUATION.id!r})"),
                    "The annual self-evaluation document, judgement by judgement",
                )
            )
            if self.app.check_action("close_file", ()):  # not in a tab served with one file
                found.append(
                    ("File: Close and open another", app("close_file"), "Back to the start screen")
                )
        found += [
            ("View: Help and keys", app("help"), "Every key and what the marks mean"),
            ("View: Switch light or dark", app("toggle_theme"), ""),
            ("File: Quit", app("quit"), "Asks first if there are unsaved changes"),
        ]
        return found

    async def discover(self) -> Hits:
        for label, command, help_text in self.commands(searching=False):
            yield DiscoveryHit(Content(label), command, help=_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, command, help_text in self.commands(searching=True):
            match = matcher.match(label)
            if match > 0:
                yield Hit(match, highlighted(matcher, label), command, help=_help(help_text))
        main = self._main()
        if main is None:
            return
        framework = main.draft.framework
        for criterion in framework.criteria.values():
            label = f"Go to: {plain(criterion.title, single_line=True)}"
            match = matcher.match(label)
            if match > 0:
                judgement = framework.judgement_of[criterion.id]
                yield Hit(
                    match,
                    highlighted(matcher, label),
                    self._on_main(partial(main.go_to, criterion.id)),
                    help=_help(plain(judgement.label, single_line=True)),
                )
