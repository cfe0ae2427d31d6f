"""SIE 4 and 4i as the municipality's ledger reads them (issue 20).

Each file is read back twice: by our own reader (`core.sie_reader`, the round trip) and by an SIE reader
that is not ours, `pysie-accounting` from PyPI, whose sums per account must be ours. The hand-over (4i)
carries a period's payouts, repayments and waivers, with the objects the municipality configures, and
nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from pysie_accounting import pysie

from socialfund.audit.models import AuditEvent
from socialfund.core import pc8, sie
from socialfund.core.sie_reader import read_sie
from socialfund.ledger import services
from socialfund.ledger.errors import LedgerStateError
from socialfund.ledger.export import Period, build_sie, export_sie, fund_account_map
from socialfund.ledger.models import FundLedger, HandedOver, Handover, Transaction
from tests.ledger.conftest import board

pytestmark = pytest.mark.django_db
D = Decimal
PLAN = {2018: {"UN": D("600000")}, 2019: {"UN": D("634567.90")}}
MUNICIPAL_MAP = {"objects": {"board": {"UN": "520", "SN": "410"}}, "series": "SF"}


@pytest.fixture
def year_of_money(fund, finance, registrar, ks, project_factory):
    """Granted in 2016, paid out, a plan, UN repays in 2018, KS waives the rest in 2019 (§ 61)."""
    initiative, decision = project_factory("Tidiga insatser – skolan", {2016: "1234567.90"})
    services.grant_decide(decision=decision, user=finance)
    services.payout_register(initiative=initiative, user=finance, amount=D("1234567.90"), paid_on=dt.date(2016, 3, 1))
    services.repayment_plan_adopt(initiative=initiative, user=finance, adopted_on=dt.date(2016, 4, 1), plan=PLAN)
    services.repayment_register(
        initiative=initiative, board=board("UN"), user=finance, amount=D("600000"), received_on=dt.date(2018, 11, 30)
    )
    services.waiver_decide(
        initiative=initiative,
        user=registrar,
        body=ks,
        decided_on=dt.date(2019, 3, 22),
        paragraph="§ 61",
        motivation="Metoden följdes; inga effekter.",
        evaluation="Utvärdering 2019: hög metodtrohet, inga effekter.",
        method_followed=True,
        effects="none",
    )
    FundLedger.objects.filter(fund=fund).update(account_map=MUNICIPAL_MAP)
    return initiative


def independent_sums(path: Path, tmp_path: Path) -> tuple[dict[str, D], dict[str, str]]:
    """Per account, the sum of every #TRANS row as pysie-accounting reads the file; and its voucher texts."""
    translation = tmp_path / "sru.csv"
    translation.write_text("SRU,Ink2\n")
    reader = pysie.PySIE()
    reader.sie_encoding = "cp437"
    reader.open_trans(str(translation))
    reader.open(str(path))
    sums: dict[str, D] = defaultdict(D)
    for _date, _text, _registered, rows in reader.verifikat.values():
        for account, _objects, amount in rows:
            sums[account] += D(amount)
    return dict(sums), {number: v[1] for number, v in reader.verifikat.items()}


def as_pc8(voucher: sie.SieVoucher) -> sie.SieVoucher:
    """A voucher as PC8 carries it: its texts transliterated (– becomes -, a no-break space a space)."""
    rows = tuple(replace(row, text=pc8.to_pc8_text(row.text)) for row in voucher.rows)
    return replace(voucher, text=pc8.to_pc8_text(voucher.text), rows=rows)


def our_sums(content: sie.SieFile) -> dict[str, D]:
    sums: dict[str, D] = defaultdict(D)
    for voucher in content.vouchers:
        for row in voucher.rows:
            sums[row.account] += row.amount
    return dict(sums)


def test_the_handover_is_sie_4i_read_alike_by_our_reader_and_an_independent_one(year_of_money, fund, finance, tmp_path):
    out = tmp_path / "fond.si"
    call_command(
        "ledger", "handover", "--fund", "sodertalje", "--from", "2016-01-01", "--to", "2019-12-31",
        "--user", "ekonomi", "--out", str(out),
    )  # fmt: skip
    data = out.read_bytes()
    ours = read_sie(data)
    # Payout, repayment and waiver; not the capital (2013), the grant nor the plan.
    kinds = list(
        Transaction.objects.filter(handed_over__isnull=False).order_by("number").values_list("kind", flat=True)
    )
    assert kinds == ["payout", "repayment", "waiver"]
    expected = build_sie(
        fund,
        Period(dt.date(2016, 1, 1), dt.date(2019, 12, 31)),
        fund_account_map(fund),
        import_file=True,
        transactions=list(Transaction.objects.filter(handed_over__isnull=False).order_by("number")),
    )
    assert ours.vouchers == tuple(as_pc8(v) for v in expected.vouchers) and ours.balances == () and ours.checksum
    assert {v.series for v in ours.vouchers} == {"SF"}
    assert sie.SieObject(1, "520", board("UN").display_name) in ours.objects
    assert any((1, "520") in row.objects for v in ours.vouchers for row in v.rows)
    assert b"\x15 61" in data and b"?" not in data  # § is PC8's 0x15; – was transliterated, nothing lost
    assert "Tidiga insatser - skolan" in ours.vouchers[0].text

    sums, texts = independent_sums(out, tmp_path)
    assert sums == our_sums(ours)
    assert sums["4591"] == D("1234567.90") and sums["3591"] == D("-600000.00") and sums["4592"] == D("634567.90")
    assert len(texts) == 3

    event = AuditEvent.objects.get(action="ledger_handover")
    assert "3 verifikationer" in event.message


