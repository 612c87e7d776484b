"""The page ``selfassess serve`` sends is textual-serve's own page, made offline.

textual-serve's script (served from textual-serve itself) relies on its page; ours is a copy
without the Google font link. If an update to textual-serve changes its page, this fails, so
that the copy is brought up to date before users get a page the script no longer understands.
"""

from __future__ import annotations

import re
from pathlib import Path

import textual_serve

from selfassess.serve.server import TEMPLATES

STOCK = Path(textual_serve.__file__).parent / "templates" / "app_index.html"


def body(page: str) -> str:
    return " ".join(page[page.index("<body") :].split())


def tags(page: str) -> list[str]:
    """The page's scripts and stylesheets, but for the one that is fetched from the internet."""
    found = (" ".join(tag.split()) for tag in re.findall(r"<(?:script|link)\b[^>]*>", page))
    return sorted(tag for tag in found if "googleapis" not in tag)


def test_our_page_is_textual_serves_page_without_the_internet() -> None:
    stock = STOCK.read_text(encoding="utf-8")
    ours = (TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    assert body(ours) == body(stock)
    assert tags(ours) == tags(stock)
    assert "googleapis" in stock and "googleapis" not in ours
