"""What changed between two assessments: ratings, evidence, case audits, actions and grades.

Pure: takes two (framework, assessment) pairs, returns data. The two may be made against
different framework versions; criteria are matched by id (the bundled frameworks keep ids
stable), and those found in only one framework are listed, not compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import msgspec

from selfassess.model.assessment import Action, Assessment, CriterionRecord, Evidence
from selfassess.model.audits import Audit
from selfassess.model.framework import Framework
from selfassess.model.labels import rating_label
from selfassess.model.scoring import score

IMPROVED = "improved"
DECLINED = "declined"
NEWLY_RATED = "newly rated"
CLEARED = "cleared"
CHANGED = "changed"
"""A rating change with no direction: to or from not applicable, or between scales."""

DIRECTIONS = (DECLINED, IMPROVED, NEWLY_RATED, CLEARED, CHANGED)


@dataclass(frozen=True, slots=True)
class ActionChange:
    """An action found in both (matched by its text) whose status, owner or due date changed."""

    old: Action
    new: Action

    def changes(self) -> list[str]:
        out = []
        if self.old.status != self.new.status:
            out.append("status")
        if self.old.due != self.new.due:
            out.append("due")
        if self.old.owner != self.new.owner:
            out.append("owner")
        return out


@dataclass(frozen=True, slots=True)
class AuditChange:
    """A case audit found in both (same date, reference and theme) whose grade, moderation or
    auditor changed."""

    old: Audit
    new: Audit


@dataclass(frozen=True, slots=True)
class CriterionChange:
    """Everything that changed on one criterion found in both frameworks."""

    criterion: str
    title: str
    judgement: str
    old_rating: str | None
    new_rating: str | None
    direction: str | None
    """IMPROVED, DECLINED, NEWLY_RATED, CLEARED, CHANGED, or None if the rating is unchanged."""
    old_confidence: str | None
    new_confidence: str | None
    evidence_added: list[Evidence] = field(default_factory=list)
    evidence_removed: list[Evidence] = field(default_factory=list)
    actions_added: list[Action] = field(default_factory=list)
    actions_removed: list[Action] = field(default_factory=list)
    actions_changed: list[ActionChange] = field(default_factory=list)
    audits_added: list[Audit] = field(default_factory=list)
    audits_removed: list[Audit] = field(default_factory=list)
    audits_changed: list[AuditChange] = field(default_factory=list)
    notes_changed: bool = False
    na_reason_changed: bool = False
    review_changed: bool = False
    review: bool = False
    """Whether the new file marks the criterion for review."""

    @property
    def confidence_changed(self) -> bool:
        return self.old_confidence != self.new_confidence


@dataclass(frozen=True, slots=True)
class OneSide:
    """A criterion that only one of the two frameworks has."""

    criterion: str
    title: str
    rating: str | None
    recorded: bool
    """Whether the assessment recorded anything against it."""


@dataclass(frozen=True, slots=True)
class GradeChange:
    """One judgement's indicative and published grades, before and after."""

    judgement: str
    title: str
    old_indicative: str | None
    new_indicative: str | None
    old_published: str | None
    new_published: str | None
    indicative_direction: str | None
    published_direction: str | None
    old_provisional: bool = False
    new_provisional: bool = False

    @property
    def changed(self) -> bool:
        return (
            self.old_indicative != self.new_indicative
            or self.old_published != self.new_published
            or self.old_provisional != self.new_provisional
        )


@dataclass(frozen=True, slots=True)
class Side:
    """What identifies one of the two assessments."""

    name: str
    authority: str
    period: str
    framework: str
    framework_version: str


@dataclass(frozen=True, slots=True)
class Diff:
    old: Side
    new: Side
    criteria: list[CriterionChange]
    """Only criteria where something changed, in the new framework's order."""
    grades: list[GradeChange]
    only_old: list[OneSide]
    only_new: list[OneSide]

    def by_direction(self, direction: str) -> list[CriterionChange]:
        return [c for c in self.criteria if c.direction == direction]

    @property
    def empty(self) -> bool:
        return (
            not self.criteria
            and not any(g.changed for g in self.grades)
            and not (
                [s for s in self.only_old if s.recorded] or [s for s in self.only_new if s.recorded]
            )
        )


def _key(item: msgspec.Struct) -> bytes:
    """A stable identity for an evidence item or action: all of its fields."""
    return msgspec.json.encode(item)


def _multiset_diff(old: list[Any], new: list[Any]) -> tuple[list[Any], list[Any]]:
    """Items in ``new`` not in ``old`` and vice versa, counting repeats, in list order."""
    old_left = Counter(_key(x) for x in old)
    new_left = Counter(_key(x) for x in new)
    added, removed = [], []
    for item in new:
        k = _key(item)
        if old_left[k]:
            old_left[k] -= 1
        else:
            added.append(item)
    for item in old:
        k = _key(item)
        if new_left[k]:
            new_left[k] -= 1
        else:
            removed.append(item)
    return added, removed


