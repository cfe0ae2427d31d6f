"""Forms of follow-up. They parse and validate input; the services decide."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from socialfund.cases.forms import SwedishForm
from socialfund.core.money import MoneyError, parse_amount
from socialfund.followup.charts import format_figure
from socialfund.followup.codes import (
    AnchoringKind,
    ClosureOutcome,
    Direction,
    EffectFinding,
    EvidenceKind,
    Fidelity,
    IndicatorSource,
    ReviewVerdict,
    SpecialReviewOutcome,
)
from socialfund.followup.models import Indicator, Measurement
from socialfund.followup.privacy import AGGREGATES_ONLY
from socialfund.followup.services.indicator_changes import EDITABLE_FIELDS
from socialfund.followup.services.indicators import IndicatorSpec
from socialfund.organisation.models import Board

# The spec's fields, which the indicator forms' answers are picked by.
SPEC_FIELDS = {field.name for field in dataclasses.fields(IndicatorSpec)}

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 4})


def _choices(choices: Any, blank: str | Promise | None = None) -> list[tuple[str, str | Promise]]:
    """The choices with their labels kept lazy, so that a list built at import follows the request's language."""
    options = [(str(code), label) for code, label in choices]
    return [("", blank), *options] if blank is not None else options


class StartForm(SwedishForm):
    started_on = forms.DateField(
        label=_("Projektstart"), required=False, widget=DATE, help_text=_("Tomt: beslutsdagen.")
    )
    ends_on = forms.DateField(
        label=_("Planerat slut"), required=False, widget=DATE, help_text=_("Tomt: projekttiden i ansökan.")
    )


class IndicatorForm(SwedishForm):
    name = forms.CharField(label=_("Indikator"), max_length=200, help_text=AGGREGATES_ONLY)
    unit = forms.CharField(
        label=_("Enhet"), max_length=40, required=False, help_text=_("T.ex. andel (%), dygn, antal.")
    )
    direction = forms.ChoiceField(label=_("Vad är bättre?"), choices=_choices(Direction.choices))
    baseline_value = forms.DecimalField(label=_("Utgångsvärde"), max_digits=18, decimal_places=4)
    baseline_on = forms.DateField(label=_("Utgångsvärdets datum"), widget=DATE)
    target_value = forms.DecimalField(label=_("Målvärde"), max_digits=18, decimal_places=4, required=False)
    target_on = forms.DateField(label=_("Målet ska nås"), widget=DATE, required=False)
    source = forms.ChoiceField(label=_("Källa"), choices=_choices(IndicatorSource.choices))
    kolada_kpi = forms.CharField(
        label=_("Kolada-nyckeltal"), max_length=20, required=False, help_text=_("T.ex. N15428.")
    )
    kolada_municipality = forms.CharField(
        label=_("Kommun-id i Kolada"), max_length=10, required=False, help_text=_("Tomt: fondens kommun (t.ex. 0181).")
    )
    effect_index = forms.TypedChoiceField(
        label=_("Kalkylens effektrad som indikatorn mäter"), coerce=int, empty_value=None, required=False
    )
    quantity_per_unit = forms.DecimalField(
        label=_("Effektradens mängd per indikatorenhet"),
        max_digits=18,
        decimal_places=6,
        initial=Decimal(1),
        required=False,
        help_text=_("T.ex. 1 när båda räknar dygn; elever per procentenhet när indikatorn är en andel."),
    )
    note = forms.CharField(label=_("Anmärkning"), required=False, widget=TEXT)

    def __init__(self, *args: Any, effect_lines: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["effect_index"])
        field.choices = [("", gettext("Ingen")), *[(str(i), label) for i, label in effect_lines]]

    def spec(self, **fixed: Any) -> IndicatorSpec:
        """The answers as the services' spec; `fixed` holds what the form does not ask (an edit keeps the source)."""
        answers = {name: value for name, value in self.cleaned_data.items() if name in SPEC_FIELDS}
        if answers.get("quantity_per_unit") is None:
            answers["quantity_per_unit"] = Decimal(1)  # the form's own default
        return IndicatorSpec(**{**answers, **fixed})


