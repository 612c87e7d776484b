"""The HTML exports in a real browser: axe-core finds no WCAG 2.2 AA failure, and the page reads
at 320 px wide and at 200% zoom with nothing cut off.

Also checked without a browser: one ``h1`` and headings in order, a language, every table with
a caption and header cells with a scope, a text alternative for every chart.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from a11y_helpers import (
    AXE_TAGS,
    CHROMIUM_ARGS,
    example_summary,
    find_axe,
    find_chromium,
    find_readability,
    full_summary,
)

from selfassess.exports import export_actions, export_report
from selfassess.model.actions import collect_actions


def _pages() -> dict[str, bytes]:
    example = example_summary()
    full = full_summary()
    actions = collect_actions(full.framework, full.assessment, datetime.date(2026, 6, 1))
    return {
        "example-report": export_report(example, "html"),
        "full-report": export_report(full, "html"),
        "full-actions": export_actions(actions, "html"),
    }


PAGES = _pages()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
    )
    chromium = find_chromium()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _open(browser: Any, html: bytes, width: int, zoom: float = 1) -> Any:
    # bypass_csp: the page's own policy forbids scripts, which is right for it but stops axe
    context = browser.new_context(
        viewport={"width": width, "height": 900}, device_scale_factor=zoom, bypass_csp=True
    )
    page = context.new_page()
    page.set_content(html.decode("utf-8"))
    return page


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_wcag_22_aa_failures(browser: Any, name: str, tmp_path: Path) -> None:
    axe = find_axe()
    for width in (1280, 320):
        page = _open(browser, PAGES[name], width)
        page.add_script_tag(content=axe.read_text(encoding="utf-8"))
        result = page.evaluate(
            "async (tags) => await axe.run(document, "
            "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations', 'incomplete']})",
            [*AXE_TAGS, "best-practice"],
        )
        found = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "where": [" ".join(n["target"]) for n in v["nodes"][:5]],
                "summary": v["nodes"][0].get("failureSummary", ""),
            }
            for v in result["violations"]
        ]
        # What axe cannot decide by itself ("needs review"): contrast is worked out here from
        # the text's colour and the solid background behind it (no picture or gradient there).
        review = [
            {"rule": v["id"], "where": " ".join(n["target"]), "why": _why(n)}
            for v in result["incomplete"]
            for n in v["nodes"]
            if not (v["id"] == "color-contrast" and _contrast_ok(page, n["target"]))
        ]
        page.context.close()
        assert found == [], f"{name} at {width} px:\n" + json.dumps(found, indent=1)
        assert review == [], f"{name} at {width} px, to review:\n" + json.dumps(review, indent=1)


_CONTRAST = """(selector) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map(c => {
        c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    const style = getComputedStyle(el);
    const fg = el.closest('svg') ? rgb(getComputedStyle(el).fill) : rgb(style.color);
    let back = el;
    while (back) {
        const s = getComputedStyle(back);
        if (s.backgroundImage !== 'none') return null;
        const bg = rgb(s.backgroundColor);
        if (bg.length < 4 || bg[3] === 1) break;
        back = back.parentElement;
    }
    const bg = back ? rgb(getComputedStyle(back).backgroundColor) : [255, 255, 255];
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
}"""


def _contrast_ok(page: Any, target: list[str]) -> bool:
    """The text at ``target`` is at least 4.5:1 on the solid colour behind it."""
    ratio = page.evaluate(_CONTRAST, target[-1])
    return ratio is not None and ratio >= 4.5


def _why(node: dict[str, Any]) -> str:
    return " ".join(check.get("message", "") for check in [*node["any"], *node["all"]])


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize(("width", "zoom"), [(320, 1), (640, 2)])
def test_reads_at_320_px_and_200_percent_without_scrolling_sideways(
    browser: Any, name: str, width: int, zoom: float, tmp_path: Path
) -> None:
    """320 CSS px is WCAG's reflow width; a 1280 px window at 200% zoom is 640 CSS px."""
    page = _open(browser, PAGES[name], width, zoom)
    overflow = page.evaluate(
        """() => {
            const wide = [];
            for (const el of document.querySelectorAll('body *')) {
                const box = el.getBoundingClientRect();
                const placed = getComputedStyle(el).position;
                if (box.right > window.innerWidth + 0.5 && placed !== 'absolute')
                    wide.push(el.tagName + (el.className ? '.' + el.className : ''));
            }
            return {scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 5)};
        }"""
    )
    shots = os.environ.get("SELFASSESS_SCREENSHOTS")  # a folder: pictures for a person to see
    if shots:
        page.screenshot(path=str(Path(shots) / f"{name}-{width}px-x{zoom}.png"), full_page=True)
    page.context.close()
    assert overflow["scroll"] <= width, f"{name} scrolls sideways at {width} px: {overflow}"


@pytest.mark.parametrize("name", ["example-report", "full-report"])
def test_reader_view_keeps_every_heading_in_order_and_every_criterion(
    browser: Any, name: str
) -> None:
    """Firefox's reader view (Readability.js) shows the whole report: no section, criterion,
    piece of evidence or action dropped, the headings in the page's order."""
    readability = find_readability()
    summary = example_summary() if name == "example-report" else full_summary()
    page = _open(browser, PAGES[name], 1280)
    headings = page.eval_on_selector_all(
        "main h2, main h3",
        """els => els.map(e => {
            const copy = e.cloneNode(true);  // as read aloud: without what is hidden from it
            copy.querySelectorAll('[aria-hidden]').forEach(h => h.remove());
            return copy.textContent.trim();
        })""",
    )
    page.add_script_tag(content=readability.read_text(encoding="utf-8"))
    reader = page.evaluate(
        """() => {
            const article = new Readability(document.cloneNode(true)).parse();
            const box = document.createElement('div');
            box.innerHTML = article.content;
            return {
                headings: [...box.querySelectorAll('h1, h2, h3, h4')].map(
                    e => e.textContent.replace(/\\s+/g, ' ').trim()),
                text: article.textContent.replace(/\\s+/g, ' '),
            };
        }"""
    )
    page.context.close()
    squeeze = [" ".join(h.split()) for h in headings]
    assert [h for h in reader["headings"] if h in squeeze] == squeeze
    for record in summary.assessment.criteria.values():
        for item in [*record.evidence, *record.actions]:
            assert " ".join(item.what.split()) in reader["text"]
    for criterion in summary.framework.criteria.values():
        assert " ".join(criterion.title.split()) in reader["text"]


def test_focus_is_visible(browser: Any) -> None:
    """The page's only controls (each chart's "The figures by year") show where the focus is,
    and open from the keyboard."""
    page = _open(browser, PAGES["full-report"], 1280)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {tag: el.tagName, outline: style.outlineStyle,
                    width: parseFloat(style.outlineWidth), colour: style.outlineColor};
        }"""
    )
    assert focused["tag"] == "SUMMARY"
    assert focused["outline"] != "none" and focused["width"] >= 2, focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.parentElement.open")
    page.context.close()
