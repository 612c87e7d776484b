"""The list of recently opened assessment files, kept in the user's state folder.

Stored as JSON in ``recent.json`` in the app's state folder (see ``selfassess.files.paths``:
the local AppData on Windows, ``~/.local/state/selfassess`` on Linux). A missing or damaged
list is treated as empty and never stops the app: losing the list of recent files costs a
little typing, nothing more.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path

from selfassess.files.paths import state_dir
from selfassess.files.store import write_text_atomic
from selfassess.model.dates import long_date_time

MAX_RECENT = 10


@dataclass(frozen=True, slots=True)
class RecentFile:
    """A file opened before, and when it was last opened (local time, ISO format)."""

    path: Path
    opened: str

    def when(self) -> str:
        """When it was last opened, for people, e.g. "3 March 2025 at 14:05"."""
        try:
            moment = datetime.datetime.fromisoformat(self.opened)
        except ValueError:
            return self.opened
        return long_date_time(moment)


def recent_path() -> Path:
    """Where the list is kept."""
    return state_dir() / "recent.json"


def load_recent() -> list[RecentFile]:
    """Recent files, most recent first; files that no longer exist are left out."""
    try:
        data = json.loads(recent_path().read_text(encoding="utf-8"))
        entries = [RecentFile(Path(item["path"]), str(item["opened"])) for item in data["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [entry for entry in entries if entry.path.is_file()]


def remember(path: Path, now: datetime.datetime | None = None) -> None:
    """Put ``path`` at the top of the list. Failing to write the list is not an error."""
    # Not resolve(): on Windows it turns a file on a mapped drive (S:\SEF.toml) into its
    # network name (\\server\share\SEF.toml), which people would not recognise in the list.
    path = Path(os.path.abspath(path))
    moment = (now or datetime.datetime.now()).replace(microsecond=0).isoformat()
    entries = [RecentFile(path, moment)]
    entries += [entry for entry in load_recent() if entry.path != path]
    data = {"files": [{"path": str(e.path), "opened": e.opened} for e in entries[:MAX_RECENT]]}
    try:
        recent_path().parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(
            recent_path(), json.dumps(data, indent=2) + "\n", backup=False, durable=False
        )
    except OSError:
        pass
