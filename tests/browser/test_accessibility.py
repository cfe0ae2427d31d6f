"""WCAG 2.1 AA in a real browser: axe on every page of pages.PAGES for every viewer,
and what axe cannot see: reflow at 320 px, the skip link and a visible keyboard focus.

The keyboard checks run once per page (for the first viewer in its entry), in the same
test as axe: loading a page is what costs, so each page view is loaded once."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page

from socialfund.organisation.models import Board, DecisionBody, Office
from tests.browser.conftest import AXE_NEEDS_REVIEW
from tests.browser.pages import AppPage, page_views

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's best practices too (landmarks, one h1, heading order, regions…): DIGG audits more than the WCAG tags.
AXE_RULES = [*WCAG_21_AA, "best-practice"]
# The service's name, as the site context processor gives it to every page.
SITE_NAME = getattr(settings, "SITE_NAME", "Sociala investeringsfonden")
AXE = Axe()
NARROW = {"width": 320, "height": 640}


def axe_violations(page: Page, where: str = "") -> list[dict]:
    """axe's violations on the page; what it could not decide ("needs review") is kept for the
    session's summary (conftest.pytest_terminal_summary), where a person reads it."""
    results = AXE.run(
        page, options={"runOnly": {"type": "tag", "values": AXE_RULES}, "resultTypes": ["violations", "incomplete"]}
    )
    for result in results.response["incomplete"]:
        for node in result["nodes"]:
            AXE_NEEDS_REVIEW.append((result["id"], result["help"], where, ", ".join(str(t) for t in node["target"])))
    return results.response["violations"]


