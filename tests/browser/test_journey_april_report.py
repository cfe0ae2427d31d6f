"""The preparation group asks for the April report on the Rapporter page and waits for it as a person would
(issue 28, item 2): the page that asked says the report waits its turn, the worker writes it, the page's
live region says it is done and offers the file, and the Rapporter page offers it again afterwards."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import REQUEST_TURN
from tests.browser.test_journeys import heading, main_menu
from tests.browser.test_journeys_after_grant import assert_accessible
from tests.task_worker import DATABASE_QUEUE, run_worker


def _the_worker_runs() -> None:
    """The worker's turn on the live server's one database connection (the page's polls wait meanwhile)."""
    with REQUEST_TURN:
        run_worker()


def test_the_april_report_is_written_in_the_background_and_offered_when_ready(page: Page, sign_in, settings, tmp_path):
    settings.TASKS = DATABASE_QUEUE
    settings.MEDIA_ROOT = tmp_path / "media"
    sign_in("beredning")
    page.goto("/", timeout=30_000)  # the session's first page also starts the server's work: allow for that
    main_menu(page).get_by_role("link", name="Rapporter").click()
    expect(heading(page)).to_contain_text("Rapporter och handlingar")
    page.get_by_role("button", name="Word 2016", exact=True).click()

    expect(heading(page)).to_contain_text("Årlig uppföljning 2016 (DOCX)")
    progress = page.get_by_role("status")
    expect(progress).to_contain_text("Handlingen väntar på sin tur.")
    assert_accessible(page)
    page.screenshot(path=str(tmp_path / "report-queued.png"), full_page=True)

    _the_worker_runs()
    # No reload: the page asks for news by itself and the live region says it is done.
    expect(progress).to_contain_text("Handlingen är klar.", timeout=15_000)
    download_link = progress.get_by_role("link", name="Ladda ner Årlig uppföljning 2016 (DOCX)")
    expect(download_link).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(tmp_path / "report-done.png"), full_page=True)
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename == "uppfoljning-sodertalje-2016.docx"
    saved = tmp_path / "downloaded.docx"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"PK")

    # Kept: the Rapporter page offers the written report again.
    page.get_by_role("link", name="Rapporter", exact=True).first.click()
    written = page.get_by_role("list").filter(has_text="Årlig uppföljning 2016 (DOCX)")
    expect(written.get_by_role("link", name="Ladda ner Årlig uppföljning 2016 (DOCX)")).to_be_visible()
    page.screenshot(path=str(tmp_path / "reports-written.png"), full_page=True)

    # A bookmark of the old direct download leads to the same buttons, saying why, and writes nothing there.
    page.goto("/rapporter/sodertalje/uppfoljning-2016.pdf")
    expect(heading(page)).to_contain_text("Rapporter och handlingar")
    expect(page.get_by_text("Uppföljningen skrivs nu i bakgrunden: välj år och format nedan.")).to_be_visible()
    expect(page.get_by_role("button", name="PDF 2016", exact=True)).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(tmp_path / "reports-old-address.png"), full_page=True)
