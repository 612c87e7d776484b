"""Allow ``python -m selfassess``."""

from selfassess.cli import main

raise SystemExit(main())
