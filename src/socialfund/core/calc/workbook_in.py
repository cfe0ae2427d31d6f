"""Reading a calculation workbook in the download's template back into a calculation document.

Only the input cells are read (the computed columns and the results sheet are the
workbook's own business); columns are found by their headings. The document is then
validated like any calculation file. A cell that cannot be read is reported by sheet,
row and heading, in Swedish: "Effekter, rad 3, Dödvikt (andel): måste vara ett tal".
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]

from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.model import FUND
from socialfund.core.calc.workbook_layout import (
    COMPUTED,
    COST_COLUMNS,
    COSTS,
    EFFECT_COLUMNS,
    EFFECTS,
    FUND_WORD,
    GENERAL,
    GENERAL_ROWS,
    NO,
    REPAYMENT,
    SECTOR_WORDS,
    TYPICAL,
    TYPICAL_COLUMNS,
    YES,
)

MAX_BYTES = 5_000_000
WORDS_TO_SECTOR = {word: sector for sector, word in SECTOR_WORDS.items()}
TEXT_KEYS = frozenset({"label", "payer", "beneficiary", "unit_cost", "note", "case.name", "case.note", "title"})
YEAR_KEYS = frozenset({"price_year", "first_year", "case.first_year", "duration", "years"})


class _Reader:
    def __init__(self, names: Mapping[str, str]) -> None:
        self.errors: list[tuple[str, str]] = []
        self.codes = {name: code for code, name in names.items()} | {FUND_WORD: FUND}

    def error(self, where: str, message: str) -> None:
        self.errors.append((where, message))

    def value(self, raw: Any, key: str, where: str) -> Any:
        """A cell as the document wants it: words back to codes, whole numbers as ints; empty is None."""
        if raw is None:
            return None
        if isinstance(raw, str):
            raw = raw.strip()
            if not raw:
                return None
        if key in ("payer", "beneficiary") and isinstance(raw, str):
            return self.codes.get(raw, raw)
        if key == "sector":
            if raw not in WORDS_TO_SECTOR:
                self.error(where, f"skriv en av {', '.join(WORDS_TO_SECTOR)}")
            return WORDS_TO_SECTOR.get(raw)
        if key == "cashable":
            if raw not in (YES, NO):
                self.error(where, f"skriv {YES} eller {NO}")
            return raw == YES
        if key in TEXT_KEYS:
            return str(raw)
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            self.error(where, "måste vara ett tal")
            return None
        if key in YEAR_KEYS or float(raw).is_integer():
            return int(raw) if float(raw).is_integer() else raw
        return raw


def read_calculation_workbook(data: bytes, *, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The calculation document in the workbook; CalculationInputError with every unreadable cell."""
    if len(data) > MAX_BYTES:
        raise CalculationInputError([("Filen", "är för stor (högst 5 MB)")])
    try:
        book = load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CalculationInputError([("Filen", "är ingen Excel-fil (xlsx) i kalkylens mall")]) from exc
    missing = [name for name in (GENERAL, COSTS, EFFECTS) if name not in book.sheetnames]
    if missing:
        raise CalculationInputError([("Filen", f"saknar bladen {', '.join(missing)}; utgå från en nedladdad kalkyl")])
    reader = _Reader(names or {})
    document = _general(reader, book[GENERAL])
    for key, name, layout in (("costs", COSTS, COST_COLUMNS), ("effects", EFFECTS, EFFECT_COLUMNS)):
        lines = [_line(reader, name, row, cells, years) for row, cells, years in _rows(reader, book[name], layout)]
        if lines:
            document[key] = lines
    cases = _typical(reader, book[TYPICAL]) if TYPICAL in book.sheetnames else []
    if cases:
        document["typical_cases"] = cases
    if REPAYMENT in book.sheetnames:
        schedule = _repayment(reader, book[REPAYMENT])
        if schedule:
            document["repayment"] = {"schedule": schedule}
    if reader.errors:
        raise CalculationInputError(reader.errors)
    return document


def _general(reader: _Reader, sheet: Any) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for row, key, label in GENERAL_ROWS:
        raw = sheet.cell(row=row, column=2).value
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        where = f"{GENERAL}, {label}"
        if key in ("title", "description"):
            document[key] = str(raw).strip()
        elif key == "discount_schedule":
            document[key] = _schedule(reader, str(raw).strip(), where)
        elif key == "boards":
            document[key] = _board_names(reader, str(raw), where)
        else:
            value = reader.value(raw, key, where)
            if value is not None:
                document[key] = value
    return document


