"""Forms of the case workflow. They parse and validate input; the services decide."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, cast

import yaml
from django import forms
from django.utils import timezone

from socialfund.cases.codes import (
    ApplicantType,
    AttachmentKind,
    CommentVisibility,
    DecisionOutcome,
    OpinionPosition,
    SignoffKind,
    Status,
    Verdict,
    WithdrawalReason,
    stage_name,
)
from socialfund.core.money import MoneyError, parse_amount
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board, DecisionBody

EXTERNAL_TYPES = [(code, label) for code, label in ApplicantType.choices if code not in ApplicantType.internal()]
TARGET_GROUPS = [
    ("children", "Barn"),
    ("youth", "Unga"),
    ("young_adults", "Unga vuxna"),
    ("adults_at_risk", "Vuxna i utanförskap"),
    ("elderly", "Äldre"),
    ("residents", "Alla invånare"),
    ("homeless", "Hushåll med hemlöshet"),
]
PURPOSES = [
    ("new_method", "Ny metod"),
    ("develop_method", "Utveckla en metod"),
    ("test_method", "Pröva en metod"),
    ("existing_operations", "Befintlig verksamhet (drift)"),
]
BENEFICIARIES = [
    ("universal", "Alla i målgruppen"),
    ("target_group", "En behovsavgränsad målgrupp"),
    ("selected_individuals", "Utvalda individer"),
]


class SwedishForm(forms.Form):
    """Marks fields with errors as aria-invalid and ties them to their error text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self.prefix + '-' if self.prefix else ''}{name}-error"


def parse_year_amounts(text: str) -> dict[int, Decimal]:
    """'2016: 1 200 000\\n2017: 1 200 000' -> {2016: Decimal('1200000.00'), ...}."""
    amounts: dict[int, Decimal] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = re.fullmatch(r"\s*(\d{4})\s*[:=]\s*(.+?)\s*", line)
        if not match:
            raise forms.ValidationError(f"Rad {number}: skriv år: belopp, t.ex. 2016: 1 200 000.")
        year = int(match.group(1))
        try:
            amount = parse_amount(match.group(2))
        except MoneyError as exc:
            raise forms.ValidationError(f"Rad {number}: {match.group(2)!r} är inget belopp.") from exc
        if amount < 0:
            raise forms.ValidationError(f"Rad {number}: beloppet kan inte vara negativt.")
        if year in amounts:
            raise forms.ValidationError(f"Rad {number}: året {year} står två gånger.")
        amounts[year] = amount
    return amounts


class ExternalIdeaForm(SwedishForm):
    """The outside actor's idea: short, and clear that a board must carry it."""

    fund = forms.ModelChoiceField(queryset=Fund.objects.all(), label="Fond", empty_label=None)
    title = forms.CharField(label="Idéns namn", max_length=200)
    summary = forms.CharField(
        label="Beskriv idén",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text="Vilket behov, vilken målgrupp, vad ni vill göra. Skriv inte om enskilda personer.",
    )
    organisation_name = forms.CharField(label="Organisationens namn", max_length=200)
    organisation_type = forms.ChoiceField(label="Sorts organisation", choices=EXTERNAL_TYPES)
    contact_name = forms.CharField(label="Kontaktperson", max_length=200)
    contact_email = forms.EmailField(label="E-post till kontaktpersonen")


