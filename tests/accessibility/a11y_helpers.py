"""Helpers for the accessibility tests: the assessments checked, and Chromium with axe-core.

axe-core comes from the npm registry (``.ci/run`` installs it into ``.ci/node``); Chromium is
Debian's, driven by Playwright. Where either cannot be found the browser tests skip, saying how
to get it; the document checks (Word's XML, Markdown, CSV) always run.
"""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path
from typing import Any

import msgspec
import pytest

from selfassess.data.published import dataset
from selfassess.files.store import bundled_framework, load_assessment
from selfassess.model.assessment import (
    Action,
    AreaForImprovement,
    CriterionRecord,
    Evidence,
    Published,
    new_assessment,
)
from selfassess.model.framework import NOT_APPLICABLE, Framework, framework_from_data
from selfassess.model.summary import Summary, summarise

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "peterborough-2018.toml"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""WCAG 2.2 AA, as axe-core tags its rules."""

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def example_summary() -> Summary:
    loaded = load_assessment(EXAMPLE)
    return summarise(loaded.framework, loaded.assessment)


def full_summary(framework_id: str = "ilacs-2023", authority: str = "Cambridgeshire") -> Summary:
    """A new assessment with every criterion rated (some not applicable), each with evidence,
    notes and actions, and Ofsted's grades with areas for improvement: every part of every
    export is drawn."""
    framework = linking_indicators(bundled_framework(framework_id))
    assessment = new_assessment(
        framework, authority, period="2025-26", assessors=["Head of QA", "Principal SW"]
    )
    if authority == "Cambridgeshire":
        assessment.authority_code = "873"
    ratings = framework.rating_ids()
    types = ["case_audit", "performance_data", "feedback", "other"]
    statuses = ["not_started", "in_progress", "done"]
    for n, criterion in enumerate(framework.criteria.values()):
        rating = ratings[n % len(ratings)]
        record = CriterionRecord(
            rating=rating,
            na_reason="Commissioned jointly with a neighbour" if rating == NOT_APPLICABLE else "",
            confidence=["low", "medium", "high"][n % 3],  # type: ignore[arg-type]
            notes=f"What we found for criterion {n}.\nA second line <b>not bold</b> & more.",
            review=n % 5 == 0,
            evidence=[
                Evidence(
                    what=f"Evidence {n}.{k}: audit of 20 cases",
                    type=types[(n + k) % len(types)],  # type: ignore[arg-type]
                    date=datetime.date(2025, 1 + (n + k) % 12, 1 + n % 28),
                    owner="Head of QA",
                    where="QA SharePoint",
                )
                for k in range(2)
            ],
            actions=[
                Action(
                    what=f"Action {n}: re-audit and report to the board",
                    owner="Service manager",
                    due=datetime.date(2026, 1 + n % 12, 15),
                    status=statuses[n % 3],  # type: ignore[arg-type]
                )
            ],
        )
        assessment.criteria[criterion.id] = record
    judgements = framework.published_judgement_ids()
    assessment.published = Published(
        grades={j: ["good", "requires_improvement"][i % 2] for i, j in enumerate(judgements)},
        source="cambridgeshire-2024.pdf",
        published=datetime.date(2024, 3, 1),
        inspection_start=datetime.date(2024, 1, 8),
        inspection_end=datetime.date(2024, 1, 19),
        lead_inspector="A Lead Inspector",
        areas_for_improvement=[
            AreaForImprovement(
                text="Return home interviews", criteria=[list(framework.criteria)[1]]
            )
        ],
    )
    return summarise(framework, assessment)


def linking_indicators(framework: Framework) -> Framework:
    """The framework as it is, or, if it links no published indicator yet, with every
    indicator linked to some criterion (so the figures and charts are drawn)."""
    if any(c.indicators for c in framework.criteria.values()):
        return framework
    ids = list(dataset().indicators)
    data = msgspec.to_builtins(framework, builtin_types=(datetime.date,))
    criteria = [c for j in data["judgements"] for c in j["criteria"]]
    for n, indicator in enumerate(ids):
        criteria[(n * 3) % len(criteria)].setdefault("indicators", []).append(indicator)
    return framework_from_data(data)


def find_chromium() -> str:
    for candidate in (
        os.environ.get("SELFASSESS_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.skip("Chromium not found (apt-get install chromium, or set SELFASSESS_CHROMIUM)")


def find_readability() -> Path:
    """Mozilla's Readability.js: the reader view of Firefox, from the npm registry."""
    found = ROOT / ".ci" / "node" / "node_modules" / "@mozilla" / "readability" / "Readability.js"
    if found.is_file():
        return found
    pytest.skip(
        "Readability.js not found: run `npm install --prefix .ci/node @mozilla/readability@0` "
        "(as .ci/run does)"
    )


def find_axe() -> Path:
    for candidate in (
        os.environ.get("SELFASSESS_AXE"),
        ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js",
    ):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    pytest.skip(
        "axe-core not found: run `npm install --prefix .ci/node axe-core@4` (as .ci/run does), "
        "or set SELFASSESS_AXE to axe.min.js"
    )


