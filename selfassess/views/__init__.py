"""Rich renderables for the terminal: the report, and the diff, merge, trend and actions views."""
