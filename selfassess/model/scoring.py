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


def _and(facts: list[str]) -> str:
    """Facts in one sentence: "a and b", "a, b and c"; with semicolons when a fact holds a
    comma or "and" of its own ("a; and b")."""
    if len(facts) < 2:
        return "".join(facts)
    if any("," in f or " and " in f for f in facts):
        return "; ".join(facts[:-1]) + "; and " + facts[-1]
    return ", ".join(facts[:-1]) + " and " + facts[-1]


def _criteria(count: int, *, limiting: bool) -> str:
    """E.g. "1 criterion", "3 limiting criteria"."""
    noun = "criterion" if count == 1 else "criteria"
    return f"{count} {'limiting ' if limiting else ''}{noun}"


def _is(count: int) -> str:
    return "is" if count == 1 else "are"


def describe_condition(framework: Framework, cond: Condition) -> str:
    """The condition in words, e.g. "a limiting criterion is rated red"."""
    if cond.describe:
        return cond.describe
    what = _ratings_text(framework, cond.ratings)
    scope = "limiting criteria" if cond.limiting_only else "criteria"
    parts = []
    if cond.at_least is not None:
        if cond.at_least <= 1:
            one = "a limiting criterion" if cond.limiting_only else "any criterion"
            parts.append(f"{one} is rated {what}")
        else:
            parts.append(f"at least {cond.at_least} {scope} are rated {what}")
    if cond.at_most is not None:
        if cond.at_most == 0:
            one = "limiting criterion" if cond.limiting_only else "criterion"
            parts.append(f"no {one} is rated {what}")
        else:
            parts.append(f"no more than {cond.at_most} {scope} are rated {what}")
    if cond.share_at_least is not None:
        parts.append(f"at least {percent(cond.share_at_least)} of rated {scope} are {what}")
    if cond.share_below is not None:
        parts.append(f"less than {percent(cond.share_below)} of rated {scope} are {what}")
    return " and ".join(parts)


def _share_fact(count: int, pool: int, what: str, scope: str) -> str:
    """E.g. "92% of rated criteria are green or blue", "none of the rated criteria is red"."""
    if not pool:
        return f"no {scope} are rated yet"
    if count == 0:
        one = "limiting criterion" if scope.startswith("limiting") else "criterion"
        return f"no rated {one} is {what}"
    return f"{percent(count / pool)} of rated {scope} are {what}"


def describe_failure(framework: Framework, cond: Condition, tally: _Tally) -> str:
    """Why a condition did not hold, as a fact about the ratings and what it would take, e.g.
    "no limiting criterion is rated red" or "82% of rated criteria are green or blue (it would
    take at least 90%)"."""
    ids, pool = tally.matching(cond)
    what = _ratings_text(framework, cond.ratings)
    scope = "limiting criteria" if cond.limiting_only else "criteria"
    one = "limiting criterion" if cond.limiting_only else "criterion"
    count = len(ids)
    facts = []
    if cond.at_least is not None and count < cond.at_least:
        if count == 0:
            facts.append(f"no {one} is rated {what}")
        else:
            found = _criteria(count, limiting=cond.limiting_only)
            facts.append(f"only {found} {_is(count)} rated {what} (it would take {cond.at_least})")
    if cond.at_most is not None and count > cond.at_most:
        found = _criteria(count, limiting=cond.limiting_only)
        limit = "none" if cond.at_most == 0 else f"no more than {cond.at_most}"
        facts.append(
            f"{found} {_is(count)} rated {what}, {name_criteria(framework, ids)} "
            f"(it would take {limit})"
        )
    if cond.share_at_least is not None and (not pool or count / pool < cond.share_at_least):
        facts.append(
            f"{_share_fact(count, pool, what, scope)} "
            f"(it would take at least {percent(cond.share_at_least)})"
        )
    if cond.share_below is not None and (not pool or count / pool >= cond.share_below):
        facts.append(
            f"{_share_fact(count, pool, what, scope)} "
            f"(it would take less than {percent(cond.share_below)})"
        )
    return _and(facts) or f"it would take this: {describe_condition(framework, cond)}"


