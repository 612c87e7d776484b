"""The selfassess app: the screens and dialogs around one open assessment file.

``make_app`` builds the app for the command line and for the tests alike; ``run_tui`` runs it.
The rules for files (locks, recovery, saves made by others, migration) are in
``selfassess.files.session``: the app shows its questions as dialogs and passes the answers
back. Screens tell the app what happened with messages (``selfassess.tui.messages``).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import tomli
from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.events import DeliveryComplete, DeliveryFailed
from textual.screen import Screen

from selfassess.files import recent, session
from selfassess.files.paths import config_dir
from selfassess.files.session import (
    ChangedOnDisk,
    FileProblem,
    HeldByColleague,
    HolderAnswer,
    MigrationOffer,
    Missing,
    RecoveryOffer,
    RecoverySnapshot,
    Session,
)
from selfassess.files.store import Loaded, bundled_framework_files, load_framework
from selfassess.model.dates import long_date_time
from selfassess.model.editing import Draft
from selfassess.model.errors import InputError
from selfassess.tui.commands import AssessmentCommands
from selfassess.tui.dialogs.messages import ChoiceDialog, ErrorDialog
from selfassess.tui.messages import DraftChanged, ScorecardRequested
from selfassess.tui.screens.main import MainScreen, assessment_screen
from selfassess.views.render import plain

if TYPE_CHECKING:
    from selfassess.tui.screens.start import StartScreen
    from selfassess.tui.widgets.framework_list import FrameworkChoice

UNSAVED = "● unsaved"
READ_ONLY = "read-only"
AUTOSAVE_SECONDS = 5.0
"""How often unsaved work is copied to the recovery file beside the assessment."""
DARK, LIGHT = "textual-dark", "textual-light"
SHARED_ADVICE = "Ask the person who shared this page to put it right, then reload the page."
"""What to do in a browser tab of ``serve FILE``, which can reach no other file."""


def bundled_choices() -> list[FrameworkChoice]:
    """The bundled frameworks, newest first (a broken one is left out, not fatal)."""
    from selfassess.tui.widgets.framework_list import FrameworkChoice

    choices = []
    for path in bundled_framework_files():
        try:
            choices.append(FrameworkChoice(load_framework(path)))
        except InputError:
            continue
    return sorted(choices, key=lambda c: c.framework.applies_from, reverse=True)


class SelfAssessApp(App[int]):
    """Self-assessment against an inspection framework (Ofsted's ILACS is bundled), for
    children's services managers."""

    CSS_PATH = "selfassess.tcss"
    TITLE = "selfassess"
    # Only the app's own commands: Textual's (Keys, Maximize, Screenshot, Theme) came first in
    # the palette and meant nothing to the people using it; quitting and switching light or
    # dark are among the app's own.
    COMMANDS: ClassVar = {AssessmentCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="app.save", tooltip="Save the assessment"),
        Binding(
            "f1,question_mark",
            "help",
            "Help",
            id="app.help",
            key_display="?",
            tooltip="Every key, and what the marks mean",
        ),
        Binding(
            "ctrl+t",
            "toggle_theme",
            "Light/dark",
            id="app.toggle_theme",
            show=False,
            tooltip="Switch between a light and a dark screen",
        ),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            id="app.export",
            show=False,
            tooltip="Export the report (Word, HTML, Markdown or CSV) or the self-evaluation",
        ),
        Binding(
            "p",
            "peers",
            "Neighbours",
            id="app.peers",
            show=False,
            tooltip="The statistical neighbours' Ofsted grades and the authority's inspections",
        ),
        Binding(
            "q", "quit", "Quit", id="app.quit", show=False, tooltip="Quit (asks first if not saved)"
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit_anywhere",
            priority=True,
            tooltip="Quit (asks first if not saved)",
        ),
    ]

    def __init__(
        self,
        path: Path | None = None,
        *,
        frameworks: list[FrameworkChoice] | None = None,
        cwd: Path | None = None,
        today: datetime.date | None = None,
        theme: str = DARK,
        confined: bool = False,
    ) -> None:
        super().__init__()
        self.start_path = path
        self.confined = confined and path is not None
        """Served with one file (``selfassess serve FILE``): that file is all a browser may
        reach, so the start screen (recent files, any folder) is never shown."""
        self._frameworks = frameworks
        self.cwd = cwd or Path.cwd()
        self.today = today or datetime.date.today()
        self.theme = theme
        self.session: Session | None = None
        """The open assessment file, if any."""
        self.keymap: dict[str, str] = {}
        """The user's key changes (binding id → keys), for the help screen."""
        self.startup_warning = ""
        """Shown once when the app starts (e.g. a key settings file that could not be read)."""
        self._asking_to_quit = False
        self._autosave_warned = False

    @property
    def draft(self) -> Draft | None:
        """The open assessment, as edited so far."""
        return self.session.draft if self.session is not None else None

    def set_keymap(self, keymap: Mapping[str, str]) -> None:
        """Use the user's keys (binding id → keys) and remember them for the help screen."""
        super().set_keymap(keymap)
        self.keymap = dict(keymap)

    @property
    def frameworks(self) -> list[FrameworkChoice]:
        """The frameworks offered for a new assessment (read when first needed)."""
        if self._frameworks is None:
            self._frameworks = bundled_choices()
        return self._frameworks

    def on_mount(self) -> None:
        if self.startup_warning:
            self.notify(
                self.startup_warning,
                title="Your key settings",
                severity="warning",
                timeout=10,
                markup=False,
            )
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)
        if self.start_path is None:
            self.show_start()
        else:
            self.open_file(self.start_path, from_command_line=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Saving and closing need an open assessment (the start screen has none); a tab
        served with one file cannot close it to open another."""
        if action == "close_file" and self.confined:
            return False
        if action in {"save", "close_file"}:
            return self.session is not None
        return True

    # --- title ----------------------------------------------------------------------------

    def refresh_title(self) -> None:
        """Authority and framework in the title; file name and unsaved mark beside it."""
        draft = self.draft
        if draft is None:
            self.title, self.sub_title = "selfassess", ""
            return
        self.title = plain(draft.assessment.authority, single_line=True)
        name = plain(draft.path.name, single_line=True)
        # the mark goes first: a narrow header cuts the end off, and the mark must stay visible
        if draft.read_only:
            self.sub_title = f"{READ_ONLY} · {name}"
        else:
            self.sub_title = f"{UNSAVED} · {name}" if draft.modified else name

    def on_draft_changed(self, message: DraftChanged) -> None:
        self.refresh_title()

    # --- start, open, create --------------------------------------------------------------

    def show_start(
        self, *, new_path: Path | None = None, open_path: Path | None = None, notice: str = ""
    ) -> None:
        if self.confined:
            self._show_nothing_open()
            return
        from selfassess.tui.screens.start import StartScreen

        screen = StartScreen(
            self.frameworks,
            recent.load_recent(),
            cwd=self.cwd,
            today=self.today,
            new_path=new_path,
            open_path=open_path,
            notice=notice,
        )
        self.session = None
        self.refresh_title()
        self._replace_all(screen)

    def _show_nothing_open(self) -> None:
        """In a tab served with one file, instead of the start screen: say the file is not
        open, and how to try again, with nothing that reaches any other file."""
        from selfassess.tui.screens.nothing_open import NothingOpenScreen

        assert self.start_path is not None  # confined only with a file
        self.session = None
        self.refresh_title()
        if not isinstance(self.screen, NothingOpenScreen):
            self._replace_all(NothingOpenScreen(self.start_path))

    def _back_to_start(self, path: Path) -> None:
        """Show the start screen (with ``path`` typed in) unless it is showing already."""
        from selfassess.tui.screens.start import StartScreen

        if not isinstance(self.screen, StartScreen):
            self.show_start(open_path=path)

    def _replace_all(self, screen: Screen[None]) -> None:
        """Make ``screen`` the only screen above the app's blank base screen."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    def show_problem(self, problem: FileProblem) -> None:
        self.push_screen(ErrorDialog(problem.title, problem.message, problem.advice))

    def open_file(self, path: Path, *, from_command_line: bool = False) -> None:
        """Open an assessment; a file named on the command line that does not exist yet is
        offered to be created. A file that cannot be used is never written: its problems are
        shown in full, over the start screen."""
        path = path.expanduser()
        if not path.is_absolute():
            path = self.cwd / path
        result = session.read(path, missing_is_new=from_command_line)
        if self.confined and isinstance(result, Missing | FileProblem):
            # no start screen to offer creating it, or another file, in a served tab
            if isinstance(result, Missing):
                message, advice = f"{path.name} is no longer where it was shared from.", ""
            else:
                message, advice = result.message, f"{path.name} has not been changed. "
            self._show_nothing_open()
            self.push_screen(
                ErrorDialog("This file could not be opened", message, advice + SHARED_ADVICE)
            )
        elif isinstance(result, Missing):
            self.show_start(
                new_path=path,
                notice=f"{path} does not exist yet. To start a new assessment in it, choose "
                "the framework and type the name of the council or partnership assessed.",
            )
        elif isinstance(result, FileProblem):
            self._back_to_start(path)
            self.show_problem(result)
        elif isinstance(result, MigrationOffer):
            self._back_to_start(path)
            self.ask_migration(result)
        else:
            self._claim(result, offer_recovery=True)

    def _claim(self, loaded: Loaded, *, offer_recovery: bool) -> None:
        """Hold the file and open it; if a colleague has it open, ask first."""
        held = session.claim(loaded.path)
        if held is None:
            self._open(Session(loaded), offer_recovery=offer_recovery)
        else:
            self.ask_holder(held, loaded, offer_recovery=offer_recovery)

    def ask_holder(self, held: HeldByColleague, loaded: Loaded, *, offer_recovery: bool) -> None:
        """Say who has the file open and since when; let the user open it read-only (the safe
        choice), knowingly take it over, or cancel."""

        def answered(answer: str | None) -> None:
            if answer == HolderAnswer.TAKE_OVER.value:
                session.claim(loaded.path, take_over=True)
                self._open(Session(loaded), offer_recovery=offer_recovery)
            elif answer == HolderAnswer.READ_ONLY.value:
                self._open(Session(loaded, read_only=True))
            else:
                self._back_to_start(loaded.path)

        self.push_screen(
            ChoiceDialog(
                "Someone else has this file open",
                f"{held.holder}. Open it read-only to look without changing it. If you "
                "take it over and you both make changes, one of you will lose them when the "
                "other saves.",
                [
                    (HolderAnswer.READ_ONLY.value, "Open read-only", "primary"),
                    (HolderAnswer.TAKE_OVER.value, "Take it over", "warning"),
                    (HolderAnswer.CANCEL.value, "Cancel", "default"),
                ],
                focus_key=HolderAnswer.READ_ONLY.value,
            ),
            answered,
        )

    def _open(self, opened: Session, *, offer_recovery: bool = False) -> None:
        self.session = opened
        self.refresh_title()
        self._replace_all(assessment_screen(opened.draft, today=self.today))
        if offer_recovery:
            offer = opened.recovery_offer()
            if isinstance(offer, FileProblem):
                self.show_problem(offer)
            elif isinstance(offer, RecoveryOffer):
                self.ask_recovery(opened, offer)

    def create_file(
        self, choice: FrameworkChoice, authority: str, path: Path, *, authority_code: str = ""
    ) -> None:
        """Start a new assessment and write it at once, so the file exists from the start."""
        from selfassess.files.store import held_by_other

        holder = held_by_other(path)
        if holder is not None:  # replacing it would undo their work, or theirs ours
            self.push_screen(
                ErrorDialog(
                    "Someone else has this file open",
                    f"{path.name}: {holder}",
                    "Choose another file name for the new assessment.",
                )
            )
            return
        try:
            details = {"authority_code": authority_code} if authority_code else None
            loaded = session.create(choice.framework, choice.file, authority, path, details=details)
        except OSError as exc:
            self.push_screen(
                ErrorDialog(
                    "The assessment could not be created",
                    f"{path}: {exc.strerror or exc}",
                    "Choose another folder, or check that you may save files there.",
                )
            )
            return
        self._claim(loaded, offer_recovery=False)

    def on_start_screen_new_assessment_chosen(self, event: StartScreen.NewAssessmentChosen) -> None:
        if self.confined:  # never shown then; a message from elsewhere opens nothing
            return
        self.create_file(
            event.choice, event.authority, event.path, authority_code=event.authority_code
        )

    def on_start_screen_file_chosen(self, event: StartScreen.FileChosen) -> None:
        if self.confined:
            return
        self.open_file(event.path)

    # --- recovery and autosave ------------------------------------------------------------

    def ask_recovery(self, opened: Session, offer: RecoveryOffer) -> None:
        """Unsaved work was left behind (a crash, a killed terminal): offer to restore it."""
        moment = long_date_time(offer.saved_at) if offer.saved_at else "an earlier session"

        def answered(answer: str | None) -> None:
            if answer == "restore":
                problem = opened.restore(offer)
                if problem is not None:
                    self.show_problem(problem)
                    return
                self._replace_all(assessment_screen(opened.draft, today=self.today))
                self.refresh_title()
                self.notify(
                    "The unsaved work was restored. Save to keep it.", timeout=5, markup=False
                )
            elif answer == "discard":
                opened.discard_recovery()
                self.notify("The unsaved work was discarded.", timeout=3, markup=False)

        self.push_screen(
            ChoiceDialog(
                f"Restore the unsaved work from {moment}?",
                f"{offer.path.name} was not saved the last time it was open (the program was "
                "closed or stopped before saving). The unsaved work was kept.",
                [
                    ("restore", "Restore", "primary"),
                    ("discard", "Discard", "error"),
                    ("later", "Decide later", "default"),
                ],
                focus_key="restore",
            ),
            answered,
        )

    def autosave(self) -> None:
        """Copy unsaved work to the recovery file beside the assessment (never the file itself).

        Runs every few seconds, so a crash or a lost connection costs seconds of work. The copy
        is taken here and written in the background: a slow network drive never holds up the
        screen.
        """
        opened = self.session
        if opened is None:
            return
        self._flush_edits()
        snapshot = opened.snapshot()
        if snapshot is not None:
            self._write_recovery(opened, snapshot)

    # A description of our own: Textual's default is the repr of the arguments, megabytes here.
    @work(thread=True, group="autosave", description="autosave")
    def _write_recovery(self, opened: Session, snapshot: RecoverySnapshot) -> None:
        # A copy that fails must never stop the person working: they are told, and carry on.
        try:
            opened.write_recovery(snapshot)
        except OSError as exc:
            self.call_from_thread(self._autosave_failed, exc.strerror or str(exc))
        except Exception as exc:
            self.call_from_thread(self._autosave_failed, str(exc))

    def _autosave_failed(self, reason: str) -> None:
        if self._autosave_warned:
            return
        self._autosave_warned = True
        self.notify(
            f"Your unsaved work could not be copied for safe keeping ({reason}). "
            "Save often with Ctrl+S.",
            title="Autosave",
            severity="warning",
            timeout=10,
            markup=False,
        )

    # --- migration ------------------------------------------------------------------------

    def ask_migration(self, offer: MigrationOffer) -> None:
        """The file was made against an older version of its framework: offer to carry it over
        to a new file (the original is never changed)."""
        lost = (
            "Everything recorded can be carried over."
            if not offer.dropped
            else "Could not be carried over (it stays in the original):\n"
            + "\n".join(f"• {line}" for line in offer.dropped)
        )
        name, output = offer.path.name, offer.output.name

        def answered(answer: str | None) -> None:
            if answer != "migrate":
                return
            try:
                written = session.carry_over(offer)
            except OSError as exc:
                self.push_screen(
                    ErrorDialog(
                        "The carried-over assessment could not be written",
                        f"{offer.output}: {exc.strerror or exc}",
                    )
                )
                return
            self.open_file(written)

        self.push_screen(
            ChoiceDialog(
                "This assessment was made against an older framework",
                f"{name} was made against version {offer.old_version} of "
                f"{offer.framework_id}, which is now version {offer.new_version}. It can be "
                f"carried over to a new file, {output}; {name} itself is not changed.\n\n{lost}",
                [
                    ("migrate", f"Carry it over to {output}", "primary"),
                    ("cancel", "Cancel", "default"),
                ],
                focus_key="migrate",
            ),
            answered,
        )

    # --- saving ---------------------------------------------------------------------------

    def _flush_edits(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.flush_edits()

    def action_save(self) -> None:
        self.save(then=None)

    def save(self, then: Callable[[], object] | None) -> None:
        """Save; if someone else saved the file meanwhile, ask before replacing it."""
        opened = self.session
        if opened is None:
            return
        if opened.draft.read_only:
            self.notify(
                plain(
                    f"{opened.path.name} is open read-only because a colleague has it open, so "
                    "it is not saved. "
                    + (
                        "Reload the page to open it again (once they have closed it)."
                        if self.confined
                        else "Close it and open it again to take it over."
                    )
                ),
                title="Read-only",
                severity="warning",
                markup=False,
            )
            return
        self._flush_edits()
        changed = opened.changed_on_disk()
        if changed is None:
            self._write(opened, then)
        else:
            self.ask_changed_on_disk(opened, changed, then)

    def ask_changed_on_disk(
        self, opened: Session, changed: ChangedOnDisk, then: Callable[[], object] | None
    ) -> None:
        def answered(answer: str | None) -> None:
            if answer == "yes":
                self._write(opened, then)
            elif answer == "copy":
                self._write(opened, then, copy_path=changed.copy_path)

        self.push_screen(
            ChoiceDialog(
                "The file changed since you opened it",
                f"Someone (or another program) saved {changed.path.name} after you opened it. "
                "Overwriting replaces their version with yours (theirs is kept as "
                f"{changed.path.name}.bak). Or save yours as {changed.copy_path.name} and "
                "compare them (selfassess diff).",
                [
                    ("yes", "Overwrite", "warning"),
                    ("copy", "Save as a copy", "primary"),
                    ("cancel", "Cancel", "default"),
                ],
                focus_key="cancel",
            ),
            answered,
        )

    def _write(
        self,
        opened: Session,
        then: Callable[[], object] | None,
        *,
        copy_path: Path | None = None,
    ) -> None:
        """Save the draft (to ``copy_path`` if given); if it cannot be, say so plainly."""
        target = copy_path or opened.path
        try:
            saved = opened.save() if copy_path is None else opened.save_as_copy(copy_path)
        except OSError as exc:
            self.push_screen(
                ErrorDialog(
                    "The assessment could not be saved",
                    f"{target}: {exc.strerror or exc}",
                    "Your changes are still here. Check the folder is there and you may save "
                    "to it, then save again.",
                )
            )
            return
        self.refresh_title()
        if saved.backup_problem:
            # Saved, but the promise of a .bak did not hold: say so, and keep it on screen.
            self.notify(
                plain(
                    f"Saved {opened.path.name}, but the previous version could not be kept: "
                    f"{saved.backup_problem}"
                ),
                severity="warning",
                timeout=30,
                markup=False,
            )
        else:
            self.notify(plain(f"Saved {opened.path.name}"), timeout=3, markup=False)
        if then is not None:
            then()

    # --- leaving --------------------------------------------------------------------------

    def _leave(self, then: Callable[[], object]) -> None:
        """Run ``then`` after asking Save / Discard / Cancel if there are unsaved changes."""
        opened = self.session
        self._flush_edits()
        if opened is None or not opened.draft.modified:
            then()
            return
        if self._asking_to_quit:
            return
        self._asking_to_quit = True

        def answered(answer: str | None) -> None:
            self._asking_to_quit = False
            if answer == "save":
                self.save(then=then)
            elif answer == "discard":
                opened.discard_recovery()  # a deliberate choice: nothing to recover
                then()

        self.push_screen(
            ChoiceDialog(
                "Save your changes?",
                f"You have changes to {opened.path.name} that are not saved yet.",
                [
                    ("save", "Save", "primary"),
                    ("discard", "Don't save", "error"),
                    ("cancel", "Cancel", "default"),
                ],
            ),
            answered,
        )

    async def action_quit(self) -> None:
        self._leave(self._quit_now)

    def _quit_now(self) -> None:
        self._release()
        self.exit(0)

    def action_close_file(self) -> None:
        def close() -> None:
            self._release()
            self.show_start()

        self._leave(close)

    def _release(self) -> None:
        if self.session is not None:
            self.session.release()

    def on_unmount(self) -> None:
        self._release()

    # --- exporting ------------------------------------------------------------------------

    def action_export(self) -> None:
        """Ask which format, then export the report in it."""
        if self.draft is None:
            self.notify("Open an assessment first, then export its report.", markup=False)
            return
        from selfassess.tui.dialogs.export import ExportDialog

        def answered(answer: str | None) -> None:
            if answer and answer != "cancel":
                self.export_report(answer)

        self.push_screen(ExportDialog(), answered)

    def action_export_report(self, fmt: str) -> None:
        self.export_report(fmt)

    def export_report(self, fmt: str) -> None:
        """Deliver the report in ``fmt``: a download in a browser; in a terminal, saved in a
        folder the user chooses (the last one used is offered)."""
        from selfassess.tui import exporting

        draft = self.draft
        if draft is None:
            return
        self._flush_edits()
        name = exporting.report_filename(draft.path, fmt)
        if self.is_web:
            data = self._build_report(fmt)
            if data is not None:
                self.deliver_binary(
                    io.BytesIO(data),
                    save_filename=name,
                    mime_type=exporting.FORMAT_BY_ID[fmt].mime_type,
                    name=name,
                )
            return
        from selfassess.tui.dialogs.forms import FolderDialog

        def chosen(folder: Path | None) -> None:
            if folder is None:
                return
            data = self._build_report(fmt)
            if data is None:
                return
            try:
                saved = exporting.save_report(data, folder, name)
            except OSError as exc:
                self.push_screen(
                    ErrorDialog(
                        "The report could not be saved",
                        f"{folder}: {exc.strerror or exc}",
                        "Choose another folder, or check that you may save files there.",
                    )
                )
                return
            what = "Self-evaluation" if fmt == exporting.SELF_EVALUATION.id else "Report"
            self.notify(plain(f"{what} saved as {saved}"), timeout=10, markup=False)

        self.push_screen(FolderDialog(exporting.suggested_folder(), name, cwd=self.cwd), chosen)

    def _build_report(self, fmt: str) -> bytes | None:
        """The report as it is now, or None after saying why it could not be made."""
        from selfassess.model.errors import SelfAssessError
        from selfassess.tui import exporting

        if self.draft is None:
            return None
        try:
            return exporting.build_report(self.draft, fmt)
        except (SelfAssessError, OSError) as exc:
            self.push_screen(ErrorDialog("The report could not be made", str(exc), ""))
            return None

    def on_delivery_complete(self, event: DeliveryComplete) -> None:
        self.notify(plain(f"{event.name} is in your browser's downloads."), markup=False)

    def on_delivery_failed(self, event: DeliveryFailed) -> None:
        self.notify(
            plain(f"{event.name} could not be saved: {event.exception}"),
            severity="error",
            timeout=10,
            markup=False,
        )

    # --- screens --------------------------------------------------------------------------

    def main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def action_back_to_main(self) -> None:
        """Close the screens above the assessment screen (the scorecard, help)."""
        main = self.main_screen()
        while main is not None and self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()

    def action_scorecard(self) -> None:
        if self.draft is None:
            return
        from selfassess.tui.screens.scorecard import ScorecardScreen

        self.action_back_to_main()
        self.push_screen(ScorecardScreen(self.draft))

    def action_peers(self) -> None:
        """The neighbours' Ofsted grades and the authority's inspection history: only for a
        framework with an inspectorate (a partnership's own framework has no grades to
        compare); for any other, a note says why there is nothing to show."""
        if self.draft is None:
            return
        from selfassess.tui.screens.peers import PeersScreen, no_peers_note

        if not self.draft.framework.compares_published:
            self.notify(no_peers_note(self.draft.framework), title="Neighbours", markup=False)
            return

        self.action_back_to_main()
        self.push_screen(PeersScreen(self.draft.assessment, self.today))

    def on_scorecard_requested(self, message: ScorecardRequested) -> None:
        self.action_scorecard()

    def action_help(self) -> None:
        from selfassess.tui.screens.help import HelpScreen, describe_keys

        if isinstance(self.screen, HelpScreen):
            return
        main = self.main_screen()
        bindings = [*(type(main).BINDINGS if main else []), *self.BINDINGS]
        framework = self.draft.framework if self.draft else None
        if framework is not None and not framework.compares_published:
            # no neighbours' grades to show (see action_peers): the key is not listed
            bindings = [b for b in bindings if not (isinstance(b, Binding) and b.id == "app.peers")]
        self.push_screen(HelpScreen(describe_keys(self, bindings, self.keymap), framework))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK


def make_app(
    path: Path | None,
    *,
    frameworks: list[FrameworkChoice] | None = None,
    cwd: Path | None = None,
    today: datetime.date | None = None,
    theme: str = DARK,
    keymap: dict[str, str] | None = None,
    confined: bool = False,
) -> SelfAssessApp:
    """The app, for the command line and the tests.

    ``frameworks`` replaces the bundled ones on the start screen; ``cwd`` and ``today`` make
    runs repeatable; ``keymap`` maps binding ids (e.g. ``rate.red``) to other keys;
    ``confined`` keeps the app to ``path`` (for ``serve FILE``: no start screen).
    """
    app = SelfAssessApp(
        path, frameworks=frameworks, cwd=cwd, today=today, theme=theme, confined=confined
    )
    if keymap:
        app.set_keymap(keymap)
    return app


def keymap_path() -> Path:
    """Where a user may change keys: ``keys.toml`` in the settings folder (see ``files.paths``)."""
    return config_dir() / "keys.toml"


def load_keymap(path: Path) -> tuple[dict[str, str], str]:
    """Key changes from ``path`` (binding id = "keys"), and a problem to tell the user, if any.

    A missing file is normal; a broken one must not stop the app, so its problem is returned
    to be shown once, and the usual keys are used.
    """
    if not path.exists():
        return {}, ""
    try:
        data = tomli.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
        return {}, f"{path} could not be read ({exc}); the usual keys are used."
    keys = data.get("keys", data)
    flat: dict[str, str] = {}

    def walk(table: dict[str, object], prefix: str) -> bool:
        # rate.red = "1" is a dotted key in TOML, read back as {"rate": {"red": "1"}}
        for key, value in table.items():
            if isinstance(value, dict):
                if not walk(value, f"{prefix}{key}."):
                    return False
            elif isinstance(value, str):
                flat[f"{prefix}{key}"] = value
            else:
                return False
        return True

    if not isinstance(keys, dict) or not walk(keys, ""):
        return {}, f'{path}: write each change as  rate.red = "1"  ; the usual keys are used.'
    return flat, ""


def run_tui(path: Path | None, *, confined: bool = False) -> int:
    """Run the app until the user quits; returns the exit code."""
    keymap, problem = load_keymap(keymap_path())
    app = make_app(path, keymap=keymap, confined=confined)
    app.startup_warning = problem
    app.run()
    return app.return_code or 0
