"""The calculator in the page: form rows ↔ the calculation file, and results that show what they can.

Costs and effects are formsets. `calculation_from_forms` turns whatever the user has
typed into a calculation document; rows that are blank are ignored, rows with errors
are reported beside their fields and left out, so a half-filled calculation still
shows the numbers of its valid rows and says what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from socialfund.cases.forms import SwedishForm
from socialfund.core.calc import (
    CalculationInputError,
    CalculationResult,
    SimulationResult,
    evaluate,
    load_unit_costs,
    parse_calculation,
    simulate,
)
from socialfund.core.money import MoneyError, parse_amount
from socialfund.core.repayment_rules import RepaymentRules

SHARE_PRESETS = [
    ("0", _("0 % – inget av detta")),
    ("0.25", _("25 % – i begränsad utsträckning")),
    ("0.5", _("50 % – delvis")),
    ("0.75", _("75 % – till största delen")),
    ("1", _("100 % – helt")),
]
SECTORS = [
    ("municipal", _("Kommunen")),
    ("region", _("Regionen")),
    ("state", _("Staten (t.ex. Försäkringskassan)")),
    ("individual", _("Individen")),
    ("other", _("Annan")),
]
DISCOUNTS = [
    ("0.035", _("3,5 % (Green Book)")),
    ("0.04", _("4 % (vanligt i Sverige)")),
    ("green_book", _("Green Books trappa")),
]
SIMULATION_RUNS = 2000  # enough for a stable chance on the page; the CLI runs more


def parse_year_values(text: str, *, label: str) -> dict[int, Decimal]:
    """'2016: 600 000; 2017: 600 000' (semicolons or new lines) -> {2016: Decimal(...)}; `label` is translated."""
    values: dict[int, Decimal] = {}
    for part in text.replace(";", "\n").splitlines():
        if not part.strip():
            continue
        year_text, sep, amount_text = part.partition(":")
        if not sep or not year_text.strip().isdigit() or len(year_text.strip()) != 4:
            # Translators: %(what)s is "beloppen" (the amounts) or "antalen" (the quantities).
            raise forms.ValidationError(gettext("Skriv %(what)s som år: värde, t.ex. 2016: 600 000.") % {"what": label})
        try:
            amount = parse_amount(amount_text)
        except MoneyError as exc:
            raise forms.ValidationError(
                gettext("%(text)s är inget tal.") % {"text": repr(amount_text.strip())}
            ) from exc
        if amount < 0:
            raise forms.ValidationError(gettext("Värdet kan inte vara negativt."))
        values[int(year_text)] = amount
    return values


def _percent(value: Decimal | None) -> float | None:
    return None if value is None else float(value) / 100


class GeneralForm(SwedishForm):
    start_year = forms.IntegerField(label=_("Första projektåret"), min_value=2000, max_value=2100)
    horizon = forms.IntegerField(label=_("Antal år som räknas"), min_value=1, max_value=50, initial=10)
    discount = forms.ChoiceField(label=_("Diskonteringsränta"), choices=DISCOUNTS, initial="0.035")


class CostForm(SwedishForm):
    label = forms.CharField(label=_("Kostnad"), max_length=200)
    payer = forms.CharField(
        label=_("Vem betalar"),
        max_length=100,
        initial="fund",
        help_text=_("fund för fonden, annars nämndens kod (t.ex. UN)."),
    )
    amounts = forms.CharField(label=_("Belopp per år (2016: 600 000; 2017: 600 000)"), max_length=2000)
    optimism_bias = forms.DecimalField(
        label=_("Optimismpåslag (%)"), min_value=0, max_value=200, required=False, decimal_places=2
    )
    low = forms.DecimalField(label=_("Osäkerhet, lägst (faktor)"), min_value=0, max_value=10, required=False)
    high = forms.DecimalField(label=_("Osäkerhet, högst (faktor)"), min_value=0, max_value=10, required=False)

    def clean_amounts(self) -> dict[int, Decimal]:
        # Translators: completes "Skriv %(what)s som år: värde, t.ex. 2016: 600 000."
        return parse_year_values(self.cleaned_data.get("amounts") or "", label=gettext("beloppen"))


class EffectForm(SwedishForm):
    label = forms.CharField(label=_("Effekt"), max_length=200)
    beneficiary = forms.CharField(
        label=_("Vem får besparingen"), max_length=100, help_text=_("Nämndens kod (SN, UN…) eller en extern part.")
    )
    sector = forms.ChoiceField(label=_("Sektor"), choices=SECTORS, initial="municipal")
    cashable = forms.BooleanField(label=_("Verklig budgetminskning (inte bara frigjord tid)"), required=False)
    unit_cost = forms.ChoiceField(label=_("Enhetskostnad ur biblioteket"), required=False)
    unit_value = forms.DecimalField(label=_("eller eget värde per enhet (kr)"), min_value=0, required=False)
    quantity = forms.CharField(
        label=_("Antal per år (2018: 300; 2019: 300)"),
        max_length=2000,
        required=False,
        help_text=_("Eller fyll i antal, första år, varaktighet och avtagande nedan."),
    )
    quantity_per_year = forms.DecimalField(label=_("Antal första året"), min_value=0, required=False)
    first_year = forms.IntegerField(label=_("Första år"), min_value=2000, max_value=2100, required=False)
    duration = forms.IntegerField(label=_("Varaktighet (år)"), min_value=1, max_value=50, required=False)
    drop_off = forms.DecimalField(label=_("Avtagande per år (%)"), min_value=0, max_value=100, required=False)
    deadweight = forms.ChoiceField(label=_("Dödvikt: hade hänt ändå"), choices=SHARE_PRESETS, initial="0")
    displacement = forms.ChoiceField(
        label=_("Undanträngning: flyttat någon annanstans"), choices=SHARE_PRESETS, initial="0"
    )
    attribution = forms.ChoiceField(label=_("Attribution: andras förtjänst"), choices=SHARE_PRESETS, initial="0")
    low = forms.DecimalField(label=_("Osäkerhet, lägst (faktor)"), min_value=0, max_value=10, required=False)
    high = forms.DecimalField(label=_("Osäkerhet, högst (faktor)"), min_value=0, max_value=10, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        library = load_unit_costs()
        choices = [("", gettext("Inget – eget värde"))]
        for cost in library.values():
            year = cost.price_year or gettext("prisår okänt")
            choices.append((cost.id, f"{cost.label_sv}: {cost.value:,.0f} kr/{cost.unit} ({year})".replace(",", " ")))
        self.fields["unit_cost"].choices = choices  # type: ignore[attr-defined]

    def clean_quantity(self) -> dict[int, Decimal]:
        # Translators: completes "Skriv %(what)s som år: värde, t.ex. 2016: 600 000."
        return parse_year_values(self.cleaned_data.get("quantity") or "", label=gettext("antalen"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("unit_cost") and data.get("unit_value") is None:
            self.add_error("unit_value", gettext("Välj en enhetskostnad eller skriv ett eget värde."))
        if not data.get("quantity") and data.get("quantity_per_year") is None:
            self.add_error(
                "quantity", gettext("Ange antal per år, eller antal första året med första år och varaktighet.")
            )
        return data


CostFormSet = forms.formset_factory(CostForm, extra=1, max_num=40, validate_max=True)
EffectFormSet = forms.formset_factory(EffectForm, extra=1, max_num=40, validate_max=True)


def _uncertainty(data: dict[str, Any]) -> dict[str, float] | None:
    if data.get("low") is None or data.get("high") is None:
        return None
    return {"low": float(data["low"]), "high": float(data["high"])}


def cost_line(data: dict[str, Any]) -> dict[str, Any]:
    line: dict[str, Any] = {
        "label": data["label"],
        "payer": data["payer"].strip() or "fund",
        "amounts": {year: float(amount) for year, amount in data["amounts"].items()},
    }
    if data.get("optimism_bias") is not None:
        line["optimism_bias"] = _percent(data["optimism_bias"])
    if (uncertainty := _uncertainty(data)) is not None:
        line["uncertainty"] = uncertainty
    return line


def effect_line(data: dict[str, Any]) -> dict[str, Any]:
    line: dict[str, Any] = {
        "label": data["label"],
        "beneficiary": data["beneficiary"].strip(),
        "sector": data["sector"],
        "cashable": bool(data.get("cashable")),
        "deadweight": float(data["deadweight"]),
        "displacement": float(data["displacement"]),
        "attribution": float(data["attribution"]),
    }
    if data.get("unit_cost"):
        line["unit_cost"] = data["unit_cost"]
    else:
        line["unit_value"] = float(data["unit_value"])
    if data.get("quantity"):
        line["quantity"] = {year: float(q) for year, q in data["quantity"].items()}
    else:
        line["quantity"] = float(data["quantity_per_year"])
        line["first_year"] = data.get("first_year")
        line["duration"] = data.get("duration")
        line["drop_off"] = _percent(data.get("drop_off")) or 0.0
    if (uncertainty := _uncertainty(data)) is not None:
        line["uncertainty"] = uncertainty
    return line


@dataclass
class CalculatorState:
    """What the user typed, as a calculation, and what came of it."""

    document: dict[str, Any] | None
    result: CalculationResult | None = None
    simulation: SimulationResult | None = None
    missing: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def calculation_from_forms(
    general: GeneralForm, costs: Any, effects: Any, *, title: str
) -> tuple[dict[str, Any] | None, list[str]]:
    """The calculation document from the valid rows; the list says what is missing."""
    missing: list[str] = []
    if not general.is_valid():
        missing.append(gettext("Ange första projektår, antal år och diskonteringsränta."))
        return None, missing
    g = general.cleaned_data
    document: dict[str, Any] = {"title": title or "Kalkyl", "start_year": g["start_year"], "horizon": g["horizon"]}
    if g["discount"] == "green_book":
        document["discount_schedule"] = "green_book"
    else:
        document["discount_rate"] = float(Decimal(g["discount"]))
    costs.is_valid()
    effects.is_valid()
    document["costs"] = [cost_line(f.cleaned_data) for f in costs.forms if f.has_changed() and not f.errors]
    document["effects"] = [effect_line(f.cleaned_data) for f in effects.forms if f.has_changed() and not f.errors]
    if any(f.errors for f in costs.forms if f.has_changed()) or any(f.errors for f in effects.forms if f.has_changed()):
        missing.append(gettext("Rader med fel räknas inte med förrän felen är rättade."))
    if not document["costs"]:
        missing.append(gettext("Lägg till minst en kostnad (vad projektet kostar fonden)."))
    if not document["effects"]:
        missing.append(gettext("Lägg till minst en effekt (vilken nämnds kostnader som minskar, hur mycket och när)."))
    return document, missing


def run_calculation(
    document: dict[str, Any] | None, rules: RepaymentRules | None, missing: list[str]
) -> CalculatorState:
    state = CalculatorState(document=document, missing=list(missing))
    if document is None:
        return state
    try:
        calculation = parse_calculation(document)
    except CalculationInputError as error:
        state.errors = list(error.errors)
        return state
    state.result = evaluate(calculation, rules=rules)
    if any("uncertainty" in line for line in [*document.get("costs", []), *document.get("effects", [])]):
        state.simulation = simulate(calculation, runs=SIMULATION_RUNS, seed=1, rules=rules)
    return state


def initial_rows(document: dict[str, Any] | None) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """Form initial values from a stored calculation document (the reverse of the line builders)."""
    if not document:
        return {"horizon": 10, "discount": "0.035"}, [], []
    general = {
        "start_year": document.get("start_year"),
        "horizon": document.get("horizon", 10),
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
        return "0.035"
    return "0.04" if value == Decimal("0.04") else "0.035"


def _years(values: Any) -> str:
    if isinstance(values, dict):
        return "; ".join(f"{year}: {_number(v)}" for year, v in values.items())
    return ""


def _number(value: Any) -> str:
    number = Decimal(str(value))
    return str(number.to_integral_value()) if number == number.to_integral_value() else str(number).replace(".", ",")


def _cost_initial(line: dict[str, Any]) -> dict[str, Any]:
    uncertainty = line.get("uncertainty") or {}
    bias = line.get("optimism_bias")
    return {
        "label": line.get("label", ""),
        "payer": line.get("payer", "fund"),
        "amounts": _years(line.get("amounts")),
        "optimism_bias": Decimal(str(bias)) * 100 if bias is not None else None,
        "low": uncertainty.get("low"),
        "high": uncertainty.get("high"),
    }


def _share_choice(value: Any) -> str:
    text = str(float(value or 0)).rstrip("0").rstrip(".") or "0"
    return text if text in {code for code, _label in SHARE_PRESETS} else "0"


def _effect_initial(line: dict[str, Any]) -> dict[str, Any]:
    uncertainty = line.get("uncertainty") or {}
    quantity = line.get("quantity")
    generated = not isinstance(quantity, dict)
    return {
        "label": line.get("label", ""),
        "beneficiary": line.get("beneficiary", ""),
        "sector": line.get("sector", "municipal"),
        "cashable": bool(line.get("cashable")),
        "unit_cost": line.get("unit_cost", ""),
        "unit_value": line.get("unit_value"),
        "quantity": "" if generated else _years(quantity),
        "quantity_per_year": quantity if generated else None,
        "first_year": line.get("first_year"),
        "duration": line.get("duration"),
        "drop_off": Decimal(str(line["drop_off"])) * 100 if line.get("drop_off") is not None else None,
        "deadweight": _share_choice(line.get("deadweight")),
        "displacement": _share_choice(line.get("displacement")),
        "attribution": _share_choice(line.get("attribution")),
        "low": uncertainty.get("low"),
        "high": uncertainty.get("high"),
    }
