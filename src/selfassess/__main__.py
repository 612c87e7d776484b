"""Allow ``python -m selfassess``."""

from selfassess.cli import run

run()
