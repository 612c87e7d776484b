"""The folders where selfassess keeps the user's settings, its own lists and its cache.

Each follows the system's convention, so that on Windows they are under the user's AppData
(where IT departments expect them, and back up or clear them), on macOS under ``~/Library``,
and on Linux in the XDG folders (``$XDG_CONFIG_HOME`` and the others are honoured, which is
also how the tests keep out of the real ones). None of them is created here: whoever writes in
one makes it.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "selfassess"


def config_dir() -> Path:
    """Settings the user may edit, such as ``keys.toml``.

    On Windows, the roaming AppData: a council's roaming profiles then bring a person's
    settings to whichever laptop they sign in to.
    """
    return platformdirs.user_config_path(APP_NAME, appauthor=False, roaming=True)


def state_dir() -> Path:
    """What the app remembers between sessions, such as the recent files.

    On Windows, the local AppData: the list names files as this computer sees them.
    """
    return platformdirs.user_state_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Copies the app can make again (checked frameworks); losing them only costs time."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)
