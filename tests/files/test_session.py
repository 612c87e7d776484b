"""The open-assessment object without any user interface: what it does on its own, and the
questions it returns for the user (a colleague's lock, unsaved work left behind, someone else's
save, an older framework)."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from selfassess.files import locking, session
from selfassess.files.session import (
    ChangedOnDisk,
    FileProblem,
    HeldByColleague,
    MigrationOffer,
    Missing,
    RecoveryOffer,
    Session,
)
from selfassess.files.store import Loaded, dumps_assessment, load_assessment, load_framework
from selfassess.model.assessment import Assessment, Evidence

FIXTURES = Path(__file__).parent.parent / "tui" / "fixtures"


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the recent-files list out of the real home."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "state"))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """An assessment made against a practice framework, in a folder of its own."""
    folder = tmp_path / "work"
    folder.mkdir()
    for name in ("practice-framework.toml", "anytown.toml"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder / "anytown.toml"


def opened(path: Path, *, read_only: bool = False) -> Session:
    loaded = session.read(path)
    assert isinstance(loaded, Loaded)
    return Session(loaded, read_only=read_only)


@pytest.fixture
def colleague(path: Path, held_by_colleague: Callable[[Path], None]) -> None:
    """A colleague's app holds the file."""
    held_by_colleague(path)


def test_it_needs_no_user_interface() -> None:
    code = (
        "import sys, selfassess.files.session; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


# --- opening ---------------------------------------------------------------------------------


def test_a_good_file_is_read(path: Path) -> None:
    loaded = session.read(path)
    assert isinstance(loaded, Loaded) and loaded.framework.id == "practice"


def test_a_missing_file_may_be_created_or_is_a_problem(path: Path) -> None:
    new = path.with_name("new.toml")
    assert session.read(new, missing_is_new=True) == Missing(new)
    problem = session.read(new)
    assert isinstance(problem, FileProblem) and "new.toml" in problem.message


def test_a_broken_file_is_a_problem_and_is_not_changed(path: Path) -> None:
    path.write_text('authority = "Half a fi', encoding="utf-8")
    problem = session.read(path)
    assert isinstance(problem, FileProblem)
    assert "could not be opened" in problem.title and "has not been changed" in problem.advice
    assert path.read_text(encoding="utf-8") == 'authority = "Half a fi'


def test_a_colleagues_lock_is_a_question(path: Path, colleague: None) -> None:
    held = session.claim(path)
    assert isinstance(held, HeldByColleague)
    assert held.holder.startswith("alex on ") and "31 May 2024" in held.holder
    assert session.claim(path, take_over=True) is None
    assert locking.read_holder(path).pid == os.getpid()  # type: ignore[union-attr]


def test_a_free_file_is_claimed_and_released(path: Path) -> None:
    assert session.claim(path) is None
    assert locking.lock_path(path).exists()
    opened(path).release()
    assert not locking.lock_path(path).exists()


def test_a_new_assessment_is_written_at_once(path: Path) -> None:
    framework_file = path.with_name("practice-framework.toml")
    target = path.with_name("new.toml")
    loaded = session.create(load_framework(framework_file), framework_file, "Newtown", target)
    assert load_assessment(target).assessment == loaded.assessment
    assert loaded.assessment.framework_file == "practice-framework.toml"


def test_an_older_framework_version_is_offered_to_be_carried_over(path: Path) -> None:
    framework_path = path.with_name("practice-framework.toml")
    text = framework_path.read_text(encoding="utf-8")
    start = text.index('[[judgements.criteria]]\nid = "hp-plans"')
    end = text.index("[[judgements]]", start)
    text = text[:start] + text[end:]
    framework_path.write_text(text.replace('version = "1"', 'version = "99"', 1), encoding="utf-8")
    before = path.read_bytes()
    offer = session.read(path)
    assert isinstance(offer, MigrationOffer)
    assert (offer.old_version, offer.new_version) == ("1", "99")
    assert offer.output == path.with_name("anytown-migrated.toml")
    assert any("hp-plans" in line for line in offer.dropped)
    written = session.carry_over(offer)
    assert load_assessment(written).assessment.framework_version == "99"
    assert path.read_bytes() == before


# --- recovery and autosave ----------------------------------------------------------------


def recovered(path: Path) -> Assessment:
    """What the recovery file beside ``path`` holds."""
    return msgspec.json.decode(locking.recovery_path(path).read_bytes(), type=Assessment)


def autosave(opened: Session) -> None:
    snapshot = opened.snapshot()
    if snapshot is not None:
        opened.write_recovery(snapshot)


def test_unsaved_work_is_copied_and_offered_back(path: Path) -> None:
    first = opened(path)
    first.draft.set_rating("hp-strategy", "red")
    autosave(first)
    assert locking.recovery_path(path).exists()
    unsaved = first.draft.assessment

    second = opened(path)
    offer = second.recovery_offer()
    assert isinstance(offer, RecoveryOffer) and offer.saved_at is not None
    assert second.restore(offer) is None
    assert second.draft.assessment == unsaved and second.draft.modified
    second.save()
    assert not locking.recovery_path(path).exists()
    assert load_assessment(path).assessment == unsaved


def test_nothing_is_copied_when_nothing_changed(path: Path) -> None:
    current = opened(path)
    assert current.snapshot() is None
    current.draft.set_rating("hp-strategy", "red")
    autosave(current)
    current.draft.set_rating("hp-strategy", None)  # undone by hand
    autosave(current)
    assert not locking.recovery_path(path).exists()


def test_a_read_only_file_is_never_copied_or_offered(path: Path) -> None:
    locking.recovery_path(path).write_text("anything", encoding="utf-8")
    current = opened(path, read_only=True)
    assert current.recovery_offer() is None
    assert current.snapshot() is None


def test_a_recovery_with_nothing_new_is_removed_quietly(path: Path) -> None:
    locking.recovery_path(path).write_bytes(path.read_bytes())
    assert opened(path).recovery_offer() is None
    assert not locking.recovery_path(path).exists()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('authority = "Half a fi', "not valid TOML"),
        (None, "no-such-criterion"),
    ],
)
def test_a_bad_recovery_is_reported_and_kept(path: Path, text: str | None, said: str) -> None:
    if text is None:
        text = path.read_text(encoding="utf-8") + '\n[criteria.no-such-criterion]\nrating = "red"\n'
    locking.recovery_path(path).write_text(text, encoding="utf-8")
    current = opened(path)
    offer = current.recovery_offer()
    assert isinstance(offer, RecoveryOffer)
    problem = current.restore(offer)
    assert isinstance(problem, FileProblem) and said in problem.message
    assert "kept" in problem.advice and not current.draft.modified
    assert locking.recovery_path(path).read_text(encoding="utf-8") == text


