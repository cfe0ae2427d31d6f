"""0 errors from the W3C Nu HTML Checker over every page state the browser tests saw (issue 29).

conftest.py puts this test after every other browser test; html_check.py collects what they saw:
every HTML answer of the live server (pages and htmx fragments) and the pages as the browser held
them after pages.AppPage.show. Java runs once, for all of them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.html_check import FRAGMENT_PAGE, HTML_SEEN, Seen, check, java_missing


def needs_the_checker() -> None:
    missing = java_missing()
    if missing:
        if os.environ.get("CI") == "true" and "Java saknas" not in missing:
            pytest.fail(f"{missing} I CI måste HTML-kontrollen köras.", pytrace=False)
        pytest.skip(missing)


def test_the_checker_finds_an_error_when_there_is_one(tmp_path: Path):
    """The harness itself: the checker runs, reads every file and names the one with the error."""
    needs_the_checker()
    good = Seen("GET /bra/", FRAGMENT_PAGE.format("<p>Bra</p>").encode())
    bad = Seen("GET /fel/", FRAGMENT_PAGE.format('<input type="text" min="1" data-x="1">').encode())
    problems = check([good, bad], tmp_path)
    assert [problem.label for problem in problems] == ["GET /fel/"]
    assert "min" in problems[0].message


def test_every_page_state_the_browser_tests_saw_is_valid_html(tmp_path: Path):
    needs_the_checker()
    documents = HTML_SEEN.all()
    if not documents:
        pytest.skip("inga sidor sedda: kör testet tillsammans med de andra webbläsartesterna (pytest -m browser)")
    problems = check(documents, tmp_path)
    report = "\n".join(f"  {problem}" for problem in problems)
    assert problems == [], f"Nu HTML Checker: {len(problems)} fel i {len(documents)} dokument\n{report}"
