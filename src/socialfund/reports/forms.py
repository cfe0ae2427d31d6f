"""Forms of the reports: the memo's editable details, the public page's switch."""

from __future__ import annotations

from django import forms

from socialfund.cases.forms import SwedishForm, today

DATE = forms.DateInput(attrs={"type": "date"})
FORMATS = [("docx", "Word (redigerbar)"), ("pdf", "PDF")]


def lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class MemoForm(SwedishForm):
    date = forms.DateField(label="Datum", widget=DATE, initial=today)
    office = forms.CharField(label="Kontor", max_length=200, initial="Kommunstyrelsens kontor")
    addressees = forms.CharField(label="Till", widget=forms.Textarea(attrs={"rows": 2}), help_text="Ett organ per rad.")
    signer_name = forms.CharField(label="Undertecknas av", max_length=200, required=False)
    signer_title = forms.CharField(label="Titel", max_length=200, required=False, initial="Stadsdirektör")
    handler_name = forms.CharField(label="Handläggare", max_length=200, required=False)
    handler_title = forms.CharField(label="Handläggarens titel", max_length=200, required=False)
    handler_unit = forms.CharField(label="Enhet", max_length=200, required=False)
    handler_phone = forms.CharField(label="Telefon (direkt)", max_length=40, required=False)
    handler_email = forms.EmailField(label="E-post", required=False)
    sent_to = forms.CharField(
        label="Beslutet skickas till", widget=forms.Textarea(attrs={"rows": 3}), help_text="En mottagare per rad."
    )
    format = forms.ChoiceField(label="Format", choices=FORMATS, initial="docx", widget=forms.RadioSelect)


class PublicPageForm(SwedishForm):
    enabled = forms.BooleanField(label="Publicera fondens beviljade projekt", required=False)
    intro = forms.CharField(label="Inledning", required=False, widget=forms.Textarea(attrs={"rows": 3}))
