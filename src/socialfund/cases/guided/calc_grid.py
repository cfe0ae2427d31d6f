"""The calculator page's state: the rows as formsets, the calculation they make, its results and verdict.

`CalculatorPage.build` reads either the stored calculation (opening the page) or what is
posted (typing, saving). A posted form is judged only on what it holds, never against
what is stored: judging "changed" against the stored rows made a second save of an
unchanged page drop every row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext

from socialfund.cases.guided.calculator import (
    MAX_ROWS,
    SHARE_PRESETS,
    YEAR_FIELD,
    CostForm,
    EffectForm,
    GeneralForm,
    GridRowForm,
    Party,
    cost_line,
    effect_line,
    parse_cell,
    parties_for,
)
from socialfund.cases.guided.typical_form import PREFIX as TYPICAL_PREFIX
from socialfund.cases.guided.typical_form import (
    TARGET_PREFIX,
    TargetGroupForm,
    TypicalRowForm,
    initial_typical,
    target_group_missing,
    typical_document,
    typical_formset,
)
from socialfund.cases.guided.typical_form import asked_in as typical_asked
from socialfund.core.calc import (
    CalculationInputError,
    CalculationResult,
    SimulationResult,
    evaluate,
    parse_calculation,
    simulate,
)
from socialfund.core.calc.labels import EXPLANATIONS, LINE_KINDS, SHARE_DEFAULT_SOURCE, describe_path
from socialfund.core.calc.model import FUND
from socialfund.core.repayment_rules import RepaymentRules

SIMULATION_RUNS = 2000  # enough for a stable chance on the page; the CLI runs more
DEFAULT_HORIZON = 10
DEFAULT_DISCOUNT = "0.04"


class RowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """Rows of the grid. Every posted row may be blank (a cleared row is a removed row, not an error)."""

    def initial_form_count(self) -> int:
        return 0 if self.is_bound else super().initial_form_count()


def _formset(form: type[GridRowForm], extra: int) -> type[forms.BaseFormSet]:  # type: ignore[type-arg]
    return forms.formset_factory(form, formset=RowFormSet, extra=extra, max_num=MAX_ROWS, validate_max=True)


@dataclass
class CalculatorState:
    """What the user typed, as a calculation, and what came of it."""

    document: dict[str, Any] | None
    result: CalculationResult | None = None
    simulation: SimulationResult | None = None
    missing: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def has_lines(self) -> bool:
        """A cost and an effect (or a typfall): only then is there anything to give a verdict on."""
        document = self.document or {}
        return bool(document.get("costs") and (document.get("effects") or document.get("typical_cases")))


def _year_range(general: GeneralForm, stored: Mapping[str, Any] | None) -> range | None:
    if general.is_bound and general.is_valid():
        start, horizon = general.cleaned_data["start_year"], general.cleaned_data["horizon"]
        return range(start, start + horizon)
    if general.is_bound:
        return None
    if stored and stored.get("start_year"):
        start, horizon = int(stored["start_year"]), int(stored.get("horizon") or DEFAULT_HORIZON)
    else:
        start, horizon = int(general.fields["start_year"].initial), DEFAULT_HORIZON
    return range(start, start + horizon)


@dataclass
class CalculatorPage:
    general: GeneralForm
    costs: Any
    effects: Any
    period: range | None
    parties: list[Party]
    version: int | None = None
    """The draft version the page was opened at, when it is not the stored one (a page redrawn by htmx)."""
    stored: Mapping[str, Any] | None = None
    """The calculation as saved: what the page does not ask for (price years, a plan…) is kept from it."""
    target: TargetGroupForm | None = None
    typical: Any = None
    """The typfall rows (cases/guided/typical_form.py); a posted page without them keeps the saved typfall."""

    @classmethod
    def build(
        cls,
        stored: Mapping[str, Any] | None,
        boards: Iterable[Any],
        data: QueryDict | None = None,
        *,
        extra_costs: int = 0,
        extra_effects: int = 0,
    ) -> CalculatorPage:
        general_initial, cost_rows, effect_rows = initial_rows(stored)
        target_initial, typical_rows = initial_typical(stored)
        parties = parties_for(boards, stored=_stored_parties(stored))
        if data is not None:
            general_initial, cost_rows, effect_rows = {}, [], []
        general = GeneralForm(data, initial=general_initial, prefix="calc")
        period = _year_range(general, stored)
        years = sorted(set(period or []) | _posted_years(data))
        kwargs = {"years": years, "period": period, "parties": parties}
        costs = _formset(CostForm, 1 + extra_costs)(data, initial=cost_rows, prefix="costs", form_kwargs=kwargs)
        effects = _formset(EffectForm, 1 + extra_effects)(
            data, initial=effect_rows, prefix="effects", form_kwargs=kwargs
        )
        # A page posted without the typfall rows (an older page still open) leaves the saved typfall alone.
        typical_data = data if typical_asked(data) else None
        target = TargetGroupForm(typical_data, initial=target_initial, prefix=TARGET_PREFIX)
        typical = typical_formset()(
            typical_data, initial=typical_rows, prefix=TYPICAL_PREFIX, form_kwargs={"parties": parties}
        )
        return cls(general, costs, effects, period, parties, stored=stored, target=target, typical=typical)

    def filled_typical(self) -> list[TypicalRowForm]:
        return [form for form in self.typical.forms if not form.is_blank()] if self.typical is not None else []

    def filled(self, kind: str) -> list[GridRowForm]:
        formset = self.costs if kind == "costs" else self.effects
        return [form for form in formset.forms if not form.is_blank()]

    def row_errors(self) -> bool:
        rows: list[forms.Form] = [*self.filled("costs"), *self.filled("effects")]
        if self.typical is not None and self.typical.is_bound:
            rows += self.filled_typical()
            if self.target is not None:
                rows.append(self.target)
        return any(form.errors for form in rows)

    def document(self, title: str) -> tuple[dict[str, Any] | None, list[str]]:
        """The calculation document from the valid rows; the list says what is missing."""
        missing: list[str] = []
        if not self.general.is_valid():
            missing.append(gettext("Ange första projektår, antal år och diskonteringsränta."))
            return None, missing
        g = self.general.cleaned_data
        document: dict[str, Any] = {"title": title or "Kalkyl", "start_year": g["start_year"], "horizon": g["horizon"]}
        if g["discount"] == "green_book":
            document["discount_schedule"] = "green_book"
        else:
            document["discount_rate"] = float(Decimal(g["discount"]))
        self.costs.is_valid()
        self.effects.is_valid()
        document["costs"] = [cost_line(f) for f in self.filled("costs") if not f.errors]  # type: ignore[arg-type]
        document["effects"] = [effect_line(f) for f in self.filled("effects") if not f.errors]  # type: ignore[arg-type]
        keep_unasked(document, self.stored)
        typical_missing = False
        if self.typical is not None and self.typical.is_bound and self.target is not None:
            # The page asked for the typfall: what its rows say replaces the saved ones (none: none).
            document.pop("typical_cases", None)
            document.pop("target_group", None)
            self.typical.is_valid()
            document |= typical_document(self.target, self.filled_typical(), self.stored)
            typical_missing = target_group_missing(self.target, self.filled_typical())
        if typical_missing and self.target is not None:
            # At the field, and the typfall left out until it is given: the save then keeps the stored one.
            message = gettext("Ange antalet personer i målgruppen: typfallens andelar räknas på det.")
            if message not in self.target.errors.get("target_group", []):
                self.target.add_error("target_group", message)
            missing.append(message)
            document.pop("typical_cases", None)
        if self.row_errors():
            missing.append(gettext("Rader med fel räknas inte med förrän felen är rättade."))
        if not document["costs"]:
            missing.append(gettext("Lägg till minst en kostnad (vad projektet kostar fonden)."))
        if not document["effects"] and not document.get("typical_cases"):
            missing.append(
                gettext("Lägg till minst en effekt (vilken nämnds kostnader som minskar, hur mycket och när).")
            )
        return document, missing

    def column_totals(self, kind: str) -> list[Decimal | None]:
        """Each year's total over the rows as shown (None where a cell is not a number)."""
        forms_ = self.filled(kind)
        years = self.years
        totals: list[Decimal | None] = []
        for year in years:
            total: Decimal | None = Decimal(0)
            for form in forms_:
                text = str(form[f"y{year}"].value() or "").strip() if f"y{year}" in form.fields else ""
                if text and total is not None:
                    try:
                        total += parse_cell(text, money=kind == "costs")
                    except forms.ValidationError:
                        total = None
            totals.append(total)
        return totals

    @property
    def years(self) -> list[int]:
        """The grid's columns: the period and any year a row still holds a figure in."""
        shown = set(self.period or [])
        for form in [*self.costs.forms, *self.effects.forms]:
            shown.update(form.years)
        return sorted(shown)

    def rows(self, kind: str) -> list[GridRow]:
        formset = self.costs if kind == "costs" else self.effects
        years = self.years
        return [
            GridRow(
                form, index + 1, [(year, form[f"y{year}"] if f"y{year}" in form.fields else None) for year in years]
            )
            for index, form in enumerate(formset.forms)
        ]

    @property
    def cost_rows(self) -> list[GridRow]:
        return self.rows("costs")

    @property
    def effect_rows(self) -> list[GridRow]:
        return self.rows("effects")

    @property
    def paste_too_wide(self) -> str:
        # The page's script fills in the numbers; the words are the server's, so they are translated.
        return gettext(
            "Blocket du klistrade in är %(width)s kolumner brett men rutnätet har bara %(room)s år kvar från den här "
            "rutan. Inget klistrades in."
        )

    @property
    def paste_too_tall(self) -> str:
        return gettext(
            "Blocket du klistrade in har %(height)s rader men det finns bara %(room)s rader härifrån. Lägg till rader "
            "först. Inget klistrades in."
        )

    @property
    def share_default_hint(self) -> str:
        return gettext(SHARE_DEFAULT_SOURCE)

    @property
    def drop_off_hint(self) -> str:
        return gettext(EXPLANATIONS["drop_off"])

    def grand_total(self, kind: str) -> Decimal | None:
        totals = self.column_totals(kind)
        return None if any(t is None for t in totals) else sum((t for t in totals if t is not None), Decimal(0))

    @property
    def cost_grand_total(self) -> Decimal | None:
        return self.grand_total("costs")

    @property
    def effect_grand_total(self) -> Decimal | None:
        return self.grand_total("effects")

    @property
    def cost_totals(self) -> list[Decimal | None]:
        return self.column_totals("costs")

    @property
    def effect_totals(self) -> list[Decimal | None]:
        return self.column_totals("effects")

    def errors_in_words(self) -> list[tuple[str, str, str]]:
        """Every error of the rows as (id of the field, "Kostnad 2, 2017", message), for the list above the grid."""
        found = []
        for kind in ("costs", "effects"):
            for row in self.rows(kind):
                form = row.form
                if form.is_blank() or not form.is_bound:
                    continue
                what = f"{gettext(LINE_KINDS[kind])} {row.number}"
                for name, errors in form.errors.items():
                    if name == "__all__":
                        found += [(form["label"].auto_id, what, str(e)) for e in errors]
                        continue
                    place = form.fields[name].label if YEAR_FIELD.match(name) else form.fields[name].label
                    found += [(form[name].auto_id, f"{what}, {place}", str(e)) for e in errors]
        if self.target is not None and self.target.is_bound:
            found += [
                (self.target["target_group"].auto_id, str(self.target.fields["target_group"].label), str(e))
                for e in self.target.errors.get("target_group", [])
            ]
        if self.typical is not None and self.typical.is_bound:
            for typical_row in self.filled_typical():
                for name, errors in typical_row.errors.items():
                    field_id = typical_row[name if name != "__all__" else "case_name"].auto_id
                    place = typical_row.fields[name].label if name != "__all__" else ""
                    found += [(field_id, f"{typical_row.row_name}, {place}".rstrip(", "), str(e)) for e in errors]
        return found

    def party_names(self) -> dict[str, str]:
        return {party.value: party.name for party in self.parties}


