"""The selfassess app: opening, creating, saving and closing assessment files, and the screens.

``make_app`` builds the app for the command line and for the tests alike; ``run_tui`` runs it.
The app owns the open ``Draft`` and every file operation (through ``store``), so the screens
only show and edit.
"""

from __future__ import annotations

import datetime
import gc
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import tomli
from textual.app import App
from textual.binding import Binding, BindingType
from textual.events import DeliveryComplete, DeliveryFailed

from selfassess.files import locking

from selfassess.files import recent
from selfassess.model.assessment import check_assessment, decode_assessment, new_assessment
from selfassess.model.editing import Draft
from selfassess.model.errors import InputError, Problem
from selfassess.views.render import plain
from selfassess.files.store import (
    bundled_framework_files,
    dumps_assessment,
    framework_for,
    load_assessment,
    load_framework,
    parse_toml,
    read_toml,
    relative_path,
    save_assessment,
)
from selfassess.tui.dialogs.messages import ChoiceDialog, ErrorDialog
from selfassess.tui.screens.main import MainScreen

if TYPE_CHECKING:
    # Only the assessment screen is needed to start; the others are imported when first shown.
    from selfassess.tui.screens.start import StartScreen
    from selfassess.tui.widgets.framework_list import FrameworkChoice

UNSAVED = "● unsaved"
READ_ONLY = "read-only"
AUTOSAVE_SECONDS = 5.0
"""How often unsaved work is copied to the recovery file beside the assessment."""
DARK, LIGHT = "textual-dark", "textual-light"


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
    """Self-assessment against Ofsted's ILACS framework, for children's services managers."""

    CSS_PATH = "selfassess.tcss"
    TITLE = "selfassess"

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
            tooltip="Export the report as Word, HTML, Markdown or CSV",
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
    ) -> None:
        super().__init__()
        self.start_path = path
        self._frameworks = frameworks
        self.cwd = cwd or Path.cwd()
        self.today = today or datetime.date.today()
        self.theme = theme
        self.draft: Draft | None = None
        self.stamp: locking.Stamp | None = None
        self.startup_warning = ""
        """Shown once when the app starts (e.g. a key settings file that could not be read)."""
        self._asking_to_quit = False
        self._recovery_written = ""
        """The text last written to the recovery file (not written again if unchanged)."""
        self._autosave_warned = False
        self._collect_when_ready = False

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Run with Python's cyclic garbage collector paused until the first screen is drawn.

        Starting makes hundreds of thousands of objects that live as long as the app (Textual's
        styles and widgets, the framework, the assessment), and the collector would walk them
        again and again while they are made (some 50 ms here). When the screen is up they are
        set aside for good (``gc.freeze``) and collection goes on as usual for the rest.
        """
        self._collect_when_ready = gc.isenabled()
        gc.disable()
        try:
            return super().run(*args, **kwargs)
        finally:
            if self._collect_when_ready:
                gc.enable()

    def on_ready(self) -> None:
        if self._collect_when_ready:
            gc.freeze()
            gc.enable()

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
        """Saving and closing need an open assessment (the start screen has none)."""
        if action in {"save", "close_file"}:
            return self.draft is not None
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

    # --- start, open, create --------------------------------------------------------------

    def show_start(
        self, *, new_path: Path | None = None, open_path: Path | None = None, notice: str = ""
    ) -> None:
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
        self.draft = None
        self.refresh_title()
        self._replace_all(screen)

    def _on_start_screen(self) -> bool:
        """Whether the start screen is showing (imported only here and when first shown: it is
        not needed to open a file, and the app starts quicker without it)."""
        from selfassess.tui.screens.start import StartScreen

        return isinstance(self.screen, StartScreen)

    def _replace_all(self, screen: StartScreen | MainScreen) -> None:
        """Make ``screen`` the only screen above the app's blank base screen."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    def open_file(self, path: Path, *, from_command_line: bool = False) -> None:
        """Open an assessment; a file that does not exist yet is offered to be created.

        A file that cannot be used is never written: the full list of its problems is shown,
        and the user is back at the start screen.
        """
        path = path.expanduser()
        if not path.is_absolute():
            path = self.cwd / path
        if from_command_line and not path.exists():
            self.show_start(
                new_path=path,
                notice=f"{path} does not exist yet. To start a new assessment in it, choose "
                "the framework and type the name of the local authority.",
            )
            return
        try:
            loaded = load_assessment(path)
        except InputError as exc:
            if not self._on_start_screen():
                self.show_start(open_path=path)
            if any(p.place == "framework_version" for p in exc.problems):
                self.offer_migration(path)
                return
            self.push_screen(
                ErrorDialog(
                    "This file could not be opened",
                    exc.summary(),
                    "The file has not been changed. Correct it in a text editor, or open "
                    "another file.",
                )
            )
            return
        self._check_holder(
            path,
            lambda read_only: self._open_draft(
                Draft(path, loaded.framework, loaded.assessment, read_only=read_only),
                offer_recovery=True,
            ),
        )

    def _check_holder(self, path: Path, then: Callable[[bool], None]) -> None:
        """If a colleague has the file open, say who and since when, and let the user decide:
        open it read-only (the safe choice), knowingly take it over, or cancel.

        ``then`` is called with whether the file is to be opened read-only.
        """
        try:
            holder = locking.acquire(path)
        except OSError:
            holder = None  # a read-only folder: nothing to lock, and nothing lost
        if holder is None:
            then(False)
            return

        def answered(answer: str | None) -> None:
            if answer == "take":
                try:
                    locking.acquire(path, take_over=True)
                except OSError:
                    pass
                then(False)
            elif answer == "read":
                then(True)
            elif not self._on_start_screen():
                self.show_start(open_path=path)

        self.push_screen(
            ChoiceDialog(
                "Someone else has this file open",
                f"{holder.describe()}. Open it read-only to look without changing it. If you "
                "take it over and you both make changes, one of you will lose them when the "
                "other saves.",
                [
                    ("read", "Open read-only", "primary"),
                    ("take", "Take it over", "warning"),
                    ("cancel", "Cancel", "default"),
                ],
                focus_key="read",
            ),
            answered,
        )

    def _open_draft(self, draft: Draft, *, offer_recovery: bool = False) -> None:
        self.draft = draft
        self.stamp = locking.Stamp.of(draft.path)
        self._recovery_written = ""
        recent.remember(draft.path)
        self.refresh_title()
        self._replace_all(MainScreen(draft, today=self.today))
        if offer_recovery and not draft.read_only:
            self.offer_recovery()

    # --- autosave and recovery ------------------------------------------------------------

    def autosave(self) -> None:
        """Copy unsaved work to the recovery file beside the assessment (never the file itself).

        Runs every few seconds; a crash or a lost connection then costs seconds of work.
        """
        draft = self.draft
        if draft is None or draft.read_only:
            return
        self._flush_edits()
        if not draft.modified:
            if self._recovery_written:
                locking.discard_recovery(draft.path)
                self._recovery_written = ""
            return
        text = dumps_assessment(draft.assessment, draft.framework)
        if text == self._recovery_written:
            return
        try:
            locking.write_recovery(draft.path, text)
        except OSError as exc:
            if not self._autosave_warned:
                self._autosave_warned = True
                self.notify(
                    f"Unsaved work could not be copied for recovery ({exc.strerror or exc}). "
                    "Save often.",
                    title="Autosave",
                    severity="warning",
                    markup=False,
                )
            return
        self._recovery_written = text

    def offer_recovery(self) -> None:
        """If unsaved work was left behind (a crash, a killed terminal), offer to restore it."""
        draft = self.draft
        if draft is None:
            return
        text = locking.read_recovery(draft.path)
        recovery = locking.recovery_path(draft.path)
        if text is None:
            if recovery.exists():
                self._report_bad_recovery(recovery, "it is not readable UTF-8 text")
            return
        try:
            saved = draft.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            saved = None
        if text == saved or text == dumps_assessment(draft.assessment, draft.framework):
            locking.discard_recovery(draft.path)  # nothing was lost
            return
        try:
            when = datetime.datetime.fromtimestamp(recovery.stat().st_mtime)
            moment = when.strftime("%-d %B %Y at %H:%M")
        except OSError:
            moment = "an earlier session"

        def answered(answer: str | None) -> None:
            if answer == "restore":
                self.restore_recovery(text)
            elif answer == "discard":
                locking.discard_recovery(draft.path)
                self.notify("The unsaved work was discarded.", timeout=3, markup=False)

        self.push_screen(
            ChoiceDialog(
                f"Restore the unsaved work from {moment}?",
                f"{draft.path.name} was not saved the last time it was open (the program was "
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

    def restore_recovery(self, text: str) -> None:
        """Put the recovered work in the open draft, checked like any file; unsaved until saved."""
        draft = self.draft
        if draft is None:
            return
        recovery = locking.recovery_path(draft.path)
        try:
            data = parse_toml(text.encode("utf-8"), recovery)
            assessment, problems = decode_assessment(data, str(recovery))
            if assessment is None:
                raise InputError(recovery, problems)
            if (assessment.framework, assessment.framework_version) != (
                draft.framework.id,
                draft.framework.version,
            ):
                problems.append(
                    Problem("framework", "it was made against another framework than the file")
                )
            else:
                problems += check_assessment(assessment, draft.framework)
            if problems:
                raise InputError(recovery, problems)
        except InputError as exc:
            self._report_bad_recovery(recovery, exc.summary())
            return
        draft.restore(assessment)
        self._replace_all(MainScreen(draft, today=self.today))
        self.refresh_title()
        self.notify("The unsaved work was restored. Save to keep it.", timeout=5, markup=False)

    def _report_bad_recovery(self, recovery: Path, problem: str) -> None:
        self.push_screen(
            ErrorDialog(
                "The unsaved work could not be restored",
                problem,
                f"The saved version is open. The recovery file was kept as {recovery}, so "
                "nothing more is lost; it is a text file you can look at.",
            )
        )

    # --- migration ------------------------------------------------------------------------

    def offer_migration(self, path: Path) -> None:
        """The file was made against an older version of its framework: offer to carry it over
        to a new file (the original is never changed)."""
        from selfassess.model.migration import migrate

        try:
            assessment, problems = decode_assessment(read_toml(path), str(path))
            if assessment is None:
                raise InputError(path, problems)
            target = framework_for(assessment, path)
        except InputError as exc:
            self.push_screen(ErrorDialog("This file could not be opened", exc.summary()))
            return
        migrated, report = migrate(assessment, target)
        output = _free_name(path, "migrated")
        lost = (
            "Everything recorded can be carried over."
            if not report.dropped
            else "Could not be carried over (it stays in the original):\n"
            + "\n".join(f"• {line}" for line in report.dropped)
        )

        def answered(answer: str | None) -> None:
            if answer != "migrate":
                return
            try:
                save_assessment(migrated, output, target)
            except OSError as exc:
                self.push_screen(
                    ErrorDialog(
                        "The carried-over assessment could not be written",
                        f"{output}: {exc.strerror or exc}",
                    )
                )
                return
            self.open_file(output)

        self.push_screen(
            ChoiceDialog(
                "This assessment was made against an older framework",
                f"{path.name} was made against version {assessment.framework_version} of "
                f"{target.id}, which is now version {target.version}. It can be carried over "
                f"to a new file, {output.name}; {path.name} itself is not changed.\n\n{lost}",
                [
                    ("migrate", f"Carry it over to {output.name}", "primary"),
                    ("cancel", "Cancel", "default"),
                ],
                focus_key="migrate",
            ),
            answered,
        )

    def create_file(self, choice: FrameworkChoice, authority: str, path: Path) -> None:
        """Start a new assessment and write it at once, so the file exists from the start."""
        framework_file = relative_path(choice.file, path.parent) if choice.file is not None else ""
        assessment = new_assessment(choice.framework, authority, framework_file=framework_file)
        try:
            save_assessment(assessment, path, choice.framework)
        except OSError as exc:
            self.push_screen(
                ErrorDialog(
                    "The assessment could not be created",
                    f"{path}: {exc.strerror or exc}",
                    "Choose another folder, or check that you may save files there.",
                )
            )
            return
        self._check_holder(
            path,
            lambda read_only: self._open_draft(
                Draft(path, choice.framework, assessment, read_only=read_only)
            ),
        )

    def on_start_screen_new_assessment_chosen(self, event: StartScreen.NewAssessmentChosen) -> None:
        self.create_file(event.choice, event.authority, event.path)

    def on_start_screen_file_chosen(self, event: StartScreen.FileChosen) -> None:
        self.open_file(event.path)

    # --- saving ---------------------------------------------------------------------------

    def _flush_edits(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.flush_edits()

    def action_save(self) -> None:
        self.save(then=None)

    def save(self, then: Callable[[], object] | None) -> None:
        """Save atomically; if someone else saved the file meanwhile, ask before replacing it."""
        draft = self.draft
        if draft is None:
            return
        if draft.read_only:
            self.notify(
                f"{draft.path.name} is open read-only because a colleague has it open, so it "
                "is not saved. Close it and open it again to take it over.",
                title="Read-only",
                severity="warning",
                markup=False,
            )
            return
        self._flush_edits()
        if self.stamp is not None and locking.changed_on_disk(draft.path, self.stamp):
            copy_path = _free_name(draft.path, "copy")

            def answered(answer: str | None) -> None:
                if answer == "yes":
                    self._write(then)
                elif answer == "copy":
                    self._save_as_copy(copy_path, then)

            self.push_screen(
                ChoiceDialog(
                    "The file changed since you opened it",
                    f"Someone (or another program) saved {draft.path} after you opened it. "
                    "Overwriting replaces their version with yours (theirs is kept as "
                    f"{draft.path.name}.bak). Or save yours as {copy_path.name} and compare "
                    "them (selfassess diff).",
                    [
                        ("yes", "Overwrite", "warning"),
                        ("copy", "Save as a copy", "primary"),
                        ("cancel", "Cancel", "default"),
                    ],
                    focus_key="cancel",
                ),
                answered,
            )
            return
        self._write(then)

    def _save_as_copy(self, copy_path: Path, then: Callable[[], object] | None) -> None:
        """Save to a new file beside the original and carry on editing the copy."""
        draft = self.draft
        assert draft is not None
        original = draft.path
        draft.path = copy_path
        if not self._write(then):
            draft.path = original
            return
        locking.discard_recovery(original)
        try:
            locking.release(original)
            locking.acquire(copy_path)
        except OSError:
            pass

    def _write(self, then: Callable[[], object] | None) -> bool:
        """Save the draft to its file; whether it was saved (if not, the user was told)."""
        draft = self.draft
        assert draft is not None
        try:
            save_assessment(draft.assessment, draft.path, draft.framework)
        except OSError as exc:
            self.push_screen(
                ErrorDialog(
                    "The assessment could not be saved",
                    f"{draft.path}: {exc.strerror or exc}",
                    "Your changes are still here. Check the folder is there and you may save "
                    "to it, then save again.",
                )
            )
            return False
        draft.mark_saved()
        locking.discard_recovery(draft.path)
        self._recovery_written = ""
        self.stamp = locking.Stamp.of(draft.path)
        recent.remember(draft.path)
        self.refresh_title()
        self.notify(f"Saved {draft.path.name}", timeout=3, markup=False)
        if then is not None:
            then()
        return True

    # --- leaving --------------------------------------------------------------------------

    def _leave(self, then: Callable[[], object]) -> None:
        """Run ``then`` after asking Save / Discard / Cancel if there are unsaved changes."""
        draft = self.draft
        self._flush_edits()
        if draft is None or not draft.modified:
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
                locking.discard_recovery(draft.path)  # a deliberate choice: nothing to recover
                then()

        self.push_screen(
            ChoiceDialog(
                "Save your changes?",
                f"You have changes to {draft.path.name} that are not saved yet.",
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
        if self.draft is not None:
            try:
                locking.release(self.draft.path)
            except OSError:
                pass

    def on_unmount(self) -> None:
        self._release()

    # --- exporting ------------------------------------------------------------------------

    def action_export(self) -> None:
        """Ask which format, then export the report in it."""
        if self.draft is None:
            self.notify("Open an assessment first, then export its report.", markup=False)
            return
        from selfassess.tui.exporting import REPORT_FORMATS

        def answered(answer: str | None) -> None:
            if answer and answer != "cancel":
                self.export_report(answer)

        self.push_screen(
            ChoiceDialog(
                "Export the report",
                "The scorecard and the detail per criterion, as they are now (saved or not).",
                [(f.id, f.label, "primary") for f in REPORT_FORMATS]
                + [("cancel", "Cancel", "default")],
            ),
            answered,
        )

    def export_report(self, fmt: str) -> None:
        """Deliver the report in ``fmt``: a download in a browser, else the downloads folder."""
        import io

        from selfassess.model.errors import SelfAssessError
        from selfassess.tui import exporting

        draft = self.draft
        if draft is None:
            return
        self._flush_edits()
        name = exporting.report_filename(draft.path, fmt)
        try:
            data = exporting.build_report(draft, fmt)
            if not self.is_web:
                saved = exporting.save_in_downloads(data, name)
                self.notify(f"Report saved as {saved}", timeout=10, markup=False)
                return
        except (SelfAssessError, OSError) as exc:
            self.push_screen(ErrorDialog("The report could not be made", str(exc), ""))
            return
        self.deliver_binary(
            io.BytesIO(data),
            save_filename=name,
            mime_type=exporting.FORMAT_BY_ID[fmt].mime_type,
            name=name,
        )

    def on_delivery_complete(self, event: DeliveryComplete) -> None:
        self.notify(f"{event.name} is in your browser's downloads.", markup=False)

    def on_delivery_failed(self, event: DeliveryFailed) -> None:
        self.notify(
            f"{event.name} could not be saved: {event.exception}",
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

    def back_to_main(self) -> None:
        """Close the screens above the assessment screen (the scorecard, help)."""
        main = self.main_screen()
        while main is not None and self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()

    def show_scorecard(self) -> None:
        if self.draft is None:
            return
        self.back_to_main()
        # One scorecard screen per open assessment, kept installed: building its widgets and
        # styles is most of the cost of opening it, and it recomputes the scores on each resume.
        if not self.is_screen_installed("scorecard") or (
            self.get_screen("scorecard").draft is not self.draft  # type: ignore[attr-defined]
        ):
            if self.is_screen_installed("scorecard"):
                self.uninstall_screen("scorecard")
            from selfassess.tui.screens.scorecard import ScorecardScreen

            self.install_screen(ScorecardScreen(self.draft), name="scorecard")
        self.push_screen("scorecard")

    def action_help(self) -> None:
        from selfassess.tui.screens.help import HelpScreen, describe_keys

        if isinstance(self.screen, HelpScreen):
            return
        main = self.main_screen()
        screens: list[object] = [main] if main else []
        framework = self.draft.framework if self.draft else None
        self.push_screen(HelpScreen(describe_keys(self, screens), framework))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK


def _free_name(path: Path, word: str) -> Path:
    """``NAME-word.toml`` beside ``path`` (``NAME-word-2.toml`` ... if taken): never an
    existing file."""
    candidate = path.with_name(f"{path.stem}-{word}{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{word}-{number}{path.suffix}")
        number += 1
    return candidate


def make_app(
    path: Path | None,
    *,
    frameworks: list[FrameworkChoice] | None = None,
    cwd: Path | None = None,
    today: datetime.date | None = None,
    theme: str = DARK,
    keymap: dict[str, str] | None = None,
) -> SelfAssessApp:
    """The app, for the command line and the tests.

    ``frameworks`` replaces the bundled ones on the start screen; ``cwd`` and ``today`` make
    runs repeatable; ``keymap`` maps binding ids (e.g. ``rate.red``) to other keys.
    """
    app = SelfAssessApp(path, frameworks=frameworks, cwd=cwd, today=today, theme=theme)
    if keymap:
        app.set_keymap(keymap)
    return app


def keymap_path() -> Path:
    """Where a user may change keys: ``$XDG_CONFIG_HOME/selfassess/keys.toml``."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "selfassess" / "keys.toml"


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


def run_tui(path: Path | None) -> int:
    """Run the app until the user quits; returns the exit code."""
    keymap, problem = load_keymap(keymap_path())
    app = make_app(path, keymap=keymap)
    app.startup_warning = problem
    app.run()
    return app.return_code or 0
