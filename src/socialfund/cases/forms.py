"""Forms of the case workflow. They parse and validate input; the services decide."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
)
from socialfund.core.application import Application
from socialfund.core.money import MoneyError, parse_amount
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board, DecisionBody
from socialfund.organisation.tenancy import scoped

EXTERNAL_TYPES = [(code, label) for code, label in ApplicantType.choices if code not in ApplicantType.internal()]
TARGET_GROUPS = [
    ("children", _("Barn")),
    ("youth", _("Unga")),
    ("young_adults", _("Unga vuxna")),
    ("adults_at_risk", _("Vuxna i utanförskap")),
    ("elderly", _("Äldre")),
    ("residents", _("Alla invånare")),
    ("homeless", _("Hushåll med hemlöshet")),
]
PURPOSES = [
    ("new_method", _("Ny metod")),
    ("develop_method", _("Utveckla en metod")),
    ("test_method", _("Pröva en metod")),
    ("existing_operations", _("Befintlig verksamhet (drift)")),
]
BENEFICIARIES = [
    ("universal", _("Alla i målgruppen")),
    ("target_group", _("En behovsavgränsad målgrupp")),
    ("selected_individuals", _("Utvalda individer")),
]


class SwedishForm(forms.Form):
    """Marks fields with errors as aria-invalid and ties them to their error text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DecimalField | forms.FloatField) and not field.localize:
                # A number field would let an English-language browser drop the Swedish decimal comma
                # ("0,1" became 1). A localised text field reads "0,1" (and "0.1") in the user's language.
                field.localize = True
                # min/max/step belong to number inputs only: on a text input they are invalid HTML.
                attrs = {k: v for k, v in field.widget.attrs.items() if k not in ("min", "max", "step")}
                field.widget = forms.TextInput(attrs={"inputmode": "decimal", **attrs})
                field.widget.is_localized = True

    def __getitem__(self, name: str) -> forms.BoundField:
        bound = super().__getitem__(name)
        # Django leaves `required` off a select whose first option is a real choice (HTML asks for an empty
        # first option); the field is still required, and its label says so (3.3.2), so tell assistive
        # technology too. Done here, when the field is shown: a subclass may replace fields after __init__,
        # and a bound field made earlier would keep the old one.
        field, widget = bound.field, bound.field.widget
        if field.required and isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
            if not widget.use_required_attribute(bound.initial):
                widget.attrs["aria-required"] = "true"
        return bound

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                # The error first, then the hint (setting the attribute replaces Django's own link to the hint).
                described_by = [f"{self.prefix + '-' if self.prefix else ''}{name}-error"]
                if self.fields[name].help_text:
                    described_by.append(f"{self[name].auto_id}_helptext")
                widget.attrs["aria-describedby"] = " ".join(described_by)


def parse_year_amounts(text: str) -> dict[int, Decimal]:
    """'2016: 1 200 000\\n2017: 1 200 000' -> {2016: Decimal('1200000.00'), ...}."""
    amounts: dict[int, Decimal] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = re.fullmatch(r"\s*([0-9]{4})\s*[:=]\s*(.+?)\s*", line)
        if not match:
            raise forms.ValidationError(
                gettext("Rad %(row)s: skriv år: belopp, t.ex. 2016: 1 200 000.") % {"row": number}
            )
        year = int(match.group(1))
        try:
            amount = parse_amount(match.group(2))
        except MoneyError as exc:
            raise forms.ValidationError(
                gettext("Rad %(row)s: %(text)s är inget belopp.") % {"row": number, "text": repr(match.group(2))}
            ) from exc
        if amount < 0:
            raise forms.ValidationError(gettext("Rad %(row)s: beloppet kan inte vara negativt.") % {"row": number})
        if year in amounts:
            raise forms.ValidationError(
                gettext("Rad %(row)s: året %(year)s står två gånger.") % {"row": number, "year": year}
            )
        amounts[year] = amount
    return amounts


class AreaChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A board shown as the area a person would name: the board and the offices that work for it."""

    def label_from_instance(self, obj: Board) -> str:
        from socialfund.cases.outside_ideas import area_label

        return area_label(obj)


class ExternalIdeaForm(SwedishForm):
    """The outside actor's idea: short, and clear that a board must carry it."""

    fund = forms.ModelChoiceField(queryset=Fund.objects.all(), label=_("Fond"), empty_label=None)
    title = forms.CharField(label=_("Idéns namn"), max_length=200)
    summary = forms.CharField(
        label=_("Beskriv idén"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Vilket behov, vilken målgrupp, vad ni vill göra. Skriv inte om enskilda personer."),
    )
    # autocomplete names the purpose of the fields about the person and organisation (WCAG 1.3.5).
    organisation_name = forms.CharField(
        label=_("Organisationens namn"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "organization"})
    )
    organisation_type = forms.ChoiceField(label=_("Sorts organisation"), choices=EXTERNAL_TYPES)
    contact_name = forms.CharField(
        label=_("Kontaktperson"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("E-post till kontaktpersonen"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    area_board = AreaChoiceField(
        queryset=Board.objects.none(),
        label=_("Vilket område gäller idén?"),
        help_text=_(
            "Idén går först till kontoret och nämnden för området. Vet ni inte, välj inget: fondens samordnare "
            "väljer område."
        ),
        required=False,
        empty_label=_("Vet inte – samordnaren väljer"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from socialfund.cases.outside_ideas import area_boards

        super().__init__(*args, **kwargs)
        # the funds and areas of the organisation the request works in (a public page's host names it)
        cast("forms.ModelChoiceField[Fund]", self.fields["fund"]).queryset = scoped(Fund.objects.all())
        cast(AreaChoiceField, self.fields["area_board"]).queryset = area_boards()


class AreaForm(SwedishForm):
    """The coordinator sends an outside idea to an area's office and board."""

    board = AreaChoiceField(queryset=Board.objects.none(), label=_("Område"), empty_label=None)

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        from socialfund.cases.outside_ideas import area_boards

        super().__init__(*args, **kwargs)
        cast(AreaChoiceField, self.fields["board"]).queryset = area_boards(fund)


class StartForm(SwedishForm):
    """The first page of a new application: a name, a sentence, and how far the idea has come."""

    title = forms.CharField(label=_("Insatsens namn"), max_length=200)
    summary = forms.CharField(label=_("Kort sammanfattning"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    stage = forms.ChoiceField(label=_("Vad lämnar ni in?"), choices=[])

    def __init__(self, *args: Any, stages: list[tuple[str, str]], **kwargs: Any) -> None:
        """`stages`: (code, name) of the stages a case may start at, from the fund's guidelines."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["stage"]).choices = stages


class PlainSelect(forms.Select):
    """A select list written in Python rather than through a template per option: the case list's filter
    dropdowns (a hundred boards) were 41 % of the page's time that way (issue 22). Same HTML as Django's.

    The options are read straight from the choices, not through `optgroups`/`create_option`, which build a
    dictionary of attributes per option (a quarter of a search's time at 100 000 cases, issue 22). Choices
    with groups, which the filters do not have, take Django's own way."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        from django.forms.utils import flatatt
        from django.utils.html import format_html, format_html_join
        from django.utils.safestring import mark_safe

        choices = _plain_choices(self.choices)
        if any(isinstance(label, list | tuple) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        wanted = set(self.format_value(value))
        options: list[tuple[str, SafeString | str, Any]] = []
        found = False
        for option_value, label in choices:
            text = "" if option_value is None else str(option_value)
            selected = text in wanted and (not found or self.allow_multiple_selected)
            found = found or selected
            options.append((text, mark_safe(" selected") if selected else "", label))
        widget_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            widget_attrs["multiple"] = True
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(widget_attrs),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )


def _plain_choices(choices: Any) -> list[tuple[Any, Any]]:
    """The choices as a list. A model choice field's are read with one plain query: its own iterator would
    ask the length first (a COUNT query) and then read through a server-side cursor on PostgreSQL (three
    round trips: declare, fetch, close), for a list of a hundred boards."""
    from django.forms.models import ModelChoiceIterator

    if not isinstance(choices, ModelChoiceIterator):
        return list(choices)
    field = choices.field
    head: list[tuple[Any, Any]] = [("", field.empty_label)] if field.empty_label is not None else []
    return head + [choices.choice(instance) for instance in choices.queryset.all()]


class FilterForm(SwedishForm):
    fund = forms.ModelChoiceField(
        queryset=Fund.objects.all(), label=_("Fond"), required=False, empty_label=_("Alla"), widget=PlainSelect
    )
    stage = forms.ChoiceField(label=_("Steg"), required=False, widget=PlainSelect)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla")), *Status.choices], widget=PlainSelect
    )
    board = forms.ModelChoiceField(
        queryset=Board.objects.all(), label=_("Nämnd"), required=False, empty_label=_("Alla"), widget=PlainSelect
    )
    year = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Sök"), required=False, max_length=200)

    def __init__(
        self, *args: Any, stages: list[tuple[str, str]], funds: Sequence[Fund] | None = None, **kwargs: Any
    ) -> None:
        """`stages`: (code, name) of the stages of the guidelines of the funds the user sees. `funds`: the
        funds the user sees, already read (the page reads them once for the stages and the dropdown)."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["stage"]).choices = [("", _("Alla")), *stages]
        if funds is not None:
            field = self.fields["fund"]
            self.fields["fund"] = FundChoiceField(funds, label=field.label, required=False, widget=PlainSelect)


class FundChoiceField(forms.ChoiceField):
    """A fund dropdown over funds already read: cleans to the Fund (or None), as a ModelChoiceField would,
    without querying the funds again to write the options and again to check the choice (issue 22)."""

    def __init__(self, funds: Sequence[Fund], **kwargs: Any) -> None:
        self.funds = {str(fund.pk): fund for fund in funds}
        choices = [("", _("Alla")), *((key, str(fund)) for key, fund in self.funds.items())]
        super().__init__(choices=choices, **kwargs)

    def to_python(self, value: Any) -> Fund | None:
        key = super().to_python(value)
        if not key:
            return None
        if key not in self.funds:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": key}
            )
        return self.funds[key]

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)  # the choice is checked in to_python, against the funds read


class SignoffForm(SwedishForm):
    kind = forms.ChoiceField(label=_("Förankring"), choices=SignoffKind.choices)
    signed_on = forms.DateField(label=_("Datum (ÅÅÅÅ-MM-DD)"), initial=timezone.localdate)
    reference = forms.CharField(label=_("Referens (t.ex. nämndens paragraf)"), max_length=200, required=False)


class AssessmentForm(SwedishForm):
    rule_id = forms.ChoiceField(label=_("Regel"), choices=[])
    verdict = forms.ChoiceField(label=_("Bedömning"), choices=Verdict.choices)
    note = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, rules: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rule_id"]).choices = rules


class MemoForm(SwedishForm):
    memo = forms.CharField(label=_("Beredningspromemoria"), widget=forms.Textarea(attrs={"rows": 6}))


class NoteForm(SwedishForm):
    note = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class OpinionForm(SwedishForm):
    giver = forms.ChoiceField(label=_("Yttrande från"), choices=[])
    position = forms.ChoiceField(label=_("Ställningstagande"), choices=OpinionPosition.choices)
    decided_on = forms.DateField(label=_("Beslutsdatum (ÅÅÅÅ-MM-DD)"))
    paragraph = forms.CharField(label=_("Paragraf"), max_length=20, required=False)
    summary = forms.CharField(
        label=_("Sammanfattning och tillägg"), widget=forms.Textarea(attrs={"rows": 3}), required=False
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


def requested_amounts(application: Application) -> str:
    """The application's requested funding per year as the decision form's lines ('2016: 900 000').

    The registrar starts from what was applied for, so a grant's years are the project's own
    (in the demo, Familjecentraler's 2016 and 2017) rather than whatever year is typed first.
    """
    lines = []
    for year, amount in sorted(application.funding.requested.items()):
        whole = int(amount)
        if whole > 0:
            lines.append(f"{year}: {whole:,}".replace(",", " "))
    return "\n".join(lines)


class DecisionForm(SwedishForm):
    decided_on = forms.DateField(label=_("Beslutsdatum (ÅÅÅÅ-MM-DD)"))
    paragraph = forms.CharField(label=_("Paragraf"), max_length=20)
    outcome = forms.ChoiceField(label=_("Beslut"), choices=DecisionOutcome.choices)
    text = forms.CharField(label=_("Beslutstext"), widget=forms.Textarea(attrs={"rows": 4}))
    amounts = forms.CharField(
        label=_("Beviljat belopp per år (en rad per år: 2016: 1 200 000)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    conditions = forms.CharField(label=_("Villkor"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    exception_reason = forms.CharField(
        label=_("Undantag från återföringskravet: kommunstyrelsens skäl"),
        help_text=_("Bara när beräkningen avviker från återföringskravet och kommunstyrelsen ändå beviljar."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, departure: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if departure:
            # The registrar sees what the screening found and what the preparation group proposed.
            self.fields["exception_reason"].help_text = departure
        else:
            del self.fields["exception_reason"]

    def clean_amounts(self) -> dict[int, Decimal]:
        return parse_year_amounts(self.cleaned_data.get("amounts") or "")


class WithdrawForm(SwedishForm):
    reason = forms.ChoiceField(label=_("Skäl"), choices=WithdrawalReason.choices)
    note = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RefuseForm(SwedishForm):
    rule_ids = forms.MultipleChoiceField(
        label=_("Regler som inte uppfylls"), choices=[], widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, rules: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rule_ids"]).choices = rules


class CommentForm(SwedishForm):
    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    visibility = forms.ChoiceField(label=_("Synlig för"), choices=CommentVisibility.choices)


class AttachmentForm(SwedishForm):
    kind = forms.ChoiceField(label=_("Typ av handling"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("Fil (PDF, DOCX, XLSX eller ODT)"))


class RegistryNumberForm(SwedishForm):
    registry_number = forms.CharField(label=_("Diarienummer"), max_length=60)


def today() -> dt.date:
    return timezone.localdate()