class InitiativeForm(SwedishForm):
    """The plain application form: the initiative file's fields (the guided form replaces it)."""

    title = forms.CharField(label="Titel", max_length=200)
    summary = forms.CharField(label="Sammanfattning av behov och insats", widget=forms.Textarea(attrs={"rows": 5}))
    stage = forms.ChoiceField(label="Vad lämnar ni in?", choices=[])
    partner_boards = forms.ModelMultipleChoiceField(
        label="Samverkande nämnder",
        queryset=Board.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label="Målgrupp", choices=TARGET_GROUPS, required=False, widget=forms.CheckboxSelectMultiple
    )
    purpose = forms.ChoiceField(label="Syfte", choices=[("", "Välj"), *PURPOSES], required=False)
    beneficiaries = forms.ChoiceField(label="Vem insatsen når", choices=[("", "Välj"), *BENEFICIARIES], required=False)
    method_description = forms.CharField(label="Metod", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    research_references = forms.CharField(
        label="Forskningsreferenser (en per rad)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    method_documented = forms.BooleanField(label="Metoden är dokumenterad (manualbaserad)", required=False)
    goals = forms.CharField(
        label="Mål och indikatorer (en per rad: indikator; utgångsvärde; målvärde; enhet; social eller ekonomisk)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    evaluation_external_party = forms.CharField(label="Extern utvärderare", max_length=200, required=False)
    evaluation_standardized_instrument = forms.BooleanField(label="Standardiserat bedömningsinstrument", required=False)
    implementation_plan = forms.CharField(
        label="Plan för implementering", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    supplier = forms.CharField(label="Extern leverantör", max_length=200, required=False)
    contract_value = forms.CharField(label="Avtalsvärde för hela perioden (kr)", required=False)
    contract_months = forms.IntegerField(label="Avtalstid (månader)", min_value=1, max_value=240, required=False)
    open_competition = forms.BooleanField(label="Nämnden upphandlar i öppen konkurrens (LOU)", required=False)
    requested = forms.CharField(
        label="Sökt belopp per år (en rad per år: 2016: 1 200 000)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    cofinancing_share = forms.DecimalField(
        label="Medfinansiering (andel i procent)", min_value=0, max_value=100, required=False, decimal_places=2
    )
    duration_months = forms.IntegerField(label="Projekttid (månader)", min_value=1, max_value=120, required=False)
    calculation = forms.CharField(
        label="Socioekonomisk beräkning (beräkningsfilens innehåll, YAML)",
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        required=False,
    )

    def __init__(self, *args: Any, stages: list[str], boards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["stage"]).choices = [(code, stage_name(code)) for code in stages]
        cast("forms.ModelChoiceField[Any]", self.fields["partner_boards"]).queryset = boards

    def clean_requested(self) -> dict[int, Decimal]:
        return parse_year_amounts(self.cleaned_data.get("requested") or "")

    def clean_contract_value(self) -> Decimal | None:
        text = (self.cleaned_data.get("contract_value") or "").strip()
        if not text:
            return None
        try:
            value = parse_amount(text)
        except MoneyError as exc:
            raise forms.ValidationError("Skriv avtalsvärdet som ett belopp, t.ex. 650 000.") from exc
        if value < 0:
            raise forms.ValidationError("Avtalsvärdet kan inte vara negativt.")
        return value

    def clean_goals(self) -> list[dict[str, Any]]:
        goals = []
        for number, line in enumerate((self.cleaned_data.get("goals") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) == 4:
                parts.append("social")
            if len(parts) != 5 or not parts[0]:
                raise forms.ValidationError(
                    f"Rad {number}: skriv indikator; utgångsvärde; målvärde; enhet; social eller ekonomisk."
                )
            kind = {"social": "social", "ekonomisk": "economic", "economic": "economic"}.get(parts[4].lower())
            if kind is None:
                raise forms.ValidationError(f"Rad {number}: sista fältet ska vara social eller ekonomisk.")
            try:
                baseline = float(parts[1].replace(",", ".")) if parts[1] else None
                target = float(parts[2].replace(",", ".")) if parts[2] else None
            except ValueError as exc:
                raise forms.ValidationError(f"Rad {number}: utgångs- och målvärde ska vara tal.") from exc
            goals.append(
                {"indicator": parts[0], "baseline": baseline, "target": target, "unit": parts[3] or None, "kind": kind}
            )
        return goals

    def clean_calculation(self) -> dict[str, Any] | None:
        text = (self.cleaned_data.get("calculation") or "").strip()
        if not text:
            return None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise forms.ValidationError(f"Beräkningen är inte giltig YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise forms.ValidationError("Beräkningen ska vara en beräkningsfil (nycklar som title, costs, effects).")
        from socialfund.core.calc import CalculationInputError, parse_calculation

        try:
            parse_calculation(data)
        except CalculationInputError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data

    def content(self) -> dict[str, Any]:
        """The cleaned data in the initiative file's shape (stored in Initiative.content)."""
        data = self.cleaned_data
        share = data.get("cofinancing_share")
        return {
            "target_groups": data.get("target_groups") or [],
            "purpose": data.get("purpose") or None,
            "beneficiaries": data.get("beneficiaries") or None,
            "method": {
                "description": data.get("method_description") or None,
                "research_references": [
                    r.strip() for r in (data.get("research_references") or "").splitlines() if r.strip()
                ],
                "documented": bool(data.get("method_documented")),
            },
            "goals": data.get("goals") or [],
            "evaluation": {
                "external_party": data.get("evaluation_external_party") or None,
                "standardized_instrument": bool(data.get("evaluation_standardized_instrument")),
            },
            "implementation_plan": data.get("implementation_plan") or None,
            "procurement": {
                "supplier": data.get("supplier") or None,
                "contract_value": str(data["contract_value"]) if data.get("contract_value") is not None else None,
                "contract_months": data.get("contract_months"),
                "open_competition": bool(data.get("open_competition")) or None,
            },
            "funding": {
                "requested": {str(year): str(amount) for year, amount in data.get("requested", {}).items()},
                "cofinancing_share": float(share) / 100 if share is not None else 0.0,
                "duration_months": data.get("duration_months"),
            },
            "calculation": data.get("calculation"),
        }


def initial_from_content(initiative: Any) -> dict[str, Any]:
    """The form's initial values from a stored case."""
    c = initiative.content or {}
    method = c.get("method") or {}
    evaluation = c.get("evaluation") or {}
    procurement = c.get("procurement") or {}
    funding = c.get("funding") or {}
    return {
        "title": initiative.title,
        "summary": initiative.summary,
        "stage": initiative.stage,
        "partner_boards": list(initiative.partner_boards.all()),
        "target_groups": c.get("target_groups") or [],
        "purpose": c.get("purpose") or "",
        "beneficiaries": c.get("beneficiaries") or "",
        "method_description": method.get("description") or "",
        "research_references": "\n".join(method.get("research_references") or []),
        "method_documented": method.get("documented", False),
        "goals": "\n".join(
            f"{g.get('indicator', '')}; {g.get('baseline') if g.get('baseline') is not None else ''}; "
            f"{g.get('target') if g.get('target') is not None else ''}; {g.get('unit') or ''}; "
            f"{'ekonomisk' if g.get('kind') == 'economic' else 'social'}"
            for g in c.get("goals") or []
        ),
        "evaluation_external_party": evaluation.get("external_party") or "",
        "evaluation_standardized_instrument": evaluation.get("standardized_instrument", False),
        "implementation_plan": c.get("implementation_plan") or "",
        "supplier": procurement.get("supplier") or "",
        "contract_value": procurement.get("contract_value") or "",
        "contract_months": procurement.get("contract_months"),
        "open_competition": bool(procurement.get("open_competition")),
        "requested": "\n".join(f"{y}: {a}" for y, a in (funding.get("requested") or {}).items()),
        "cofinancing_share": (funding.get("cofinancing_share") or 0) * 100 or None,
        "duration_months": funding.get("duration_months"),
        "calculation": yaml.safe_dump(c["calculation"], allow_unicode=True, sort_keys=False)
        if c.get("calculation")
        else "",
    }


class FilterForm(SwedishForm):
    fund = forms.ModelChoiceField(queryset=Fund.objects.all(), label="Fond", required=False, empty_label="Alla")
    stage = forms.ChoiceField(label="Steg", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Alla"), *Status.choices])
    board = forms.ModelChoiceField(queryset=Board.objects.all(), label="Nämnd", required=False, empty_label="Alla")
    year = forms.IntegerField(label="År", required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label="Sök", required=False, max_length=200)

    def __init__(self, *args: Any, stages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["stage"]).choices = [
            ("", "Alla"),
            *[(code, stage_name(code)) for code in stages],
        ]


class SignoffForm(SwedishForm):
    kind = forms.ChoiceField(label="Förankring", choices=SignoffKind.choices)
    signed_on = forms.DateField(label="Datum (ÅÅÅÅ-MM-DD)", initial=timezone.localdate)
    reference = forms.CharField(label="Referens (t.ex. nämndens paragraf)", max_length=200, required=False)


class AssessmentForm(SwedishForm):
    rule_id = forms.ChoiceField(label="Regel", choices=[])
    verdict = forms.ChoiceField(label="Bedömning", choices=Verdict.choices)
    note = forms.CharField(label="Motivering", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, rules: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rule_id"]).choices = rules


class MemoForm(SwedishForm):
    memo = forms.CharField(label="Beredningspromemoria", widget=forms.Textarea(attrs={"rows": 6}))


class NoteForm(SwedishForm):
    note = forms.CharField(label="Motivering", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class OpinionForm(SwedishForm):
    giver = forms.ChoiceField(label="Yttrande från", choices=[])
    position = forms.ChoiceField(label="Ställningstagande", choices=OpinionPosition.choices)
    decided_on = forms.DateField(label="Beslutsdatum (ÅÅÅÅ-MM-DD)")
    paragraph = forms.CharField(label="Paragraf", max_length=20, required=False)
    summary = forms.CharField(
        label="Sammanfattning och tillägg", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, bodies: Any, boards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["giver"]).choices = [(f"body:{b.pk}", b.name) for b in bodies] + [
            (f"board:{b.pk}", f"{b.code} {b.name}".strip()) for b in boards
        ]

    def giver_objects(self) -> tuple[DecisionBody | None, Board | None]:
        kind, _, pk = self.cleaned_data["giver"].partition(":")
        if kind == "body":
            return DecisionBody.objects.get(pk=pk), None
        return None, Board.objects.get(pk=pk)


class DecisionForm(SwedishForm):
    decided_on = forms.DateField(label="Beslutsdatum (ÅÅÅÅ-MM-DD)")
    paragraph = forms.CharField(label="Paragraf", max_length=20)
    outcome = forms.ChoiceField(label="Beslut", choices=DecisionOutcome.choices)
    text = forms.CharField(label="Beslutstext", widget=forms.Textarea(attrs={"rows": 4}))
    amounts = forms.CharField(
        label="Beviljat belopp per år (en rad per år: 2016: 1 200 000)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    conditions = forms.CharField(label="Villkor", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean_amounts(self) -> dict[int, Decimal]:
        return parse_year_amounts(self.cleaned_data.get("amounts") or "")


class WithdrawForm(SwedishForm):
    reason = forms.ChoiceField(label="Skäl", choices=WithdrawalReason.choices)
    note = forms.CharField(label="Beskrivning", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RefuseForm(SwedishForm):
    rule_ids = forms.MultipleChoiceField(
        label="Regler som inte uppfylls", choices=[], widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label="Motivering", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, rules: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rule_ids"]).choices = rules


class CommentForm(SwedishForm):
    text = forms.CharField(label="Kommentar", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    visibility = forms.ChoiceField(label="Synlig för", choices=CommentVisibility.choices)


class AttachmentForm(SwedishForm):
    kind = forms.ChoiceField(label="Typ av handling", choices=AttachmentKind.choices)
    file = forms.FileField(label="Fil (PDF, DOCX, XLSX eller ODT)")


class RegistryNumberForm(SwedishForm):
    registry_number = forms.CharField(label="Diarienummer", max_length=60)


def today() -> dt.date:
    return timezone.localdate()