# --- contrast and Word documents -------------------------------------------------------------


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""

    def luminance(hex_value: str) -> float:
        def channel(c: int) -> float:
            s = c / 255
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

        h = hex_value.lstrip("#")
        r, g, b_ = (int(h[i : i + 2], 16) for i in (0, 2, 4))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b_)

    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def word_problems(package: bytes) -> list[str]:
    """What stops a Word document being accessible, read from its XML (empty: nothing).

    Headings use the built-in styles in order (no level skipped, the first a Heading 1);
    the title and language (en-GB) are in the properties and the language in the styles'
    defaults; every table's first row repeats as a header; every picture has alternative
    text; all text (in headings, runs and shaded cells) has a contrast of at least 4.5:1.
    """
    import io
    import zipfile
    from xml.etree import ElementTree as ET

    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        document = ET.fromstring(z.read("word/document.xml"))
        styles = ET.fromstring(z.read("word/styles.xml"))
        core = ET.fromstring(z.read("docProps/core.xml"))
        settings = ET.fromstring(z.read("word/settings.xml"))

    title = core.findtext("dc:title", default="", namespaces=NS)
    if not title.strip():
        problems.append("no document title in the core properties")
    if core.findtext("dc:language", default="", namespaces=NS) != "en-GB":
        problems.append("core properties' language is not en-GB")
    langs = styles.findall("./w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    if [lang.get(_w("val")) for lang in langs] != ["en-GB"]:
        problems.append("the styles' default language is not en-GB")
    for lang in settings.findall("w:themeFontLang", NS):
        if lang.get(_w("val")) != "en-GB":
            problems.append("settings' themeFontLang is not en-GB")

    # style id -> (name, colour, based on)
    style_info: dict[str, tuple[str, str | None, str | None]] = {}
    for style in styles.findall("w:style", NS):
        sid = style.get(_w("styleId")) or ""
        name_el = style.find("w:name", NS)
        colour_el = style.find("w:rPr/w:color", NS)
        based = style.find("w:basedOn", NS)
        style_info[sid] = (
            name_el.get(_w("val")) if name_el is not None else sid,
            colour_el.get(_w("val")) if colour_el is not None else None,
            based.get(_w("val")) if based is not None else None,
        )

    def style_colour(sid: str | None) -> str | None:
        seen = 0
        while sid and sid in style_info and seen < 10:
            _, colour, based = style_info[sid]
            if colour and colour != "auto":
                return colour
            sid, seen = based, seen + 1
        return None

    last = 0
    for p in document.iter(_w("p")):
        style_el = p.find("w:pPr/w:pStyle", NS)
        sid = style_el.get(_w("val")) if style_el is not None else None
        name = style_info.get(sid or "", ("", None, None))[0]
        text = "".join(t.text or "" for t in p.iter(_w("t")))
        if name.startswith("heading "):
            level = int(name.split()[1])
            if level > last + 1:
                problems.append(f"heading level {level} after level {last}: {text!r}")
            last = level
        elif name.lower().startswith("heading"):
            pass
        colour = style_colour(sid)
        if colour and text.strip() and contrast(f"#{colour}", "#ffffff") < 4.5:
            problems.append(f"style {name} colour #{colour} on white is below 4.5:1: {text!r}")

    for tc in document.iter(_w("tc")):
        shd = tc.find("w:tcPr/w:shd", NS)
        fill = shd.get(_w("fill")) if shd is not None else None
        for r in tc.iter(_w("r")):
            _check_run(r, fill if fill not in (None, "auto") else None, problems)
    in_cells = {id(r) for tc in document.iter(_w("tc")) for r in tc.iter(_w("r"))}
    for r in document.iter(_w("r")):
        if id(r) not in in_cells:
            _check_run(r, None, problems)

    for n, tbl in enumerate(document.iter(_w("tbl")), start=1):
        first = tbl.find("w:tr", NS)
        header = first.find("w:trPr/w:tblHeader", NS) if first is not None else None
        if header is None:
            problems.append(f"table {n}: its header row is not marked to repeat")
        ths = first.findall("w:tc", NS) if first is not None else []
        if not any("".join(t.text or "" for t in tc.iter(_w("t"))).strip() for tc in ths):
            problems.append(f"table {n}: its header row is empty")

    for n, pr in enumerate(document.iter(f"{{{NS['wp']}}}docPr"), start=1):
        if not (pr.get("descr") or "").strip():
            problems.append(f"picture {n} has no alternative text")
    return problems


def _check_run(r: Any, fill: str | None, problems: list[str]) -> None:
    text = "".join(t.text or "" for t in r.iter(_w("t"))).strip()
    if not text:
        return
    rpr = r.find("w:rPr", NS)
    colour_el = rpr.find("w:color", NS) if rpr is not None else None
    shd = rpr.find("w:shd", NS) if rpr is not None else None
    colour = colour_el.get(_w("val")) if colour_el is not None else None
    colour = "000000" if colour in (None, "auto") else colour
    back = shd.get(_w("fill")) if shd is not None else fill
    back = "FFFFFF" if back in (None, "auto") else back
    if contrast(f"#{colour}", f"#{back}") < 4.5:
        problems.append(f"text #{colour} on #{back} is below 4.5:1: {text!r}")