def _action_diff(
    old: list[Action], new: list[Action]
) -> tuple[list[Action], list[Action], list[ActionChange]]:
    """Actions matched by their text (in order where the text repeats)."""
    added, removed = _multiset_diff(old, new)
    changed: list[ActionChange] = []
    pending: dict[str, list[Action]] = {}
    for action in removed:
        pending.setdefault(" ".join(action.what.split()).casefold(), []).append(action)
    still_added = []
    for action in added:
        matches = pending.get(" ".join(action.what.split()).casefold())
        if matches:
            changed.append(ActionChange(matches.pop(0), action))
        else:
            still_added.append(action)
    still_removed = [a for group in pending.values() for a in group]
    still_removed.sort(key=lambda a: next(i for i, b in enumerate(old) if b is a))
    return still_added, still_removed, changed


def _audit_diff(
    old: list[Audit], new: list[Audit]
) -> tuple[list[Audit], list[Audit], list[AuditChange]]:
    """Audits matched as an import matches them (``Audit.key``: date, reference, theme)."""
    old_by_key = {a.key(): a for a in old}
    new_by_key = {a.key(): a for a in new}
    added = [a for a in new if a.key() not in old_by_key]
    removed = [a for a in old if a.key() not in new_by_key]
    changed = [
        AuditChange(old_by_key[a.key()], a)
        for a in new
        if a.key() in old_by_key and old_by_key[a.key()] != a
    ]
    return added, removed, changed


def _direction(old: str | None, new: str | None, scales: Iterable[list[str]]) -> str | None:
    """How a rating or grade moved: along the first scale (ids, worst first) that has both;
    the newer framework's scale comes first. "Not applicable" is on no scale: it just changed."""
    if old == new:
        return None
    if old is None:
        return NEWLY_RATED
    if new is None:
        return CLEARED
    for ids in scales:
        if old in ids and new in ids:
            return IMPROVED if ids.index(new) > ids.index(old) else DECLINED
    return CHANGED


def _rating_direction(
    old_fw: Framework, new_fw: Framework, old: str | None, new: str | None
) -> str | None:
    return _direction(old, new, ([lv.id for lv in fw.rating_levels] for fw in (new_fw, old_fw)))


def _grade_direction(
    old_fw: Framework, new_fw: Framework, old: str | None, new: str | None
) -> str | None:
    return _direction(old, new, ([g.id for g in reversed(fw.grades)] for fw in (new_fw, old_fw)))


def _criterion_change(
    old_fw: Framework, new_fw: Framework, cid: str, old: CriterionRecord, new: CriterionRecord
) -> CriterionChange | None:
    if old == new:
        return None
    evidence_added, evidence_removed = _multiset_diff(old.evidence, new.evidence)
    actions_added, actions_removed, actions_changed = _action_diff(old.actions, new.actions)
    audits_added, audits_removed, audits_changed = _audit_diff(old.audits, new.audits)
    return CriterionChange(
        criterion=cid,
        title=new_fw.criteria[cid].title,
        judgement=new_fw.judgement_of[cid].id,
        old_rating=old.rating,
        new_rating=new.rating,
        direction=_rating_direction(old_fw, new_fw, old.rating, new.rating),
        old_confidence=old.confidence,
        new_confidence=new.confidence,
        evidence_added=evidence_added,
        evidence_removed=evidence_removed,
        actions_added=actions_added,
        actions_removed=actions_removed,
        actions_changed=actions_changed,
        audits_added=audits_added,
        audits_removed=audits_removed,
        audits_changed=audits_changed,
        notes_changed=old.notes != new.notes,
        na_reason_changed=old.na_reason != new.na_reason,
        review_changed=old.review != new.review,
        review=new.review,
    )