def describe_held(framework: Framework, cond: Condition, tally: _Tally, grade: str = "") -> str:
    """What was found that makes a condition hold, e.g. "1 limiting criterion is rated red" or
    "30% of rated criteria are red (25% or more means 'Inadequate')"."""
    ids, pool = tally.matching(cond)
    what = _ratings_text(framework, cond.ratings)
    scope = "limiting criteria" if cond.limiting_only else "criteria"
    count = len(ids)
    means = f" means '{framework.grade_label(grade)}'" if grade else ""
    facts = []
    if cond.at_least is not None:
        found = _criteria(count, limiting=cond.limiting_only)
        facts.append(f"{found} {_is(count)} rated {what}")
    if cond.at_most is not None:
        if count == 0:
            one = "limiting criterion" if cond.limiting_only else "criterion"
            facts.append(f"no {one} is rated {what}")
        else:
            found = _criteria(count, limiting=cond.limiting_only)
            facts.append(f"only {found} {_is(count)} rated {what} ({cond.at_most} or fewer{means})")
    if cond.share_at_least is not None:
        facts.append(
            f"{_share_fact(count, pool, what, scope)} "
            f"({percent(cond.share_at_least)} or more{means})"
        )
    if cond.share_below is not None:
        facts.append(
            f"only {_share_fact(count, pool, what, scope)} "
            f"(under {percent(cond.share_below)}{means})"
        )
    return _and(facts) or describe_condition(framework, cond)


def _holds(cond: Condition, tally: _Tally) -> bool:
    """Whether the condition holds."""
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
    return ok


def _drivers(cond: Condition, tally: _Tally) -> list[str]:
    """The criteria that make a holding condition hold."""
    if cond.share_below is not None or (cond.at_most is not None and cond.at_least is None):
        # "too few are green": the criteria that are not green are what pulls the grade down
        return tally.non_matching(cond) if cond.share_below is not None else []
    return tally.matching(cond)[0]


def _rule_holds(rule: Rule, tally: _Tally) -> tuple[bool, list[tuple[Condition, bool]]]:
    results = [(cond, _holds(cond, tally)) for cond in rule.conditions]
    if not results:
        return True, []
    oks = [ok for _, ok in results]
    return (any(oks) if rule.match == "any" else all(oks)), results


def _sentence(text: str) -> str:
    """Text with a capital first letter and a full stop."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _not_grade(framework: Framework, grade: str, result: str, why: str) -> str:
    """Why a judgement did not get ``grade`` but ``result``, whatever the grades are called,
    e.g. "Above 'Inadequate', because no limiting criterion is rated red."."""
    phrase = f"'{framework.grade_label(grade)}'"
    if grade == result:
        opening = f"Not {phrase} by its first rule"
    elif framework.grade_rank(grade) < framework.grade_rank(result):
        opening = f"Above {phrase}"
    else:
        opening = f"Short of {phrase}"
    return _sentence(f"{opening}, because {why}")


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
    failed: list[tuple[str, str]] = []  # (grade id, why its rule did not hold)
    for rule in framework.scoring.rules:
        holds, results = _rule_holds(rule, tally)
        grade_label = framework.grade_label(rule.grade)
        if not holds:
            facts = [describe_failure(framework, c, tally) for c, ok in results if not ok]
            failed.append((rule.grade, _and(facts)))
            continue
        reasons: list[str] = []
        drivers: list[str] = []
        held = [cond for cond, ok in results if ok]
        for cond in held:
            ids = _drivers(cond, tally)
            line = _sentence(describe_held(framework, cond, tally, rule.grade))
            if ids and cond.share_below is not None:  # what pulls the share down
                what = _ratings_text(framework, cond.ratings)
                line += f" Not {what}: {name_criteria(framework, ids)}."
            elif ids:
                line = line[:-1] + f": {name_criteria(framework, ids)}."
            reasons.append(line)
            drivers.extend(i for i in ids if i not in drivers)
        if not results:  # the default rule: explain why no other rule held
            reasons = [_not_grade(framework, g, rule.grade, why) for g, why in failed]
        if rule.summary:
            summary = rule.summary
        elif held:
            joiner = " and " if rule.match == "all" else " or "
            summary = f"{grade_label} when " + joiner.join(
                describe_condition(framework, c) for c in held
            )
        else:
            summary = f"{grade_label} when the ratings meet none of the other grades' rules"
        if provisional:
            reasons.append(
                f"Provisional: only {rated} of {total} criteria are rated ({percent(coverage)}); "
                f"a firm grade needs {percent(framework.scoring.provisional_below)}."
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
    ungraded = [framework.judgement_label(s.judgement) for s in scores if s.grade is None]
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
                    [
                        "No grade yet: it needs an indicative grade for "
                        f"{framework.judgement_label(rule.follow)}."
                    ],
                    overall.basis,
                )
            reason = rule.reason or (
                f"{label(followed.grade)}, the grade for {framework.judgement_label(rule.follow)}."
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
            names = " and ".join(
                f"{framework.judgement_label(j)} is {label(by_id[j].grade)}" for j in hits
            )
            reason = rule.reason or f"{label(rule.grade)}, because {names}."
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
