"""Journeys after kommunstyrelsen's grant (issue #11), as each person would click through them.

(e) finance books the grant, a payout, the repayment plan and a repayment, and the fund's
    position shows the new figures;
(f) the applicant enters a measurement on the project page, sees it in the indicator's table,
    and corrects it on the indicator's own page;
(g) a reader downloads the April report (PDF, Word, Excel).

The granted case is arranged through the services (fast), with the demo fund's guidelines in
force; a KS grant starts the project's follow-up. Every page visited is checked with axe.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from socialfund.accounts.models import User
from socialfund.cases.models import Decision, Initiative
from socialfund.followup.models import Project
from socialfund.funds.models import Fund
from tests.browser.test_accessibility import axe_report, axe_violations
from tests.cases.conftest import grant_through_workflow

NBSP = "\u00a0"
GRANTED = Decimal("1200000")
PAYOUT = Decimal("250000")
REPAYMENT = Decimal("100000")
PDF_SECONDS = 30


def kr(amount: Decimal | int) -> str:
    """1 234 567 kr, as the pages write it: the groups and the unit after a non-breaking space."""
    return f"{int(amount):,}".replace(",", NBSP) + f"{NBSP}kr"


def amount_of(text: str) -> Decimal:
    """'−1 234 567 kr' (or with a hyphen) → Decimal('-1234567')."""
    digits = text.replace(NBSP, "").replace(" ", "").replace("kr", "").replace("\u2212", "-").replace(",", ".")
    return Decimal(digits)


def users() -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


def granted_case(title: str) -> Initiative:
    """A project granted through the real workflow (tests/cases/conftest.py), its follow-up started by the grant."""
    initiative = grant_through_workflow(users(), Fund.objects.get(slug="sodertalje"), title=title)
    assert initiative.status == "granted"
    assert initiative.decision.total_granted == GRANTED
    return initiative


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n{axe_report(violations)}"


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def saved(page: Page, message: str) -> None:
    expect(page.locator(".messages")).to_contain_text(message)


def position(page: Page) -> dict[str, str]:
    facts = page.get_by_test_id("position").locator("dd[data-fact]")
    return {dd.get_attribute("data-fact") or "": dd.inner_text() for dd in facts.all()}


def test_finance_books_the_grant_a_payout_and_a_repayment(page: Page, sign_in):
    title = "Mobilt team skola – bokföring"
    case = granted_case(title)
    today = timezone.localdate().isoformat()
    sign_in("ekonomi")

    # The fund's page: its position before, and the grant among the decisions not yet booked.
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Fonden").click()
    expect(heading(page)).to_have_text(case.fund.name)  # the only fund: its page at once
    assert_accessible(page)
    before = {fact: amount_of(text) for fact, text in position(page).items()}

    book = page.get_by_role("region", name="Bokför")
    book.get_by_role("link", name=re.compile(re.escape(title))).click()
    expect(heading(page)).to_have_text("Bokför beviljade medel")
    expect(page.get_by_label("Kommunstyrelsens beslut")).to_have_value(str(Decision.objects.get(initiative=case).pk))
    assert_accessible(page)
    # 1 200 000 kr of the fund's 24 000 000 kr: no warning to acknowledge.
    page.get_by_role("button", name="Bokför").click()
    saved(page, "Bokför beviljade medel: klart.")
    expect(page.get_by_test_id("position").locator("[data-fact=committed]")).to_have_text(
        kr(before["committed"] + GRANTED)
    )
    expect(book.get_by_role("link", name=re.compile(re.escape(title)))).to_have_count(0)

    # A payout of the first year's money.
    book.get_by_role("link", name="Registrera utbetalning").click()
    expect(heading(page)).to_have_text("Registrera utbetalning")
    assert_accessible(page)
    page.get_by_label("Insats").select_option(label=title)
    page.get_by_label("Belopp (kr)").fill("250 000")
    page.get_by_label("Utbetalningsdag").fill("2016-06-01")
    page.get_by_label("Beviljandeår").fill("2016")
    page.get_by_label("Referens (utbetalningsorder)").fill("UO 2016-117")
    page.get_by_role("button", name="Bokför utbetalningen").click()
    saved(page, "Registrera utbetalning: klart.")

    # The repayment plan: the calculation's proposal.
    book.get_by_role("link", name="Fastställ återföringsplan").click()
    expect(heading(page)).to_have_text("Fastställ återföringsplan")
    assert_accessible(page)
    page.get_by_label("Insats").select_option(label=title)
    page.get_by_label("Kalkylens förslag").check()
    page.get_by_label("Fastställd").fill("2016-06-15")
    page.get_by_label("Beslut eller överenskommelse").fill("KS 2016-05-02 § 101")
    page.get_by_role("button", name="Fastställ planen").click()
    saved(page, "Fastställ återföringsplan: klart.")

    # The lead board's duties, then its first repayment.
    board = case.lead_board
    assert board is not None
    page.get_by_role("link", name=f"{board.code} {board.name}").click()
    expect(heading(page)).to_contain_text("återföring till fonden")
    assert_accessible(page)
    page.get_by_role("link", name=case.fund.name).click()
    book.get_by_role("link", name="Registrera återföring").click()
    expect(heading(page)).to_have_text("Registrera återföring")
    assert_accessible(page)
    page.get_by_label("Insats").select_option(label=title)
    page.get_by_label("Nämnd").select_option(value=str(board.pk))
    page.get_by_label("Belopp (kr)").fill("100 000")
    page.get_by_label("Datum").fill(today)
    page.get_by_role("button", name="Bokför återföringen").click()
    saved(page, "Registrera återföring: klart.")

    # The fund's position, in Swedish figures.
    assert_accessible(page)
    after = position(page)
    assert after["capital"] == f"24{NBSP}000{NBSP}000{NBSP}kr"  # KF 2013-02-25 § 7, unchanged
    assert after["committed"] == kr(before["committed"] + GRANTED - PAYOUT)
    assert after["paid_out"] == kr(before["paid_out"] + PAYOUT)
    assert after["returned"] == kr(before["returned"] + REPAYMENT)
    assert after["receivable"] == kr(before["receivable"] + GRANTED - REPAYMENT)
    assert after["cash"] == kr(before["cash"] - PAYOUT + REPAYMENT)
    assert after["available"] == kr(before["available"] - GRANTED + REPAYMENT)
    projects = page.get_by_role("table", name="Insatsernas medel och återföring")
    row = projects.get_by_role("row", name=re.compile(re.escape(title)))
    expect(row).to_contain_text(kr(GRANTED))
    expect(row).to_contain_text(kr(PAYOUT))
    expect(row).to_contain_text(kr(GRANTED - REPAYMENT))

    # The project's own account.
    row.get_by_role("link", name=title).click()
    expect(heading(page)).to_have_text(title)
    assert_accessible(page)
    expect(page.locator("[data-fact=paid]")).to_have_text(kr(PAYOUT))
    expect(page.locator("[data-fact=duty]")).to_have_text(kr(GRANTED - REPAYMENT))


def test_the_applicant_enters_a_measurement_on_the_project_page(page: Page, sign_in):
    title = "Mobilt team skola – uppföljning"
    case = granted_case(title)
    project = Project.objects.get(initiative=case)
    sign_in("handlaggare")

    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Uppföljning").click()
    expect(heading(page)).to_have_text("Uppföljning av projekten")
    assert_accessible(page)
    page.get_by_role("link", name=title).click()
    expect(heading(page)).to_have_text(title)
    assert_accessible(page)

    indicator = project.indicators.filter(source="manual").order_by("pk").first()
    assert indicator is not None
    article = page.get_by_role("article", name=re.compile(re.escape(indicator.name)))
    expect(article).to_contain_text("Inga mätvärden ännu.")

    action = page.locator("#action-measurement")
    action.locator("summary").click()
    expect(action).to_have_attribute("open", "")
    assert_accessible(page)
    action.get_by_label("Indikator").select_option(label=indicator.name)
    action.get_by_label("Datum").fill("2016-12-31")
    # A number field (type=number): the browser takes the decimal separator of its own language,
    # and the harness's Chromium runs in English, so "0.1" here ("0,1" would silently become 1).
    action.get_by_label("Värde").fill("0.1")
    action.get_by_label("Källa").fill("Skolans frånvarostatistik")
    action.get_by_role("button", name="Spara mätvärdet").click()

    expect(heading(page)).to_have_text(title)
    table = article.get_by_role("table", name=f"{indicator.name}: mätvärden")
    row = table.get_by_role("row", name=re.compile("2016-12-31"))
    expect(row).to_contain_text("0,1")
    expect(row).to_contain_text("Skolans frånvarostatistik")
    assert_accessible(page)

    # The figure was mistyped: the official corrects it on the indicator's own page, with a reason.
    article.get_by_role("link", name=f"Ändra eller rätta {indicator.name}").click()
    expect(heading(page)).to_have_text(re.compile(re.escape(indicator.name)))
    assert_accessible(page)
    correct = page.locator("#action-correct")
    correct.locator("summary").click()
    correct.get_by_label("Mätvärde").select_option(label="2016-12-31: 0,1")
    correct.get_by_label("Rätt värde").fill("0,15")
    correct.get_by_label("Skäl").fill("Avskrivet fel från frånvarostatistiken.")
    correct.get_by_role("button", name="Spara det rätta värdet").click()
    saved(page, "Mätvärdet är rättat.")
    fixed = page.get_by_role("table", name=f"{indicator.name}: mätvärden").get_by_role(
        "row", name=re.compile("2016-12-31")
    )
    expect(fixed).to_contain_text("0,15")
    assert_accessible(page)
    page.get_by_role("link", name=title).click()
    expect(heading(page)).to_have_text(title)


def test_a_reader_downloads_the_april_report(page: Page, sign_in, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"  # the written documents are kept in the storage
    sign_in("lasare")  # the demo's granted projects are enough for the report
    year = timezone.localdate().year

    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Rapporter").click()
    expect(heading(page)).to_have_text("Rapporter och handlingar")
    assert_accessible(page)
    table = page.get_by_role("table", name="Uppföljning per år").first

    # Each document is written in the background (here at once, as with `make run`): the button opens the
    # document's page, whose live region says when it is done and offers the file.
    def written(button: str, name: str, filename: str) -> bytes:
        page.goto("/rapporter/")
        table.get_by_role("row", name=str(year)).get_by_role("button", name=button, exact=True).click(
            timeout=PDF_SECONDS * 1000
        )
        status = page.get_by_role("status")
        expect(status).to_contain_text("Handlingen är klar.", timeout=PDF_SECONDS * 1000)
        with page.expect_download() as download:
            status.get_by_role("link", name=name).click()
        assert download.value.suggested_filename == filename
        return open(download.value.path(), "rb").read()

    content = written(f"PDF {year}", f"Ladda ner Årlig uppföljning {year} (PDF)", f"uppfoljning-sodertalje-{year}.pdf")
    assert content.startswith(b"%PDF"), content[:20]
    assert 5_000 < len(content) < 5_000_000, len(content)

    # The annex, every project on its own line, is a document of its own.
    annex = written(
        f"PDF bilagan {year}", f"Ladda ner Bilaga: projekten {year} (PDF)", f"uppfoljning-sodertalje-{year}-bilaga.pdf"
    )
    assert annex.startswith(b"%PDF")
    page.screenshot(path=str(tmp_path / "rapporter-bilaga-klar.png"))

    for fmt, button in (("docx", "Word"), ("xlsx", "Excel")):
        data = written(
            f"{button} {year}",
            f"Ladda ner Årlig uppföljning {year} ({fmt.upper()})",
            f"uppfoljning-sodertalje-{year}.{fmt}",
        )
        assert data.startswith(b"PK\x03\x04"), data[:20]  # a zip: Office Open XML
        assert len(data) > 2_000, len(data)
