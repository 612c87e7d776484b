"""The framework model: judgements, criteria, rating and grade scales, and scoring rules as data.

A framework is plain data (TOML) so that councils can write their own; this module defines its
shape and the checks that make a framework safe to score with (unique ids, references that
resolve, rules that always reach a grade).
"""

# No ``from __future__ import annotations`` here: msgspec reads these structs' annotations when
# it first decodes one, and string annotations would each be compiled then (a few ms of every
# command's start-up).

import datetime
import re
from functools import cached_property
from typing import Annotated, Any, Literal

import msgspec

from selfassess.model.errors import InputError, Problem
from selfassess.model.validation import convert, join, suggest

NOT_APPLICABLE = "not_applicable"
"""The rating value for a criterion that does not apply (it needs a reason)."""

Share = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
Count = Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
"""A number of criteria; bounded so that no count is too large to save or compare."""
NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]


NATIONAL_FRAMEWORK: dict[str, str] = {
    "outcome-1": "Outcome 1: children, young people and families stay together and get the help "
    "they need",
    "outcome-2": "Outcome 2: children and young people are supported by their family network",
    "outcome-3": "Outcome 3: children and young people are safe in and outside of their homes",
    "outcome-4": "Outcome 4: children in care and care leavers have stable, loving homes",
    "enabler-1": "Enabler 1: multi-agency working is prioritised and effective",
    "enabler-2": "Enabler 2: leaders drive conditions for effective practice",
    "enabler-3": "Enabler 3: the workforce is equipped and effective",
}
"""The Children's Social Care National Framework's outcomes and enablers, numbered as the
National Framework and Ofsted's reports number them (the same words as the published dataset's
"national_framework"; a test compares the two)."""

RESERVED_KEYS: dict[str, str] = {
    "n": "mark a criterion not applicable",
    "x": "clear a rating",
    "c": "change the confidence",
    "e": "add evidence",
    "t": "add an action",
    "o": "write notes",
    "u": "go to the next unrated criterion",
    "m": "turn moving on after a rating on or off",
    "s": "open the scorecard",
    "p": "show the neighbours' grades",
    "q": "quit",
    "/": "filter the criteria",
    "slash": "filter the criteria",
    "?": "open help",
    "question_mark": "open help",
    "f1": "open help",
    "escape": "show all criteria",
    "delete": "clear a rating",
    "backspace": "clear a rating",
    "enter": "open or select",
    "space": "open or select",
    "tab": "move between panes",
    "up": "move up",
    "down": "move down",
    "left": "move left",
    "right": "move right",
    "home": "go to the first criterion",
    "end": "go to the last criterion",
    "pageup": "move a page up",
    "pagedown": "move a page down",
}
"""Keys the app already uses on the assessment screen, and what for: a rating level may not
take one (its key would never reach the rating, or would hide the other action). Kept here so
that validation needs no display library; a test compares it with the app's bindings."""

