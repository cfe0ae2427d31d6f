"""Forms of the reports: the memo's editable details, the public page's switch."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialfund.cases.forms import SwedishForm, today

DATE = forms.DateInput(attrs={"type": "date"})
FORMATS = [("docx", _("Word (redigerbar)")), ("pdf", "PDF")]


def lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class MemoForm(SwedishForm):
    date = forms.DateField(label=_("Datum"), widget=DATE, initial=today)
    office = forms.CharField(label=_("Kontor"), max_length=200, initial="Kommunstyrelsens kontor")
    addressees = forms.CharField(
        label=_("Till"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Ett organ per rad.")
    )
    signer_name = forms.CharField(label=_("Undertecknas av"), max_length=200, required=False)
    signer_title = forms.CharField(label=_("Titel"), max_length=200, required=False, initial="Stadsdirektör")
    handler_name = forms.CharField(label=_("Handläggare"), max_length=200, required=False)
    handler_title = forms.CharField(label=_("Handläggarens titel"), max_length=200, required=False)
    handler_unit = forms.CharField(label=_("Enhet"), max_length=200, required=False)
    handler_phone = forms.CharField(label=_("Telefon (direkt)"), max_length=40, required=False)
    handler_email = forms.EmailField(label=_("E-post"), required=False)
    sent_to = forms.CharField(
        label=_("Beslutet skickas till"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("En mottagare per rad.")
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="docx", widget=forms.RadioSelect)


class PublicPageForm(SwedishForm):
    enabled = forms.BooleanField(label=_("Publicera fondens beviljade projekt"), required=False)
    intro = forms.CharField(label=_("Inledning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReportTextForm(SwedishForm):
    registry_number = forms.CharField(
        label=_("Diarienummer"),
        max_length=60,
        required=False,
        help_text=_("Rapportens eget diarienummer när den diarieförs (inte fondens)."),
    )
    lessons = forms.CharField(label=_("Lärdomar"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    proposals = forms.CharField(label=_("Förslag"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    comments = forms.CharField(label=_("Kommentarer"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, next_number: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if next_number:
            self.fields["registry_number"].help_text = _(
                "Rapportens eget diarienummer (inte fondens). Lämnas fältet tomt får rapporten nästa nummer i "
                "fondens serie när den sparas: %(number)s."
            ) % {"number": next_number}
