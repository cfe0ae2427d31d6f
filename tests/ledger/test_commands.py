"""`socialfund ledger export` (SIE 4, XLSX, account map) and `socialfund fund simulate`."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from socialfund.ledger import services
from socialfund.ledger.models import FundLedger

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(fund, finance, project_factory):
    initiative, decision = project_factory("Insats Å", {2016: "1234567.90"})
    services.grant_decide(decision=decision, user=finance)
    services.payout_register(
        initiative=initiative, user=finance, amount=Decimal("1000.50"), paid_on=dt.date(2016, 3, 1)
    )
    return initiative


def test_sie_export(booked, tmp_path):
    out = tmp_path / "fond.se"
    call_command(
        "ledger",
        "export",
        "--fund",
        "sodertalje",
        "--format",
        "sie",
        "--from",
        "2016-01-01",
        "--to",
        "2016-12-31",
        "--out",
        str(out),
    )
    data = out.read_bytes()
    text = data.decode("cp437")
    assert "Södertälje kommun".encode("cp437") in data  # PC8: ö is 0x94, ä 0x84
    lines = text.split("\r\n")
    assert lines[:6] == ["#FLAGGA 0", "#KSUMMA", '#PROGRAM "socialfund" "1"', "#FORMAT PC8", lines[4], "#SIETYP 4"]
    assert '#FNAMN "Södertälje kommun"' in lines
    assert "#RAR 0 20160101 20161231" in lines
    assert '#KONTO 2083 "Sociala investeringsfonden, beviljade ej utbetalda medel"' in lines
    assert f'#OBJEKT 6 "{booked.pk}" "Insats Å"' in lines
    grant = lines.index(next(line for line in lines if line.startswith('#VER "A" "2" 20160125')))
    assert lines[grant + 1] == "{"
    assert lines[grant + 2] == f'   #TRANS 2083 {{6 "{booked.pk}"}} 1234567.90 20160125 "2016"'
    assert lines[grant + 3] == "   #TRANS 2082 {} -1234567.90 20160125"
    payout = lines.index(next(line for line in lines if line.startswith('#VER "A" "3" 20160301')))
    assert lines[payout + 2] == f'   #TRANS 4591 {{6 "{booked.pk}"}} 1000.50 20160301'
    assert '#VER "A" "1" ' not in text  # the 2013 capital is outside the period
    # Typ 4 carries the year's balances: the capital came in 2013, so it opens 2016 (credit) and closes it.
    assert "#IB 0 2081 -24000000.00" in lines and "#UB 0 2081 -24000000.00" in lines
    assert "#RES 0 4591 1000.50" in lines


def export_2016_as_xlsx(folder):
    out = folder / "fond.xlsx"
    call_command(
        "ledger",
        "export",
        "--fund",
        "sodertalje",
        "--format",
        "xlsx",
        "--from",
        "2016-01-01",
        "--to",
        "2016-12-31",
        "--out",
        str(out),
    )
    return out


def test_xlsx_export_and_a_municipalitys_account_map(booked, tmp_path):
    mapping = tmp_path / "kontoplan.yaml"
    mapping.write_text("accounts:\n  paid_out: {number: '4999', name: 'Bidrag sociala investeringar'}\n")
    call_command("ledger", "account-map", "--fund", "sodertalje", str(mapping))
    assert FundLedger.objects.get(fund__slug="sodertalje").account_map["accounts"]["paid_out"]["number"] == "4999"
    out = export_2016_as_xlsx(tmp_path)
    rows = list(load_workbook(out)["Verifikationer"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Verifikation", "Datum", "Händelse", "Text", "Konto")
    payout = [r for r in rows[1:] if r[0] == 3]
    assert {(r[4], r[10], r[11]) for r in payout} == {("4999", 1000.5, None), ("2083", None, 1000.5)}


def test_xlsx_export_keeps_a_formula_like_title_as_text(booked, tmp_path):
    # openpyxl's own append would store this title as a live formula in the project column.
    hostile = '=HYPERLINK("http://x","y")'
    type(booked).objects.filter(pk=booked.pk).update(title=hostile)
    out = export_2016_as_xlsx(tmp_path)
    cells = [cell for row in load_workbook(out)["Verifikationer"].iter_rows() for cell in row]
    titled = [cell for cell in cells if cell.value == hostile]
    assert titled and all(cell.data_type == "s" and cell.quotePrefix for cell in titled)
    assert not any(cell.data_type == "f" for cell in cells)


def test_bad_export_input(booked, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("accounts:\n  paid_out: {number: 'abc'}\n")
    with pytest.raises(CommandError, match="är inte ett kontonummer"):
        call_command("ledger", "account-map", "--fund", "sodertalje", str(bad))
    with pytest.raises(CommandError, match="finns inte"):
        call_command(
            "ledger",
            "export",
            "--fund",
            "ingen",
            "--format",
            "sie",
            "--from",
            "2016-01-01",
            "--to",
            "2016-12-31",
            "--out",
            str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="ogiltigt datum"):
        call_command(
            "ledger",
            "export",
            "--fund",
            "sodertalje",
            "--format",
            "sie",
            "--from",
            "2016-13-01",
            "--to",
            "2016-12-31",
            "--out",
            str(tmp_path / "x"),
        )


def test_fund_simulate_json(fund, capsys):
    call_command("fund", "simulate", "--fund", "sodertalje", "--years", "30", "--runs", "2000", "--json")
    with_repayment = json.loads(capsys.readouterr().out)
    call_command(
        "fund", "simulate", "--fund", "sodertalje", "--years", "30", "--runs", "2000", "--no-repayment", "--json"
    )
    without = json.loads(capsys.readouterr().out)
    assert with_repayment["scenario"] == "med återföring" and without["scenario"] == "utan återföring"
    assert with_repayment["opening_available"] == without["opening_available"] == 24_000_000
    assert len(without["years"]) == 30
    # The seed's quarrel in numbers: without repayment the fund is drained, with it mostly not.
    assert without["dry_share"] == 1.0
    assert with_repayment["dry_share"] < without["dry_share"]
    assert with_repayment["years"][-1]["p50"] > without["years"][-1]["p50"]
    assert without["median_dry_year"] < (with_repayment["median_dry_year"] or 9999)


def test_fund_simulate_text_and_bad_input(fund, capsys):
    call_command("fund", "simulate", "--fund", "sodertalje", "--years", "5", "--runs", "100", "--waiver-rate", "1")
    out = capsys.readouterr().out
    assert "disponibla medel, med återföring (100 simuleringar" in out
    with pytest.raises(CommandError, match="waiver_rate: måste vara mellan 0 och 1"):
        call_command("fund", "simulate", "--fund", "sodertalje", "--waiver-rate", "1.5")
