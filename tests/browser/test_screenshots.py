"""Full-page screenshots of the main pages at 1280 px and 390 px wide, for a reviewer.

`make screenshots` sets SCREENSHOTS_DIR (var/screenshots/); without it these tests
skip, so `make test` writes no files. File names: <page>[-<user>]-<width>.png.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.pages import by_name

WIDTHS = (1280, 390)
# (name in pages.PAGES, viewer)
SHOTS = [
    ("welcome", None),
    ("login", None),
    ("login-errors", None),
    ("accessibility", None),
    ("start", "beredning"),
    ("start", "handlaggare"),
    ("start", "registrator"),
    ("case", "registrator"),
    ("guided-kalkyl", "handlaggare"),
    ("desk", "beredning"),
    ("cases-filtered", "beredning"),
    ("consultation", "registrator"),
    ("reports-memo", "beredning"),
]

pytestmark = pytest.mark.skipif(not os.environ.get("SCREENSHOTS_DIR"), reason="SCREENSHOTS_DIR är inte satt")


def file_stem(name: str, viewer: str | None) -> str:
    return f"{name}-{viewer}" if viewer else name


@pytest.mark.parametrize(("name", "viewer"), SHOTS, ids=[file_stem(*shot) for shot in SHOTS])
def test_screenshot(page: Page, sign_in, name: str, viewer: str | None):
    directory = Path(os.environ["SCREENSHOTS_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    sign_in(viewer)
    by_name(name).show(page)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        path = directory / f"{file_stem(name, viewer)}-{width}.png"
        page.screenshot(path=path, full_page=True)
        assert path.stat().st_size > 0
        # Nothing may make the page wider than the window (WCAG 1.4.10 reflow).
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path.name}: the page is {overflow} px wider than the window"