@dataclass
class GridRow:
    """One row of the grid: its form, its number as people count (from 1), and its cells in the grid's columns."""

    form: GridRowForm
    number: int
    cells: list[tuple[int, Any]]

    @property
    def total(self) -> Decimal | None:
        return self.form.raw_total()


# What a calculation may hold that the grid does not ask for: written in a file or a spreadsheet and
# uploaded, it must survive a save of the page (saving the grid once dropped a whole typfall section).
UNASKED_KEYS = ("description", "price_year", "target_group", "typical_cases", "repayment", "boards")
UNASKED_LINE_KEYS = ("price_year", "note")


def keep_unasked(document: dict[str, Any], stored: Mapping[str, Any] | None) -> None:
    """Carry over from the saved calculation what the page does not ask for: the calculation's own keys, and a
    line's keys from the saved line of the same kind and name."""
    if not stored:
        return
    for key in UNASKED_KEYS:
        if key in stored and key not in document:
            document[key] = stored[key]
    for kind in ("costs", "effects"):
        saved = {str(line.get("label")): line for line in stored.get(kind) or [] if isinstance(line, Mapping)}
        for line in document.get(kind) or []:
            before = saved.get(str(line.get("label")))
            if before is None:
                continue
            for key in UNASKED_LINE_KEYS:
                if key in before and key not in line:
                    line[key] = before[key]