class MeasurementForm(SwedishForm):
    indicator = forms.ModelChoiceField(queryset=Indicator.objects.none(), label=_("Indikator"), empty_label=_("Välj"))
    measured_on = forms.DateField(label=_("Datum"), widget=DATE)
    value = forms.DecimalField(label=_("Värde"), max_digits=18, decimal_places=4, help_text=AGGREGATES_ONLY)
    source_note = forms.CharField(
        label=_("Källa"), max_length=300, required=False, help_text=_("T.ex. verksamhetssystemet.")
    )
    note = forms.CharField(label=_("Anmärkning"), required=False, widget=TEXT)

    def __init__(self, *args: Any, indicators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Indicator]", self.fields["indicator"]).queryset = indicators


class IndicatorEditForm(IndicatorForm):
    """What the indicator is, prefilled; not its source (see services.indicator_update)."""

    reason = forms.CharField(
        label=_("Varför ändras indikatorn?"),
        widget=TEXT,
        help_text=_("Sparas i ärendets logg tillsammans med de gamla värdena."),
    )

    def __init__(self, *args: Any, indicator: Indicator, effect_lines: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(indicator, name) for name in EDITABLE_FIELDS})
        super().__init__(*args, effect_lines=effect_lines, **kwargs)
        for name in ("source", "kolada_kpi", "kolada_municipality"):
            del self.fields[name]


class MeasurementChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # not subscriptable at run time
    """Shows each measurement as its date and figure, in Swedish ("2017-12-31: 12,5")."""

    def label_from_instance(self, obj: Measurement) -> str:
        return f"{obj.measured_on.isoformat()}: {format_figure(obj.value)}"


class MeasurementChoiceForm(SwedishForm):
    """One of the indicator's hand-entered measurements, and why it is changed."""

    measurement = MeasurementChoiceField(
        queryset=Measurement.objects.none(), label=_("Mätvärde"), empty_label=_("Välj")
    )
    reason = forms.CharField(label=_("Skäl"), widget=TEXT, help_text=_("Sparas i ärendets logg."))

    def __init__(self, *args: Any, measurements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Measurement]", self.fields["measurement"])
        field.queryset = measurements


class MeasurementCorrectForm(MeasurementChoiceForm):
    value = forms.DecimalField(label=_("Rätt värde"), max_digits=18, decimal_places=4, help_text=AGGREGATES_ONLY)
    field_order = ["measurement", "value", "reason"]


class IndicatorRemoveForm(SwedishForm):
    reason = forms.CharField(label=_("Varför tas indikatorn bort?"), widget=TEXT)


class IndicatorCompareForm(SwedishForm):
    group = forms.CharField(
        label=_("Kommungrupp i Kolada"),
        max_length=20,
        help_text=_("Gruppens id i Kolada, t.ex. G36148 (liknande kommuner). Gruppens medelvärde hämtas per år."),
    )


class KoladaRefreshForm(SwedishForm):
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.none(), label=_("Indikator från Kolada"), empty_label=_("Välj")
    )

    def __init__(self, *args: Any, indicators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Indicator]", self.fields["indicator"]).queryset = indicators


class SavingForm(SwedishForm):
    board = forms.ModelChoiceField(queryset=Board.objects.none(), label=_("Nämnd"), empty_label=_("Välj"))
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    amount = forms.CharField(
        label=_("Realiserad besparing (kr)"), help_text=_("T.ex. 480 150. Negativt: ökad kostnad.")
    )
    note = forms.CharField(label=_("Underlag"), required=False, widget=TEXT)

    def __init__(self, *args: Any, boards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Board]", self.fields["board"]).queryset = boards

    def clean_amount(self) -> Decimal:
        try:
            return parse_amount(self.cleaned_data["amount"])
        except MoneyError as exc:
            raise forms.ValidationError(gettext("Skriv beloppet i kronor, t.ex. 480 150.")) from exc


