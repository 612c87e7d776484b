"""What the app remembers for the user between sessions, beside the recent files: where they
left off in each assessment, the folder they last exported to, and their "move on" setting.

Kept in ``state.json`` in the user's state folder (``selfassess.files.paths.state_dir``), never
in the assessment file, which colleagues share. Like the recent files, a missing or damaged
state is treated as empty and never stops the app.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from selfassess.files.paths import state_dir
from selfassess.files.store import write_text_atomic

MAX_PLACES = 50
"""Files whose place is remembered (the oldest is forgotten first)."""


def state_path() -> Path:
    """Where the state is kept."""
    return state_dir() / "state.json"


def _load() -> dict[str, Any]:
    try:
        data = json.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(data: dict[str, Any]) -> None:
    try:
        state_path().parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(
            state_path(),
            json.dumps(data, indent=2, ensure_ascii=False) + "\n",
            backup=False,
            durable=False,
        )
    except OSError:
        pass


def _key(path: Path) -> str:
    return os.path.abspath(path)


def last_place(path: Path) -> str | None:
    """The criterion the user was on when they last had ``path`` open."""
    places = _load().get("places")
    if not isinstance(places, dict):
        return None
    place = places.get(_key(path))
    return place if isinstance(place, str) else None


def remember_place(path: Path, criterion_id: str) -> None:
    """Remember the criterion the user is on in ``path``."""
    data = _load()
    places = data.get("places")
    if not isinstance(places, dict):
        places = {}
    places.pop(_key(path), None)
    places[_key(path)] = criterion_id
    while len(places) > MAX_PLACES:
        places.pop(next(iter(places)))
    data["places"] = places
    _save(data)


def export_folder() -> Path | None:
    """The folder the user last exported a report to, if it is still there."""
    folder = _load().get("export_folder")
    if not isinstance(folder, str) or not folder:
        return None
    path = Path(folder)
    return path if path.is_dir() else None


def remember_export_folder(folder: Path) -> None:
    data = _load()
    data["export_folder"] = _key(folder)
    _save(data)


def move_on() -> bool:
    """Whether rating a criterion moves on to the next one not rated (on unless turned off)."""
    value = _load().get("move_on", True)
    return value if isinstance(value, bool) else True


def set_move_on(value: bool) -> None:
    data = _load()
    data["move_on"] = value
    _save(data)
