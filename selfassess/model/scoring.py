"""Indicative grades from criterion ratings, with the reasons and coverage behind each.

The rules are the framework's data (ordered, first that holds wins), so a grade can always be
explained: which rule produced it, and which criteria triggered that rule. A criterion that is
not rated never counts towards any rating; "not applicable" leaves the shares' denominator.
"""

from __future__ import annotations

import functools

import msgspec

from selfassess.model.assessment import Assessment
from selfassess.model.framework import NOT_APPLICABLE, Condition, Framework, Judgement, Rule

MAX_NAMED = 5
"""How many criteria a reason names before saying "and N more"."""


class JudgementScore(msgspec.Struct, frozen=True):
    """The indicative grade of one judgement, and everything needed to explain it."""

    judgement: str
    title: str
    counts: dict[str, int]
    """Rated criteria per rating level, in the scale's order (lowest first)."""
    not_applicable: int
    total: int
    """Criteria in the judgement, rated or not."""
    grade: str | None
    provisional: bool
    rule: str
    """The rule that gave the grade, in words."""
    reasons: list[str] = msgspec.field(default_factory=list)
    drivers: list[str] = msgspec.field(default_factory=list)
    """Ids of the criteria that triggered the rule."""

    @property
    def rated(self) -> int:
        """Criteria with a rating, including "not applicable" (a decision was made)."""
        return sum(self.counts.values()) + self.not_applicable

    @property
    def not_rated(self) -> int:
        return self.total - self.rated

    @property
    def coverage(self) -> float:
        return self.rated / self.total if self.total else 0.0


class OverallScore(msgspec.Struct, frozen=True):
    """Overall effectiveness derived from the judgements' indicative grades."""

    judgement: str
    title: str
    grade: str | None
    provisional: bool
    reasons: list[str]
    basis: str


class Scorecard(msgspec.Struct, frozen=True):
    """Every judgement's score, and overall effectiveness where the framework has it."""

    judgements: list[JudgementScore]
    overall: OverallScore | None

    def grade_of(self, judgement_id: str) -> str | None:
        if self.overall and self.overall.judgement == judgement_id:
            return self.overall.grade
        for score in self.judgements:
            if score.judgement == judgement_id:
                return score.grade
        return None

    def provisional(self, judgement_id: str) -> bool:
        if self.overall and self.overall.judgement == judgement_id:
            return self.overall.provisional
        return any(s.provisional for s in self.judgements if s.judgement == judgement_id)


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def name_criteria(framework: Framework, ids: list[str]) -> str:
    """Titles of the criteria, at most MAX_NAMED of them, for a reason."""
    titles = [framework.criteria[cid].title for cid in ids[:MAX_NAMED]]
    more = len(ids) - MAX_NAMED
    return ", ".join(titles) + (f" and {more} more" if more > 0 else "")


class _Tally:
    """Rated, applicable criteria of one judgement, for evaluating conditions."""

    def __init__(self, framework: Framework, judgement: Judgement, assessment: Assessment) -> None:
        self.rated: list[tuple[str, str, bool]] = []  # (criterion id, rating, limiting)
        self.not_applicable = 0
        levels = framework.level_by_id
        for criterion in judgement.criteria:
            rating = assessment.rating(criterion.id)
            if rating == NOT_APPLICABLE:
                self.not_applicable += 1
            elif rating in levels:
                self.rated.append((criterion.id, rating, criterion.limiting))

    def matching(self, cond: Condition) -> tuple[list[str], int]:
        """Ids of criteria the condition counts, and the size of the set they are counted in."""
        pool = [r for r in self.rated if r[2]] if cond.limiting_only else self.rated
        return [cid for cid, rating, _ in pool if rating in cond.ratings], len(pool)

    def non_matching(self, cond: Condition) -> list[str]:
        pool = [r for r in self.rated if r[2]] if cond.limiting_only else self.rated
        return [cid for cid, rating, _ in pool if rating not in cond.ratings]


def _ratings_text(framework: Framework, ratings: list[str]) -> str:
    labels = [framework.level_by_id[r].label.lower() for r in ratings if r in framework.level_by_id]
    return " or ".join(labels)


