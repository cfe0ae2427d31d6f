"""The real-browser harness: Debian's Chromium driven by Playwright against a live server.

One browser and one browser context for the whole session; every test gets a new page
and no cookies (the site keeps no other state in the browser).
Every test in this folder is marked `browser`, so `pytest -m "not browser"` leaves them out.

Playwright's own browser download is not used: the tests drive /usr/bin/chromium
(installed by .ci/run with apt). When it is missing they skip with a message on a
developer's machine, and fail in CI (CI=true), where a silently skipped suite would
look like a green one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import Client
from django.utils import translation
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from pytest_django.live_server_helper import LiveServer

from socialfund.accounts.models import User
from tests.browser.html_check import HTML_SEEN

# Debian's Chromium; CHROMIUM_PATH names another build of it (Ubuntu: /usr/bin/chromium-browser).
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Headless, and nothing that reaches outside addresses (updates, sync, safe browsing).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent
DESKTOP = {"width": 1280, "height": 800}

# What axe could not decide on a page ("needs review": rule, help, page and width, element), listed at the
# end of the session for a person to look at (test_accessibility.py fills it).
AXE_NEEDS_REVIEW: list[tuple[str, str, str, str]] = []

# Playwright's sync API runs an event loop in this thread, and Django refuses database
# calls from a thread with a running loop. The fixtures here (demo data, force_login)
# make such calls between browser steps, which is safe: nothing else uses the loop.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser as `browser` (before `-m` deselects)."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
    # The Nu HTML Checker's test checks what every other browser test saw, so it runs after them.
    last = [item for item in items if item.path.name == "test_valid_html.py"]
    items[:] = [item for item in items if item not in last] + last


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """axe's "needs review" results, one line per rule with where it was seen: axe cannot decide these
    (contrast over a background image, text in a table cell…), so a person reads them in the test output."""
    if not AXE_NEEDS_REVIEW:
        return
    terminalreporter.section("axe: behöver granskas av en person (incomplete)")
    by_rule: dict[tuple[str, str], list[str]] = {}
    for rule, help_text, where, target in AXE_NEEDS_REVIEW:
        by_rule.setdefault((rule, help_text), []).append(f"{where}: {target}")
    for (rule, help_text), places in sorted(by_rule.items()):
        terminalreporter.write_line(f"{rule} ({len(places)}): {help_text}")
        for place in sorted(set(places))[:8]:
            terminalreporter.write_line(f"    {place}")
        if len(set(places)) > 8:
            terminalreporter.write_line(f"    … och {len(set(places)) - 8} till")


@pytest.fixture(autouse=True)
def default_language_in_the_test_thread() -> None:
    """The test code speaks the site's default language, whatever ran before it.

    The test client's requests run the middleware in this thread, which activates the
    user's language and leaves it active; pytest-django runs those tests first. Lazy
    strings the tests read (step titles, labels) would otherwise come out in English.
    """
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        message = (
            f"Chromium saknas: {CHROMIUM} finns inte. Installera Debians paket 'chromium' (apt-get install chromium)."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} I CI måste webbläsartesterna köras.", pytrace=False)
        pytest.skip(message)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


# The live server's turn: held while a request is answered. A test's teardown takes it once after closing its
# pages, so that the database is not flushed under a request still being answered (an htmx preview fired by
# the test's last keystroke failed the flush with "database table is locked").
REQUEST_TURN = threading.Lock()


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server, answering one request at a time.

    On SQLite the tests' in-memory database has a single connection, which the live
    server's request threads share with the test (that is how a page sees the test's
    demo data). Two requests at once on it collide: a form saved while the page's htmx
    preview is still being answered failed with "database table is locked". A real
    server has a connection per request; here the requests take turns instead.
    Connections still get a thread each, so a browser's idle keep-alive connection
    holds no one up.
    """

    def set_app(self, application: Callable) -> None:
        def one_at_a_time(environ: dict, start_response: Callable) -> Iterable[bytes]:
            content_type = ""

            def noting_the_type(status: str, headers: list[tuple[str, str]], *args: object) -> object:
                nonlocal content_type
                content_type = next((value for name, value in headers if name.lower() == "content-type"), "")
                return start_response(status, headers, *args)

            with REQUEST_TURN:
                response = application(environ, noting_the_type)
                try:
                    # The body too: a streamed download may read the database as it goes.
                    body = list(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()
            # Every HTML answer the browser gets is checked by the Nu HTML Checker at the end (html_check.py).
            HTML_SEEN.add_answer(environ["REQUEST_METHOD"], environ["PATH_INFO"], content_type, b"".join(body))
            return body

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """pytest-django's live server (same address option), with OneRequestAtATime as its server."""
    address = request.config.getvalue("liveserver") or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(address, start=False)
    server.thread.server_class = OneRequestAtATime
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def session_context(browser: Browser, live_server) -> Iterator[BrowserContext]:
    """One browser context on the live server for the session (a new one costs more than a test's page load)."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="sv-SE")
    # BROWSER_TIMEOUT_MS: longer on a machine shared with other work, where a page may take seconds.
    context.set_default_timeout(int(os.environ.get("BROWSER_TIMEOUT_MS", "5000")))
    # Nothing may leave the machine: any request that is not to the live server is aborted.
    context.route(
        lambda url: not url.startswith(live_server.url),
        lambda route: route.abort(),
    )
    yield context
    context.close()


@pytest.fixture
def context(session_context: BrowserContext, demo) -> Iterator[BrowserContext]:
    """The browser context with no cookies (no one signed in) and the Södertälje demo loaded.

    Every test gets new pages; what is left of a test is closed after it. The site keeps
    nothing in the browser's storage, so cookies are the only state to clear.
    """
    session_context.clear_cookies()
    yield session_context
    for page in session_context.pages:
        page.close()
    session_context.clear_cookies()
    with REQUEST_TURN:  # wait for a request still being answered before the database is flushed
        pass


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def sign_in(context: BrowserContext, live_server) -> Callable[[str | None], None]:
    """sign_in("beredning") puts that demo user's session cookie in the context.

    sign_in(None) leaves the context anonymous. Fast, without the form; test_keyboard.py
    and pages.log_in_with_form() go through the real login form.
    """

    def _sign_in(username: str | None) -> None:
        if username is None:
            return
        client = Client()
        client.force_login(User.objects.get(username=username))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return _sign_in
