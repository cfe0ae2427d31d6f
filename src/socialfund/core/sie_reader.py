"""Reading SIE 4 and 4i files back: the round trip of what `core.sie` writes, and a check of a file's own rules.

Pure. `read_sie(data)` decodes PC8, splits each line into its label and fields (plain,
quoted with backslash escapes, or an object list in braces), and gives a `SieFile` of
the same frozen values the writer takes, so `read_sie(encode_sie4(f))` can be compared
with `f`. It refuses (SieError, naming the line) what the format does not allow: a
voucher whose rows do not sum to zero, a row outside a voucher, an unknown account, an
unclosed voucher, a checksum (`#KSUMMA`) that does not match.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from socialfund.core.pc8 import decode_pc8, encode_pc8
from socialfund.core.sie import (
    SieAccount,
    SieBalance,
    SieDimension,
    SieError,
    SieFile,
    SieObject,
    SieTrans,
    SieVoucher,
)

Token = str | tuple[tuple[int, str], ...]


def tokens(line: str, number: int) -> list[Token]:
    """A line's label and fields; quoted fields unescaped, object lists as (dimension, code) pairs."""
    out: list[Token] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch in " \t":
            i += 1
        elif ch == '"':
            text, i = _quoted(line, i + 1, number)
            out.append(text)
        elif ch == "{":
            end = line.find("}", i)
            if end < 0:
                raise SieError(f"rad {number}: objektlistan stängs inte")
            inner = tokens(line[i + 1 : end], number)
            if len(inner) % 2:
                raise SieError(f"rad {number}: objektlistan ska ha par av dimension och objekt")
            pairs = [(int(str(inner[k])), str(inner[k + 1])) for k in range(0, len(inner), 2)]
            out.append(tuple(pairs))
            i = end + 1
        else:
            end = i
            while end < len(line) and line[end] not in ' \t"{':
                end += 1
            out.append(line[i:end])
            i = end
    return out


def _quoted(line: str, i: int, number: int) -> tuple[str, int]:
    text: list[str] = []
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line):
            text.append(line[i + 1])
            i += 2
        elif ch == '"':
            return "".join(text), i + 1
        else:
            text.append(ch)
            i += 1
    raise SieError(f"rad {number}: citattecknet stängs inte")


def _checksum_part(parts: list[Token]) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, tuple):
            out += [f"{dimension}{code}" for dimension, code in part]
        else:
            out.append(part)
    return "".join(out)


def _date(text: Token, number: int) -> dt.date:
    value = str(text)
    try:
        if len(value) != 8 or not value.isdigit():
            raise ValueError(value)
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError as exc:
        raise SieError(f"rad {number}: {text!r} är inget datum (ÅÅÅÅMMDD)") from exc


def _amount(text: Token, number: int) -> Decimal:
    try:
        return Decimal(str(text))
    except InvalidOperation as exc:
        raise SieError(f"rad {number}: {text!r} är inget belopp") from exc


@dataclass
class _State:
    head: dict[str, list[list[Token]]] = field(default_factory=dict)
    vouchers: list[SieVoucher] = field(default_factory=list)
    open_voucher: list[Token] | None = None
    rows: list[SieTrans] = field(default_factory=list)
    in_braces: bool = False
    checksum_parts: list[str] = field(default_factory=list)
    checksum_open: bool = False
    checksum_value: int | None = None
    checksum_seen: int = 0


