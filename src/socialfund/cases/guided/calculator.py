"""The calculator's forms: the frame, and cost and effect rows whose figures sit in a year grid.

Each row is a form with one text cell per year of the calculation (`costs-0-y2016`). The
cells a person sees are the calculation's years plus any year that still holds a figure
(a figure typed in a year outside the period is shown with a message, never dropped).
Payers and beneficiaries are chosen by name; the sector follows from the party chosen.
`calculation_from_forms` turns the rows into a calculation document: blank rows are
ignored, rows with errors are reported beside their cells and left out.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from socialfund.cases.forms import SwedishForm
from socialfund.core.calc import load_unit_costs
from socialfund.core.calc.labels import (
    EXPLANATIONS,
    FIELD_LABELS,
    FUND_NAME,
    LINE_KINDS,
    OUTSIDE_PARTIES,
    SHARE_DEFAULT,
)
from socialfund.core.calc.model import FUND
from socialfund.core.money import MoneyError, parse_amount

YEAR_FIELD = re.compile(r"^y(\d{4})$")
SHARE_PRESETS = [
    ("0", _("0 % – inget av detta")),
    ("0.25", _("25 % – i begränsad utsträckning")),
    ("0.5", _("50 % – delvis")),
    ("0.75", _("75 % – till största delen")),
    ("1", _("100 % – helt")),
]
DISCOUNTS = [
    ("0.04", _("4 % – vanligast i svenska kalkyler")),
    ("0.035", _("3,5 % – brittiska statens ränta (The Green Book)")),
    ("green_book", _("3,5 procent i 30 år, sedan lägre (The Green Book, för långa kalkyler)")),
]
YES_NO = [("yes", _("Ja, budgeten minskar")), ("no", _("Nej, tid eller resurser frigörs"))]
MAX_ROWS = 40


def label(key: str) -> str:
    return gettext(FIELD_LABELS[key])


@dataclass(frozen=True)
class Party:
    """A payer or beneficiary as a person chooses it: the value stored, the name shown, its sector."""

    value: str
    name: str
    sector: str


def parties_for(boards: Iterable[Any], *, stored: Mapping[str, str] | None = None) -> list[Party]:
    """The fund, the fund's boards by name, then named outside parties; a stored party not among them is kept."""
    parties = [Party(FUND, gettext(FUND_NAME), "fund")]
    parties += [Party(board.code, board.accessible_name, "municipal") for board in boards]
    parties += [Party(party.name, gettext(party.name), party.sector) for party in OUTSIDE_PARTIES]
    known = {party.value for party in parties}
    for value, sector in (stored or {}).items():
        if value not in known:
            parties.append(Party(value, value, sector or "other"))
    return parties


def parse_cell(text: str, *, money: bool) -> Decimal:
    cleaned = text.strip()
    if "\t" in cleaned or "\n" in cleaned:
        raise forms.ValidationError(gettext("En ruta rymmer ett tal; klistra in flera i rutnätet."))
    try:
        value = parse_amount(cleaned) if money else Decimal(re.sub(r"[\s\u00a0]", "", cleaned).replace(",", "."))
    except (MoneyError, InvalidOperation) as exc:
        raise forms.ValidationError(gettext("”%(text)s” är inget tal.") % {"text": cleaned}) from exc
    if not value.is_finite():
        raise forms.ValidationError(gettext("”%(text)s” är inget tal.") % {"text": cleaned})
    if value < 0:
        raise forms.ValidationError(gettext("Kan inte vara negativt."))
    if value > Decimal("1e13"):
        raise forms.ValidationError(gettext("Talet är för stort."))
    return value


