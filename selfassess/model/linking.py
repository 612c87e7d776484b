"""Linking a published area for improvement to the framework criteria it concerns.

Pure and deterministic: the same framework and text always give the same ids. Each criterion is
scored by the keywords of it found in the text (a phrase a little more than a word), with
small extra weight for words of its title and for the labels of its themes; the best few are
returned in framework order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from selfassess.model.framework import Criterion, Framework

MAX_LINKS = 3
"""At most this many criteria per area: more would say less about where the gap is."""

PREFIX_FROM = 5
"""Keyword words this long match as prefixes ("chronolog" → chronologies, "adopt" → adopters);
shorter ones only whole ("pep" is not "people"), give or take a plural."""

_PHRASE_WEIGHT = 1.5
"""A matched phrase is more specific than a word, but not by its length: "16 and 17 year old"
must not drown out "privately fostered" in the same sentence."""
_TITLE_WEIGHT = 0.25
_THEME_WEIGHT = 0.5
_RELATIVE_CUT = 0.34
"""Criteria scoring under this share of the best score are left out as incidental."""

_COMMON_WORDS = """
a an and are as at be by for from in into is of on or the their to with who what when
children child young people care social work support services service quality
"""
_COMMON = frozenset(_COMMON_WORDS.split())
"""Title words too common in this domain to say anything about which criterion is meant."""


def words(text: str) -> list[str]:
    """Lower-case words: apostrophes kept inside words, hyphens and other punctuation split."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9&]+(?:'[a-z]*)?", text)


def _word_matches(pattern: str, word: str) -> bool:
    if word == pattern or word in (pattern + "s", pattern + "es", pattern + "'s", pattern + "s'"):
        return True
    return len(pattern) >= PREFIX_FROM and word.startswith(pattern)


def _phrase_at(phrase: list[str], text: list[str]) -> int | None:
    """Where ``phrase`` first occurs in ``text`` (word index), or None."""
    n = len(phrase)
    if n == 0:
        return None
    for i in range(len(text) - n + 1):
        if all(_word_matches(phrase[k], text[i + k]) for k in range(n)):
            return i
    return None


def score_criterion(framework: Framework, criterion: Criterion, text_words: list[str]) -> float:
    """How strongly an area's words point at a criterion; 0 when no keyword of it is present."""
    # Longest phrases first; a keyword that only matches words already matched (a spelling
    # variant, or a word inside a longer phrase) adds nothing.
    keyword_score = 0.0
    covered: set[int] = set()
    for phrase in sorted((words(k) for k in criterion.keywords), key=lambda p: (-len(p), p)):
        at = _phrase_at(phrase, text_words)
        if at is None or set(range(at, at + len(phrase))) <= covered:
            continue
        covered.update(range(at, at + len(phrase)))
        keyword_score += _PHRASE_WEIGHT if len(phrase) > 1 else 1.0
    if keyword_score == 0:
        return 0.0
    present = set(text_words)
    title_score = sum(
        _TITLE_WEIGHT
        for word in dict.fromkeys(words(criterion.title))
        if word not in _COMMON and (word in present or word + "s" in present)
    )
    theme_score = 0.0
    for theme_id in criterion.themes:
        theme = framework.theme_by_id.get(theme_id)
        if theme is not None and _phrase_at(words(theme.label), text_words) is not None:
            theme_score += _THEME_WEIGHT
    return keyword_score + title_score + theme_score


_TAG_WEIGHT = 1.0
"""A criterion linked to the same national framework outcome or enabler as the area is a
little more likely to be meant; the tag alone never links (an outcome spans many criteria)."""


def link_area(
    framework: Framework,
    text: str,
    tags: Collection[NationalFrameworkTag] = (),
    criterion_tags: Mapping[str, Collection[NationalFrameworkTag]] | None = None,
) -> list[str]:
    """The ids of the criteria an area for improvement concerns (best few, framework order).

    ``tags`` are the area's national framework tags and ``criterion_tags`` the criteria's own
    national framework links (criterion id → tags; by default each criterion's
    ``national_framework`` in the framework): a criterion that shares a tag with the area, and
    whose keywords are in its text, scores higher. Empty when no criterion's keywords appear in
    the text: better no link than a wrong one.
    """
    text_words = words(text)
    wanted = set(tags)
    links = criterion_tags if criterion_tags is not None else framework_tags(framework)

    def score(criterion: Criterion) -> float:
        base = score_criterion(framework, criterion, text_words)
        if base > 0 and wanted and wanted & set(links.get(criterion.id, ())):
            base += _TAG_WEIGHT
        return base

    scored = [
        (value, index, criterion.id)
        for index, criterion in enumerate(framework.criteria.values())
        if (value := score(criterion)) > 0
    ]
    if not scored:
        return []
    best = max(value for value, _, _ in scored)
    kept = [item for item in scored if item[0] >= best * _RELATIVE_CUT]
    kept.sort(key=lambda item: (-item[0], item[1]))
    return [cid for _, _, cid in sorted(kept[:MAX_LINKS], key=lambda item: item[1])]


def framework_tags(framework: Framework) -> dict[str, tuple[NationalFrameworkTag, ...]]:
    """Each criterion's national framework links as tags ("outcome-3" → outcome 3)."""
    found: dict[str, tuple[NationalFrameworkTag, ...]] = {}
    for cid, criterion in framework.criteria.items():
        tags = [tag for link in criterion.national_framework if (tag := tag_of(link))]
        if tags:
            found[cid] = tuple(tags)
    return found


def tag_of(link: str) -> NationalFrameworkTag | None:
    """A framework's link id ("outcome-3", "enabler-1") as a tag; None for any other text."""
    kind, _, number = link.partition("-")
    if not number.isdigit():
        return None
    if kind == "outcome":
        return NationalFrameworkTag("outcome", int(number))
    if kind == "enabler":
        return NationalFrameworkTag("enabler", int(number))
    return None


@dataclass(frozen=True, slots=True, order=True)
class NationalFrameworkTag:
    """A reference to the Children's Social Care National Framework, as reports since 2025 tag
    their areas for improvement: "(outcome 3, national framework)" is outcome 3."""

    kind: Literal["outcome", "enabler", "principle"]
    number: int

    def to_json(self) -> dict[str, str | int]:
        return {"kind": self.kind, "number": self.number}

    def __str__(self) -> str:
        return f"{self.kind} {self.number}"