def read_sie(data: bytes) -> SieFile:
    """The file's content as the writer's values; refuses a file that breaks the format's rules."""
    state = _State()
    for number, raw in enumerate(decode_pc8(data).split("\r\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if line in ("{", "}"):
            _brace(state, line, number)
            continue
        parts = tokens(line, number)
        label = str(parts[0]).upper()
        if label == "#KSUMMA":
            _ksumma(state, parts, number)
            continue
        if state.checksum_open:
            state.checksum_parts.append(_checksum_part(parts))
        if label == "#TRANS":
            _trans(state, parts, number)
        elif label == "#VER":
            if state.in_braces or state.open_voucher is not None:
                raise SieError(f"rad {number}: #VER inuti en verifikation")
            state.open_voucher = parts
        else:
            state.head.setdefault(label, []).append(parts[1:])
    if state.in_braces or state.open_voucher is not None:
        raise SieError("filen slutar inuti en verifikation")
    if state.checksum_seen == 1:
        raise SieError("#KSUMMA inleds men avslutas inte")
    if state.checksum_value is not None:
        computed = zlib.crc32(encode_pc8("".join(state.checksum_parts)))
        if computed != state.checksum_value:
            raise SieError(f"#KSUMMA stämmer inte: filen anger {state.checksum_value}, innehållet ger {computed}")
    return _file(state)


def _brace(state: _State, line: str, number: int) -> None:
    if line == "{":
        if state.open_voucher is None or state.in_braces:
            raise SieError(f"rad {number}: {{ utan #VER")
        state.in_braces = True
        return
    if not state.in_braces or state.open_voucher is None:
        raise SieError(f"rad {number}: }} utan {{")
    ver = state.open_voucher
    registered = _date(ver[5], number) if len(ver) > 5 and ver[5] else None
    voucher = SieVoucher(
        series=str(ver[1]),
        number=int(str(ver[2])),
        date=_date(ver[3], number),
        text=str(ver[4]) if len(ver) > 4 else "",
        rows=tuple(state.rows),
        registered_on=registered,
        sign=str(ver[6]) if len(ver) > 6 else "",
    )
    total = sum((row.amount for row in voucher.rows), Decimal(0))
    if len(voucher.rows) < 2 or total != 0:
        raise SieError(
            f"rad {number}: verifikation {voucher.series} {voucher.number} har {len(voucher.rows)} rader "
            f"som summerar till {total}"
        )
    state.vouchers.append(voucher)
    state.open_voucher, state.rows, state.in_braces = None, [], False


def _ksumma(state: _State, parts: list[Token], number: int) -> None:
    state.checksum_seen += 1
    if state.checksum_seen == 1:
        if len(parts) != 1:
            raise SieError(f"rad {number}: den inledande #KSUMMA har inget värde")
        state.checksum_open = True
    elif state.checksum_seen == 2:
        state.checksum_open = False
        try:
            state.checksum_value = int(str(parts[1]))
        except (IndexError, ValueError) as exc:
            raise SieError(f"rad {number}: den avslutande #KSUMMA saknar ett tal") from exc
    else:
        raise SieError(f"rad {number}: #KSUMMA förekommer mer än två gånger")


def _trans(state: _State, parts: list[Token], number: int) -> None:
    if not state.in_braces:
        raise SieError(f"rad {number}: #TRANS utanför en verifikation")
    objects = parts[2] if len(parts) > 2 and isinstance(parts[2], tuple) else ()
    state.rows.append(
        SieTrans(
            account=str(parts[1]),
            amount=_amount(parts[3], number),
            objects=objects,
            text=str(parts[5]) if len(parts) > 5 else "",
        )
    )


def _one(state: _State, label: str) -> list[Token]:
    values = state.head.get(label) or []
    if len(values) != 1:
        raise SieError(f"filen ska ha exakt en {label}-post, inte {len(values)}")
    return values[0]


def _file(state: _State) -> SieFile:
    if _one(state, "#FORMAT") != ["PC8"]:
        raise SieError("#FORMAT ska vara PC8")
    if _one(state, "#SIETYP") != ["4"]:
        raise SieError("#SIETYP ska vara 4")
    accounts = tuple(SieAccount(str(a[0]), str(a[1])) for a in state.head.get("#KONTO", []))
    known = {a.number for a in accounts}
    for voucher in state.vouchers:
        for row in voucher.rows:
            if row.account not in known:
                raise SieError(f"verifikation {voucher.series} {voucher.number}: kontot {row.account} saknas i #KONTO")
    balances = tuple(
        SieBalance(label[1:], int(str(b[0])), str(b[1]), _amount(b[2], 0))
        for label in ("#IB", "#UB", "#RES")
        for b in state.head.get(label, [])
    )
    program = _one(state, "#PROGRAM")
    gen = _one(state, "#GEN")
    return SieFile(
        company_name=str(_one(state, "#FNAMN")[0]),
        fiscal_years=tuple(
            (_date(r[1], 0), _date(r[2], 0)) for r in sorted(state.head.get("#RAR", []), key=lambda r: -int(str(r[0])))
        ),
        accounts=accounts,
        vouchers=tuple(state.vouchers),
        generated_on=_date(gen[0], 0),
        program=str(program[0]),
        program_version=str(program[1]) if len(program) > 1 else "",
        generated_by=str(gen[1]) if len(gen) > 1 else "",
        account_plan_type=str(_one(state, "#KPTYP")[0]) if "#KPTYP" in state.head else "",
        dimensions=tuple(SieDimension(int(str(d[0])), str(d[1])) for d in state.head.get("#DIM", [])),
        objects=tuple(SieObject(int(str(o[0])), str(o[1]), str(o[2])) for o in state.head.get("#OBJEKT", [])),
        balances=balances,
        import_file=not balances,
        checksum=state.checksum_value is not None,
    )
