"""THE page list: every page of the app, who views it, and how to bring it into view.

The accessibility tests run axe on every entry for every viewer in it, and the
skip-link and focus checks run on every entry; the screenshots pick entries by name.
A new page is checked by adding one line to PAGES.

Left out on purpose: Django's own admin (/admin/). It is Django's markup, not ours,
and is used only by the administrator; tests/browser/test_admin.py checks that it
works in the browser, but axe is not run on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, Response

ANONYMOUS: None = None
# Every demo user, one per role (README); their password is "demo-" + the user name.
ROLES: tuple[str, ...] = (
    "handlaggare",
    "kontorschef",
    "beredning",
    "stadsdirektor",
    "yttrande",
    "registrator",
    "ekonomi",
    "lasare",
    "admin",
)
EVERYONE: tuple[str | None, ...] = (ANONYMOUS, *ROLES)


def log_in_with_form(page: Page, username: str) -> None:
    """Log in through the real login form with the demo password, as a user would with a mouse."""
    page.goto(reverse("login"))
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(f"demo-{username}")
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def submit_wrong_password(page: Page) -> None:
    """The login form with its validation errors shown."""
    page.get_by_label("Användarnamn").fill("beredning")
    page.get_by_label("Lösenord").fill("fel-lösenord")
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    page.get_by_role("heading", name="Inloggningen misslyckades").wait_for()


def submit_empty_form(page: Page) -> None:
    """The login form sent empty: an error for each required field."""
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    page.get_by_role("heading", name="Inloggningen misslyckades").wait_for()


def choose_english(page: Page) -> None:
    """The page after switching the interface language to English."""
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt").click()
    page.locator("html[lang=en]").wait_for(state="attached")


@dataclass(frozen=True)
class AppPage:
    """One page as a viewer sees it.

    name:    used in test ids and screenshot file names
    url:     a URL name for reverse() (with kwargs), or a path starting with /
    viewers: None for logged out, or demo user names
    setup:   run after the page has loaded, to bring the state under test into view
    """

    name: str
    url: str
    viewers: tuple[str | None, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    setup: Callable[[Page], None] | None = None

    def path(self) -> str:
        if self.url.startswith("/"):
            return self.url
        return reverse(self.url, kwargs=self.kwargs or None)

    def show(self, page: Page) -> None:
        """Load the page in the browser and run its setup; the viewer is already signed in.

        Fails when the page, or anything it loads (the stylesheet), answers with an error.
        """
        broken: list[str] = []

        def note_errors(response: Response) -> None:
            if response.status >= 400:
                broken.append(f"{response.status} {response.url}")

        page.on("response", note_errors)
        page.goto(self.path())
        if self.setup is not None:
            self.setup(page)
        page.wait_for_load_state()
        page.remove_listener("response", note_errors)
        assert broken == [], f"{self.name}: {broken}"


PAGES: list[AppPage] = [
    AppPage("welcome", "start", (ANONYMOUS,)),
    AppPage("welcome-en", "start", (ANONYMOUS,), setup=choose_english),
    AppPage("start", "start", ROLES),
    AppPage("login", "login", (ANONYMOUS,)),
    AppPage("login-errors", "login", (ANONYMOUS,), setup=submit_wrong_password),
    AppPage("login-empty", "login", (ANONYMOUS,), setup=submit_empty_form),
    # The same page for everyone; logged out and in, the header differs.
    AppPage("accessibility", "accessibility", (ANONYMOUS, "lasare")),
]


def by_name(name: str) -> AppPage:
    return next(page for page in PAGES if page.name == name)


def viewer_id(viewer: str | None) -> str:
    return viewer or "anonym"


def page_views() -> list[Any]:
    """Every (page, viewer) pair, as pytest params with readable ids."""
    return [
        pytest.param(page, viewer, id=f"{page.name}-{viewer_id(viewer)}") for page in PAGES for viewer in page.viewers
    ]


def first_views() -> list[Any]:
    """Every page once, seen by the first viewer in its entry."""
    return [pytest.param(page, page.viewers[0], id=f"{page.name}-{viewer_id(page.viewers[0])}") for page in PAGES]