class GeneralForm(SwedishForm):
    start_year = forms.IntegerField(label=_("Första projektåret"), min_value=2000, max_value=2100)
    horizon = forms.IntegerField(
        label=_("Antal år som räknas"),
        min_value=1,
        max_value=50,
        initial=10,
        help_text=_("Så många kolumner får rutnätet. Räkna så länge effekterna varar, ofta 5–10 år."),
    )
    discount = forms.ChoiceField(
        label=_("Diskonteringsränta"), choices=DISCOUNTS, initial="0.04", help_text=EXPLANATIONS["discount"]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("start_year", "horizon"):
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        # A visible first year to start from (the coming year), so that the grid has its columns at once.
        self.fields["start_year"].initial = timezone.localdate().year + 1
        self.fields["discount"].help_text = gettext(EXPLANATIONS["discount"])


class GridRowForm(SwedishForm):
    """A row with one cell per year; `years` are the columns the grid shows."""

    money = True
    kind = "costs"

    def __init__(self, *args: Any, years: Iterable[int] = (), period: range | None = None, **kwargs: Any) -> None:
        self.parties: list[Party] = kwargs.pop("parties", [])
        super().__init__(*args, **kwargs)
        self.period = period
        self.years = sorted(set(years))
        number = int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix and self.prefix[-1].isdigit() else 1
        row_name = f"{gettext(LINE_KINDS[self.kind])} {number}"
        # One cell field built, then copied per year: a 20 × 20 grid builds 400 cells on every keystroke's update.
        cell = forms.CharField(required=False, max_length=40, widget=forms.TextInput())
        for year in self.years:
            field = copy.copy(cell)
            field.label = str(year)
            field.widget = copy.copy(cell.widget)
            field.widget.attrs = {
                **cell.widget.attrs,
                "inputmode": "decimal",
                "autocomplete": "off",
                "class": "cell",
                "aria-label": f"{row_name}, {year}",
                "data-year": str(year),
            }
            self.fields[f"y{year}"] = field
        self.row_name = row_name
        # In the grid the row's name cell has no visible label of its own: the column header and this name it.
        name_word = gettext("benämning")
        self.fields["label"].widget.attrs["aria-label"] = f"{row_name}, {name_word}"
        # Nor a hint below it: the examples go in the empty cell, and no aria-describedby points at a hint
        # that is not on the page (axe: aria-valid-attr-value, issue 29).
        label = self.fields["label"]
        label.widget.attrs.setdefault("placeholder", str(label.help_text))
        label.help_text = ""

    def year_fields(self) -> list[forms.BoundField]:
        return [self[f"y{year}"] for year in self.years]

    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not YEAR_FIELD.match(name) and name not in ("label",)]

    def figures(self) -> dict[int, Decimal]:
        """The cleaned figures by year (only years with a figure)."""
        data = self.cleaned_data
        return {year: data[f"y{year}"] for year in self.years if data.get(f"y{year}") is not None}

    def raw_total(self) -> Decimal | None:
        """The row's total as shown (before cleaning): None when a cell is not a number."""
        total = Decimal(0)
        for field in self.year_fields():
            text = str(field.value() or "").strip()
            if text:
                try:
                    total += parse_cell(text, money=self.money)
                except forms.ValidationError:
                    return None
        return total

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for year in self.years:
            name = f"y{year}"
            text = str(self.data.get(self.add_prefix(name)) or "") if self.is_bound else ""
            if not text.strip():
                data[name] = None
                continue
            try:
                data[name] = parse_cell(text, money=self.money)
            except forms.ValidationError as error:
                self.add_error(name, error)
                continue
            if self.period is not None and year not in self.period:
                self.add_error(
                    name,
                    gettext("%(year)s ligger utanför kalkylens år %(first)s–%(last)s. Flytta talet eller töm rutan.")
                    % {"year": year, "first": self.period.start, "last": self.period.stop - 1},
                )
        if data.get("label") and not any(data.get(f"y{year}") for year in self.years) and not self.errors:
            self.add_error(None, gettext("Fyll i minst ett år i rutnätet."))
        return data

    def has_changed(self) -> bool:
        # A blank row is an empty row of the grid, whatever its choosers show: it is skipped, not validated.
        return not self.is_blank()

    def is_blank(self) -> bool:
        """Nothing typed: no benämning and no figure (what an empty extra row looks like)."""
        if not self.is_bound:
            # A stored row shown again (its values are the form's initial values).
            return not str(self.initial.get("label") or "").strip()
        if str(self.data.get(self.add_prefix("label")) or "").strip():
            return False
        return not any(str(self.data.get(self.add_prefix(f"y{year}")) or "").strip() for year in self.years)


def _party_field(label_text: Any, parties: list[Party], *, with_fund: bool) -> forms.ChoiceField:
    choices = [("", gettext("Välj …"))] + [(p.value, p.name) for p in parties if with_fund or p.value != FUND]
    return forms.ChoiceField(label=label_text, choices=choices)