_COLOUR_WORDS = """
    aquamarine1 aquamarine3 black blue blue1 blue3 blue_violet bright_black bright_blue
    bright_cyan bright_green bright_magenta bright_red bright_white bright_yellow cadet_blue
    chartreuse1 chartreuse2 chartreuse3 chartreuse4 cornflower_blue cornsilk1 cyan cyan1 cyan2
    cyan3 dark_blue dark_cyan dark_goldenrod dark_green dark_khaki dark_magenta
    dark_olive_green1 dark_olive_green2 dark_olive_green3 dark_orange dark_orange3 dark_red
    dark_sea_green dark_sea_green1 dark_sea_green2 dark_sea_green3 dark_sea_green4
    dark_slate_gray1 dark_slate_gray2 dark_slate_gray3 dark_turquoise dark_violet deep_pink1
    deep_pink2 deep_pink3 deep_pink4 deep_sky_blue1 deep_sky_blue2 deep_sky_blue3
    deep_sky_blue4 dodger_blue1 dodger_blue2 dodger_blue3 gold1 gold3 gray0 gray100 gray11
    gray15 gray19 gray23 gray27 gray3 gray30 gray35 gray37 gray39 gray42 gray46 gray50 gray53
    gray54 gray58 gray62 gray63 gray66 gray69 gray7 gray70 gray74 gray78 gray82 gray84 gray85
    gray89 gray93 green green1 green3 green4 green_yellow grey0 grey100 grey11 grey15 grey19
    grey23 grey27 grey3 grey30 grey35 grey37 grey39 grey42 grey46 grey50 grey53 grey54 grey58
    grey62 grey63 grey66 grey69 grey7 grey70 grey74 grey78 grey82 grey84 grey85 grey89 grey93
    honeydew2 hot_pink hot_pink2 hot_pink3 indian_red indian_red1 khaki1 khaki3 light_coral
    light_cyan1 light_cyan3 light_goldenrod1 light_goldenrod2 light_goldenrod3 light_green
    light_pink1 light_pink3 light_pink4 light_salmon1 light_salmon3 light_sea_green
    light_sky_blue1 light_sky_blue3 light_slate_blue light_slate_gray light_slate_grey
    light_steel_blue light_steel_blue1 light_steel_blue3 light_yellow3 magenta magenta1
    magenta2 magenta3 medium_orchid medium_orchid1 medium_orchid3 medium_purple medium_purple1
    medium_purple2 medium_purple3 medium_purple4 medium_spring_green medium_turquoise
    medium_violet_red misty_rose1 misty_rose3 navajo_white1 navajo_white3 navy_blue orange1
    orange3 orange4 orange_red1 orchid orchid1 orchid2 pale_green1 pale_green3 pale_turquoise1
    pale_turquoise4 pale_violet_red1 pink1 pink3 plum1 plum2 plum3 plum4 purple purple3
    purple4 red red1 red3 rosy_brown royal_blue1 salmon1 sandy_brown sea_green1 sea_green2
    sea_green3 sky_blue1 sky_blue2 sky_blue3 slate_blue1 slate_blue3 spring_green1
    spring_green2 spring_green3 spring_green4 steel_blue steel_blue1 steel_blue3 tan thistle1
    thistle3 turquoise2 turquoise4 violet wheat1 wheat4 white yellow yellow1 yellow2 yellow3
    yellow4
"""
_COLOUR_NAMES = frozenset(_COLOUR_WORDS.split())
"""The colour names a terminal can show (Rich's, which the views use); kept here so the model
can check a framework's colours without importing a display library. A test compares the two."""

_COLOUR = re.compile(
    r"default|#[0-9a-f]{6}|color\((?:25[0-5]|2[0-4]\d|1?\d?\d)\)"
    r"|rgb\((?:(?:25[0-5]|2[0-4]\d|1?\d?\d),){2}(?:25[0-5]|2[0-4]\d|1?\d?\d)\)"
)
"""Colours written as codes: #rrggbb, color(0-255), rgb(r,g,b) (no spaces: a style is split
at spaces)."""


def is_colour(value: str) -> bool:
    """Whether ``value`` is one colour, and nothing else: a name (e.g. "red3"), "#rrggbb",
    "color(N)" or "rgb(r,g,b)". A framework's colours become part of a style, so anything
    more (a second word such as "link https://…") must be refused, not shown."""
    lowered = value.lower()
    return lowered in _COLOUR_NAMES or _COLOUR.fullmatch(lowered) is not None


