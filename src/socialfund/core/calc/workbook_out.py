"""The calculation as an XLSX workbook whose results are live formulas, so that an economist can check it.

Inputs are values (the lines as the calculation file has them, years as columns);
everything the engine computes is a formula over them: the KPI factor, each line's
counted value per year, the discount factors, present values, totals and the net
present value accumulated year by year. Recalculated by Excel or LibreOffice the
formulas give the engine's figures (a test holds them to the krona).

Text the user typed is always stored as text, never as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from socialfund.core.calc.model import FUND, Calculation
from socialfund.core.calc.prices import PriceIndex, load_price_index
from socialfund.core.calc.workbook_layout import (
    COST_COLUMNS,
    COSTS,
    COUNTED_SUFFIX,
    EFFECT_COLUMNS,
    EFFECTS,
    FUND_WORD,
    GENERAL,
    GENERAL_ROWS,
    KPI_SHEET,
    NO,
    RATE_CELL,
    REPAYMENT,
    RESULTS,
    SECTOR_WORDS,
    TYPICAL,
    TYPICAL_COLUMNS,
    YES,
)

BOLD = Font(bold=True)


def calculation_workbook(
    document: Mapping[str, Any],
    calc: Calculation,
    *,
    names: Mapping[str, str] | None = None,
    price_index: PriceIndex | None = None,
) -> bytes:
    """The workbook as bytes. `document` is the calculation as stored; `calc` the same, parsed."""
    names = dict(names or {})
    names.setdefault(FUND, FUND_WORD)
    book = Workbook()
    general = book.active
    general.title = GENERAL
    _general(general, document)
    kpi_rows = _kpi_sheet(book, calc, price_index)
    writer = _LineWriter(calc, names, kpi_rows)
    cost_ranges = writer.costs(book.create_sheet(COSTS), list(document.get("costs") or []))
    effect_ranges = writer.effects(book.create_sheet(EFFECTS), list(document.get("effects") or []))
    # Always there, empty when the calculation has none: an official can describe typical cases in Excel.
    effect_ranges += writer.typical(book.create_sheet(TYPICAL), list(document.get("typical_cases") or []))
    _results(book.create_sheet(RESULTS, 1), calc, cost_ranges, effect_ranges)
    schedule = (document.get("repayment") or {}).get("schedule")
    if schedule:
        _repayment(book.create_sheet(REPAYMENT), schedule, names)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def put(sheet: Any, row: int, column: int, value: Any, *, bold: bool = False) -> Any:
    """A cell's value; a text is stored as text, whatever it begins with."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and not value.startswith("="):
        cell.data_type = "s"
    elif isinstance(value, str):
        cell.data_type = "f"
    if bold:
        cell.font = BOLD
    return cell