def run_calculation(
    document: dict[str, Any] | None,
    rules: RepaymentRules | None,
    missing: list[str],
    names: Mapping[str, str] | None = None,
) -> CalculatorState:
    """Evaluate what is typed; `names` (board code → name) lets the engine's messages name the boards."""
    state = CalculatorState(document=document, missing=list(missing))
    if document is None:
        return state
    boards = {code: name for code, name in (names or {}).items() if code != FUND and name}
    try:
        # The names are given to the engine only: the stored document keeps codes (a board may be renamed).
        calculation = parse_calculation({**document, "boards": {**boards, **(document.get("boards") or {})}})
    except CalculationInputError as error:
        # The paths in words ("Effekt 1, enhetskostnad"), never field paths.
        state.errors = [(describe_path(path, gettext), message) for path, message in error.errors]
        return state
    state.result = evaluate(calculation, rules=rules)
    if any("uncertainty" in line for line in [*document.get("costs", []), *document.get("effects", [])]):
        state.simulation = simulate(calculation, runs=SIMULATION_RUNS, seed=1, rules=rules)
    return state


def _posted_years(data: QueryDict | None) -> set[int]:
    """Years that hold a posted figure in any row: a figure in a year the grid no longer shows (the period
    moved) stays visible, with its message, instead of being dropped."""
    years: set[int] = set()
    for key in data or ():
        if key.startswith(("costs-", "effects-")):
            match = YEAR_FIELD.match(key.rpartition("-")[2])
            if match and str(data.get(key) or "").strip():  # type: ignore[union-attr]
                years.add(int(match.group(1)))
    return years


