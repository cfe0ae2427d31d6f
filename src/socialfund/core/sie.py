"""SIE 4 (typ 4 and typ 4i): the Swedish file format for moving bookkeeping between systems.

Pure: build a `SieFile` of frozen values and `write_sie4` gives its text, `encode_sie4`
its bytes. Two kinds, the same records:

- **typ 4** (`import_file=False`, extension `.se`): the yearly export, balances (`#IB`,
  `#UB` for balance accounts, `#RES` for result accounts, per `#RAR` year) and every voucher;
- **typ 4i** (`import_file=True`, extension `.si`): vouchers only, what a pre-system
  (försystem) hands the ledger that imports it; no balances.

What the format asks for, and what this writer does:

- a head of labelled records, each on its own line: `#FLAGGA 0`, `#KSUMMA` (the file
  carries a checksum), `#PROGRAM`, `#FORMAT PC8`, `#GEN`, `#SIETYP 4`, `#FNAMN`, `#RAR`
  (one per fiscal year, 0 for the current, -1 for the one before…), `#KPTYP`,
  `#DIM`/`#OBJEKT` for the object lists with their names, and `#KONTO` for every account;
- each voucher as `#VER serie nummer datum "text" regdatum "sign"` followed by its rows
  between `{` and `}`: `#TRANS konto {dim "objekt" …} belopp datum "text"`;
- dates as YYYYMMDD; amounts with a period as decimal separator and two decimals
  (`-1234.50`); text fields in quotation marks, a quotation mark inside escaped with
  a backslash, control characters dropped;
- the character set PC8 (`core.pc8`: code page 437 with `§` at 0x15); characters PC8
  lacks are transliterated (`–` → `-`), and one that cannot be is refused, never lost;
- `#KSUMMA` last: CRC-32 (polynomial 0xEDB88320, the one zlib uses) over the PC8 bytes of
  every record between the two `#KSUMMA` records, label and field contents only: no
  spaces between fields, no quotation marks around them, no braces, no line ends.

A voucher whose rows do not sum to zero is refused: an importing system would reject it.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from socialfund.core.money import sek
from socialfund.core.pc8 import Pc8Error, encode_pc8, to_pc8_text

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
class SieBalance:
    """An opening (`IB`) or closing (`UB`) balance, or a result (`RES`), for a `#RAR` year (0, -1…)."""

    label: str
    year: int
    account: str
    amount: Decimal


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
    balances: tuple[SieBalance, ...] = ()
    import_file: bool = False
    """Typ 4i: vouchers only (balances are refused)."""
    checksum: bool = True


class Quoted(str):
    """A field written in quotation marks."""

    __slots__ = ()


ObjectList = tuple[tuple[int, str], ...]
Field = str | Quoted | ObjectList
Record = tuple[str, tuple[Field, ...]]


def clean(text: str) -> str:
    """Control characters dropped; the rest as PC8 can hold it (transliterated, or refused)."""
    try:
        return to_pc8_text("".join(ch for ch in text if ord(ch) >= 32 and ord(ch) != 127))
    except Pc8Error as exc:
        raise SieError(f"{exc}: {text!r}") from exc


def quote(text: str) -> str:
    """A text field: quoted, inner quotation marks and backslashes escaped."""
    return '"' + clean(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_amount(amount: Decimal) -> str:
    """'-1234.50': exact öre, a period as decimal separator, no thousands separator."""
    return f"{sek(amount):.2f}"


def format_date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def object_list(objects: Iterable[tuple[int, str]]) -> str:
    return "{" + " ".join(f"{dimension} {quote(code)}" for dimension, code in objects) + "}"


def render(record: Record) -> str:
    label, fields = record
    parts = [label]
    for field in fields:
        if isinstance(field, tuple):
            parts.append(object_list(field))
        elif isinstance(field, Quoted):
            parts.append(quote(field))
        else:
            parts.append(field)
    return " ".join(parts)


def checksum_text(record: Record) -> str:
    """What of a record the checksum covers: the label and each field's content, nothing between."""
    label, fields = record
    parts = [label]
    for field in fields:
        if isinstance(field, tuple):
            parts += [f"{dimension}{clean(code)}" for dimension, code in field]
        else:
            parts.append(clean(field))
    return "".join(parts)


def head_records(sie: SieFile) -> list[Record]:
    gen: tuple[Field, ...] = (format_date(sie.generated_on),) + (
        (Quoted(sie.generated_by),) if sie.generated_by else ()
    )
    records: list[Record] = [
        ("#PROGRAM", (Quoted(sie.program), Quoted(sie.program_version))),
        ("#FORMAT", ("PC8",)),
        ("#GEN", gen),
        ("#SIETYP", ("4",)),
        ("#FNAMN", (Quoted(sie.company_name),)),
    ]
    for offset, (start, end) in enumerate(sie.fiscal_years):
        records.append(("#RAR", (str(-offset), format_date(start), format_date(end))))
    records.append(("#KPTYP", (sie.account_plan_type,)))
    records += [("#DIM", (str(d.number), Quoted(d.name))) for d in sie.dimensions]
    records += [("#OBJEKT", (str(o.dimension), Quoted(o.code), Quoted(o.name))) for o in sie.objects]
    records += [("#KONTO", (a.number, Quoted(a.name))) for a in sie.accounts]
    records += [(f"#{b.label}", (str(b.year), b.account, format_amount(b.amount))) for b in sie.balances]
    return records


def voucher_records(voucher: SieVoucher) -> tuple[Record, list[Record]]:
    check_voucher(voucher)
    fields: tuple[Field, ...] = (
        Quoted(voucher.series),
        Quoted(str(voucher.number)),
        format_date(voucher.date),
        Quoted(voucher.text),
    )
    if voucher.registered_on:
        fields += (format_date(voucher.registered_on),)
        if voucher.sign:
            fields += (Quoted(voucher.sign),)
    rows: list[Record] = []
    for row in voucher.rows:
        row_fields: tuple[Field, ...] = (row.account, row.objects, format_amount(row.amount), format_date(voucher.date))
        if row.text:
            row_fields += (Quoted(row.text),)
        rows.append(("#TRANS", row_fields))
    return ("#VER", fields), rows


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
    """The file as text (every character one PC8 has), CRLF line ends, ready for `encode_sie4`."""
    if not sie.fiscal_years:
        raise SieError("minst ett räkenskapsår (#RAR) behövs")
    if sie.import_file and sie.balances:
        raise SieError("en fil av typ 4i innehåller bara verifikationer, inga saldon")
    check_accounts(sie.accounts, sie.vouchers)
    lines = ["#FLAGGA 0"] + (["#KSUMMA"] if sie.checksum else [])
    covered: list[Record] = head_records(sie)
    lines += [render(record) for record in covered]
    for voucher in sie.vouchers:
        ver, rows = voucher_records(voucher)
        covered += [ver, *rows]
        lines += [render(ver), "{", *("   " + render(row) for row in rows), "}"]
    if sie.checksum:
        crc = zlib.crc32(b"".join(encode_pc8(checksum_text(record)) for record in covered))
        lines.append(f"#KSUMMA {crc}")
    return NEWLINE.join(lines) + NEWLINE


def encode_sie4(sie: SieFile) -> bytes:
    """The file in PC8, as the format's #FORMAT PC8 promises."""
    return encode_pc8(write_sie4(sie))


def file_suffix(sie: SieFile) -> str:
    """SIE's file name extension: `.si` for an import file (typ 4i), `.se` for an export (typ 4)."""
    return "si" if sie.import_file else "se"
