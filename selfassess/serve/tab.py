"""The app for one browser tab: the command ``selfassess serve`` runs once per tab.

It is the terminal app with the driver from ``selfassess.serve.driver``, chosen through Textual's
``TEXTUAL_DRIVER`` setting (textual-serve sets Textual's stock web driver there; this module
replaces it before Textual is imported, which is when Textual reads it).

The assessment's file comes in the environment variable ``SELFASSESS_SERVE_FILE``, not on the
command line: textual-serve runs the command through a shell (cmd.exe on Windows), where a file
name with ``%`` or ``&`` in it cannot always be quoted safely.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

DRIVER = "selfassess.serve.driver:ServedDriver"
FILE_VARIABLE = "SELFASSESS_SERVE_FILE"
MODULE = "selfassess.serve.tab"


def tab_command() -> str:
    """The shell command textual-serve runs for each tab: this module, with this Python."""
    arguments = [sys.executable, "-m", MODULE]
    if os.name == "nt":
        return subprocess.list2cmdline(arguments)
    return shlex.join(arguments)


def main() -> int:
    """Run the app on the served file (or the start screen) until the tab closes.

    Served with a file, the tab is kept to it: no start screen, no recent files, no other
    folder (``serve`` trusts a browser with what it was told to serve, nothing more).
    """
    os.environ["TEXTUAL_DRIVER"] = DRIVER
    from selfassess.tui.app import run_tui

    file = os.environ.get(FILE_VARIABLE)
    return run_tui(Path(file) if file else None, confined=bool(file))


if __name__ == "__main__":
    sys.exit(main())