def _stored_parties(stored: Mapping[str, Any] | None) -> dict[str, str]:
    parties: dict[str, str] = {}
    for line in (stored or {}).get("costs") or []:
        parties.setdefault(str(line.get("payer")), str(line.get("sector") or "other"))
    for line in (stored or {}).get("effects") or []:
        parties.setdefault(str(line.get("beneficiary")), str(line.get("sector") or "other"))
    for case in (stored or {}).get("typical_cases") or []:
        for item in case.get("avoids") or []:
            parties.setdefault(str(item.get("beneficiary")), str(item.get("sector") or "other"))
    return parties


def initial_rows(
    document: Mapping[str, Any] | None,
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """Form initial values from a stored calculation document (the reverse of the line builders)."""
    if not document:
        return {"horizon": DEFAULT_HORIZON, "discount": DEFAULT_DISCOUNT}, [], []
    general = {
        "start_year": document.get("start_year"),
        "horizon": document.get("horizon", DEFAULT_HORIZON),
        "discount": "green_book"
        if document.get("discount_schedule") == "green_book"
        else _rate_choice(document.get("discount_rate", 0.035)),
    }
    costs = [_cost_initial(line) for line in document.get("costs") or []]
    effects = [_effect_initial(line) for line in document.get("effects") or []]
    return general, costs, effects


def _rate_choice(rate: Any) -> str:
    try:
        value = Decimal(str(rate))
    except InvalidOperation:
        return DEFAULT_DISCOUNT
    return "0.04" if value == Decimal("0.04") else "0.035"


def _number(value: Any) -> str:
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", " ")
    return str(number.normalize()).replace(".", ",")


def _cells(values: Mapping[Any, Any]) -> dict[str, str]:
    return {f"y{int(year)}": _number(value) for year, value in values.items()}


def _cost_initial(line: Mapping[str, Any]) -> dict[str, Any]:
    uncertainty = line.get("uncertainty") or {}
    bias = line.get("optimism_bias")
    return {
        "label": line.get("label", ""),
        "payer": line.get("payer", "fund"),
        "optimism_bias": Decimal(str(bias)) * 100 if bias is not None else None,
        "low": uncertainty.get("low"),
        "high": uncertainty.get("high"),
        **_cells(line.get("amounts") or {}),
    }


def _share_choice(value: Any) -> str:
    text = str(float(value or 0)).rstrip("0").rstrip(".") or "0"
    return text if text in {code for code, _label in SHARE_PRESETS} else "0"


def expanded_quantities(line: Mapping[str, Any]) -> dict[int, float]:
    """Quantities by year; a file's generated quantity (q, first_year, duration, drop_off) written out year by year."""
    quantity = line.get("quantity")
    if isinstance(quantity, Mapping):
        return {int(year): float(q) for year, q in quantity.items()}
    try:
        first, duration = int(line["first_year"]), int(line["duration"])
        drop = float(line.get("drop_off") or 0)
        return {first + k: float(quantity) * (1.0 - drop) ** k for k in range(duration)}  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return {}


def _effect_initial(line: Mapping[str, Any]) -> dict[str, Any]:
    uncertainty = line.get("uncertainty") or {}
    return {
        "label": line.get("label", ""),
        "beneficiary": line.get("beneficiary", ""),
        "cashable": "yes" if line.get("cashable") else "no",
        "unit_cost": line.get("unit_cost", ""),
        "unit_value": line.get("unit_value"),
        "deadweight": _share_choice(line.get("deadweight")),
        "displacement": _share_choice(line.get("displacement")),
        "attribution": _share_choice(line.get("attribution")),
        "low": uncertainty.get("low"),
        "high": uncertainty.get("high"),
        **{key: _number(round(value, 2)) for key, value in _cells_float(expanded_quantities(line)).items()},
    }


def _cells_float(values: Mapping[int, float]) -> dict[str, float]:
    return {f"y{year}": value for year, value in values.items()}


def with_row_removed(data: QueryDict, prefix: str, index: int) -> QueryDict:
    """The posted form without row `index` of `prefix` (the rows after it move up one)."""
    result = QueryDict(mutable=True)
    total = _int(data.get(f"{prefix}-TOTAL_FORMS"))
    for key in data:
        if not key.startswith(prefix + "-") or "FORMS" in key:
            result.setlist(key, data.getlist(key))
            continue
        row_text, _sep, name = key.removeprefix(prefix + "-").partition("-")
        if not (row_text.isascii() and row_text.isdigit()):
            continue
        row = int(row_text)
        if row == index:
            continue
        result.setlist(f"{prefix}-{row - 1 if row > index else row}-{name}", data.getlist(key))
    result[f"{prefix}-TOTAL_FORMS"] = str(max(total - 1, 0) if 0 <= index < total else total)
    return result


def with_row_added(data: QueryDict, prefix: str) -> QueryDict:
    result = data.copy()
    total = _int(data.get(f"{prefix}-TOTAL_FORMS"))
    result[f"{prefix}-TOTAL_FORMS"] = str(min(total + 1, MAX_ROWS))
    # The new row starts as an opened page's empty row does: the fund pays, nothing is displaced.
    defaults = {"payer": FUND} if prefix == "costs" else {"displacement": "0"}
    for name, value in defaults.items():
        result.setdefault(f"{prefix}-{total}-{name}", value)
    return result


def _int(text: Any) -> int:
    try:
        return int(str(text))
    except ValueError:
        return 0
