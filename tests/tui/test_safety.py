"""The app never loses or corrupts work: autosave and recovery, read-only when a colleague holds
the file, someone else's save detected, bad files refused, older files carried over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tui_helpers import record_notifications

from selfassess.files import locking
from selfassess.files.store import load_assessment
from selfassess.tui.app import READ_ONLY, UNSAVED, SelfAssessApp
from selfassess.tui.dialogs.messages import ChoiceDialog, ErrorDialog
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.widgets.record_lists import EvidenceList

AppFactory = Callable[..., SelfAssessApp]
ROOT = Path(__file__).parent.parent.parent


# --- autosave and recovery ---------------------------------------------------------------------


async def _rate_and_autosave(app_for: AppFactory, path: Path) -> object:
    """Make changes in one app, let it autosave, and leave without saving (as a crash would)."""
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("r", "c")
        screen.go_to("hp-strategy")
        await pilot.press("a")
        app.autosave()
        await app.workers.wait_for_complete()
        assert locking.recovery_path(path).exists()
        unsaved = app.draft.assessment
        # the app is torn down without the quit dialog, as a crash would leave it
        app.session = None
    return unsaved


async def test_autosave_is_offered_back_and_restores_exactly(
    app_for: AppFactory, assessment_path: Path
) -> None:
    saved = assessment_path.read_bytes()
    unsaved = await _rate_and_autosave(app_for, assessment_path)
    assert assessment_path.read_bytes() == saved  # autosave never touches the file itself

    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert dialog.title_text.startswith("Restore the unsaved work from ")
        await pilot.click("#choice-restore")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.draft.assessment == unsaved
        assert app.draft.modified and UNSAVED in app.sub_title
        await pilot.press("ctrl+s")
        assert not locking.recovery_path(assessment_path).exists()
    assert load_assessment(assessment_path).assessment == unsaved


async def test_recovery_can_be_discarded(app_for: AppFactory, assessment_path: Path) -> None:
    saved = load_assessment(assessment_path).assessment
    await _rate_and_autosave(app_for, assessment_path)
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert app.draft.assessment == saved and not app.draft.modified
    assert not locking.recovery_path(assessment_path).exists()


async def test_recovery_can_wait(app_for: AppFactory, assessment_path: Path) -> None:
    saved = load_assessment(assessment_path).assessment
    await _rate_and_autosave(app_for, assessment_path)
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.click("#choice-later")
        await pilot.pause()
        assert app.draft.assessment == saved and not app.draft.modified
        await pilot.press("q")
    assert locking.recovery_path(assessment_path).exists()
    app = app_for(assessment_path)
    async with app.run_test():
        assert isinstance(app.screen, ChoiceDialog)  # asked again next time


async def test_a_broken_recovery_file_is_reported_and_kept(
    app_for: AppFactory, assessment_path: Path
) -> None:
    saved = assessment_path.read_bytes()
    recovery = locking.recovery_path(assessment_path)
    recovery.write_text('authority = "Half a fi', encoding="utf-8")
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.click("#choice-restore")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ErrorDialog)
        assert "not valid TOML" in dialog.message
        await pilot.press("enter")
        assert not app.draft.modified
    assert recovery.read_text(encoding="utf-8") == 'authority = "Half a fi'
    assert assessment_path.read_bytes() == saved


async def test_recovery_with_unknown_ratings_is_never_applied(
    app_for: AppFactory, assessment_path: Path
) -> None:
    text = assessment_path.read_text(encoding="utf-8")
    bad = text + '\n[criteria.no-such-criterion]\nrating = "purple"\n'
    locking.recovery_path(assessment_path).write_text(bad, encoding="utf-8")
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.click("#choice-restore")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "no-such-criterion" in app.screen.message
    assert locking.recovery_path(assessment_path).read_text(encoding="utf-8") == bad


async def test_autosave_only_when_there_are_changes(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        app.autosave()
        await app.workers.wait_for_complete()
        assert not locking.recovery_path(assessment_path).exists()
        await pilot.press("r")
        app.autosave()
        await app.workers.wait_for_complete()
        assert locking.recovery_path(assessment_path).exists()
        await pilot.press("ctrl+s")
        assert not locking.recovery_path(assessment_path).exists()


async def test_autosave_runs_on_a_timer(
    app_for: AppFactory, assessment_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("selfassess.tui.app.AUTOSAVE_SECONDS", 0.1)
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("r")
        await pilot.pause(0.5)
        assert locking.recovery_path(assessment_path).exists()


async def test_a_failed_autosave_is_said_plainly_and_the_work_stays(
    app_for: AppFactory, assessment_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(locking, "write_recovery", refuse)
    app = app_for(assessment_path)
    messages = record_notifications(app)
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("r")
        app.autosave()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("could not be copied" in m and "Permission denied" in m for m in messages)
        assert app.draft.modified and UNSAVED in app.sub_title
        assert isinstance(app.screen, MainScreen)  # nothing in the way of carrying on


async def test_quitting_without_saving_discards_the_recovery_file(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("r")
        app.autosave()
        await app.workers.wait_for_complete()
        await pilot.press("q")
        await pilot.click("#choice-discard")
    assert not locking.recovery_path(assessment_path).exists()


_CRASHING_APP = textwrap.dedent(
    """
    import asyncio, datetime, sys
    from pathlib import Path
    import selfassess.tui.app as app_module
    from selfassess.files.store import load_framework
    from selfassess.tui.widgets.framework_list import FrameworkChoice

    app_module.AUTOSAVE_SECONDS = 0.2
    path = Path(sys.argv[1])
    choice = FrameworkChoice(load_framework(path.parent / "practice-framework.toml"))

    async def main():
        app = app_module.make_app(path, frameworks=[choice], today=datetime.date(2024, 6, 1))
        async with app.run_test() as pilot:
            await pilot.press("r", "c", "c")
            record = app.draft.record("ld-self-knowledge")
            print(record.rating, record.confidence, flush=True)
            while True:  # editing on, until the power goes
                await pilot.pause(0.1)

    asyncio.run(main())
    """
)


@pytest.fixture
def crashed_app(assessment_path: Path, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    script = tmp_path / "crashing_app.py"
    script.write_text(_CRASHING_APP, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, str(script), str(assessment_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


async def test_work_survives_kill_9(
    app_for: AppFactory, assessment_path: Path, crashed_app: subprocess.Popen[str]
) -> None:
    saved = assessment_path.read_bytes()
    assert crashed_app.stdout is not None
    rating, confidence = crashed_app.stdout.readline().split()
    recovery = locking.recovery_path(assessment_path)
    deadline = time.monotonic() + 30
    while not recovery.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert recovery.exists(), "the autosave never ran"
    time.sleep(0.5)  # confidence pressed twice: let the last autosave land
    os.kill(crashed_app.pid, signal.SIGKILL)
    crashed_app.wait()
    assert assessment_path.read_bytes() == saved
    assert locking.lock_path(assessment_path).exists()  # left behind, as after a real crash

    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, ChoiceDialog)  # the dead process's lock is not in the way
        assert app.screen.title_text.startswith("Restore the unsaved work")
        await pilot.click("#choice-restore")
        await pilot.pause()
        record = app.draft.record("ld-self-knowledge")
        assert (record.rating, record.confidence) == (rating, confidence) != ("red", None)
        assert app.draft.modified


# --- a colleague has the file open (the ``colleague`` fixture is in conftest.py) --------------


async def test_a_held_file_opens_read_only_and_refuses_changes(
    app_for: AppFactory, assessment_path: Path, colleague: None
) -> None:
    before = assessment_path.read_bytes()
    app = app_for(assessment_path)
    shown = record_notifications(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "alex" in dialog.message and "31 May 2024 at 09:30" in dialog.message
        await pilot.press("enter")  # the safe choice has the focus
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.draft.read_only
        assert READ_ONLY in app.sub_title
        await pilot.press("r", "c", "n")
        assert app.draft.record("ld-self-knowledge") == load_assessment(
            assessment_path
        ).assessment.record("ld-self-knowledge")
        assert any("read-only" in m for m in shown)
        await pilot.press("ctrl+s")
        assert any("is not saved" in m for m in shown)
        app.autosave()
        await app.workers.wait_for_complete()
        await pilot.press("q")
    assert assessment_path.read_bytes() == before
    assert not locking.recovery_path(assessment_path).exists()
    assert locking.read_holder(assessment_path).user == "alex"  # their lock is left alone


async def test_taking_over_is_a_knowing_choice(
    app_for: AppFactory, assessment_path: Path, colleague: None
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.click("#choice-take")
        await pilot.pause()
        assert not app.draft.read_only
        await pilot.press("r", "ctrl+s")
    assert load_assessment(assessment_path).assessment.rating("ld-self-knowledge") == "red"


async def test_two_apps_cannot_silently_overwrite_each_other(
    app_for: AppFactory, assessment_path: Path
) -> None:
    first, second = app_for(assessment_path), app_for(assessment_path)
    async with first.run_test() as one, second.run_test() as two:
        await one.press("r")
        await two.press("g")
        await one.press("ctrl+s")
        assert load_assessment(assessment_path).assessment.rating("ld-self-knowledge") == "red"
        await two.press("ctrl+s")
        dialog = second.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "changed since you opened it" in dialog.title_text
        await two.click("#choice-copy")
        await two.pause()
        copy = assessment_path.with_name("anytown-copy.toml")
        assert second.draft.path == copy and not second.draft.modified
    assert load_assessment(assessment_path).assessment.rating("ld-self-knowledge") == "red"
    assert load_assessment(copy).assessment.rating("ld-self-knowledge") == "green"


# --- bad files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"authority = [", "is not valid TOML"),
        (b"\x00\x01\x02\xff\xfe", "looks like binary data"),
        ("authority = 'Caf\u00e9'\n".encode("latin-1"), "is not UTF-8 text"),
        (b"", "is empty"),
        (
            b'format_version = 1\nframework = "practice"\nframework_version = "1"\n'
            b'authority = "A"\ncolour = "red"\n',
            "colour",
        ),
    ],
    ids=["malformed", "binary", "latin-1", "empty", "unknown-key"],
)
async def test_a_bad_file_gets_an_error_dialog_and_is_not_written(
    app_for: AppFactory, work: Path, content: bytes, expected: str
) -> None:
    path = work / "bad.toml"
    path.write_bytes(content)
    app = app_for(path)
    async with app.run_test() as pilot:
        dialog = app.screen
        assert isinstance(dialog, ErrorDialog)
        assert expected in dialog.message
        await pilot.press("enter", "ctrl+s", "q")
    assert path.read_bytes() == content
    assert sorted(p.name for p in work.iterdir()) == sorted(
        ["anytown.toml", "bad.toml", "practice-framework.toml"]
    )


async def test_a_folder_gets_an_error_dialog(app_for: AppFactory, work: Path) -> None:
    folder = work / "folder.toml"
    folder.mkdir()
    app = app_for(folder)
    async with app.run_test():
        assert isinstance(app.screen, ErrorDialog)
        assert "is a folder" in app.screen.message


async def test_a_huge_file_gets_an_error_dialog(app_for: AppFactory, work: Path) -> None:
    path = work / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: no disk used
    app = app_for(path)
    async with app.run_test():
        assert isinstance(app.screen, ErrorDialog)
        assert "too large" in app.screen.message


async def test_very_long_evidence_loads_and_displays(
    app_for: AppFactory, assessment_path: Path
) -> None:
    long_text = "Audit " + "x" * 1_000_000 + " END"
    text = assessment_path.read_text(encoding="utf-8")
    text += (
        '\n[criteria.cc-missing]\nrating = "green"\n'
        f'[[criteria.cc-missing.evidence]]\nwhat = "{long_text}"\n'
    )
    assessment_path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    app = app_for(assessment_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.go_to("cc-missing")
        await pilot.pause()
        assert app.draft.record("cc-missing").evidence[0].what == long_text
        shown = str(screen.panel.query_one(EvidenceList).item_at(0))
        assert shown.startswith("Audit xxx")
        assert len(shown) < 2_000  # cut short for display, not a megabyte in a list row
    assert time.monotonic() - started < 30


# --- older framework versions -----------------------------------------------------------------


async def test_an_older_file_is_offered_migration_to_a_new_file(
    app_for: AppFactory, work: Path
) -> None:
    # version 99 of the practice framework drops "hp-plans", which the assessment rates
    framework = (work / "practice-framework.toml").read_text(encoding="utf-8")
    start = framework.index('[[judgements.criteria]]\nid = "hp-plans"')
    end = framework.index("[[judgements]]", start)
    framework = framework[:start] + framework[end:]
    (work / "practice-framework.toml").write_text(
        framework.replace('version = "1"', 'version = "99"', 1), encoding="utf-8"
    )
    old = work / "old.toml"
    text = (work / "anytown.toml").read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    before = old.read_bytes()
    app = app_for(old)
    async with app.run_test() as pilot:
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "older framework" in dialog.title_text
        assert "old-migrated.toml" in dialog.message
        assert "hp-plans" in dialog.message  # what could not be carried over is listed
        await pilot.click("#choice-migrate")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.draft.path == work / "old-migrated.toml"
    assert old.read_bytes() == before
    assert load_assessment(work / "old-migrated.toml").assessment.framework_version == "99"
