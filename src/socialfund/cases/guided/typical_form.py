"""Typical cases (typfall) in the web calculator: a few typical participants instead of effect lines.

The file's shape (core/calc/typical_cases.py) nests what each typical case avoids under the case; the
page asks it flat, one row per thing avoided: "Familj där barnet annars placeras, 10 % av målgruppen,
från 2017: undviker 100 placeringsdygn per familj och år i 3 år, 1 000 kr per dygn, hos Socialnämnden".
Rows with the same typfall name form one typical case. The engine turns them into effect lines, which
the results show as such ("… (från typfall ”…”)").

What the rows do not ask for (a line's drop-off, displacement, attribution, price year, note; an explicit
sector) is carried over from the saved item of the same typfall and name, so a save loses nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from socialfund.cases.forms import SwedishForm
from socialfund.cases.guided.calculator import (
    SHARE_PRESETS,
    YES_NO,
    Party,
    _party_field,
    share_value,
    unit_cost_choices,
)
from socialfund.core.calc.labels import EXPLANATIONS, SHARE_DEFAULT

PREFIX = "typical"
TARGET_PREFIX = "typfall"
# The item keys the rows ask for; any other key of a saved item is kept from it.
ASKED = {"label", "beneficiary", "cashable", "unit_value", "unit_cost", "per_year", "years", "deadweight", "sector"}


class TargetGroupForm(SwedishForm):
    target_group = forms.IntegerField(
        label=_("Antal personer i målgruppen"),
        min_value=1,
        max_value=10_000_000,
        required=False,
        help_text=_("Typfallens andelar räknas på det här antalet. Exempel: 50 familjer."),
    )


class TypicalRowForm(SwedishForm):
    """One thing a typical participant avoids."""

    case_name = forms.CharField(
        label=_("Typfall"), max_length=200, required=False, help_text=_("T.ex. Familj där barnet annars placeras.")
    )
    share = forms.DecimalField(
        label=_("Andel av målgruppen (%)"), min_value=0, max_value=100, decimal_places=2, required=False
    )
    first_year = forms.IntegerField(label=_("Från år"), min_value=1900, max_value=2200, required=False)
    label = forms.CharField(
        label=_("Det som undviks"), max_length=200, required=False, help_text=_("T.ex. Placeringsdygn i familjehem.")
    )
    cashable = forms.ChoiceField(label=_("Minskar mottagarens budget?"), choices=YES_NO, widget=forms.RadioSelect)
    unit_cost = forms.ChoiceField(label=_("Vad en enhet kostar: välj ur listan"), required=False)
    unit_value = forms.DecimalField(label=_("eller skriv ett eget värde per enhet (kr)"), min_value=0, required=False)
    per_year = forms.DecimalField(label=_("Antal per person och år"), min_value=0, required=False)
    years = forms.IntegerField(label=_("Antal år"), min_value=1, max_value=100, required=False)
    deadweight = forms.ChoiceField(label=_("Dödvikt: hur mycket hade hänt ändå?"))

    def __init__(self, *args: Any, parties: list[Party] | None = None, number: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parties = parties or []
        self.row_name = gettext("Typfallsrad %(number)s") % {"number": number}
        self.fields["beneficiary"] = _party_field(_("Vem får besparingen"), self.parties, with_fund=False)
        self.fields["cashable"].help_text = gettext(EXPLANATIONS["cashable"])
        self.fields["unit_cost"].choices = unit_cost_choices()  # type: ignore[attr-defined]
        unknown = gettext("Vet inte – räkna med %(share)s %%") % {"share": int(SHARE_DEFAULT * 100)}
        self.fields["deadweight"].choices = [("", gettext("Välj …")), *SHARE_PRESETS, ("unknown", unknown)]  # type: ignore[attr-defined]
        self.fields["deadweight"].help_text = gettext(EXPLANATIONS["deadweight"])
        self.order_fields(["case_name", "share", "first_year", "label", "beneficiary", "cashable"])

    def is_blank(self) -> bool:
        if not self.is_bound:
            return not str(self.initial.get("case_name") or self.initial.get("label") or "").strip()
        return not any(str(self.data.get(self.add_prefix(name)) or "").strip() for name in ("case_name", "label"))

    def has_changed(self) -> bool:
        return not self.is_blank()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("case_name", "share", "first_year", "label", "per_year", "years"):
            if data.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, gettext("Fyll i det här."))
        if not data.get("unit_cost") and data.get("unit_value") is None and "unit_value" not in self.errors:
            self.add_error("unit_value", gettext("Välj vad en enhet kostar ur listan eller skriv ett eget värde."))
        if data.get("unit_cost") and data.get("unit_value") is not None:
            self.add_error("unit_value", gettext("Välj ur listan eller skriv ett eget värde, inte båda."))
        return data


class TypicalFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def initial_form_count(self) -> int:
        return 0 if self.is_bound else super().initial_form_count()

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "number": (index or 0) + 1}


def typical_formset(extra: int = 1) -> type[forms.BaseFormSet]:  # type: ignore[type-arg]
    return forms.formset_factory(TypicalRowForm, formset=TypicalFormSet, extra=extra, max_num=40, validate_max=True)


def asked_in(data: Mapping[str, Any] | None) -> bool:
    """Whether the posted page carried the typfall rows (a page without them keeps the saved typfall)."""
    return data is not None and f"{PREFIX}-TOTAL_FORMS" in data


def initial_typical(document: Mapping[str, Any] | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The target group and one row per avoided item of a saved calculation."""
    if not document:
        return {}, []
    rows: list[dict[str, Any]] = []
    for case in document.get("typical_cases") or []:
        for item in case.get("avoids") or []:
            share = case.get("share")
            rows.append(
                {
                    "case_name": case.get("name", ""),
                    "share": Decimal(str(share)) * 100 if share is not None else None,
                    "first_year": case.get("first_year"),
                    "label": item.get("label", ""),
                    "beneficiary": item.get("beneficiary", ""),
                    "cashable": "yes" if item.get("cashable") else "no",
                    "unit_cost": item.get("unit_cost", ""),
                    "unit_value": item.get("unit_value"),
                    "per_year": item.get("per_year"),
                    "years": item.get("years"),
                    "deadweight": _share_choice(item.get("deadweight")),
                }
            )
    return {"target_group": document.get("target_group")}, rows