class _Data(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    """Base for framework structs: unknown keys are errors, defaults are not written."""


class RatingLevel(_Data, kw_only=True):
    """One level of the rating scale, e.g. red; listed from lowest to highest."""

    id: NonEmpty
    label: NonEmpty
    letter: NonEmpty
    """Shown beside the colour everywhere, so a rating never relies on colour alone."""
    key: str = ""
    """The key that sets this rating in the app (defaults to the letter, lower case)."""
    colour: str = "grey50"
    meaning: str = ""

    @property
    def shortcut(self) -> str:
        return (self.key or self.letter).lower()


class Grade(_Data, kw_only=True):
    """One grade of the framework's scale (e.g. Ofsted's); listed from best to worst."""

    id: NonEmpty
    label: NonEmpty
    short: str = ""
    """A short form for narrow tables, e.g. "RI"."""
    colour: str = "default"
    """The colour the grade is shown in ("default": the text's own colour)."""


class Theme(_Data, kw_only=True):
    """A theme tag such as front door or missing children, used to filter criteria."""

    id: NonEmpty
    label: NonEmpty


class Condition(_Data, kw_only=True):
    """A test on the criteria of one judgement: how many carry one of ``ratings``.

    Counts and shares are taken over rated, applicable criteria only; a criterion not yet rated
    never counts towards any rating.
    """

    ratings: list[NonEmpty]
    limiting_only: bool = False
    """Count only criteria flagged ``limiting``."""
    at_least: Count | None = None
    at_most: Count | None = None
    share_at_least: Share | None = None
    share_below: Share | None = None
    describe: str = ""
    """How to say this condition in a reason, e.g. "a limiting criterion is red"."""


class Rule(_Data, kw_only=True):
    """If its conditions hold (any or all of them), the judgement gets ``grade``.

    Rules are tried in order; the first that holds gives the grade. The last rule has no
    conditions and so always holds: it is the default grade.
    """

    grade: NonEmpty
    match: Literal["any", "all"] = "any"
    conditions: list[Condition] = []
    summary: str = ""


class Scoring(_Data, kw_only=True):
    """How criterion ratings become an indicative grade for a judgement."""

    provisional_below: Share = 0.8
    """A grade from coverage (rated / applicable criteria) below this is marked provisional."""
    strong_ratings: list[str] = []
    """Ratings that say practice is strong; a criterion so rated that the inspectorate named
    for improvement is a possible blind spot. Empty means the top level of the scale."""
    rules: list[Rule]


class Criterion(_Data, kw_only=True):
    """One thing inspectors look at, written as what good looks like."""

    id: NonEmpty
    title: NonEmpty
    what_good_looks_like: NonEmpty
    prompts: list[str] = []
    evidence_examples: list[str] = []
    themes: list[str] = []
    limiting: bool = False
    """A low rating here limits the judgement whatever else is rated (the scoring rules with
    ``limiting_only`` conditions say how)."""
    keywords: list[str] = []
    """Words that link a published area for improvement to this criterion."""
    national_framework: list[str] = []
    """The Children's Social Care National Framework outcomes and enablers this criterion
    serves: "outcome-1" to "outcome-4", "enabler-1" to "enabler-3" (see NATIONAL_FRAMEWORK)."""
    indicators: list[str] = []
    """Ids of published indicators (selfassess/data/published.json) that bear on this
    criterion; the model checks only their form, loading checks them against the dataset."""


class Judgement(_Data, kw_only=True):
    """A graded judgement, e.g. the experiences and progress of children in care."""

    id: NonEmpty
    title: NonEmpty
    """As the inspectorate prints it in its report's table of grades."""
    short_title: str = ""
    variants: list[str] = []
    """Other wordings the inspectorate has used for this judgement, for reading reports."""
    description: str = ""
    criteria: list[Criterion] = []

    @property
    def label(self) -> str:
        return self.short_title or self.title


class OverallRule(_Data, kw_only=True):
    """One step of deriving overall effectiveness from the other judgements' grades.

    Either ``grade`` when any of ``when_any_of`` is graded one of ``is``, or ``follow``: take
    that judgement's grade.
    """

    grade: str = ""
    when_any_of: list[str] = []
    is_: list[str] = msgspec.field(default_factory=list, name="is")
    follow: str = ""
    reason: str = ""


class Overall(_Data, kw_only=True):
    """The overall effectiveness judgement, derived from the others (not rated directly)."""

    id: NonEmpty = "overall"
    title: NonEmpty = "Overall effectiveness"
    variants: list[str] = []
    basis: str = ""
    """What the rule rests on, shown with the grade (e.g. that it is a heuristic)."""
    rules: list[OverallRule]


def _default_levels() -> list[RatingLevel]:
    return [
        RatingLevel(id="red", label="Red", letter="R", colour="red3"),
        RatingLevel(id="amber", label="Amber", letter="A", colour="dark_orange"),
        RatingLevel(id="green", label="Green", letter="G", colour="green4"),
    ]


def _default_grades() -> list[Grade]:
    return [
        Grade(id="outstanding", label="Outstanding", short="O", colour="dodger_blue2"),
        Grade(id="good", label="Good", short="G", colour="green4"),
        Grade(
            id="requires_improvement",
            label="Requires improvement to be good",
            short="RI",
            colour="dark_orange",
        ),
        Grade(id="inadequate", label="Inadequate", short="I", colour="red3"),
    ]


SELF_EVALUATION_QUESTIONS = (
    "What do we know about the quality and impact of social work practice?",
    "How do we know it?",
    "What are our plans for the next 12 months to maintain or improve practice?",
)
"""Ofsted's three questions for a local authority's annual self-evaluation (ILACS)."""


class SelfEvaluation(_Data, kw_only=True):
    """The questions the annual self-evaluation answers, in order: what we know, how we know
    it, and our plans (``selfassess report --sef`` answers them judgement by judgement)."""

    questions: Annotated[list[NonEmpty], msgspec.Meta(min_length=3, max_length=3)] = msgspec.field(
        default_factory=lambda: list(SELF_EVALUATION_QUESTIONS)
    )


CAVEAT_MAX = 200
"""The longest ``Framework.caveat``: a note people read beside the framework's name."""


class Framework(_Data, kw_only=True, dict=True):
    """A whole framework, as loaded from its TOML file."""

    id: NonEmpty
    version: NonEmpty
    title: NonEmpty
    description: str = ""
    caveat: str = ""
    """A short word of caution shown wherever the framework is named or chosen (the
    frameworks list, the new-assessment form, the app's judgement panel and scorecard), e.g.
    that its criteria are not yet checked against the inspectorate's latest. One line of at
    most ``CAVEAT_MAX`` characters; empty for none."""
    inspectorate: str = ""
    """Who inspects against this framework, e.g. "Ofsted"; empty for none, and then no
    comparison with published grades is shown anywhere."""
    published_label: str = ""
    """What the published grades are called, e.g. "Ofsted's grades" (default: derived from
    the inspectorate)."""
    subject: str = "local authority"
    """What is assessed, e.g. "local authority", or "partnership" for a joint inspection."""
    service: str = ""
    """What the assessment covers, in words for subtitles, e.g. "children's social care
    services"."""
    applies_from: datetime.date
    applies_until: datetime.date | None = None
    rating_levels: list[RatingLevel] = msgspec.field(default_factory=_default_levels)
    allow_not_applicable: bool = True
    grades: list[Grade] = msgspec.field(default_factory=_default_grades)
    themes: list[Theme] = []
    scoring: Scoring
    judgements: list[Judgement]
    overall: Overall | None = None
    self_evaluation: SelfEvaluation = msgspec.field(default_factory=SelfEvaluation)

    # --- words (a framework may be for any inspection, or none) ---

    @property
    def compares_published(self) -> bool:
        """Whether published grades can be compared with: only when an inspectorate is named."""
        return bool(self.inspectorate.strip())

    @property
    def published_grades(self) -> str:
        """What the published grades are called, e.g. "Ofsted's grades" ("" with no
        inspectorate)."""
        if not self.compares_published:
            return ""
        return self.published_label.strip() or f"{self.inspectorate.strip()}'s grades"

    # --- lookups (cached: frameworks are never changed after loading) ---

    @cached_property
    def criteria(self) -> dict[str, Criterion]:
        return {c.id: c for j in self.judgements for c in j.criteria}

    @cached_property
    def judgement_of(self) -> dict[str, Judgement]:
        """Criterion id → the judgement that holds it."""
        return {c.id: j for j in self.judgements for c in j.criteria}

    @cached_property
    def judgement_by_id(self) -> dict[str, Judgement]:
        return {j.id: j for j in self.judgements}

    @cached_property
    def level_by_id(self) -> dict[str, RatingLevel]:
        return {level.id: level for level in self.rating_levels}

    @cached_property
    def grade_by_id(self) -> dict[str, Grade]:
        return {g.id: g for g in self.grades}

    @cached_property
    def theme_by_id(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}

    @cached_property
    def criterion_index(self) -> dict[str, int]:
        """Criterion id → its position in the framework, for a stable order."""
        return {cid: i for i, cid in enumerate(self.criteria)}

    def grade_rank(self, grade_id: str) -> int:
        """Higher is better: outstanding 3 … inadequate 0 on the bundled scale."""
        ids = [g.id for g in self.grades]
        return len(ids) - 1 - ids.index(grade_id)

    def grade_label(self, grade_id: str | None) -> str:
        if grade_id is None:
            return "—"
        grade = self.grade_by_id.get(grade_id)
        return grade.label if grade else grade_id

    def rating_ids(self) -> list[str]:
        ids = [level.id for level in self.rating_levels]
        return [*ids, NOT_APPLICABLE] if self.allow_not_applicable else ids

    def strong_ratings(self) -> list[str]:
        return self.scoring.strong_ratings or [self.rating_levels[-1].id]

    def published_judgement_ids(self) -> list[str]:
        """Every judgement graded in a published report, including overall effectiveness."""
        ids = [j.id for j in self.judgements]
        return [*ids, self.overall.id] if self.overall else ids

    def published_title(self, judgement_id: str) -> str:
        if self.overall and judgement_id == self.overall.id:
            return self.overall.title
        judgement = self.judgement_by_id.get(judgement_id)
        return judgement.title if judgement else judgement_id

    def judgement_label(self, judgement_id: str) -> str:
        if self.overall and judgement_id == self.overall.id:
            return self.overall.title
        judgement = self.judgement_by_id.get(judgement_id)
        return judgement.label if judgement else judgement_id


def framework_from_data(data: dict[str, Any], file: str | None = None) -> Framework:
    """Build and check a framework from parsed TOML; raise InputError listing every problem."""
    framework, problems = convert(data, Framework)
    if framework is None:
        raise InputError(file, problems)
    problems = check_framework(framework)
    if problems:
        raise InputError(file, problems)
    return framework


def _duplicates(items: list[tuple[str, str]], what: str, problems: list[Problem]) -> None:
    """Report repeated values; ``items`` are (value, place) pairs."""
    seen: dict[str, str] = {}
    for value, place in items:
        if not value:
            continue
        if value in seen:
            problems.append(
                Problem(place, f'{what} "{value}" is used twice (first at {seen[value]})')
            )
        else:
            seen[value] = place


def _reference(
    value: str, known: list[str], place: str, what: str, problems: list[Problem]
) -> None:
    if value not in known:
        problems.append(
            Problem(place, f'"{value}" is not a {what} of this framework{suggest(value, known)}')
        )


def _reserved_key(fw: Framework, i: int, level: RatingLevel, problems: list[Problem]) -> None:
    """Refuse a rating key that the app already uses for something else, naming the clash,
    and one that is not a single key: Ctrl+S, say, would rate a criterion instead of saving,
    and "r,q" would take the quit key too."""
    shortcut = level.shortcut
    if any(ch in shortcut for ch in "+,") or not shortcut.strip() or shortcut != shortcut.strip():
        field = "key" if level.key else "letter"
        value = level.key or level.letter
        problems.append(
            Problem(
                f"rating_levels[{i}].{field}",
                f'"{value}" cannot be the key for {level.label}: a rating key is one key '
                "pressed on its own (a letter or a digit), without Ctrl, Alt or Shift"
                + ("" if level.key else "; give this level a key of its own"),
            )
        )
        return
    use = RESERVED_KEYS.get(shortcut)
    if use is None:
        return
    taken = set(RESERVED_KEYS) | {lv.shortcut for lv in fw.rating_levels}
    free = [ch for ch in level.label.lower() + level.id.lower() if ch.isalnum() and ch not in taken]
    hint = f', e.g. key = "{free[0]}"' if free else ""
    if level.key:
        problems.append(
            Problem(
                f"rating_levels[{i}].key",
                f'"{level.key}" is a key the app already uses to {use}: choose another{hint}',
            )
        )
    else:
        problems.append(
            Problem(
                f"rating_levels[{i}].letter",
                f'"{level.letter}" would make "{level.shortcut}" the key for {level.label}, but '
                f"the app already uses that key to {use}: give this level a key of its "
                f"own{hint}",
            )
        )


def check_framework(fw: Framework) -> list[Problem]:
    """Check what types cannot: unique ids, references that resolve, rules that reach a grade."""
    problems: list[Problem] = []
    level_ids = [level.id for level in fw.rating_levels]
    grade_ids = [g.id for g in fw.grades]
    theme_ids = [t.id for t in fw.themes]

    if fw.applies_until and fw.applies_until < fw.applies_from:
        problems.append(Problem("applies_until", "is before applies_from"))
    if "\n" in fw.caveat.strip() or "\r" in fw.caveat.strip():
        problems.append(Problem("caveat", "must be one line: it is shown as a short note"))
    elif len(fw.caveat.strip()) > CAVEAT_MAX:
        problems.append(
            Problem(
                "caveat",
                f"is {len(fw.caveat.strip())} characters long: keep it to {CAVEAT_MAX} at most "
                "(the description can say more)",
            )
        )
    if not fw.rating_levels:
        problems.append(Problem("rating_levels", "needs at least one level"))
    if len(fw.grades) < 2:
        problems.append(Problem("grades", "needs at least two grades"))
    _duplicates(
        [(lv.id, f"rating_levels[{i}].id") for i, lv in enumerate(fw.rating_levels)],
        "rating id",
        problems,
    )
    _duplicates(
        [(lv.shortcut, f"rating_levels[{i}].key") for i, lv in enumerate(fw.rating_levels)],
        "key",
        problems,
    )
    _duplicates(
        [(lv.letter, f"rating_levels[{i}].letter") for i, lv in enumerate(fw.rating_levels)],
        "letter",
        problems,
    )
    for i, level in enumerate(fw.rating_levels):
        _reserved_key(fw, i, level, problems)
        if level.id == NOT_APPLICABLE:
            problems.append(
                Problem(
                    f"rating_levels[{i}].id", f'"{NOT_APPLICABLE}" is built in; choose another id'
                )
            )
    _duplicates([(g.id, f"grades[{i}].id") for i, g in enumerate(fw.grades)], "grade id", problems)
    colours = [(lv.colour, f"rating_levels[{i}].colour") for i, lv in enumerate(fw.rating_levels)]
    colours += [(g.colour, f"grades[{i}].colour") for i, g in enumerate(fw.grades)]
    for colour, place in colours:
        if not is_colour(colour):
            problems.append(
                Problem(
                    place,
                    f'"{colour}" is not a colour: use one name such as "red3" or "green4", '
                    f'or "#rrggbb"{suggest(colour.lower(), sorted(_COLOUR_NAMES))}',
                )
            )
    _duplicates([(t.id, f"themes[{i}].id") for i, t in enumerate(fw.themes)], "theme id", problems)

    if not fw.judgements:
        problems.append(Problem("judgements", "needs at least one judgement"))
    _duplicates(
        [(j.id, f"judgements[{i}].id") for i, j in enumerate(fw.judgements)],
        "judgement id",
        problems,
    )
    _duplicates(
        [
            (c.id, f"judgements[{i}].criteria[{k}].id")
            for i, j in enumerate(fw.judgements)
            for k, c in enumerate(j.criteria)
        ],
        "criterion id",
        problems,
    )
    for i, judgement in enumerate(fw.judgements):
        if not judgement.criteria:
            problems.append(Problem(f"judgements[{i}].criteria", "needs at least one criterion"))
        for k, criterion in enumerate(judgement.criteria):
            cplace = f"judgements[{i}].criteria[{k}]"
            for n, link in enumerate(criterion.national_framework):
                if link not in NATIONAL_FRAMEWORK:
                    problems.append(
                        Problem(
                            f"{cplace}.national_framework[{n}]",
                            f'"{link}" is not an outcome or enabler of the National Framework: '
                            f'use "outcome-1" to "outcome-4" or "enabler-1" to "enabler-3"'
                            f"{suggest(link, list(NATIONAL_FRAMEWORK))}",
                        )
                    )
            _duplicates(
                [
                    (x, f"{cplace}.national_framework[{n}]")
                    for n, x in enumerate(criterion.national_framework)
                ],
                "national framework link",
                problems,
            )
            for n, indicator in enumerate(criterion.indicators):
                if not indicator.strip():
                    problems.append(
                        Problem(f"{cplace}.indicators[{n}]", "is empty: give an indicator id")
                    )
            _duplicates(
                [(x, f"{cplace}.indicators[{n}]") for n, x in enumerate(criterion.indicators)],
                "indicator",
                problems,
            )
            for t, theme in enumerate(criterion.themes):
                _reference(
                    theme,
                    theme_ids,
                    f"judgements[{i}].criteria[{k}].themes[{t}]",
                    "theme",
                    problems,
                )

    rules = fw.scoring.rules
    if not rules:
        problems.append(Problem("scoring.rules", "needs at least one rule"))
    elif rules[-1].conditions:
        problems.append(
            Problem(
                f"scoring.rules[{len(rules) - 1}]",
                "the last rule must have no conditions, so every judgement gets a grade",
            )
        )
    for r, rule in enumerate(rules):
        place = f"scoring.rules[{r}]"
        _reference(rule.grade, grade_ids, join(place, "grade"), "grade", problems)
        if rule.conditions == [] and r < len(rules) - 1:
            problems.append(
                Problem(place, "has no conditions, so the rules after it can never apply")
            )
        for c, cond in enumerate(rule.conditions):
            cplace = f"{place}.conditions[{c}]"
            if not cond.ratings:
                problems.append(Problem(join(cplace, "ratings"), "needs at least one rating"))
            for n, rating in enumerate(cond.ratings):
                _reference(rating, level_ids, f"{cplace}.ratings[{n}]", "rating", problems)
            if all(
                x is None
                for x in (cond.at_least, cond.at_most, cond.share_at_least, cond.share_below)
            ):
                problems.append(
                    Problem(
                        cplace,
                        "needs a threshold: at_least, at_most, share_at_least or share_below",
                    )
                )

    for n, rating in enumerate(fw.scoring.strong_ratings):
        _reference(rating, level_ids, f"scoring.strong_ratings[{n}]", "rating", problems)

    if fw.overall is not None:
        judgement_ids = [j.id for j in fw.judgements]
        if fw.overall.id in judgement_ids:
            problems.append(Problem("overall.id", f'"{fw.overall.id}" is also a judgement id'))
        if not fw.overall.rules:
            problems.append(Problem("overall.rules", "needs at least one rule"))
        elif not fw.overall.rules[-1].follow:
            problems.append(
                Problem(
                    f"overall.rules[{len(fw.overall.rules) - 1}]",
                    "the last rule must follow a judgement, so overall always gets a grade",
                )
            )
        for r, orule in enumerate(fw.overall.rules):
            place = f"overall.rules[{r}]"
            if bool(orule.follow) == bool(orule.grade):
                problems.append(
                    Problem(place, 'needs either "follow" or "grade" (with "when_any_of" and "is")')
                )
            if orule.follow:
                _reference(
                    orule.follow, judgement_ids, join(place, "follow"), "judgement", problems
                )
            if orule.grade:
                _reference(orule.grade, grade_ids, join(place, "grade"), "grade", problems)
                if not orule.when_any_of or not orule.is_:
                    problems.append(
                        Problem(place, 'a rule with "grade" needs "when_any_of" and "is"')
                    )
            for n, jid in enumerate(orule.when_any_of):
                _reference(jid, judgement_ids, f"{place}.when_any_of[{n}]", "judgement", problems)
            for n, gid in enumerate(orule.is_):
                _reference(gid, grade_ids, f"{place}.is[{n}]", "grade", problems)
    return problems
