"""Widgets of the app: the criterion tree, the detail panel and its lists, the scorecard."""
