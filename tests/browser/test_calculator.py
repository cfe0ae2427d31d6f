"""The calculator as a person uses it: a year grid that never loses a figure (issues 17 and 29).

Type a cost and an effect into the grid, save, save again, reload: every figure is still there.
Enter in a cell moves down, as in a spreadsheet, and never runs "lägg till"; Enter elsewhere only
saves. A block pasted from Excel fills the cells; a block wider than the grid is refused with a
message at the cell and changes nothing.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund

TITLE = "Läxhjälp i rutnätet"


def new_draft() -> Initiative:
    return services.initiative_create(
        fund=Fund.objects.get(slug="sodertalje"),
        user=User.objects.get(username="handlaggare"),
        title=TITLE,
        stage="application",
    )


def open_calculator(page: Page, case: Initiative) -> None:
    page.goto(f"/arenden/{case.pk}/ansokan/kalkyl/")
    page.wait_for_load_state()


def cell(page: Page, name: str):
    return page.locator(f'input[name="{name}"]')


def type_the_calculation(page: Page) -> None:
    results = page.locator("#calc-results")
    page.get_by_label("Första projektåret").fill("2016")
    page.get_by_label("Första projektåret").press("Tab")
    expect(page.get_by_role("columnheader", name="2016").first).to_be_visible()
    page.get_by_label("Kostnad 1, benämning").fill("Läxhjälpare")
    page.get_by_label("Kostnad 1, vem betalar").select_option(label="Sociala investeringsfonden")
    page.get_by_label("Kostnad 1, 2016").fill("600 000")
    page.get_by_label("Kostnad 1, 2017").fill("600 000")
    page.get_by_label("Effekt 1, benämning").fill("Färre placeringsdygn")
    for year in (2018, 2019, 2020, 2021):
        page.get_by_label(f"Effekt 1, {year}").fill("300")
    effect = page.get_by_role("group", name=re.compile("^Effekt 1"))
    effect.get_by_label("Vem får besparingen").select_option(label="Socialnämnden")
    effect.get_by_label("Ja, budgeten minskar").check()
    effect.get_by_label("eller skriv ett eget värde per enhet").fill("3201")
    effect.get_by_label("Dödvikt").select_option(label="25 % – i begränsad utsträckning")
    effect.get_by_label("Undanträngning").select_option(label="0 % – inget av detta")
    effect.get_by_label("Attribution").select_option(label="0 % – inget av detta")
    expect(results).to_contain_text("Föreslagen återföringsplan")


def expect_every_figure(page: Page) -> None:
    expect(page.get_by_label("Kostnad 1, benämning")).to_have_value("Läxhjälpare")
    expect(page.get_by_label("Kostnad 1, 2016")).to_have_value("600 000")
    expect(page.get_by_label("Kostnad 1, 2017")).to_have_value("600 000")
    expect(page.get_by_label("Effekt 1, benämning")).to_have_value("Färre placeringsdygn")
    for year in (2018, 2019, 2020, 2021):
        expect(page.get_by_label(f"Effekt 1, {year}")).to_have_value("300")
    # 3 201 kr × 300 days × 75 % a year 2018–2021 against 1,2 million kr, at 4 %.
    expect(page.get_by_test_id("summary-npv")).not_to_have_text("0 kr")


def stored(case: Initiative) -> dict:
    case.refresh_from_db()
    return case.content["calculation"]


def test_save_twice_reload_and_every_figure_is_there(page: Page, sign_in):
    case = new_draft()
    sign_in("handlaggare")
    open_calculator(page, case)
    type_the_calculation(page)
    npv = page.get_by_test_id("summary-npv").inner_text()
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("Kalkylen är sparad.")
    first = stored(case)
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("body")).to_contain_text("Kalkylen är sparad.")
    assert stored(case) == first
    page.reload()
    expect_every_figure(page)
    expect(page.get_by_test_id("summary-npv")).to_have_text(npv)
    assert first["costs"][0]["amounts"] == {"2016": 600000.0, "2017": 600000.0}
    assert first["effects"][0]["beneficiary"] == "SN"


def test_enter_in_a_cell_moves_down_and_enter_elsewhere_only_saves(page: Page, sign_in):
    case = new_draft()
    sign_in("handlaggare")
    open_calculator(page, case)
    type_the_calculation(page)
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("body")).to_contain_text("Kalkylen är sparad.")
    first = stored(case)
    url = page.url
    page.get_by_label("Kostnad 1, 2017").press("Enter")
    # Enter in a cell does not submit: it moves on, like a spreadsheet (the cell below, or stays at the last row).
    assert page.url == url
    expect(page.get_by_label("Kostnad 2, benämning")).to_have_count(1)
    # Enter in a field outside the grid presses the form's default button, which only saves.
    with page.expect_navigation():
        page.get_by_label("Kostnad 1, benämning").press("Enter")
    expect(page.locator("body")).to_contain_text("Kalkylen är sparad.")
    assert stored(case) == first
    page.reload()
    expect_every_figure(page)
    expect(page.get_by_label("Kostnad 3, benämning")).to_have_count(0)  # no row was added


def paste(page: Page, name: str, text: str) -> None:
    page.locator(f'input[name="{name}"]').evaluate(
        """(cell, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            cell.focus();
            cell.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )


