"""The SIE 4 writer: the exact text of a small file, PC8 encoding, and what it refuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from socialfund.core import sie

D = Decimal


def small_file(**changes: object) -> sie.SieFile:
    voucher = sie.SieVoucher(
        series="A",
        number=7,
        date=dt.date(2016, 2, 1),
        text='Utbetalning "Familjecentraler"',
        rows=(
            sie.SieTrans("4591", D("900000.00"), ((6, "12"),), "2016"),
            sie.SieTrans("2083", D("-900000"), ((1, "SN"), (6, "12"))),
        ),
        registered_on=dt.date(2016, 2, 2),
        sign="ekonomi",
    )
    values: dict[str, object] = {
        "company_name": "Södertälje kommun",
        "fiscal_years": ((dt.date(2016, 1, 1), dt.date(2016, 12, 31)), (dt.date(2015, 1, 1), dt.date(2015, 12, 31))),
        "accounts": (
            sie.SieAccount("2083", "Beviljade, ej utbetalda medel"),
            sie.SieAccount("4591", "Utbetalda medel"),
        ),
        "vouchers": (voucher,),
        "generated_on": dt.date(2026, 11, 27),
        "generated_by": "ekonomi",
        "dimensions": (sie.SieDimension(1, "Nämnd"), sie.SieDimension(6, "Projekt")),
        "objects": (sie.SieObject(1, "SN", "Socialnämnden"), sie.SieObject(6, "12", "Familjecentraler")),
    }
    values.update(changes)
    return sie.SieFile(**values)  # type: ignore[arg-type]


def test_the_whole_text():
    assert sie.write_sie4(small_file()).split("\r\n") == [
        "#FLAGGA 0",
        '#PROGRAM "socialfund" "1"',
        "#FORMAT PC8",
        '#GEN 20261127 "ekonomi"',
        "#SIETYP 4",
        '#FNAMN "Södertälje kommun"',
        "#RAR 0 20160101 20161231",
        "#RAR -1 20150101 20151231",
        "#KPTYP EUBAS97",
        '#DIM 1 "Nämnd"',
        '#DIM 6 "Projekt"',
        '#OBJEKT 1 "SN" "Socialnämnden"',
        '#OBJEKT 6 "12" "Familjecentraler"',
        '#KONTO 2083 "Beviljade, ej utbetalda medel"',
        '#KONTO 4591 "Utbetalda medel"',
        '#VER A 7 20160201 "Utbetalning \\"Familjecentraler\\"" 20160202 "ekonomi"',
        "{",
        '   #TRANS 4591 {6 "12"} 900000.00 20160201 "2016"',
        '   #TRANS 2083 {1 "SN" 6 "12"} -900000.00 20160201',
        "}",
        "",
    ]


def test_pc8_is_code_page_437():
    data = sie.encode_sie4(small_file())
    assert b'#FNAMN "S\x94dert\x84lje kommun"' in data
    assert b"\r\n" in data and data.endswith(b"}\r\n")
    assert b'#FNAMN "?\xa2d? ?"' in sie.encode_sie4(small_file(company_name="Łódź €"))  # Ł, ź, € are not in CP437


@pytest.mark.parametrize(("amount", "text"), [(D("0.1"), "0.10"), (D("-1234567.89"), "-1234567.89"), (D("5"), "5.00")])
def test_amounts(amount, text):
    assert sie.format_amount(amount) == text


def test_quote_drops_control_characters_and_escapes():
    assert sie.quote('a\tb"c\\d\x7f') == '"ab\\"c\\\\d"'


def test_refuses_unbalanced_vouchers_unknown_accounts_and_floats():
    rows = (sie.SieTrans("4591", D("1")), sie.SieTrans("2083", D("-0.99")))
    unbalanced = sie.SieVoucher("A", 1, dt.date(2016, 1, 1), "x", rows)
    with pytest.raises(sie.SieError, match="summerar till 0.01"):
        sie.write_sie4(small_file(vouchers=(unbalanced,)))
    unknown = sie.SieVoucher(
        "A", 1, dt.date(2016, 1, 1), "x", (sie.SieTrans("1", D("1")), sie.SieTrans("2083", D("-1")))
    )
    with pytest.raises(sie.SieError, match="kontot 1 saknas"):
        sie.write_sie4(small_file(vouchers=(unknown,)))
    with pytest.raises(ValueError, match="flyttal"):
        sie.format_amount(0.1)  # type: ignore[arg-type]
    with pytest.raises(sie.SieError, match="räkenskapsår"):
        sie.write_sie4(small_file(fiscal_years=()))