def axe_report(violations: list[dict]) -> str:
    lines = [f"axe: {len(violations)} regel(r) bryts"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(str(t) for t in node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


# Every box that scrolls sideways (a wide table at 320 px) must be reachable and named for a keyboard
# and screen reader user: role=region, tabindex=0 and an accessible name no other region on the page has.
SCROLLING_BOXES = """() => {
  const name = (el) => {
    if (el.getAttribute('aria-labelledby')) {
      return el.getAttribute('aria-labelledby').split(/\\s+/)
        .map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
    }
    return (el.getAttribute('aria-label') || '').trim();
  };
  const boxes = [...document.querySelectorAll('main *')].filter((el) => {
    const s = getComputedStyle(el);
    return el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(s.overflowX) && el.offsetParent !== null;
  });
  const names = [...document.querySelectorAll('[role=region]')].map(name);
  return boxes.map((el) => ({
    html: el.outerHTML.slice(0, 140),
    role: el.getAttribute('role'),
    tabindex: el.getAttribute('tabindex'),
    name: name(el),
    unique: names.filter((n) => n === name(el)).length === 1,
  })).filter((b) => b.role !== 'region' || b.tabindex !== '0' || !b.name || !b.unique);
}"""


def scrolling_boxes_without_a_region(page: Page) -> list[dict]:
    return page.evaluate(SCROLLING_BOXES)


def sideways_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing sticks out)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


# The roles of form controls (and a list's options), whose accessible name a screen reader reads out.
CONTROL_ROLES = {"checkbox", "radio", "textbox", "combobox", "listbox", "option", "button", "spinbutton", "switch"}


def controls_named_only_by_a_code(page: Page) -> list[str]:
    """Form controls whose accessible name, as Chromium computes it, is only an organisation's abbreviation
    of a board, office or body ("ALN", "Enh"): a name that names nothing to a reader (issue 29)."""
    codes = {
        code
        for model in (Board, Office, DecisionBody)
        for code in model.objects.values_list("code", flat=True)
        if len(code) <= 4 and code.isalpha()
    }
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    found = []
    for node in nodes:
        role = (node.get("role") or {}).get("value")
        name = ((node.get("name") or {}).get("value") or "").strip()
        if role in CONTROL_ROLES and name in codes:
            found.append(f"{role} {name!r}")
    return found


@pytest.mark.parametrize(("app_page", "viewer"), page_views())
def test_page_meets_wcag_21_aa(page: Page, sign_in, app_page: AppPage, viewer: str | None):
    sign_in(viewer)
    app_page.show(page)
    violations = axe_violations(page, f"{app_page.name} 1280 px")
    assert violations == [], axe_report(violations)
    assert controls_named_only_by_a_code(page) == [], "controls named only by an abbreviation"
    # 2.4.2 Page Titled: "<the page> – <the service>", on every page.
    title = page.title()
    assert title.endswith(f" – {SITE_NAME}") and len(title) > len(f" – {SITE_NAME}"), f"title: {title!r}"
    # 2.4.1 Bypass Blocks and 2.4.7 Focus Visible, once per page.
    if viewer == app_page.viewers[0]:
        assert_skip_link_comes_first_and_focus_is_always_visible(page)
    # 1.4.10 Reflow, which axe does not test: at 320 CSS px wide, nothing scrolls sideways
    # (a wide table scrolls inside its own box instead).
    page.set_viewport_size(NARROW)
    assert sideways_overflow(page) <= 0, f"at 320 px the page is {sideways_overflow(page)} px too wide"
    unnamed = scrolling_boxes_without_a_region(page)
    assert unnamed == [], f"at 320 px these boxes scroll sideways but are no named, focusable region: {unnamed}"
    # And axe again at 320 px: what a phone's reader meets (tables that scroll in their own region).
    violations = axe_violations(page, f"{app_page.name} 320 px")
    assert violations == [], "at 320 px: " + axe_report(violations)


def test_axe_sees_a_violation_when_there_is_one(page: Page, sign_in):
    """The harness itself: axe is loaded, runs the WCAG rules and reports what breaks them."""
    sign_in(None)
    page.goto("/")
    page.evaluate("document.querySelector('#main').insertAdjacentHTML('beforeend', '<img src=\"data:,\">')")
    violations = axe_violations(page)
    assert [v["id"] for v in violations] == ["image-alt"]
    # Best practice too: text outside every landmark breaks no WCAG rule, but axe's "region" names it.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p>Utanför alla landmärken</p>')")
    assert {v["id"] for v in axe_violations(page)} == {"image-alt", "region"}
    assert "image-alt (critical)" in axe_report(violations)


# Put the keyboard's starting point at the very top of the document, as after a fresh
# page load: focus a throw-away element placed before everything else (a page's own
# autofocus, e.g. the login form's error summary, would otherwise be the start).
FROM_THE_TOP = """() => {
  const top = document.createElement('span');
  top.tabIndex = -1;
  document.body.prepend(top);
  top.focus();
  window.scrollTo(0, 0);
}"""
# What has keyboard focus, and whether it can be seen (an outline or a box shadow).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const seen = el.dataset.tabSeen === '1';
  el.dataset.tabSeen = '1';
  const s = getComputedStyle(el);
  return {
    seen,
    skipLink: el.classList.contains('skip-link'),
    visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
    html: el.outerHTML.slice(0, 120),
  };
}"""


def assert_skip_link_comes_first_and_focus_is_always_visible(page: Page) -> None:
    # Tab through the whole page: the skip link first, and every stop visibly focused.
    page.evaluate(FROM_THE_TOP)
    stops: list[dict] = []
    for _ in range(100):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["seen"]:  # past the end, or round to the start again
            break
        stops.append(focused)
    assert stops, "nothing on the page takes keyboard focus"
    assert stops[0]["skipLink"], f"the first Tab stop is not the skip link but {stops[0]['html']}"
    invisible = [stop["html"] for stop in stops if not stop["visible"]]
    assert invisible == [], f"no visible focus (outline or box-shadow) on: {invisible}"
    # The header alone has the skip link, the brand, the menu and the language form.
    assert len(stops) >= 5, [stop["html"] for stop in stops]

    # The skip link is off screen until focused, then on screen; Enter takes focus to <main>.
    page.evaluate(FROM_THE_TOP)
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 0, f"the skip link shows before it has focus: {box}"
    page.keyboard.press("Tab")
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, f"the focused skip link is off screen: {box}"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