def test_nothing_is_handed_over_twice(year_of_money, fund, finance):
    first = services.handover_create(fund=fund, user=finance, start=dt.date(2016, 1, 1), end=dt.date(2019, 12, 31))
    with pytest.raises(LedgerStateError, match="inget att lämna över"):
        services.handover_create(fund=fund, user=finance, start=dt.date(2016, 1, 1), end=dt.date(2019, 12, 31))
    payout = Transaction.objects.get(kind="payout")
    repayment = Transaction.objects.get(kind="repayment")
    services.transaction_reverse(transaction=repayment, user=finance, booked_on=dt.date(2020, 1, 15))
    second = services.handover_create(fund=fund, user=finance, start=dt.date(2016, 1, 1), end=dt.date(2020, 12, 31))
    assert (first.number, first.voucher_count, second.number, second.voucher_count) == (1, 3, 2, 1)
    assert [v.number for v in read_sie(bytes(second.content)).vouchers] == [
        Transaction.objects.get(kind="reversal").number
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        HandedOver.objects.create(handover=second, transaction=payout)


def test_the_yearly_sie_4_export_balances_and_reads_back(year_of_money, fund, tmp_path):
    period = Period(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    data = export_sie(fund, period, fund_account_map(fund))
    ours = read_sie(data)
    assert not ours.import_file
    balances = {(b.label, b.account): b.amount for b in ours.balances if b.year == 0}
    # Capital opens and closes the year; the receivable's 634 567,90 is waived during it.
    assert balances[("IB", "2081")] == balances[("UB", "2081")] == D("-24000000.00")
    assert (balances[("IB", "1686")], balances[("UB", "1686")]) == (D("634567.90"), D("0.00"))
    assert balances[("RES", "4592")] == D("634567.90")
    path = tmp_path / "fond.se"
    path.write_bytes(data)
    sums, _texts = independent_sums(path, tmp_path)
    assert sums == our_sums(ours)


def test_a_file_changed_after_it_was_written_fails_its_checksum(year_of_money, fund):
    data = export_sie(fund, Period(dt.date(2019, 1, 1), dt.date(2019, 12, 31)), fund_account_map(fund))
    tampered = data.replace(b"634567.90", b"634567.00", 1)
    assert tampered != data
    with pytest.raises(sie.SieError, match="KSUMMA stämmer inte"):
        read_sie(tampered)


def test_finance_hands_over_on_its_page_and_downloads_the_file_again(year_of_money, login):
    url = reverse("ledger:handover", args=["sodertalje"])
    assert login("lasare").get(url).status_code == 403
    finance = login("ekonomi")
    preview = finance.get(url, {"start": "2016-01-01", "end": "2019-12-31"}).content.decode()
    assert preview.count('<tr><th scope="row">') == 3 and "Tidiga insatser" in preview
    bad = finance.post(url, {"start": "2019-12-31", "end": "2016-01-01"})
    assert bad.status_code == 400 and "Till och med ligger före från och med." in bad.content.decode()
    assert not Handover.objects.exists()
    done = finance.post(url, {"start": "2016-01-01", "end": "2019-12-31"}, follow=True)
    html = done.content.decode()
    assert "Överlämning 1: 3 verifikationer." in html
    assert (
        "Allt under perioden är redan överlämnat."
        in finance.get(url, {"start": "2016-01-01", "end": "2019-12-31"}).content.decode()
    )
    handover = Handover.objects.get()
    download = finance.get(reverse("ledger:handover_file", args=["sodertalje", 1]))
    assert download.content == bytes(handover.content) and handover.filename.endswith(".si")
    assert f'filename="{handover.filename}"' in download["Content-Disposition"]
    again = finance.post(url, {"start": "2016-01-01", "end": "2019-12-31"})
    assert again.status_code == 400 and "inget att lämna över" in again.content.decode()
    assert Handover.objects.count() == 1
