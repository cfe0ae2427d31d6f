"""Forms of the case workflow. They parse and validate input; the services decide."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, cast

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


class StartForm(SwedishForm):
    """The first page of a new application: a name, a sentence, and how far the idea has come."""

    title = forms.CharField(label="Insatsens namn", max_length=200)
    summary = forms.CharField(label="Kort sammanfattning", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    stage = forms.ChoiceField(label="Vad lämnar ni in?", choices=[])

    def __init__(self, *args: Any, stages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["stage"]).choices = [(code, stage_name(code)) for code in stages]


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
