"""SIE 4 (typ 4, verifikationer): the Swedish file format for moving bookkeeping between systems.

Pure: build a `SieFile` of frozen values and `write_sie4` gives its text, `encode_sie4`
its bytes. What the format asks for, and what this writer does:

- a head of labelled records, each on its own line: `#FLAGGA 0`, `#PROGRAM`,
  `#FORMAT PC8`, `#GEN`, `#SIETYP 4`, `#FNAMN`, `#RAR` (one per fiscal year, 0 for the
  current, −1 for the one before…), `#KPTYP`, `#DIM`/`#OBJEKT` for the object lists,
  and `#KONTO` for every account used;
- each voucher as `#VER serie nummer datum "text" regdatum "sign"` followed by its rows
  between `{` and `}`: `#TRANS konto {dim "objekt" …} belopp datum "text"`;
- dates as YYYYMMDD; amounts with a period as decimal separator and two decimals
  (`-1234.50`); text fields in quotation marks, a quotation mark inside escaped with
  a backslash, control characters dropped;
- the character set PC8, i.e. IBM code page 437: `encode_sie4` encodes with it, and a
  character CP437 lacks becomes `?` rather than breaking the export.

A voucher whose rows do not sum to zero is refused: an importing system would reject it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from socialfund.core.money import sek

ENCODING = "cp437"
NEWLINE = "\r\n"


class SieError(ValueError):
    """Content that cannot be written as a valid SIE 4 file."""


@dataclass(frozen=True)
class SieAccount:
    number: str
    name: str


@dataclass(frozen=True)
class SieDimension:
    number: int
    name: str


@dataclass(frozen=True)
class SieObject:
    dimension: int
    code: str
    name: str


@dataclass(frozen=True)
class SieTrans:
    """One row of a voucher: positive amounts are debits, negative credits."""

    account: str
    amount: Decimal
    objects: tuple[tuple[int, str], ...] = ()
    text: str = ""


@dataclass(frozen=True)
class SieVoucher:
    series: str
    number: int
    date: dt.date
    text: str
    rows: tuple[SieTrans, ...]
    registered_on: dt.date | None = None
    sign: str = ""


@dataclass(frozen=True)
class SieFile:
    company_name: str
    fiscal_years: tuple[tuple[dt.date, dt.date], ...]
    """Newest first: the first is #RAR 0, the next #RAR -1, and so on."""
    accounts: tuple[SieAccount, ...]
    vouchers: tuple[SieVoucher, ...]
    generated_on: dt.date
    program: str = "socialfund"
    program_version: str = "1"
    generated_by: str = ""
    account_plan_type: str = "EUBAS97"
    dimensions: tuple[SieDimension, ...] = ()
    objects: tuple[SieObject, ...] = ()


def quote(text: str) -> str:
    """A text field: quoted, inner quotation marks and backslashes escaped, control characters dropped."""
    cleaned = "".join(ch for ch in text if ord(ch) >= 32 and ord(ch) != 127)
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_amount(amount: Decimal) -> str:
    """'-1234.50': exact öre, a period as decimal separator, no thousands separator."""
    return f"{sek(amount):.2f}"


def format_date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def object_list(objects: Iterable[tuple[int, str]]) -> str:
    return "{" + " ".join(f"{dimension} {quote(code)}" for dimension, code in objects) + "}"


def head_lines(sie: SieFile) -> list[str]:
    gen = f"#GEN {format_date(sie.generated_on)}" + (f" {quote(sie.generated_by)}" if sie.generated_by else "")
    lines = [
        "#FLAGGA 0",
        f"#PROGRAM {quote(sie.program)} {quote(sie.program_version)}",
        "#FORMAT PC8",
        gen,
        "#SIETYP 4",
        f"#FNAMN {quote(sie.company_name)}",
    ]
    for offset, (start, end) in enumerate(sie.fiscal_years):
        lines.append(f"#RAR {-offset} {format_date(start)} {format_date(end)}")
    lines.append(f"#KPTYP {sie.account_plan_type}")
    lines += [f"#DIM {d.number} {quote(d.name)}" for d in sie.dimensions]
    lines += [f"#OBJEKT {o.dimension} {quote(o.code)} {quote(o.name)}" for o in sie.objects]
    lines += [f"#KONTO {a.number} {quote(a.name)}" for a in sie.accounts]
    return lines


def voucher_lines(voucher: SieVoucher) -> list[str]:
    check_voucher(voucher)
    registered = f" {format_date(voucher.registered_on)}" if voucher.registered_on else ""
    sign = f" {quote(voucher.sign)}" if voucher.sign and voucher.registered_on else ""
    lines = [
        f"#VER {voucher.series} {voucher.number} {format_date(voucher.date)} {quote(voucher.text)}{registered}{sign}",
        "{",
    ]
    for row in voucher.rows:
        text = f" {quote(row.text)}" if row.text else ""
        lines.append(
            f"   #TRANS {row.account} {object_list(row.objects)} {format_amount(row.amount)} "
            f"{format_date(voucher.date)}{text}"
        )
    lines.append("}")
    return lines


def check_voucher(voucher: SieVoucher) -> None:
    if len(voucher.rows) < 2:
        raise SieError(f"verifikation {voucher.series} {voucher.number}: minst två rader behövs")
    total = sum((sek(row.amount) for row in voucher.rows), Decimal(0))
    if total != 0:
        raise SieError(f"verifikation {voucher.series} {voucher.number}: raderna summerar till {total}, inte 0")


def check_accounts(accounts: Sequence[SieAccount], vouchers: Sequence[SieVoucher]) -> None:
    known = {account.number for account in accounts}
    for account in accounts:
        if not account.number.isdigit():
            raise SieError(f"kontonumret {account.number!r} är inte ett nummer")
    for voucher in vouchers:
        for row in voucher.rows:
            if row.account not in known:
                raise SieError(f"verifikation {voucher.series} {voucher.number}: kontot {row.account} saknas i #KONTO")


def write_sie4(sie: SieFile) -> str:
    """The file as text, CRLF line ends, ready for `encode_sie4`."""
    if not sie.fiscal_years:
        raise SieError("minst ett räkenskapsår (#RAR) behövs")
    check_accounts(sie.accounts, sie.vouchers)
    lines = head_lines(sie)
    for voucher in sie.vouchers:
        lines += voucher_lines(voucher)
    return NEWLINE.join(lines) + NEWLINE


def encode_sie4(sie: SieFile) -> bytes:
    """The file in PC8 (code page 437), as the format's #FORMAT PC8 promises."""
    return write_sie4(sie).encode(ENCODING, errors="replace")