def _share_choice(value: Any) -> str:
    if value is None:
        return ""
    text = str(float(value)).removesuffix(".0")
    return (
        text if text in {choice for choice, _label in SHARE_PRESETS} else ("unknown" if value == SHARE_DEFAULT else "")
    )


def typical_document(
    target: TargetGroupForm, rows: list[TypicalRowForm], stored: Mapping[str, Any] | None
) -> dict[str, Any]:
    """`target_group` and `typical_cases` from the valid rows (rows with errors are left out, shown at their
    fields); empty when no row is filled."""
    cases: dict[str, dict[str, Any]] = {}
    for form in rows:
        if form.errors:
            continue
        data = form.cleaned_data
        name = data["case_name"]
        case = cases.setdefault(
            name,
            {"name": name, "share": float(data["share"]) / 100, "first_year": data["first_year"], "avoids": []},
        )
        sectors = {party.value: party.sector for party in form.parties}
        item: dict[str, Any] = {
            "label": data["label"],
            "beneficiary": data["beneficiary"],
            "sector": sectors.get(data["beneficiary"], "other"),
            "cashable": data["cashable"] == "yes",
            "per_year": float(data["per_year"]),
            "years": data["years"],
            "deadweight": share_value(data["deadweight"]),
        }
        if data.get("unit_cost"):
            item["unit_cost"] = data["unit_cost"]
        else:
            item["unit_value"] = float(data["unit_value"])
        item |= _unasked(stored, name, data["label"])
        case["avoids"].append(item)
    if not cases:
        return {}
    target_group = target.cleaned_data.get("target_group") if target.is_valid() else None
    document: dict[str, Any] = {"typical_cases": list(cases.values())}
    if target_group:
        document["target_group"] = target_group
    return document


def _unasked(stored: Mapping[str, Any] | None, case_name: str, label: str) -> dict[str, Any]:
    for case in (stored or {}).get("typical_cases") or []:
        if case.get("name") != case_name:
            continue
        for item in case.get("avoids") or []:
            if item.get("label") == label:
                return {key: value for key, value in item.items() if key not in ASKED}
    return {}


def target_group_missing(target: TargetGroupForm, rows: list[TypicalRowForm]) -> bool:
    filled = [form for form in rows if not form.is_blank()]
    return bool(filled) and not (target.is_valid() and target.cleaned_data.get("target_group"))
