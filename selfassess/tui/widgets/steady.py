"""Widgets that change size without making Textual lay the screen out a second time.

Moving to another criterion changes the height of the text in the detail panel. Textual lays
the screen out once for that, and then, for each widget whose size changed, sets its "virtual
size", which asks for a second layout — and a second frame, which is what the person waiting
sees. For text that does not scroll itself, the second pass never changes anything. Likewise
the criterion tree (a ``ScrollView``) repaints its scroll bar after every layout of the screen,
even when nothing about the tree changed. Both overrides keep Textual's own behaviour whenever
something did change; ``tests/tui/test_display.py`` checks that a move paints the screen once.
"""

from __future__ import annotations

from typing import Any

from textual.geometry import Size
from textual.widgets import Static


class SteadySize:
    """For widgets that do not scroll themselves: a change of size is taken as laid out
    already (the layout that changed it has just run)."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        result: bool = super()._size_updated(  # type: ignore[misc]
            size, virtual_size, container_size, layout=False
        )
        return result


class SteadyStatic(SteadySize, Static):
    """A ``Static`` whose change of size does not ask for a second layout."""


class SteadyScrollBars:
    """For scrolling widgets (a ``ScrollView``): leave the scroll bars alone after a layout of
    the screen unless the widget's size or its content's size changed."""

    _last_sizes: tuple[Size, Size, Size] | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        widget: Any = self
        sizes = (size, container_size, widget.virtual_size)
        if sizes == self._last_sizes:
            return False
        self._last_sizes = sizes
        result: bool = super()._size_updated(  # type: ignore[misc]
            size, virtual_size, container_size, layout
        )
        return result