class YearForm(SwedishForm):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)


class ReportDraftForm(SwedishForm):
    plan = forms.CharField(
        label=_("Planera"), required=False, widget=TEXT, help_text=_("Utmaningen, problemet, metoderna.")
    )
    do = forms.CharField(
        label=_("Göra"), required=False, widget=TEXT, help_text=_("Hur insatsen genomförts med metoden.")
    )
    study = forms.CharField(
        label=_("Studera"), required=False, widget=TEXT, help_text=_("Uppföljning och utvärdering.")
    )
    act = forms.CharField(
        label=_("Agera"),
        required=False,
        widget=TEXT,
        help_text=_("Vad ni ändrar i metoden, eller hur den implementeras."),
    )
    fidelity = forms.ChoiceField(
        label=_("Metodtrohet"), required=False, choices=_choices(Fidelity.choices, _("Inte angiven"))
    )
    fidelity_note = forms.CharField(label=_("Om metodtroheten"), required=False, widget=TEXT)


class ReviewForm(SwedishForm):
    verdict = forms.ChoiceField(label=_("Granskning"), choices=_choices(ReviewVerdict.choices))
    effect_finding = forms.ChoiceField(
        label=_("Vad visar utvärderingen?"), required=False, choices=_choices(EffectFinding.choices, _("Välj"))
    )
    note = forms.CharField(label=_("Kommentar"), required=False, widget=TEXT)


class ReasonForm(SwedishForm):
    reason = forms.CharField(label=_("Skäl"), widget=TEXT)


class GroundsForm(SwedishForm):
    grounds = forms.CharField(label=_("Skäl till prövningen"), widget=TEXT)


class EvidenceForm(SwedishForm):
    kind = forms.ChoiceField(
        label=_("Slag av underlag"),
        choices=_choices([(c, label) for c, label in EvidenceKind.choices if c != EvidenceKind.REPORT]),
    )
    description = forms.CharField(label=_("Beskrivning"), widget=TEXT)
    reference = forms.CharField(
        label=_("Hänvisning"), max_length=300, required=False, help_text=_("T.ex. diarienummer.")
    )


class DecisionForm(SwedishForm):
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DATE)
    paragraph = forms.CharField(label=_("Paragraf"), max_length=20)
    text = forms.CharField(label=_("Beslutstext"), widget=TEXT)


class SpecialReviewDecisionForm(DecisionForm):
    outcome = forms.ChoiceField(label=_("Beslut"), choices=_choices(SpecialReviewOutcome.choices))
    board = forms.ModelChoiceField(
        queryset=Board.objects.none(),
        label=_("Vems återföring efterskänks?"),
        required=False,
        empty_label=_("Alla nämnders"),
        help_text=_(
            "Bara när beslutet efterskänker återföringen. Listan visar nämnder som har något kvar att återföra."
        ),
    )
    field_order = ["decided_on", "paragraph", "outcome", "board", "text"]

    def __init__(self, *args: Any, boards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Board]", self.fields["board"]).queryset = boards


class ImplementationPlanForm(SwedishForm):
    text = forms.CharField(label=_("Implementeringsplan"), widget=forms.Textarea(attrs={"rows": 6}))
    responsible = forms.CharField(label=_("Ansvarig för införandet"), max_length=200)
    starts_on = forms.DateField(label=_("Införs från"), widget=DATE, required=False)


class AnchorForm(SwedishForm):
    kind = forms.ChoiceField(label=_("Förankring"), choices=_choices(AnchoringKind.choices))
    signed_on = forms.DateField(label=_("Datum"), widget=DATE)
    reference = forms.CharField(label=_("Referens"), max_length=200, required=False, help_text=_("T.ex. nämndens §."))


class CloseForm(SwedishForm):
    closed_on = forms.DateField(label=_("Avslutas"), widget=DATE)
    outcome = forms.ChoiceField(label=_("Utfall"), choices=_choices(ClosureOutcome.choices))
    note = forms.CharField(label=_("Kommentar"), required=False, widget=TEXT)
