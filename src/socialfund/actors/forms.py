"""Forms of the outside actor's pages and of the staff's side of them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialfund.actors.identity_numbers import organisation_number_clean, refuse_personal_number
from socialfund.actors.models import PartyVisibility
from socialfund.cases.codes import ApplicantType
from socialfund.cases.forms import EXTERNAL_TYPES, ExternalIdeaForm, SwedishForm
from socialfund.organisation.models import Board


class IdeaForm(ExternalIdeaForm):
    """The public idea form with the organisation number, and no organisation type chosen in advance
    (the first choice, "Kommunalt bolag", used to be preselected for every association)."""

    organisation_type = forms.ChoiceField(
        label=_("Sorts organisation"), choices=[("", _("Välj sorts organisation"))] + EXTERNAL_TYPES
    )
    organisation_number = forms.CharField(
        label=_("Organisationsnummer"),
        max_length=20,
        required=False,
        help_text=_(
            "Tio siffror, t.ex. 802400-1235. En enskild firma lämnar fältet tomt: vi sparar inga personnummer."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    field_order = [
        "fund",
        "title",
        "summary",
        "organisation_name",
        "organisation_type",
        "organisation_number",
        "contact_name",
        "contact_email",
        "area_board",
    ]

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"]
        refuse_personal_number(title)
        return title

    def clean_summary(self) -> str:
        summary: str = self.cleaned_data["summary"]
        refuse_personal_number(summary)
        return summary

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("organisation_type")
        raw = (self.data.get(self.add_prefix("organisation_number")) or "").strip()
        if "organisation_number" in self.errors:
            return data
        if kind == ApplicantType.SOLE_TRADER:
            if raw:
                self.add_error(
                    "organisation_number",
                    _("En enskild firmas organisationsnummer är ägarens personnummer. Lämna fältet tomt."),
                )
            data["organisation_number"] = ""
            return data
        if not raw:
            self.add_error("organisation_number", _("Skriv organisationens organisationsnummer."))
            return data
        try:
            data["organisation_number"] = organisation_number_clean(raw)
        except forms.ValidationError as error:
            self.add_error("organisation_number", error)
        return data


class AnswerForm(SwedishForm):
    text = forms.CharField(label=_("Ert svar"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        refuse_personal_number(text)
        return text


class StaffMessageForm(SwedishForm):
    text = forms.CharField(
        label=_("Meddelande till idélämnaren"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        refuse_personal_number(text)
        return text


class InviteForm(SwedishForm):
    """The lead board names a co-applicant: another board, or an outside organisation by its number."""

    board = forms.ModelChoiceField(
        queryset=Board.objects.none(), label=_("Samverkande nämnd"), required=False, empty_label=_("Ingen nämnd")
    )
    organisation_number = forms.CharField(label=_("Organisationsnummer"), max_length=20, required=False)
    organisation_name = forms.CharField(label=_("Organisationens namn"), max_length=200, required=False)
    invite_email = forms.EmailField(label=_("E-post till organisationens företrädare"), required=False)

    def __init__(self, *args: Any, boards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        board_field = self.fields["board"]
        assert isinstance(board_field, forms.ModelChoiceField)
        board_field.queryset = boards

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = (data.get("organisation_number") or "").strip()
        if data.get("board") is None and not raw:
            raise forms.ValidationError(_("Välj en nämnd eller skriv en organisations organisationsnummer."))
        if data.get("board") is not None and raw:
            raise forms.ValidationError(_("Bjud in en part i taget: en nämnd eller en organisation."))
        if raw:
            try:
                data["organisation_number"] = organisation_number_clean(raw)
            except forms.ValidationError as error:
                self.add_error("organisation_number", error)
            if not (data.get("organisation_name") or "").strip():
                self.add_error("organisation_name", _("Skriv organisationens namn."))
            if not data.get("invite_email"):
                self.add_error("invite_email", _("Skriv en e-postadress dit inbjudan ska skickas."))
        return data


class PartyCommentForm(SwedishForm):
    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    visibility = forms.ChoiceField(
        label=_("Vem ser kommentaren?"), choices=PartyVisibility.choices, widget=forms.RadioSelect
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        refuse_personal_number(text)
        return text