def test_an_unreadable_recovery_is_reported(path: Path) -> None:
    locking.recovery_path(path).write_bytes(b"\xff\xfe not text")
    problem = opened(path).recovery_offer()
    assert isinstance(problem, FileProblem) and "UTF-8" in problem.message


def test_the_latest_copy_wins_and_a_save_is_never_undone(path: Path) -> None:
    current = opened(path)
    current.draft.set_rating("hp-strategy", "red")
    older = current.snapshot()
    current.draft.set_rating("hp-strategy", "green")
    newer = current.snapshot()
    assert older is not None and newer is not None
    current.write_recovery(newer)
    current.write_recovery(older)  # arrives late, as a slow write would
    assert recovered(path).rating("hp-strategy") == "green"

    current.draft.set_rating("hp-strategy", "amber")
    late = current.snapshot()
    current.save()
    assert late is not None
    current.write_recovery(late)  # started before the save, finished after it
    assert not locking.recovery_path(path).exists()


def test_copies_from_several_threads_are_written_one_at_a_time(path: Path) -> None:
    current = opened(path)
    snapshots = []
    for rating in ("red", "amber", "green", "red", "amber", "blue"):
        current.draft.set_rating("hp-strategy", rating)
        snapshot = current.snapshot()
        assert snapshot is not None
        snapshots.append(snapshot)
    threads = [threading.Thread(target=current.write_recovery, args=(s,)) for s in snapshots]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert recovered(path).rating("hp-strategy") == "blue"  # the newest, whatever the order
    offer = opened(path).recovery_offer()
    assert isinstance(offer, RecoveryOffer)


# --- saving ----------------------------------------------------------------------------------


def test_saving_keeps_the_previous_version(path: Path) -> None:
    before = path.read_bytes()
    current = opened(path)
    current.draft.set_rating("hp-strategy", "red")
    current.save()
    assert not current.draft.modified
    assert path.with_name("anytown.toml.bak").read_bytes() == before
    assert load_assessment(path).assessment.rating("hp-strategy") == "red"


