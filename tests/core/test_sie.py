"""The SIE 4 writer: the exact text of a small file, PC8 encoding, and what it refuses."""

from __future__ import annotations

import datetime as dt
import zlib
from decimal import Decimal

import pytest

from socialfund.core import pc8, sie

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
        "#KSUMMA",
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
        '#VER "A" "7" 20160201 "Utbetalning \\"Familjecentraler\\"" 20160202 "ekonomi"',
        "{",
        '   #TRANS 4591 {6 "12"} 900000.00 20160201 "2016"',
        '   #TRANS 2083 {1 "SN" 6 "12"} -900000.00 20160201',
        "}",
        f"#KSUMMA {expected_checksum()}",
        "",
    ]


def expected_checksum() -> int:
    """The checksum written out by hand: each record's label and field contents, nothing between them."""
    covered = (
        "#PROGRAMsocialfund1"
        "#FORMATPC8"
        "#GEN20261127ekonomi"
        "#SIETYP4"
        "#FNAMNSödertälje kommun"
        "#RAR02016010120161231"
        "#RAR-12015010120151231"
        "#KPTYPEUBAS97"
        "#DIM1Nämnd"
        "#DIM6Projekt"
        "#OBJEKT1SNSocialnämnden"
        "#OBJEKT612Familjecentraler"
        "#KONTO2083Beviljade, ej utbetalda medel"
        "#KONTO4591Utbetalda medel"
        '#VERA720160201Utbetalning "Familjecentraler"20160202ekonomi'
        "#TRANS4591612900000.00201602012016"
        "#TRANS20831SN612-900000.0020160201"
    )
    return zlib.crc32(covered.encode("cp437"))


def test_pc8_is_code_page_437_with_the_paragraph_sign():
    data = sie.encode_sie4(small_file(vouchers=(), company_name="Södertälje kommun § 7"))
    assert b'#FNAMN "S\x94dert\x84lje kommun \x15 7"' in data
    assert b"\r\n" in data and b"?" not in data


def test_characters_pc8_lacks_are_transliterated_not_lost():
    data = sie.encode_sie4(small_file(vouchers=(), company_name="Łódź – ”Ö” € 1…"))
    assert b'#FNAMN "L\xa2dz - \\"\x99\\" EUR 1..."' in data
    assert pc8.transliterations("Łódź – €") == [("Ł", "L"), ("ź", "z"), ("–", "-"), ("€", "EUR")]


def test_a_character_that_cannot_be_transliterated_is_refused_not_dropped():
    with pytest.raises(sie.SieError, match="CJK"):
        sie.encode_sie4(small_file(company_name="Fond 基金"))


def test_pc8_decodes_what_it_encodes():
    text = "KS 2026-12-07 § 301: Södertälje ¶ ÅÄÖ åäö é"
    assert pc8.decode_pc8(pc8.encode_pc8(text)) == text


def test_an_import_file_has_no_balances():
    balance = sie.SieBalance("UB", 0, "2083", D("1"))
    with pytest.raises(sie.SieError, match="4i"):
        sie.write_sie4(small_file(import_file=True, balances=(balance,)))
    assert "#UB 0 2083 1.00" in sie.write_sie4(small_file(balances=(balance,)))


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
