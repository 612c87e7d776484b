"""Allow ``python -m selfassess``."""

from selfassess.commands import run

run()