def describe_condition(framework: Framework, cond: Condition) -> str:
    """The condition in words, e.g. "a limiting criterion is rated red"."""
    if cond.describe:
        return cond.describe
    what = _ratings_text(framework, cond.ratings)
    scope = "limiting criteria" if cond.limiting_only else "criteria"
    parts = []
    if cond.at_least is not None:
        if cond.at_least == 1:
            one = "a limiting criterion" if cond.limiting_only else "any criterion"
            parts.append(f"{one} rated {what}")
        else:
            parts.append(f"at least {cond.at_least} {scope} rated {what}")
    if cond.at_most is not None:
        if cond.at_most == 0:
            one = "limiting criterion" if cond.limiting_only else "criterion"
            parts.append(f"no {one} rated {what}")
        else:
            parts.append(f"at most {cond.at_most} {scope} rated {what}")
    if cond.share_at_least is not None:
        parts.append(f"{what} on at least {percent(cond.share_at_least)} of rated {scope}")
    if cond.share_below is not None:
        parts.append(f"{what} on less than {percent(cond.share_below)} of rated {scope}")
    return " and ".join(parts)


def describe_failure(framework: Framework, cond: Condition, tally: _Tally) -> str:
    """Why a condition did not hold, as a fact about the ratings, e.g. "no limiting criterion
    is rated red" or "green or blue on 82% of rated criteria (90% needed)"."""
    ids, pool = tally.matching(cond)
    what = _ratings_text(framework, cond.ratings)
    scope = "limiting criteria" if cond.limiting_only else "criteria"
    one = "limiting criterion" if cond.limiting_only else "criterion"
    count = len(ids)
    share = percent(count / pool) if pool else "0%"
    facts = []
    if cond.at_least is not None and count < cond.at_least:
        if count == 0:
            facts.append(f"no {one} is rated {what}")
        else:
            facts.append(f"{count} {scope} rated {what} ({cond.at_least} needed)")
    if cond.at_most is not None and count > cond.at_most:
        noun = one if count == 1 else scope
        facts.append(f"{count} {noun} rated {what}: {name_criteria(framework, ids)}")
    if cond.share_at_least is not None and (not pool or count / pool < cond.share_at_least):
        rule = percent(cond.share_at_least)
        facts.append(f"{what} on {share} of rated {scope} (the rule is {rule} or more)")
    if cond.share_below is not None and (not pool or count / pool >= cond.share_below):
        facts.append(
            f"{what} on {share} of rated {scope} (the rule is below {percent(cond.share_below)})"
        )
    return " and ".join(facts) or describe_condition(framework, cond)


def _holds(cond: Condition, tally: _Tally) -> tuple[bool, str]:
    """Whether the condition holds, and what was found (for reasons)."""
    ids, pool = tally.matching(cond)
    count = len(ids)
    share = count / pool if pool else None
    ok = True
    if cond.at_least is not None and count < cond.at_least:
        ok = False
    if cond.at_most is not None and count > cond.at_most:
        ok = False
    if cond.share_at_least is not None and (share is None or share < cond.share_at_least):
        ok = False
    if cond.share_below is not None and (share is None or share >= cond.share_below):
        ok = False
    if not pool:
        return ok, "none rated" if not cond.limiting_only else "no limiting criterion rated"
    found = f"{count} of {pool}, {percent(share or 0.0)}"
    return ok, found


def _drivers(cond: Condition, tally: _Tally) -> list[str]:
    """The criteria that make a holding condition hold."""
    if cond.share_below is not None or (cond.at_most is not None and cond.at_least is None):
        # "too few are green": the criteria that are not green are what pulls the grade down
        return tally.non_matching(cond) if cond.share_below is not None else []
    return tally.matching(cond)[0]


def _rule_holds(rule: Rule, tally: _Tally) -> tuple[bool, list[tuple[Condition, bool, str]]]:
    results = [(cond, *_holds(cond, tally)) for cond in rule.conditions]
    if not results:
        return True, []
    oks = [ok for _, ok, _ in results]
    return (any(oks) if rule.match == "any" else all(oks)), results