def _board_names(reader: _Reader, raw: str, where: str) -> dict[str, str]:
    """'SN = Socialnämnden; UN = Utbildningsnämnden' -> {"SN": "Socialnämnden", "UN": "Utbildningsnämnden"}."""
    names: dict[str, str] = {}
    for part in raw.split(";"):
        code, sign, name = part.partition("=")
        if not part.strip():
            continue
        if not sign or not code.strip() or not name.strip():
            reader.error(where, f"{part.strip()!r} ska skrivas kod = namn, t.ex. SN = Socialnämnden")
            continue
        names[code.strip()] = name.strip()
    return names


def _schedule(reader: _Reader, raw: str, where: str) -> Any:
    """'green_book', or steps '1: 0,035; 31: 0,03'."""
    if ":" not in raw:
        return raw
    steps = []
    for part in raw.split(";"):
        first, _, rate = part.partition(":")
        try:
            steps.append({"from": int(first.strip()), "rate": float(rate.strip().replace(",", "."))})
        except ValueError:
            reader.error(where, f"steget {part.strip()!r} ska skrivas år: ränta, t.ex. 31: 0,03")
    return steps


Row = tuple[int, dict[str, tuple[str, Any]], dict[int, Any]]


def _rows(reader: _Reader, sheet: Any, layout: Sequence[tuple[str, str]]) -> list[Row]:
    """Each filled row: its input cells by key (with their heading) and its year cells."""
    headings = [cell.value for cell in sheet[1]]
    by_heading = {heading: key for key, heading in layout}
    columns: dict[int, str] = {}
    years: dict[int, int] = {}
    for index, heading in enumerate(headings):
        if isinstance(heading, int) and not isinstance(heading, bool):
            years[index] = heading
        elif heading in by_heading and by_heading[heading] not in COMPUTED:
            columns[index] = by_heading[heading]
    rows: list[Row] = []
    for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in cells):
            continue
        given = {key: (str(headings[i]), cells[i]) for i, key in columns.items() if i < len(cells)}
        year_cells = {year: cells[i] for i, year in years.items() if i < len(cells) and cells[i] is not None}
        rows.append((number, given, year_cells))
    return rows


def _line(
    reader: _Reader, sheet: str, number: int, cells: dict[str, tuple[str, Any]], years: dict[int, Any]
) -> dict[str, Any]:
    line: dict[str, Any] = {}
    for key, (heading, raw) in cells.items():
        value = reader.value(raw, key, f"{sheet}, rad {number}, {heading}")
        if value is None:
            continue
        if key.startswith("uncertainty."):
            line.setdefault("uncertainty", {})[key.split(".", 1)[1]] = value
        else:
            line[key] = value
    if sheet == COSTS:
        line["amounts"] = _year_values(reader, years, f"{sheet}, rad {number}")
    elif "quantity" not in line:
        line["quantity"] = _year_values(reader, years, f"{sheet}, rad {number}")
    if "unit_cost" in line:
        line.pop("unit_value", None)  # shown beside the id for the formulas; the library has the value
    return line


def _year_values(reader: _Reader, years: dict[int, Any], where: str) -> dict[int, Any]:
    values = {}
    for year, raw in years.items():
        if isinstance(raw, str) and raw.startswith("="):
            continue  # a formula the template wrote (a quantity that falls off): not an input
        value = reader.value(raw, "amount", f"{where}, {year}")
        if value is not None:
            values[year] = value
    return values


def _typical(reader: _Reader, sheet: Any) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for number, cells, _years in _rows(reader, sheet, TYPICAL_COLUMNS):
        line: dict[str, Any] = {}
        case: dict[str, Any] = {}
        for key, (heading, raw) in cells.items():
            value = reader.value(raw, key, f"{TYPICAL}, rad {number}, {heading}")
            if value is None:
                continue
            if key.startswith("case."):
                case[key.split(".", 1)[1]] = value
            elif key.startswith("uncertainty."):
                line.setdefault("uncertainty", {})[key.split(".", 1)[1]] = value
            else:
                line[key] = value
        if "unit_cost" in line:
            line.pop("unit_value", None)
        if cases and case.get("name") == cases[-1].get("name"):
            cases[-1]["avoids"].append(line)
        else:
            cases.append(case | {"avoids": [line]})
    return cases


def _repayment(reader: _Reader, sheet: Any) -> dict[int, dict[str, Any]]:
    schedule: dict[int, dict[str, Any]] = {}
    for number, cells in enumerate(sheet.iter_rows(min_row=2, max_col=3, values_only=True), start=2):
        year, board, amount = (list(cells) + [None, None, None])[:3]
        if year is None and board is None and amount is None:
            continue
        where = f"{REPAYMENT}, rad {number}"
        if not isinstance(year, int) or not isinstance(board, str):
            reader.error(where, "skriv år, nämnd och belopp")
            continue
        value = reader.value(amount, "amount", where)
        if value is not None:
            schedule.setdefault(year, {})[reader.codes.get(board.strip(), board.strip())] = value
    return schedule