def text(sheet: Any, row: int, column: int, value: str, *, bold: bool = False) -> None:
    """User text: never a formula, even when it begins with '='."""
    cell = put(sheet, row, column, value, bold=bold)
    cell.data_type = "s"
    if value[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return int(value) if float(value).is_integer() else float(value)


def _general(sheet: Any, document: Mapping[str, Any]) -> None:
    for row, key, label in GENERAL_ROWS:
        text(sheet, row, 1, label, bold=True)
        value = document.get(key)
        if key == "discount_schedule" and isinstance(value, list):
            value = "; ".join(f"{step['from']}: {step['rate']}" for step in value)
        if key == "boards" and isinstance(value, Mapping):
            value = "; ".join(f"{code} = {name}" for code, name in value.items())
        if isinstance(value, str):
            text(sheet, row, 2, value)
        elif value is not None:
            put(sheet, row, 2, _number(value))
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 40


def _kpi_sheet(book: Any, calc: Calculation, index: PriceIndex | None) -> dict[int, int]:
    """The KPI of every year a conversion uses: year → row on the KPI sheet."""
    if not calc.price_conversions:
        return {}
    kpi = index if index is not None else load_price_index()
    years = sorted({c.from_year for c in calc.price_conversions} | {c.to_year for c in calc.price_conversions})
    sheet = book.create_sheet(KPI_SHEET)
    text(sheet, 1, 1, "År", bold=True)
    text(sheet, 1, 2, "KPI (SCB, årsmedeltal, 1980=100)", bold=True)
    rows = {}
    for offset, year in enumerate(years):
        put(sheet, offset + 2, 1, year)
        put(sheet, offset + 2, 2, float(kpi.values[year]))
        rows[year] = offset + 2
    return rows


YearRanges = list[tuple[str, dict[int, str], str, str, str]]
"""Per sheet: (sheet, year → counted column letter, sector column, cashable column, last row)."""


class _LineWriter:
    def __init__(self, calc: Calculation, names: Mapping[str, str], kpi_rows: Mapping[int, int]) -> None:
        self.calc = calc
        self.names = names
        self.kpi_rows = kpi_rows

    def _factor(self, from_year: int | None) -> Any:
        target = self.calc.price_year
        if from_year is None or target is None or from_year == target or from_year not in self.kpi_rows:
            return 1
        return f"='{KPI_SHEET}'!$B${self.kpi_rows[target]}/'{KPI_SHEET}'!$B${self.kpi_rows[from_year]}"

    def _headers(self, sheet: Any, columns: Sequence[tuple[str, str]]) -> dict[str, int]:
        position = {}
        for column, (key, heading) in enumerate(columns, start=1):
            text(sheet, 1, column, heading, bold=True)
            position[key] = column
        years = list(self.calc.years)
        first_year_col = len(columns) + 1
        for offset, year in enumerate(years):
            put(sheet, 1, first_year_col + offset, year, bold=True)
            text(sheet, 1, first_year_col + len(years) + offset, f"{year}{COUNTED_SUFFIX}", bold=True)
        return position

    def _year_columns(self, columns: Sequence[tuple[str, str]]) -> tuple[dict[int, int], dict[int, int]]:
        years = list(self.calc.years)
        start = len(columns) + 1
        given = {year: start + offset for offset, year in enumerate(years)}
        counted = {year: start + len(years) + offset for offset, year in enumerate(years)}
        return given, counted

    def _plain(
        self, sheet: Any, row: int, position: Mapping[str, int], line: Mapping[str, Any], keys: Sequence[str]
    ) -> None:
        for key in keys:
            value = line.get(key)
            if key.startswith("uncertainty."):
                value = (line.get("uncertainty") or {}).get(key.split(".", 1)[1])
            if key == "sector" and isinstance(value, str):
                value = SECTOR_WORDS.get(value, value)
            if key == "cashable" and value is not None:
                value = YES if value else NO
            if key in ("payer", "beneficiary") and isinstance(value, str):
                value = self.names.get(value, value)
            if isinstance(value, str):
                text(sheet, row, position[key], value)
            elif value is not None and not isinstance(value, Mapping):  # a year map goes to the year columns
                put(sheet, row, position[key], _number(value))

    def costs(self, sheet: Any, lines: list[Mapping[str, Any]]) -> YearRanges:
        position = self._headers(sheet, COST_COLUMNS)
        given, counted = self._year_columns(COST_COLUMNS)
        keys = [k for k, _ in COST_COLUMNS if k != "kpi_factor"]
        bias, factor = (get_column_letter(position[k]) for k in ("optimism_bias", "kpi_factor"))
        for row, line in enumerate(lines, start=2):
            self._plain(sheet, row, position, line, keys)
            put(sheet, row, position["kpi_factor"], self._factor(line.get("price_year")))
            for key, amount in (line.get("amounts") or {}).items():
                put(sheet, row, given[int(key)], _number(amount))
            for year, column in counted.items():
                cell = f"{get_column_letter(given[year])}{row}"
                put(sheet, row, column, f"={cell}*${factor}{row}*(1+${bias}{row})")
        return [(COSTS, {y: get_column_letter(c) for y, c in counted.items()}, "", "", str(len(lines) + 1))]

    def _value_formulas(self, sheet: Any, row: int, position: Mapping[str, int], from_year: int | None) -> str:
        """The KPI factor and the counted value per unit; returns the counted value's cell."""
        put(sheet, row, position["kpi_factor"], self._factor(from_year))
        value, factor, dw, disp, attr = (
            f"${get_column_letter(position[k])}{row}"
            for k in ("unit_value", "kpi_factor", "deadweight", "displacement", "attribution")
        )
        counted = position.get("value_counted")
        formula = f"={value}*{factor}*(1-N({dw}))*(1-N({disp}))*(1-N({attr}))"
        if counted is None:
            return formula[1:]
        put(sheet, row, counted, formula)
        return f"${get_column_letter(counted)}{row}"

    def _unit_value(
        self, sheet: Any, row: int, position: Mapping[str, int], line: Mapping[str, Any], index: int
    ) -> None:
        """A library unit cost's value is shown beside its id (the formulas need it)."""
        if line.get("unit_cost") and index < len(self.calc.effects):
            cost = self.calc.effects[index].unit_cost
            if cost is not None:
                put(sheet, row, position["unit_value"], _number(cost.value))

    def effects(self, sheet: Any, lines: list[Mapping[str, Any]]) -> YearRanges:
        position = self._headers(sheet, EFFECT_COLUMNS)
        given, counted = self._year_columns(EFFECT_COLUMNS)
        keys = [k for k, _ in EFFECT_COLUMNS if k not in ("kpi_factor", "value_counted")]
        for row, line in enumerate(lines, start=2):
            index = row - 2
            self._plain(sheet, row, position, line, keys)
            if isinstance(line.get("quantity"), Mapping):
                for key, quantity in line["quantity"].items():
                    put(sheet, row, given[int(key)], _number(quantity))
            else:
                self._generated(sheet, row, position, given, "quantity", "first_year", "duration")
            self._unit_value(sheet, row, position, line, index)
            effect = self.calc.effects[index] if index < len(self.calc.effects) else None
            from_year = line.get("price_year") or (effect.unit_cost.price_year if effect and effect.unit_cost else None)
            value_cell = self._value_formulas(sheet, row, position, from_year)
            for year, column in counted.items():
                put(sheet, row, column, f"=N({get_column_letter(given[year])}{row})*{value_cell}")
        return [self._range(EFFECTS, counted, position, len(lines) + 1)]

    def _generated(
        self,
        sheet: Any,
        row: int,
        position: Mapping[str, int],
        given: Mapping[int, int],
        amount_key: str,
        first_key: str,
        years_key: str,
        *,
        first_cell: str | None = None,
        scale: str = "",
    ) -> None:
        """Year cells as formulas: amount × (1 − drop off)^(year − first year) in the years it lasts."""
        amount, years, drop = (f"${get_column_letter(position[k])}{row}" for k in (amount_key, years_key, "drop_off"))
        first = first_cell or f"${get_column_letter(position[first_key])}{row}"
        for column in given.values():
            head = f"{get_column_letter(column)}$1"
            formula = (
                f"=IF(AND({head}>={first},{head}<{first}+{years}),{scale}{amount}*(1-N({drop}))^({head}-{first}),0)"
            )
            put(sheet, row, column, formula)

    def _range(
        self, name: str, counted: Mapping[int, int], position: Mapping[str, int], last: int
    ) -> tuple[str, dict[int, str], str, str, str]:
        return (
            name,
            {y: get_column_letter(c) for y, c in counted.items()},
            get_column_letter(position["sector"]),
            get_column_letter(position["cashable"]),
            str(last),
        )

    def typical(self, sheet: Any, cases: list[Mapping[str, Any]]) -> YearRanges:
        """One row per thing a typical case avoids; its quantity = target group × share × per year."""
        position = self._headers(sheet, (*TYPICAL_COLUMNS, ("kpi_factor", "KPI-faktor (räknas)")))
        columns = (*TYPICAL_COLUMNS, ("kpi_factor", ""))
        given, counted = self._year_columns(columns)
        keys = [k for k, _ in TYPICAL_COLUMNS]
        row = 2
        index = len([e for e in self.calc.effects if e.typical_case is None])
        for case in cases:
            for avoid in case.get("avoids") or []:
                flat = {f"case.{k}": v for k, v in case.items() if k != "avoids"} | dict(avoid)
                self._plain(sheet, row, position, flat, keys)
                self._unit_value(sheet, row, position, avoid, index)
                effect = self.calc.effects[index] if index < len(self.calc.effects) else None
                from_year = avoid.get("price_year") or (
                    effect.unit_cost.price_year if effect and effect.unit_cost else None
                )
                value = self._value_formulas(sheet, row, position, from_year)
                share = f"${get_column_letter(position['case.share'])}{row}"
                scale = f"'{GENERAL}'!$B$8*{share}*"
                first = f"${get_column_letter(position['case.first_year'])}{row}"
                self._generated(sheet, row, position, given, "per_year", "", "years", first_cell=first, scale=scale)
                for year, column in counted.items():
                    put(sheet, row, column, f"={get_column_letter(given[year])}{row}*{value}")
                row += 1
                index += 1
        return [self._range(TYPICAL, counted, position, row - 1)]


def _sum(ranges: YearRanges, year: int, *, municipal: bool = False, cashable: bool = False) -> str:
    parts = []
    for sheet, by_year, sector, cash, last in ranges:
        column = by_year[year]
        area = f"'{sheet}'!${column}$2:${column}${max(int(last), 2)}"
        if not (municipal or cashable):
            parts.append(f"SUM({area})")
            continue
        conditions = [f"'{sheet}'!${sector}$2:${sector}${max(int(last), 2)}", f'"{SECTOR_WORDS["municipal"]}"']
        if cashable:
            conditions += [f"'{sheet}'!${cash}$2:${cash}${max(int(last), 2)}", f'"{YES}"']
        parts.append(f"SUMIFS({area},{','.join(conditions)})")
    return "+".join(parts) if parts else "0"


RESULT_HEADINGS = (
    "År",
    "t",
    "Diskonteringsränta",
    "Diskonteringsfaktor",
    "Kostnader",
    "Nyttor",
    "Kommunala nyttor",
    "Kommunala kassamässiga nyttor",
    "Netto (samhället)",
    "Nuvärde netto",
    "Nettonuvärde ackumulerat",
    "Nettonuvärde kommunen ackumulerat",
)


def _results(sheet: Any, calc: Calculation, costs: YearRanges, effects: YearRanges) -> None:
    for column, heading in enumerate(RESULT_HEADINGS, start=1):
        text(sheet, 1, column, heading, bold=True)
    first, last = 2, 1 + calc.horizon
    for t, year in enumerate(calc.years):
        r = first + t
        put(sheet, r, 1, year)
        put(sheet, r, 2, t)
        if calc.discount.is_constant:
            put(sheet, r, 3, f"={RATE_CELL}")
            put(sheet, r, 4, f"=1/(1+C{r})^B{r}")
        else:
            put(sheet, r, 3, calc.discount.rate(t) if t else 0)
            put(sheet, r, 4, 1 if t == 0 else f"=D{r - 1}/(1+C{r})")
        put(sheet, r, 5, f"={_sum(costs, year)}")
        put(sheet, r, 6, f"={_sum(effects, year)}")
        put(sheet, r, 7, f"={_sum(effects, year, municipal=True)}")
        put(sheet, r, 8, f"={_sum(effects, year, municipal=True, cashable=True)}")
        put(sheet, r, 9, f"=F{r}-E{r}")
        put(sheet, r, 10, f"=I{r}*D{r}")
        put(sheet, r, 11, f"=SUM(J${first}:J{r})")
        put(sheet, r, 12, f"=SUMPRODUCT(G${first}:G{r}-E${first}:E{r},D${first}:D{r})")
    totals = [
        ("Nuvärde kostnader", f"=SUMPRODUCT(E{first}:E{last},D{first}:D{last})"),
        ("Nuvärde nyttor", f"=SUMPRODUCT(F{first}:F{last},D{first}:D{last})"),
        ("Nuvärde kommunala nyttor", f"=SUMPRODUCT(G{first}:G{last},D{first}:D{last})"),
        ("Nuvärde kommunala kassamässiga nyttor", f"=SUMPRODUCT(H{first}:H{last},D{first}:D{last})"),
        ("Nettonuvärde (samhället)", f"=B{last + 3}-B{last + 2}"),
        ("Nettonuvärde (kommunen)", f"=B{last + 4}-B{last + 2}"),
    ]
    for offset, (label, formula) in enumerate(totals):
        text(sheet, last + 2 + offset, 1, label, bold=True)
        put(sheet, last + 2 + offset, 2, formula)
    sheet.column_dimensions["A"].width = 36
    for letter in "BCDEFGHIJKL":
        sheet.column_dimensions[letter].width = 18


TOTAL_ROWS = {
    "pv_costs": 0,
    "pv_benefits": 1,
    "pv_benefits_municipal": 2,
    "pv_benefits_municipal_cashable": 3,
    "npv": 4,
    "npv_municipal": 5,
}
"""Where each total stands on the results sheet: row horizon + 3 + offset, column B."""


def _repayment(sheet: Any, schedule: Mapping[Any, Mapping[str, Any]], names: Mapping[str, str]) -> None:
    for column, heading in enumerate(("År", "Nämnd", "Belopp"), start=1):
        text(sheet, 1, column, heading, bold=True)
    row = 2
    for year, boards in schedule.items():
        for board, amount in boards.items():
            put(sheet, row, 1, int(year))
            text(sheet, row, 2, names.get(board, board))
            put(sheet, row, 3, _number(amount))
            row += 1
