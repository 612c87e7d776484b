"""The keys a rating level may not take (kept in the model, which cannot import Textual) match
the keys the app actually binds on the assessment screen."""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.widgets import Tree

from selfassess.model.framework import RESERVED_KEYS
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.screens.main import SCREEN_KEYS, MainScreen
from selfassess.tui.widgets.record_lists import RecordList


def _keys(bindings: list[BindingType]) -> set[str]:
    """Each key of the bindings that a rating level could also take (no modifier keys: a
    level's key is one letter or key name)."""
    keys: set[str] = set()
    for binding in bindings:
        key = binding.key if isinstance(binding, Binding) else binding[0]
        keys.update(k.strip() for k in key.split(",") if "+" not in k)
    return keys


def test_every_key_bound_on_the_assessment_screen_is_reserved() -> None:
    bound = _keys(
        [
            *SCREEN_KEYS,
            *MainScreen.BINDINGS,
            *SelfAssessApp.BINDINGS,
            *Tree.BINDINGS,
            *RecordList.BINDINGS,
        ]
    )
    missing = sorted(bound - set(RESERVED_KEYS))
    assert missing == [], (
        "add these keys to RESERVED_KEYS in selfassess/model/framework.py, so that a rating "
        f"level cannot take them: {missing}"
    )


def test_the_keys_the_issue_named_are_reserved() -> None:
    assert {"n", "q", "?", "question_mark"} <= set(RESERVED_KEYS)
