"""Forms for consultations: they parse and validate input; the services decide."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from socialfund.cases.forms import SwedishForm, today
from socialfund.consultations.codes import AnswerPosition, RecipientKind, StatementKind
from socialfund.consultations.services import RecipientSpec
from socialfund.organisation.forms import BoardCheckboxes
from socialfund.organisation.models import Board, DecisionBody

DATE = forms.DateInput(attrs={"type": "date"})
PERSON = re.compile(r"^\s*(?P<name>.+?)\s*\((?P<party>[^()]+)\)\s*$")


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ConsultationForm(SwedishForm):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    document_title = forms.CharField(label=_("Handlingen som remitteras"), max_length=300)
    document_date = forms.DateField(label=_("Handlingens datum"), required=False, widget=DATE)
    registry_number = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    sent_by = forms.ModelChoiceField(label=_("Beslutat av"), queryset=DecisionBody.objects.none())
    decided_on = forms.DateField(label=_("Beslut om remiss"), widget=DATE, initial=today)
    deadline = forms.DateField(label=_("Svar senast"), widget=DATE)
    questions = forms.CharField(
        label=_("Frågor"), widget=forms.Textarea(attrs={"rows": 5}), help_text=_("En fråga per rad.")
    )
    consulted_on = forms.CharField(
        label=_("Vad remissen gäller"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Förslagen som remitteras, t.ex. nuvarande och föreslagen lydelse. Ett stycke per tom rad."),
    )
    boards = BoardCheckboxes(label=_("Nämnder"), required=False)
    other_recipients = forms.CharField(
        label=_("Bolagsstyrelser och andra remissinstanser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En per rad: förkortning; namn; e-post (e-post kan utelämnas). T.ex. Telge; Telge AB:s styrelse"),
    )
    label_supports = forms.CharField(label=_("Rubrik för raden Biträder"), required=False, max_length=120)
    label_supports_with_additions = forms.CharField(
        label=_("Rubrik för raden Biträder med tillägg"), required=False, max_length=120
    )
    office = forms.CharField(label=_("Kontor"), required=False, max_length=200, initial="Kommunstyrelsens kontor")
    handler_name = forms.CharField(label=_("Handläggare"), required=False, max_length=200)
    handler_title = forms.CharField(label=_("Handläggarens titel"), required=False, max_length=200)
    handler_unit = forms.CharField(label=_("Enhet"), required=False, max_length=200)
    handler_phone = forms.CharField(label=_("Telefon"), required=False, max_length=40)
    handler_email = forms.EmailField(label=_("E-post"), required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sent_by"].queryset = DecisionBody.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]
        self.fields["boards"].queryset = Board.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]

    def clean_other_recipients(self) -> list[RecipientSpec]:
        specs = []
        for number, line in enumerate(lines(self.cleaned_data["other_recipients"]), start=1):
            parts = [part.strip() for part in line.split(";")]
            if not parts[0]:
                raise forms.ValidationError(gettext("Rad %(row)s: börja med en förkortning.") % {"row": number})
            specs.append(
                RecipientSpec(
                    code=parts[0],
                    name=parts[1] if len(parts) > 1 else "",
                    email=parts[2] if len(parts) > 2 else "",
                    kind=RecipientKind.COMPANY_BOARD,
                )
            )
        return specs

    def recipients(self) -> list[RecipientSpec]:
        boards = [RecipientSpec(code=b.code, board=b) for b in self.cleaned_data["boards"]]
        others: list[RecipientSpec] = self.cleaned_data["other_recipients"]
        return boards + others

    def row_labels(self) -> dict[str, str]:
        return {
            AnswerPosition.SUPPORTS: self.cleaned_data["label_supports"],
            AnswerPosition.SUPPORTS_WITH_ADDITIONS: self.cleaned_data["label_supports_with_additions"],
        }


class AnswerForm(SwedishForm):
    position = forms.ChoiceField(label=_("Ställningstagande"), choices=AnswerPosition.choices)
    additions = forms.CharField(
        label=_("Tillägg"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nämndens tillägg till förslaget, som det beslutades."),
    )
    summary = forms.CharField(label=_("Sammanfattning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    received_on = forms.DateField(label=_("Inkom"), widget=DATE, initial=today)
    decided_on = forms.DateField(label=_("Nämndens beslutsdatum"), required=False, widget=DATE)
    paragraph = forms.CharField(label=_("Paragraf"), required=False, max_length=20)
    administration_answer = forms.CharField(
        label=_("Förvaltningens svar på tilläggen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kommer med i remissammanställningen bredvid nämndens tillägg."),
    )


class StatementForm(SwedishForm):
    kind = forms.ChoiceField(label=_("Slag"), choices=StatementKind.choices)
    signatories = forms.CharField(
        label=_("Vem"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("En person per rad med partiet inom parentes, t.ex. Ida Lagerqvist (FP)."),
    )
    wording = forms.CharField(
        label=_("Vad som anmäldes"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Som protokollet säger det, t.ex. anmäler och inkommer med skriftligt yttrande."),
    )
    summary = forms.CharField(
        label=_("I kort sammanfattning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_signatories(self) -> list[tuple[str, str]]:
        people = []
        for number, line in enumerate(lines(self.cleaned_data["signatories"]), start=1):
            match = PERSON.match(line)
            if not match:
                raise forms.ValidationError(
                    gettext("Rad %(row)s: skriv namn och parti, t.ex. Ida Lagerqvist (FP).") % {"row": number}
                )
            people.append((match.group("name"), match.group("party").strip()))
        return people


class StatementRemoveForm(SwedishForm):
    reason = forms.CharField(
        label=_("Varför tas den bort?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sparas i loggen med vad reservationen eller yttrandet sa. Registrera den rätta på nytt."),
        error_messages={"required": _("Skriv varför reservationen eller yttrandet tas bort.")},
    )