class CostForm(GridRowForm):
    label = forms.CharField(label=_("Kostnad"), max_length=200, help_text=_("T.ex. Läxhjälpare, lokaler, utvärdering."))
    optimism_bias = forms.DecimalField(
        label=_("Optimismpåslag (%)"), min_value=0, max_value=200, required=False, decimal_places=2
    )
    low = forms.DecimalField(label=_("Kan bli lägst (faktor, t.ex. 0,9)"), min_value=0, max_value=1, required=False)
    high = forms.DecimalField(label=_("Kan bli högst (faktor, t.ex. 1,3)"), min_value=1, max_value=10, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["payer"] = _party_field(_("Vem betalar"), self.parties, with_fund=True)
        self.fields["payer"].initial = FUND
        payer_word = gettext("vem betalar")
        self.fields["payer"].widget.attrs["aria-label"] = f"{self.row_name}, {payer_word}"
        self.fields["optimism_bias"].help_text = gettext(EXPLANATIONS["optimism_bias"])
        self.fields["high"].help_text = gettext(EXPLANATIONS["uncertainty"])
        self.order_fields(["label", "payer"])


class EffectForm(GridRowForm):
    money = False
    kind = "effects"

    label = forms.CharField(
        label=_("Effekt"), max_length=200, help_text=_("T.ex. Färre placeringsdygn på HVB, färre elever i särskola.")
    )
    cashable = forms.ChoiceField(label=_("Minskar mottagarens budget?"), choices=YES_NO, widget=forms.RadioSelect)
    unit_cost = forms.ChoiceField(label=_("Vad en enhet kostar: välj ur listan"), required=False)
    unit_value = forms.DecimalField(label=_("eller skriv ett eget värde per enhet (kr)"), min_value=0, required=False)
    deadweight = forms.ChoiceField(label=_("Dödvikt: hur mycket hade hänt ändå?"))
    displacement = forms.ChoiceField(label=_("Undanträngning: hur mycket flyttar bara någon annanstans?"))
    attribution = forms.ChoiceField(label=_("Attribution: hur mycket är andras förtjänst?"))
    low = forms.DecimalField(label=_("Kan bli lägst (faktor, t.ex. 0,8)"), min_value=0, max_value=1, required=False)
    high = forms.DecimalField(label=_("Kan bli högst (faktor, t.ex. 1,2)"), min_value=1, max_value=10, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["beneficiary"] = _party_field(_("Vem får besparingen"), self.parties, with_fund=False)
        self.fields["cashable"].help_text = gettext(EXPLANATIONS["cashable"])
        self.fields["unit_cost"].choices = unit_cost_choices()  # type: ignore[attr-defined]
        unknown = gettext("Vet inte – räkna med %(share)s %%") % {"share": int(SHARE_DEFAULT * 100)}
        shares = [("", gettext("Välj …")), *SHARE_PRESETS, ("unknown", unknown)]
        for name in ("deadweight", "displacement", "attribution"):
            self.fields[name].choices = shares  # type: ignore[attr-defined]
            self.fields[name].help_text = gettext(EXPLANATIONS[name])
        self.fields["displacement"].initial = "0"
        self.fields["high"].help_text = gettext(EXPLANATIONS["uncertainty"])
        self.order_fields(["label", "beneficiary", "cashable", "unit_cost", "unit_value"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("unit_cost") and data.get("unit_value") is None:
            self.add_error("unit_value", gettext("Välj vad en enhet kostar ur listan eller skriv ett eget värde."))
        if data.get("unit_cost") and data.get("unit_value") is not None:
            self.add_error("unit_value", gettext("Välj ur listan eller skriv ett eget värde, inte båda."))
        return data


def unit_cost_choices() -> list[tuple[str, str]]:
    """Each unit cost with its value, unit, price year and source, so the list can be searched by any of them."""
    return list(_unit_cost_choices(get_language()))


@functools.lru_cache(maxsize=8)
def _unit_cost_choices(language: str | None) -> tuple[tuple[str, str], ...]:
    choices = [("", gettext("Ingen – jag skriver ett eget värde"))]
    for cost in load_unit_costs().values():
        year = cost.price_year or gettext("prisår okänt")
        value = f"{cost.value:,.0f}".replace(",", "\u00a0")
        choices.append((cost.id, f"{cost.label_sv}: {value} kr per {cost.unit} ({year}, {cost.source})"))
    return tuple(choices)


def share_value(choice: str) -> float:
    return SHARE_DEFAULT if choice == "unknown" else float(choice)


def _uncertainty(data: Mapping[str, Any]) -> dict[str, float] | None:
    if data.get("low") is None or data.get("high") is None:
        return None
    return {"low": float(data["low"]), "high": float(data["high"])}


def cost_line(form: CostForm) -> dict[str, Any]:
    data = form.cleaned_data
    line: dict[str, Any] = {
        "label": data["label"],
        "payer": data["payer"],
        "amounts": {year: float(amount) for year, amount in form.figures().items()},
    }
    if data.get("optimism_bias") is not None:
        line["optimism_bias"] = float(data["optimism_bias"]) / 100
    if (uncertainty := _uncertainty(data)) is not None:
        line["uncertainty"] = uncertainty
    return line


def effect_line(form: EffectForm) -> dict[str, Any]:
    data = form.cleaned_data
    sectors = {party.value: party.sector for party in form.parties}
    line: dict[str, Any] = {
        "label": data["label"],
        "beneficiary": data["beneficiary"],
        "sector": sectors.get(data["beneficiary"], "other"),
        "cashable": data["cashable"] == "yes",
        "deadweight": share_value(data["deadweight"]),
        "displacement": share_value(data["displacement"]),
        "attribution": share_value(data["attribution"]),
    }
    if data.get("unit_cost"):
        line["unit_cost"] = data["unit_cost"]
    else:
        line["unit_value"] = float(data["unit_value"])
    line["quantity"] = {year: float(q) for year, q in form.figures().items()}
    if (uncertainty := _uncertainty(data)) is not None:
        line["uncertainty"] = uncertainty
    return line
