"""List exports: formulas never run, totals equal the source, and each list shows only what its page shows."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from socialfund.accounts.models import User
from socialfund.cases.models import Initiative

pytestmark = pytest.mark.django_db
HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(A1)"]


@pytest.fixture
def hostile(fund):
    for title in HOSTILE:
        Initiative.objects.create(
            fund=fund,
            title=title,
            initiator_name="+46701234567",
            initiator_type="association",
            stage="interest",
            status="active",
            filed_on="2016-01-01",
        )


def test_csv_and_xlsx_neutralise_formulas(hostile, login):
    client = login("beredning")
    content = client.get("/rapporter/sodertalje/lista/initiativ.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    titles = {row[0] for row in rows[1:]}
    assert {"'" + title for title in HOSTILE} <= titles
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    book = load_workbook(io.BytesIO(client.get("/rapporter/sodertalje/lista/initiativ.xlsx").content))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    for title in HOSTILE:
        match = [c for c in cells if c.value == title]
        assert match and all(c.data_type == "s" and c.quotePrefix for c in match)
    assert not any(c.data_type == "f" for c in cells)


def test_ledger_export_totals_equal_the_books(granted, login):
    book = load_workbook(io.BytesIO(login("ekonomi").get("/rapporter/sodertalje/lista/bokforing.xlsx").content))
    rows = [[c.value for c in row] for row in book.active.iter_rows()]
    header, *entries, total = rows
    debit, credit = header.index("Debet"), header.index("Kredit")
    assert total[0] == "Summa"
    assert sum(Decimal(str(r[debit] or 0)) for r in entries) == Decimal(str(total[debit]))
    assert Decimal(str(total[debit])) == Decimal(str(total[credit]))  # every verification balances
    assert Decimal(str(total[debit])) > Decimal("24000000")


def test_project_export_totals(granted, login):
    book = load_workbook(io.BytesIO(login("lasare").get("/rapporter/sodertalje/lista/projekt.xlsx").content))
    rows = [[c.value for c in row] for row in book.active.iter_rows()]
    assert rows[1][0] == "Familjecentraler" and rows[-1][0] == "Summa"
    assert rows[-1][4] == 1800000 and rows[-1][5] == 900000


def test_indicator_export_gives_each_measurement_its_baseline_and_target_and_lists_the_unmeasured(granted, login):
    from socialfund.followup.models import Indicator

    indicators = list(Indicator.objects.filter(project__initiative=granted).order_by("name", "pk"))
    assert len(indicators) >= 2  # one measured by the fixture, at least one not yet
    book = load_workbook(io.BytesIO(login("lasare").get("/rapporter/sodertalje/lista/indikatorer.xlsx").content))
    header, *rows = [[c.value for c in row] for row in book.active.iter_rows()]
    assert header[3:8] == ["Utgångsvärde", "Utgångsvärdets datum", "Målvärde", "Målår", "Mätt"]
    assert sorted({row[1] for row in rows}) == sorted({i.name for i in indicators})
    measured = [row for row in rows if row[7] is not None]
    assert [row[9] for row in measured] == [0.3]
    indicator = next(i for i in indicators if i.name == measured[0][1])
    assert Decimal(str(measured[0][3])) == indicator.baseline_value
    unmeasured = [row for row in rows if row[7] is None]
    assert unmeasured and all(row[9] is None for row in unmeasured)


def test_the_case_list_exports_what_the_filtered_page_shows(demo, login):
    from socialfund.cases.permissions import visible_initiatives

    client = login("beredning")
    page = client.get("/arenden/", {"status": "withdrawn"}).content.decode()
    link = "/rapporter/arenden.xlsx?status=withdrawn"
    assert f'href="{link}"' in page
    book = load_workbook(io.BytesIO(client.get(link).content))
    header, *rows = [[c.value for c in row] for row in book.active.iter_rows()]
    assert header[:3] == ["Fond", "Titel", "Initiativtagare"]
    user = User.objects.get(username="beredning")
    expected = visible_initiatives(user).filter(status="withdrawn")
    assert sorted(row[1] for row in rows) == sorted(expected.values_list("title", flat=True))
    assert {row[5] for row in rows} == {"Återkallad av initiativtagaren"}
    # A search narrows the export as it narrows the page; CSV too.
    csv_rows = list(
        csv.reader(
            io.StringIO(client.get("/rapporter/arenden.csv", {"q": "Tjejhuset"}).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert [row[1] for row in csv_rows[1:]] == ["Tjejhuset"]


def test_the_case_list_export_holds_only_the_cases_the_user_may_see(fund, login):
    from socialfund.organisation.models import Board

    user = User.objects.get(username="handlaggare")  # an applicant for UN
    other_board = Board.objects.exclude(pk=user.board_id).filter(organisation=fund.organisation).first()

    def draft(title: str, **fields) -> None:
        Initiative.objects.create(
            fund=fund, title=title, initiator_name="X", initiator_type="board", status="draft", stage="idea", **fields
        )

    draft("Eget utkast", created_by=user)
    draft("Nämndens utkast", lead_board_id=user.board_id)
    draft("Annan nämnds utkast", lead_board=other_board)
    draft("Någon annans utkast", created_by=User.objects.get(username="beredning"))
    book = load_workbook(io.BytesIO(login("handlaggare").get("/rapporter/arenden.xlsx").content))
    titles = {row[1].value for row in list(book.active.iter_rows())[1:]}
    assert {"Eget utkast", "Nämndens utkast"} <= titles
    assert not {"Annan nämnds utkast", "Någon annans utkast"} & titles
    assert "Tjejhuset" in titles  # submitted cases of the organisation
    assert login("handlaggare").get("/rapporter/arenden.exe").status_code == 404


@pytest.mark.parametrize(
    ("username", "name", "status"),
    [
        ("ekonomi", "bokforing", 200),
        ("lasare", "bokforing", 200),
        ("registrator", "bokforing", 200),
        ("beredning", "bokforing", 404),  # the books are not the preparation group's page
        ("handlaggare", "bokforing", 404),
        ("handlaggare", "initiativ", 200),
        ("yttrande", "indikatorer", 200),
        ("beredning", "okand-lista", 404),
    ],
)
def test_who_may_download_which_list(granted, login, username, name, status):
    assert login(username).get(f"/rapporter/sodertalje/lista/{name}.csv").status_code == status


def test_another_organisations_fund_is_404(granted, login):
    from socialfund.accounts.models import User
    from socialfund.organisation.models import Organisation

    other = Organisation.objects.create(name="Annan kommun", code="9999")
    user = User.objects.get(username="ekonomi")
    user.organisation = other
    user.save()
    assert login("ekonomi").get("/rapporter/sodertalje/lista/initiativ.csv").status_code == 404