def score_judgement(
    framework: Framework, judgement: Judgement, assessment: Assessment
) -> JudgementScore:
    """Apply the framework's rules, in order, to one judgement."""
    tally = _Tally(framework, judgement, assessment)
    counts = {level.id: 0 for level in framework.rating_levels}
    for _, rating, _ in tally.rated:
        counts[rating] += 1
    total = len(judgement.criteria)
    rated = len(tally.rated) + tally.not_applicable
    coverage = rated / total if total else 0.0
    score = functools.partial(
        JudgementScore,
        judgement=judgement.id,
        title=judgement.title,
        counts=counts,
        not_applicable=tally.not_applicable,
        total=total,
    )
    if not tally.rated:
        return score(
            grade=None,
            provisional=True,
            rule="No indicative grade",
            reasons=["No criterion is rated yet, so there is nothing to grade."],
        )
    provisional = coverage < framework.scoring.provisional_below
    failed: list[str] = []
    for rule in framework.scoring.rules:
        holds, results = _rule_holds(rule, tally)
        grade_label = framework.grade_label(rule.grade)
        if not holds:
            facts = [describe_failure(framework, c, tally) for c, ok, _ in results if not ok]
            failed.append(f"Not {grade_label.lower()}: " + "; ".join(facts) + ".")
            continue
        reasons: list[str] = []
        drivers: list[str] = []
        for cond, ok, found in results:
            if not ok:
                continue
            ids = _drivers(cond, tally)
            line = f"{describe_condition(framework, cond)} (found {found})"
            if ids:
                line += f": {name_criteria(framework, ids)}"
            reasons.append(line[0].upper() + line[1:] + ".")
            drivers.extend(i for i in ids if i not in drivers)
        if not results:  # the default rule: explain why no other rule held
            reasons = failed
        summary = rule.summary or (
            f"{grade_label}: "
            + (
                "; ".join(describe_condition(framework, c) for c in rule.conditions)
                if rule.conditions
                else "no rule for another grade held"
            )
        )
        if provisional:
            reasons.append(
                f"Provisional: only {rated} of {total} criteria are rated "
                f"({percent(coverage)}; {percent(framework.scoring.provisional_below)} needed)."
            )
        return score(
            grade=rule.grade,
            provisional=provisional,
            rule=summary,
            reasons=reasons,
            drivers=drivers,
        )
    raise AssertionError("a checked framework always ends with a default rule")  # pragma: no cover


def score_overall(framework: Framework, scores: list[JudgementScore]) -> OverallScore | None:
    """Overall effectiveness by the framework's rule (a heuristic in the bundled frameworks)."""
    overall = framework.overall
    if overall is None:
        return None
    by_id = {s.judgement: s for s in scores}
    label = framework.grade_label
    ungraded = [framework.published_label(s.judgement) for s in scores if s.grade is None]
    provisional = any(s.provisional for s in scores)
    for rule in overall.rules:
        if rule.follow:
            followed = by_id[rule.follow]
            if followed.grade is None:
                return OverallScore(
                    overall.id,
                    overall.title,
                    None,
                    True,
                    [f"Needs an indicative grade for {framework.published_label(rule.follow)}."],
                    overall.basis,
                )
            reason = (
                rule.reason
                or f"Follows {framework.published_label(rule.follow)}: {label(followed.grade)}."
            )
            reasons = [reason]
            if ungraded:
                reasons.append(
                    "Provisional: no indicative grade yet for " + ", ".join(ungraded) + "."
                )
            elif provisional:
                reasons.append("Provisional: some judgements' grades are provisional.")
            return OverallScore(
                overall.id,
                overall.title,
                followed.grade,
                provisional or bool(ungraded),
                reasons,
                overall.basis,
            )
        hits = [jid for jid in rule.when_any_of if by_id[jid].grade in rule.is_]
        if hits:
            names = ", ".join(
                f"{framework.published_label(j)} ({label(by_id[j].grade)})" for j in hits
            )
            reason = rule.reason or f"{label(rule.grade)} because of {names}."
            return OverallScore(
                overall.id,
                overall.title,
                rule.grade,
                any(by_id[j].provisional for j in hits),
                [reason],
                overall.basis,
            )
    raise AssertionError("a checked framework's overall rules end with follow")  # pragma: no cover


def score(framework: Framework, assessment: Assessment) -> Scorecard:
    """The scorecard for an assessment: every judgement, then overall effectiveness."""
    judgements = [score_judgement(framework, j, assessment) for j in framework.judgements]
    return Scorecard(judgements, score_overall(framework, judgements))