def test_a_block_pasted_from_excel_fills_the_grid_and_one_too_wide_is_refused(page: Page, sign_in):
    case = new_draft()
    sign_in("handlaggare")
    open_calculator(page, case)
    page.get_by_label("Första projektåret").fill("2016")
    page.get_by_label("Antal år som räknas").fill("3")
    page.get_by_label("Antal år som räknas").press("Tab")
    expect(page.get_by_role("columnheader", name="2018").first).to_be_visible()
    expect(page.get_by_role("columnheader", name="2019")).to_have_count(0)
    page.get_by_label("Kostnad 1, benämning").fill("Läxhjälpare")
    paste(page, "costs-0-y2016", "100 000\t200 000\t300 000\r\n")
    expect(page.get_by_label("Kostnad 1, 2016")).to_have_value("100 000")
    expect(page.get_by_label("Kostnad 1, 2018")).to_have_value("300 000")
    expect(page.locator('table[data-grid="costs"] .grand-total')).to_have_text(re.compile(r"^600\s000$"))
    # No waiting for the first paste's recalculation: an answer asked for before a paste never replaces it
    # (test_a_late_redraw_never_takes_what_was_pasted_while_it_was_on_its_way holds one back on purpose).
    paste(page, "costs-0-y2017", "1\t2\t3")
    expect(page.locator("#calc-grid [role=alert]")).to_contain_text("3 kolumner brett")
    expect(page.get_by_label("Kostnad 1, 2017")).to_have_value("200 000")
    expect(page.get_by_label("Kostnad 1, 2018")).to_have_value("300 000")


def test_adding_a_row_keeps_what_is_typed_and_focuses_the_new_row(page: Page, sign_in):
    case = new_draft()
    sign_in("handlaggare")
    open_calculator(page, case)
    type_the_calculation(page)
    page.get_by_role("button", name="Lägg till en kostnad").click()
    expect(page.get_by_label("Kostnad 2, benämning")).to_be_focused()
    page.get_by_label("Kostnad 2, benämning").fill("Utvärdering")
    page.get_by_label("Kostnad 2, 2016").fill("100 000")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("body")).to_contain_text("Kalkylen är sparad.")
    costs = stored(case)["costs"]
    assert [c["label"] for c in costs] == ["Läxhjälpare", "Utvärdering"]
    assert sum(a for c in costs for a in c["amounts"].values()) == 1_300_000
    page.get_by_role("button", name="Ta bort kostnad 2").click()
    expect(page.get_by_label("Kostnad 2, benämning")).to_have_count(1)  # the blank row after
    expect(page.get_by_label("Kostnad 2, benämning")).to_have_value("")
    expect(page.get_by_label("Kostnad 1, benämning")).to_have_value("Läxhjälpare")


def test_the_grid_passes_axe_at_1280_and_390_px_with_figures_and_with_an_error(page: Page, sign_in):
    from tests.browser.test_accessibility import axe_report, axe_violations, sideways_overflow

    case = new_draft()
    sign_in("handlaggare")
    open_calculator(page, case)
    type_the_calculation(page)
    page.get_by_label("Kostnad 1, 2018").fill("tusen")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#costs-0-y2018-error")).to_contain_text("”tusen” är inget tal.")
    expect(page.get_by_role("link", name=re.compile("^Kostnad 1, 2018: "))).to_be_visible()
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        violations = axe_violations(page)
        assert violations == [], f"{width} px: " + axe_report(violations)
    # At 390 px the summary is a bar that opens; the page itself does not scroll sideways (the grid scrolls).
    page.reload()
    expect(page.locator("#calc-summary-panel")).not_to_have_attribute("open", "")
    assert sideways_overflow(page) == 0
    page.set_viewport_size({"width": 1280, "height": 800})