def diff(
    old: tuple[Framework, Assessment],
    new: tuple[Framework, Assessment],
    names: tuple[str, str] = ("old", "new"),
) -> Diff:
    """What changed from ``old`` to ``new``."""
    old_fw, old_a = old
    new_fw, new_a = new
    changes = []
    for cid in new_fw.criteria:
        if cid not in old_fw.criteria:
            continue
        change = _criterion_change(old_fw, new_fw, cid, old_a.record(cid), new_a.record(cid))
        if change is not None:
            changes.append(change)

    def one_side(fw: Framework, a: Assessment, other: Framework) -> list[OneSide]:
        return [
            OneSide(cid, c.title, a.rating(cid), not a.record(cid).is_empty())
            for cid, c in fw.criteria.items()
            if cid not in other.criteria
        ]

    old_card, new_card = score(old_fw, old_a), score(new_fw, new_a)
    old_pub = old_a.published.grades if old_a.published else {}
    new_pub = new_a.published.grades if new_a.published else {}
    judgement_ids = new_fw.published_judgement_ids()
    judgement_ids += [j for j in old_fw.published_judgement_ids() if j not in judgement_ids]
    grades = []
    for jid in judgement_ids:
        title_fw = new_fw if jid in new_fw.published_judgement_ids() else old_fw
        old_grade, new_grade = old_card.grade_of(jid), new_card.grade_of(jid)
        grades.append(
            GradeChange(
                judgement=jid,
                title=title_fw.judgement_label(jid),
                old_indicative=old_grade,
                new_indicative=new_grade,
                old_published=old_pub.get(jid),
                new_published=new_pub.get(jid),
                indicative_direction=_grade_direction(old_fw, new_fw, old_grade, new_grade),
                published_direction=_grade_direction(
                    old_fw, new_fw, old_pub.get(jid), new_pub.get(jid)
                ),
                old_provisional=old_card.provisional(jid) if old_grade else False,
                new_provisional=new_card.provisional(jid) if new_grade else False,
            )
        )

    def side(name: str, a: Assessment) -> Side:
        return Side(name, a.authority, a.period, a.framework, a.framework_version)

    return Diff(
        side(names[0], old_a),
        side(names[1], new_a),
        changes,
        grades,
        one_side(old_fw, old_a, new_fw),
        one_side(new_fw, new_a, old_fw),
    )


# --- JSON ------------------------------------------------------------------------------------


def _evidence(e: Evidence) -> dict[str, Any]:
    return {
        "what": e.what,
        "type": e.type,
        "where": e.where,
        "date": e.date.isoformat() if e.date else None,
        "owner": e.owner,
    }


def _action(x: Action) -> dict[str, Any]:
    return {
        "what": x.what,
        "owner": x.owner,
        "due": x.due.isoformat() if x.due else None,
        "status": x.status,
    }


def _audit(a: Audit) -> dict[str, Any]:
    return {
        "date": a.date.isoformat(),
        "reference": a.reference,
        "grade": a.grade,
        "moderated": a.moderated,
        "moderated_grade": a.moderated_grade or None,
        "auditor_role": a.auditor_role,
        "theme": a.theme or None,
    }


def diff_data(d: Diff, old_fw: Framework, new_fw: Framework) -> dict[str, Any]:
    """JSON-ready data (stable key order): what ``selfassess diff --format json`` prints."""

    def side(s: Side) -> dict[str, Any]:
        return {
            "file": s.name,
            "authority": s.authority,
            "period": s.period,
            "framework": s.framework,
            "framework_version": s.framework_version,
        }

    return {
        "old": side(d.old),
        "new": side(d.new),
        "changed": not d.empty,
        "grades": [
            {
                "judgement": g.judgement,
                "title": g.title,
                "indicative": {
                    "old": g.old_indicative,
                    "new": g.new_indicative,
                    "old_provisional": g.old_provisional,
                    "new_provisional": g.new_provisional,
                    "change": g.indicative_direction,
                },
                "published": {
                    "old": g.old_published,
                    "new": g.new_published,
                    "change": g.published_direction,
                },
            }
            for g in d.grades
        ],
        "criteria": [
            {
                "id": c.criterion,
                "title": c.title,
                "judgement": c.judgement,
                "rating": {
                    "old": c.old_rating,
                    "new": c.new_rating,
                    "change": c.direction,
                    "old_label": rating_label(old_fw, c.old_rating),
                    "new_label": rating_label(new_fw, c.new_rating),
                },
                "confidence": {"old": c.old_confidence, "new": c.new_confidence},
                "evidence_added": [_evidence(e) for e in c.evidence_added],
                "evidence_removed": [_evidence(e) for e in c.evidence_removed],
                "actions_added": [_action(x) for x in c.actions_added],
                "actions_removed": [_action(x) for x in c.actions_removed],
                "actions_changed": [
                    {
                        "what": x.new.what,
                        "changes": x.changes(),
                        "old": _action(x.old),
                        "new": _action(x.new),
                    }
                    for x in c.actions_changed
                ],
                "audits_added": [_audit(a) for a in c.audits_added],
                "audits_removed": [_audit(a) for a in c.audits_removed],
                "audits_changed": [
                    {"reference": x.new.reference, "old": _audit(x.old), "new": _audit(x.new)}
                    for x in c.audits_changed
                ],
                "notes_changed": c.notes_changed,
                "na_reason_changed": c.na_reason_changed,
                "review_changed": c.review_changed,
            }
            for c in d.criteria
        ],
        "only_in_old": [
            {"id": s.criterion, "title": s.title, "rating": s.rating, "recorded": s.recorded}
            for s in d.only_old
        ],
        "only_in_new": [
            {"id": s.criterion, "title": s.title, "rating": s.rating, "recorded": s.recorded}
            for s in d.only_new
        ],
    }
