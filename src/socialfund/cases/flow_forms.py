"""Forms for the steps the case machine added: returning for completion, a deciding body's decision at a stage."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.cases.forms import SwedishForm


class ReturnForm(SwedishForm):
    missing = forms.CharField(
        label=_("Vad behöver kompletteras?"),
        help_text=_("Den sökande ser texten och ändrar ansökan innan den lämnas in igen."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class StageDecisionForm(SwedishForm):
    decided_on = forms.DateField(label=_("Beslutsdatum (ÅÅÅÅ-MM-DD)"), initial=timezone.localdate)
    paragraph = forms.CharField(label=_("Paragraf"), max_length=20)
    note = forms.CharField(label=_("Beslutet i korthet"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