class HeldAnswers:
    """The grid's redraw requests, held back at the browser until the test lets them go (a slow server)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.routes: list = []
        self.holding = True
        page.route("**/ansokan/berakna/rader/", self.arrived)
        # Every answer meant for the grid, whether it is then swapped in or dropped (htmx asks before it swaps).
        page.evaluate(
            """() => { window.gridAnswers = 0;
                document.body.addEventListener("htmx:beforeSwap", (event) => {
                    if (event.detail.target && event.detail.target.id === "calc-grid") { window.gridAnswers += 1; }
                }); }"""
        )

    def arrived(self, route) -> None:
        if self.holding:
            self.routes.append(route)
        else:
            route.continue_()

    def wait_for(self, count: int) -> None:
        for _ in range(200):
            if len(self.routes) >= count:
                return
            self.page.wait_for_timeout(25)
        raise AssertionError(f"{count} förfrågningar väntades, {len(self.routes)} kom")

    def release(self, index: int) -> None:
        """Let a held request go and wait until the browser has its answer for the grid."""
        before = self.page.evaluate("window.gridAnswers")
        self.routes[index].continue_()
        # (wait_for_function evaluates a string, which the site's content security policy forbids)
        for _ in range(400):
            if self.page.evaluate("window.gridAnswers") > before:
                return
            self.page.wait_for_timeout(25)
        raise AssertionError("svaret kom aldrig fram")


def a_three_year_grid(page: Page, case: Initiative) -> None:
    open_calculator(page, case)
    page.get_by_label("Första projektåret").fill("2016")
    page.get_by_label("Antal år som räknas").fill("3")
    page.get_by_label("Antal år som räknas").press("Tab")
    expect(page.get_by_role("columnheader", name="2018").first).to_be_visible()
    expect(page.get_by_role("columnheader", name="2019")).to_have_count(0)
    page.wait_for_load_state("networkidle")


def test_a_late_redraw_never_takes_what_was_pasted_while_it_was_on_its_way(page: Page, sign_in):
    case = new_draft()
    sign_in("handlaggare")
    a_three_year_grid(page, case)
    held = HeldAnswers(page)
    page.get_by_label("Antal år som räknas").fill("4")
    page.get_by_label("Antal år som räknas").press("Tab")
    held.wait_for(1)  # the redraw for four years is on its way, with the grid as it was
    page.get_by_label("Kostnad 1, benämning").fill("Läxhjälpare")
    paste(page, "costs-0-y2016", "100 000\t200 000\t300 000")
    paste(page, "costs-0-y2017", "1\t2\t3")
    expect(page.locator("#calc-grid [role=alert]")).to_contain_text("3 kolumner brett")
    held.holding = False
    held.release(0)
    # The four years come, and with them everything typed and pasted meanwhile, and the message.
    expect(page.get_by_role("columnheader", name="2019").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_label("Kostnad 1, benämning")).to_have_value("Läxhjälpare")
    expect(page.get_by_label("Kostnad 1, 2016")).to_have_value("100 000")
    expect(page.get_by_label("Kostnad 1, 2018")).to_have_value("300 000")
    expect(page.get_by_label("Kostnad 1, 2019")).to_have_value("")
    expect(page.locator('table[data-grid="costs"] .grand-total')).to_have_text(re.compile(r"^600\s000$"))
    expect(page.locator("#calc-grid [role=alert]")).to_contain_text("3 kolumner brett")


def test_an_older_redraw_answering_last_is_dropped(page: Page, sign_in):
    case = new_draft()
    sign_in("handlaggare")
    a_three_year_grid(page, case)
    held = HeldAnswers(page)
    page.get_by_label("Första projektåret").fill("2017")
    page.get_by_label("Antal år som räknas").fill("4")  # leaving the first year asks for 2017–2019
    held.wait_for(1)
    page.get_by_label("Antal år som räknas").press("Tab")  # and leaving the years asks for 2017–2020
    held.wait_for(2)
    held.holding = False
    held.release(1)  # the newer answer first
    expect(page.get_by_role("columnheader", name="2020").first).to_be_visible()
    held.release(0)  # then the older one, which must not replace it
    expect(page.get_by_role("columnheader", name="2020").first).to_be_visible()
    expect(page.get_by_role("columnheader", name="2016")).to_have_count(0)
