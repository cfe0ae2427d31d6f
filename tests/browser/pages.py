"""THE page list: every page of the app, who views it, and how to bring it into view.

The accessibility tests run axe and the 320 px reflow check on every entry for every
viewer in it, and the skip-link and focus checks on every entry once (its first viewer);
the screenshots pick entries by name.
A new page is checked by adding one line to PAGES.

Left out on purpose: Django's own admin (/admin/). It is Django's markup, not ours,
and is used only by the administrator; tests/browser/test_admin.py checks that it
works in the browser, but axe is not run on it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, Response

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.cases.guided.steps import steps_for
from socialfund.cases.models import Initiative
from socialfund.core.policy import load_policy
from socialfund.demo.sodertalje import FAMILY_CENTRES_CONTENT
from socialfund.funds.models import Fund
from tests.browser.html_check import HTML_SEEN

SODERTALJE = load_policy("sodertalje-2013")  # the demo fund's guidelines, whose guided steps these tests walk

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


def open_every_disclosure(page: Page) -> None:
    """Open every <details> (the case page's action forms), so that axe sees the forms inside."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def in_english_with_every_disclosure(page: Page) -> None:
    choose_english(page)
    open_every_disclosure(page)


def save_empty_new_case(page: Page) -> None:
    """The new-initiative form sent empty: an error for each required field."""
    page.get_by_role("main").get_by_role("button", name="Spara").click()
    page.get_by_role("heading", name="Det finns fel att rätta").wait_for()


def save_budget_with_errors(page: Page) -> None:
    """A guided step saved with answers that do not pass: the draft keeps them, the errors are shown."""
    page.get_by_label("Sökt belopp ur fonden per år").fill("nästa år: mycket")
    page.get_by_label("Projekttid (månader)").fill("")
    page.get_by_role("main").get_by_role("button", name="Spara", exact=True).click()
    page.get_by_role("heading", name="Det finns fel att rätta").wait_for()


def show_calculator_results(page: Page) -> None:
    """Change a number: htmx posts the calculator and swaps in the results (the tables and the chart)."""
    page.get_by_label("Antal år som räknas").fill("12")
    page.locator("#calc-results table").first.wait_for()


# -- cases that a page needs, found or made when the test runs (after the demo is loaded) --

DRAFT_TITLE = "Läxhjälp i föreningsregi"


def demo_case(title: str) -> Initiative:
    return Initiative.objects.get(title=title)


def applicant_draft() -> Initiative:
    """The applicant's own draft application, with the demo's complete application content
    (so the calculator shows results and the screening has answers to judge)."""
    user = User.objects.get(username="handlaggare")
    return services.initiative_create(
        fund=Fund.objects.get(slug="sodertalje"),
        user=user,
        title=DRAFT_TITLE,
        summary="Läxhjälp för barn i åk 4–6.",
        stage="application",
        content=copy.deepcopy(FAMILY_CENTRES_CONTENT),
    )


def case_path(title: str) -> Callable[[], str]:
    return lambda: reverse("cases:detail", args=[demo_case(title).pk])


def draft_path() -> str:
    return reverse("cases:detail", args=[applicant_draft().pk])


def memo_path() -> str:
    return reverse("reports:memo", args=[demo_case("Familjecentraler").pk])


def consultation_path() -> str:
    from socialfund.consultations.models import Consultation

    return reverse("consultations:detail", args=[Consultation.objects.order_by("pk").values_list("pk", flat=True)[0]])


def followed_up_project() -> tuple[int, int]:
    """A project granted through the real workflow, followed up with an indicator and a measurement:
    (project id, indicator id)."""
    import datetime as dt
    from decimal import Decimal

    from socialfund.followup import services as followup
    from tests.followup.conftest import grant
    from tests.followup.test_chain import hvb_indicator

    users = {user.username: user for user in User.objects.all()}
    initiative = grant(users, Fund.objects.get(slug="sodertalje"), title="Mobilt team skola 2")
    project = followup.project_start(initiative=initiative, user=users["registrator"])
    indicator = hvb_indicator(project, users["handlaggare"])
    for year, value in ((2017, 1900), (2018, 1800)):
        followup.measurement_record(
            indicator=indicator, user=users["handlaggare"], measured_on=dt.date(year, 12, 31), value=Decimal(value)
        )
    return project.pk, indicator.pk


def project_path() -> str:
    return reverse("followup:project", args=[followed_up_project()[0]])


def indicator_path() -> str:
    return reverse("followup:indicator", args=followed_up_project())


def guided_path(step: str) -> Callable[[], str]:
    return lambda: reverse("cases:guided", args=[applicant_draft().pk, step])


@dataclass(frozen=True)
class AppPage:
    """One page as a viewer sees it.

    name:    used in test ids and screenshot file names
    url:     a URL name for reverse() (with kwargs), a path starting with /, or a function
             that returns the path when the test runs (finding or making the case it shows)
    viewers: None for logged out, or demo user names
    setup:   run after the page has loaded, to bring the state under test into view
    invalid: the setup sends a form with errors, which the server answers with 400 by design
    known:   a known failure not yet fixed (the test is expected to fail, and says why)
    """

    name: str
    url: str | Callable[[], str]
    viewers: tuple[str | None, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    setup: Callable[[Page], None] | None = None
    invalid: bool = False
    known: str = ""

    def path(self) -> str:
        if callable(self.url):
            return self.url()
        if self.url.startswith("/"):
            return self.url
        return reverse(self.url, kwargs=self.kwargs or None)

    def show(self, page: Page) -> None:
        """Load the page in the browser and run its setup; the viewer is already signed in.

        Fails when the page, or anything it loads (the stylesheet), answers with an error.
        """
        broken: list[str] = []

        def note_errors(response: Response) -> None:
            if self.invalid and response.status == 400 and response.request.resource_type == "document":
                return
            if response.status >= 400:
                broken.append(f"{response.status} {response.url}")

        page.on("response", note_errors)
        page.goto(self.path())
        if self.setup is not None:
            self.setup(page)
        page.wait_for_load_state()
        page.remove_listener("response", note_errors)
        assert broken == [], f"{self.name}: {broken}"
        # The state as the browser holds it (htmx's swaps in place), for the Nu HTML Checker at the end.
        HTML_SEEN.add(f"DOM {self.name} ({page.url})", page.content().encode())


PAGES: list[AppPage] = [
    AppPage("welcome", "start", (ANONYMOUS,)),
    AppPage("welcome-en", "start", (ANONYMOUS,), setup=choose_english),
    AppPage("start", "start", ROLES),
    AppPage("login", "login", (ANONYMOUS,)),
    AppPage("login-errors", "login", (ANONYMOUS,), setup=submit_wrong_password),
    AppPage("login-empty", "login", (ANONYMOUS,), setup=submit_empty_form),
    # The same page for everyone; logged out and in, the header differs.
    AppPage("accessibility", "accessibility", (ANONYMOUS, "lasare")),
    # Cases: the outside actor's door, the lists, the desk, a case, the guided application.
    AppPage("idea", "actors:idea", (ANONYMOUS,)),
    AppPage("cases", "cases:list", ("beredning",)),
    AppPage("cases-filtered", "/arenden/?q=familj&status=active&stage=decision", ("lasare",)),
    AppPage("pipeline", "cases:pipeline", ("beredning",)),
    AppPage("todo", "cases:todo", ("registrator",)),
    AppPage("desk", "cases:desk", ("beredning",)),
    AppPage("new-case", "cases:new", ("handlaggare",)),
    AppPage("new-case-errors", "cases:new", ("handlaggare",), setup=save_empty_new_case, invalid=True),
    # Familjecentraler waits for kommunstyrelsen's decision: the registrar's forms, the preparation group's.
    AppPage("case", case_path("Familjecentraler"), ("registrator", "beredning"), setup=open_every_disclosure),
    AppPage("case-draft", draft_path, ("handlaggare",), setup=open_every_disclosure),
    # The whole application read-only and printable, and reading a spreadsheet into the draft.
    AppPage(
        "application-read",
        lambda: reverse("cases:application", args=[demo_case("Familjecentraler").pk]),
        ("beredning",),
    ),
    AppPage("calc-upload", lambda: reverse("cases:calc-upload", args=[applicant_draft().pk]), ("handlaggare",)),
    *[
        AppPage(f"guided-{step.code}", guided_path(step.code), ("handlaggare",))
        for step in steps_for("application", SODERTALJE)
        if step.code != "kalkyl"
    ],
    AppPage("guided-kalkyl", guided_path("kalkyl"), ("handlaggare",), setup=show_calculator_results),
    AppPage("guided-errors", guided_path("budget"), ("handlaggare",), setup=save_budget_with_errors, invalid=True),
    AppPage("import", "cases:import", ("handlaggare",)),
    # English: longer words, and the guidelines quoted in Swedish inside an English page.
    AppPage("case-en", case_path("Familjecentraler"), ("beredning",), setup=in_english_with_every_disclosure),
    AppPage("guided-en", guided_path("malgrupp"), ("handlaggare",), setup=choose_english),
    AppPage("tokens", "tokens", ("ekonomi",)),
    # The fund's ledger, follow-up, consultations and reports (their own apps' templates).
    AppPage("ledger", "/fond/sodertalje/", ("ekonomi",)),
    AppPage("ledger-journal", "/fond/sodertalje/verifikationer/", ("ekonomi",)),
    AppPage("ledger-projection", "/fond/sodertalje/prognos/", ("ekonomi",)),
    AppPage("ledger-board", "/fond/sodertalje/namnd/SN/", ("ekonomi",)),
    AppPage("ledger-capital", "/fond/sodertalje/bokfor/kapital/", ("registrator",)),
    AppPage("ledger-grant", "/fond/sodertalje/bokfor/beviljande/", ("ekonomi",)),
    AppPage("followup", "followup:portfolio", ("beredning",)),
    AppPage("followup-project", project_path, ("handlaggare", "beredning"), setup=open_every_disclosure),
    AppPage("followup-indicator", indicator_path, ("handlaggare",), setup=open_every_disclosure),
    AppPage("consultations", "consultations:list", ("registrator",)),
    AppPage("consultation-new", "consultations:new", ("registrator",)),
    AppPage("consultation", consultation_path, ("registrator",)),
    AppPage("reports", "reports:index", ("lasare", "ekonomi")),
    AppPage("reports-public-settings", "/rapporter/sodertalje/offentlig-sida/", ("admin",)),
    AppPage("reports-public", "/offentlig/sodertalje/", (ANONYMOUS,)),
    AppPage("reports-memo", memo_path, ("beredning",)),
    AppPage("report-texts", "/rapporter/sodertalje/uppfoljning-2015/text/", ("beredning",)),
    AppPage("board-names", "board-names", ("admin",)),
]


def by_name(name: str) -> AppPage:
    return next(page for page in PAGES if page.name == name)


def viewer_id(viewer: str | None) -> str:
    return viewer or "anonym"


def page_views() -> list[Any]:
    """Every (page, viewer) pair, as pytest params with readable ids."""
    return [
        pytest.param(
            page,
            viewer,
            id=f"{page.name}-{viewer_id(viewer)}",
            marks=[pytest.mark.xfail(reason=page.known, raises=AssertionError, strict=False)] if page.known else [],
        )
        for page in PAGES
        for viewer in page.viewers
    ]
