"""Every action of an assessment in one list: sorted by due date, overdue ones flagged.

Pure: takes a framework, an assessment and today's date, returns data. ``today`` is always
passed in, never read from the clock here, so the same inputs always give the same list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from selfassess.model.assessment import ACTION_STATUSES, Assessment
from selfassess.model.framework import Framework


@dataclass(frozen=True, slots=True)
class ActionItem:
    """One action, with the criterion and judgement it belongs to."""

    criterion: str
    criterion_title: str
    judgement: str
    judgement_title: str
    what: str
    owner: str
    due: datetime.date | None
    status: str
    overdue: bool
    """Due before today and not done."""

    @property
    def done(self) -> bool:
        return self.status == "done"

    @property
    def status_label(self) -> str:
        return ACTION_STATUSES.get(self.status, self.status)


@dataclass(frozen=True, slots=True)
class ActionList:
    """The actions of one assessment as of ``today``."""

    authority: str
    period: str
    today: datetime.date
    items: list[ActionItem]

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)

    @property
    def open(self) -> int:
        return sum(1 for item in self.items if not item.done)


def is_overdue(due: datetime.date | None, status: str, today: datetime.date) -> bool:
    return due is not None and due < today and status != "done"


def collect_actions(
    framework: Framework, assessment: Assessment, today: datetime.date
) -> ActionList:
    """Every action, soonest due first; undated ones last; ties keep the framework's order.

    Actions recorded against criteria the framework does not hold (a checked assessment has
    none) are still listed, after the framework's own, so nothing is hidden.
    """
    order = framework.criterion_index
    found: list[tuple[int, int, str, ActionItem]] = []
    for cid, record in assessment.criteria.items():
        criterion = framework.criteria.get(cid)
        judgement = framework.judgement_of.get(cid)
        for n, action in enumerate(record.actions):
            item = ActionItem(
                criterion=cid,
                criterion_title=criterion.title if criterion else cid,
                judgement=judgement.id if judgement else "",
                judgement_title=judgement.label if judgement else "",
                what=action.what,
                owner=action.owner,
                due=action.due,
                status=action.status,
                overdue=is_overdue(action.due, action.status, today),
            )
            found.append((order.get(cid, len(order)), n, cid, item))
    found.sort(key=lambda f: (f[3].due is None, f[3].due or datetime.date.min, f[0], f[2], f[1]))
    return ActionList(assessment.authority, assessment.period, today, [f[3] for f in found])


def actions_data(actions: ActionList) -> dict[str, Any]:
    """JSON-ready data (stable key order): what ``selfassess actions --format json`` prints."""
    return {
        "authority": actions.authority,
        "period": actions.period,
        "today": actions.today.isoformat(),
        "total": len(actions.items),
        "open": actions.open,
        "overdue": actions.overdue,
        "actions": [
            {
                "criterion": item.criterion,
                "criterion_title": item.criterion_title,
                "judgement": item.judgement,
                "what": item.what,
                "owner": item.owner,
                "due": item.due.isoformat() if item.due else None,
                "status": item.status,
                "overdue": item.overdue,
            }
            for item in actions.items
        ],
    }