def test_someone_elses_save_is_a_question(path: Path) -> None:
    current = opened(path)
    assert current.changed_on_disk() is None
    path.write_text(
        path.read_text(encoding="utf-8") + "\n# a colleague's change\n", encoding="utf-8"
    )
    changed = current.changed_on_disk()
    assert changed == ChangedOnDisk(path, path.with_name("anytown-copy.toml"))
    current.draft.set_rating("hp-strategy", "red")
    current.save_as_copy(changed.copy_path)
    assert current.path == changed.copy_path and current.changed_on_disk() is None
    assert "a colleague's change" in path.read_text(encoding="utf-8")
    assert load_assessment(changed.copy_path).assessment.rating("hp-strategy") == "red"


def test_a_failed_save_changes_nothing(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("selfassess.files.session.save_assessment", refuse)
    current = opened(path)
    current.draft.set_rating("hp-strategy", "red")
    with pytest.raises(PermissionError):
        current.save()
    assert current.draft.modified
    with pytest.raises(PermissionError):
        current.save_as_copy(path.with_name("copy.toml"))
    assert current.path == path


def test_a_save_that_could_not_keep_the_backup_says_why(path: Path) -> None:
    """The app promises the previous version is kept as .bak; when a folder is in the way, the
    save still happens and says plainly that no backup was kept."""
    path.with_name(path.name + ".bak").mkdir()
    editing = opened(path)
    editing.draft.assessment.period = "2026-27 Q3"
    saved = editing.save()
    assert saved.backup is None and saved.backup_problem
    assert "2026-27 Q3" in path.read_text(encoding="utf-8")


def test_a_copy_holds_the_work_as_it_was_when_it_was_taken(path: Path) -> None:
    """The copy is written in the background while the person carries on editing: what is
    written is the draft at the moment the copy was asked for, not a mixture."""
    current = opened(path)
    current.draft.set_rating("hp-strategy", "red")
    current.draft.add_evidence("hp-strategy", Evidence(what="Audit of 40 plans"))
    snapshot = current.snapshot()
    assert snapshot is not None
    at_the_time = copy.deepcopy(current.draft.assessment)
    current.draft.set_rating("hp-strategy", "green")  # edits made while the copy is written
    current.draft.add_evidence("hp-strategy", Evidence(what="Feedback from families"))
    current.draft.set_notes("hp-strategy", "More to come")
    current.write_recovery(snapshot)
    assert recovered(path) == snapshot.assessment == at_the_time
    offer = opened(path).recovery_offer()
    assert isinstance(offer, RecoveryOffer)


def test_a_recovery_file_from_an_earlier_version_is_read(path: Path) -> None:
    """Earlier versions wrote the recovery copy as TOML; it is still offered and restored."""
    current = opened(path)
    current.draft.set_rating("hp-strategy", "red")
    locking.recovery_path(path).write_text(
        dumps_assessment(current.draft.assessment, current.draft.framework), encoding="utf-8"
    )
    later = opened(path)
    offer = later.recovery_offer()
    assert isinstance(offer, RecoveryOffer)
    assert later.restore(offer) is None
    assert later.draft.assessment.rating("hp-strategy") == "red"


def test_a_recovery_holding_just_the_saved_work_is_removed(path: Path) -> None:
    saved_copy = session.RecoverySnapshot(99, msgspec.json.encode(opened(path).draft.assessment))
    locking.write_recovery(path, session.recovery_bytes(saved_copy))
    assert opened(path).recovery_offer() is None
    assert not locking.recovery_path(path).exists()


@pytest.mark.parametrize("text", ['{"authority": "Half a fi', '{"framework": 7}'])
def test_a_broken_json_recovery_is_reported_and_kept(path: Path, text: str) -> None:
    locking.recovery_path(path).write_text(text, encoding="utf-8")
    current = opened(path)
    offer = current.recovery_offer()
    assert isinstance(offer, RecoveryOffer)
    problem = current.restore(offer)
    assert isinstance(problem, FileProblem) and "kept" in problem.advice
    assert locking.recovery_path(path).read_text(encoding="utf-8") == text


def test_a_free_name_never_replaces_a_file(tmp_path: Path) -> None:
    from selfassess.files.store import free_name

    report = tmp_path / "report.docx"
    assert free_name(report) == report
    report.write_bytes(b"earlier")
    assert free_name(report) == tmp_path / "report-2.docx"
    (tmp_path / "report-2.docx").symlink_to(tmp_path / "gone")  # a dangling link is taken too
    assert free_name(report) == tmp_path / "report-3.docx"
