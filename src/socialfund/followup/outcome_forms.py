"""Forms for outcome metrics and a measured figure's status. They parse; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from socialfund.cases.forms import SwedishForm
from socialfund.followup.forms import TEXT, MeasurementChoiceField
from socialfund.followup.models import Indicator, Measurement, ResultStatus
from socialfund.followup.privacy import AGGREGATES_ONLY
from socialfund.followup.services.outcome_metrics import OutcomeMetricSpec

SHORT_TEXT = forms.Textarea(attrs={"rows": 2})
REQUIRED_MESSAGES = {
    "name": _("Ge effektmåttet ett namn."),
    "definition": _("Beskriv vad som räknas som effekten."),
    "target_population": _("Beskriv målgruppen (en grupp, aldrig en person)."),
    "target": _("Ange målet."),
    "validation_method": _("Beskriv hur effekten valideras."),
    "data_source": _("Ange vilka data valideringen bygger på."),
    "validator_organisation": _("Ange vilken organisation som validerar."),
}


class OutcomeMetricForm(SwedishForm):
    name = forms.CharField(label=_("Effektmått"), max_length=200, help_text=_("T.ex. Behörighet till gymnasiet."))
    definition = forms.CharField(
        label=_("Definition"), widget=SHORT_TEXT, help_text=_("Vad som räknas som effekten, och när.")
    )
    target_population = forms.CharField(label=_("Målgrupp"), widget=SHORT_TEXT, help_text=AGGREGATES_ONLY)
    target = forms.CharField(label=_("Mål"), widget=SHORT_TEXT, help_text=_("T.ex. 60 % av målgruppen 2028."))
    validation_method = forms.CharField(
        label=_("Valideringsmetod"), widget=SHORT_TEXT, help_text=_("Hur utfallet kontrolleras.")
    )
    data_source = forms.CharField(
        label=_("Datakälla för valideringen"), widget=SHORT_TEXT, help_text=_("T.ex. Kolada N15428, elevregistret.")
    )
    validator_organisation = forms.CharField(
        label=_("Validerande organisation"), max_length=200, help_text=_("T.ex. kommunens revisorer, FoU-enheten.")
    )
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.none(),
        label=_("Indikator som mäter effekten"),
        required=False,
        empty_label=_("Ingen"),
    )

    def __init__(self, *args: Any, indicators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Indicator]", self.fields["indicator"]).queryset = indicators
        # The same words at the field as the service would use: what is missing, not just that something is.
        for name, message in REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message

    def spec(self) -> OutcomeMetricSpec:
        return OutcomeMetricSpec(**self.cleaned_data)


class MeasurementStatusForm(SwedishForm):
    measurement = MeasurementChoiceField(
        queryset=Measurement.objects.none(), label=_("Mätvärde"), empty_label=_("Välj")
    )
    status = forms.ChoiceField(label=_("Status"), choices=ResultStatus.choices)
    validated_by = forms.CharField(
        label=_("Validerat av"), max_length=200, required=False, help_text=_("Organisationen, bara för validerat.")
    )
    note = forms.CharField(label=_("Anmärkning"), widget=TEXT, required=False, max_length=300)

    def __init__(self, *args: Any, measurements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Measurement]", self.fields["measurement"]).queryset = measurements
