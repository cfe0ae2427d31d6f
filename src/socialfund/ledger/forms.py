"""Forms for the ledger's events: they parse what a person types; the services decide."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from socialfund.cases.forms import SwedishForm
from socialfund.cases.models import Decision, Initiative
from socialfund.core.money import MoneyError, parse_amount
from socialfund.funds.models import Fund
from socialfund.kit.number_fields import swedish_number
from socialfund.ledger.codes import EvaluatedEffects, PlanBasis
from socialfund.organisation.models import Board, DecisionBody

DATE = forms.DateInput(attrs={"type": "date"})
PLAN_LINE = re.compile(r"^\s*([0-9]{4})\s+(\S+)\s+(.+?)\s*$")


class AmountField(forms.CharField):
    """An amount as a Swedish official writes it (1 234 567,50 kr), cleaned to exact Decimal kronor."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_amount(text)
        except MoneyError as exc:
            raise forms.ValidationError(gettext("Skriv beloppet i kronor, t.ex. 900 000 eller 411 522,64.")) from exc


def parse_plan(text: str) -> dict[int, dict[str, Decimal]]:
    """'2019 UN 411 522,64' per line → {2019: {'UN': Decimal('411522.64')}}."""
    plan: dict[int, dict[str, Decimal]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = PLAN_LINE.match(line)
        if not match:
            raise forms.ValidationError(
                gettext("Rad %(row)s: skriv år, nämnd och belopp, t.ex. 2019 UN 411 522,64.") % {"row": number}
            )
        try:
            amount = parse_amount(match.group(3))
        except MoneyError as exc:
            raise forms.ValidationError(
                gettext("Rad %(row)s: ogiltigt belopp %(amount)s.") % {"row": number, "amount": repr(match.group(3))}
            ) from exc
        plan.setdefault(int(match.group(1)), {})[match.group(2)] = amount
    return plan


class LedgerForm(forms.Form):
    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fund = fund

    def projects(self) -> QuerySet[Initiative]:
        return Initiative.objects.filter(fund=self.fund, status="granted").order_by("title")

    def boards(self) -> QuerySet[Board]:
        return Board.objects.filter(organisation_id=self.fund.organisation_id).order_by("code")

    def bodies(self) -> QuerySet[DecisionBody]:
        return DecisionBody.objects.filter(organisation_id=self.fund.organisation_id).order_by("code")


class CapitalForm(LedgerForm):
    body = forms.ModelChoiceField(queryset=DecisionBody.objects.none(), label=_("Beslutande organ"))
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DATE)
    paragraph = forms.CharField(label=_("Paragraf"), max_length=20)
    amount = AmountField(label=_("Belopp (kr)"))
    registry_number = forms.CharField(label=_("Diarienummer"), required=False, max_length=60)
    text = forms.CharField(label=_("Beslutstext"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = self.bodies()  # type: ignore[attr-defined]


class GrantForm(LedgerForm):
    decision = forms.ModelChoiceField(queryset=Decision.objects.none(), label=_("Kommunstyrelsens beslut"))
    booked_on = forms.DateField(
        label=_("Bokföringsdag"), widget=DATE, required=False, help_text=_("Tomt: beslutsdagen.")
    )
    instalments = forms.TypedChoiceField(
        label=_("Utbetalningsplan"),
        choices=[
            (1, _("En utbetalning per år")),
            (2, _("Två delbetalningar per år")),
            (4, _("En delbetalning per kvartal")),
            (12, _("En delbetalning per månad")),
        ],
        coerce=int,
        initial=1,
        required=False,
        empty_value=1,  # type: ignore[arg-type]  # an int when nothing is chosen: one payout a year
        help_text=_("Ekonomi ombeds betala ut varje del från dess dag (för beslutsåret tidigast bokföringsdagen)."),
    )
    acknowledge = forms.BooleanField(label=_("Jag har läst varningarna och beslutet ska bokföras ändå"), required=False)

    def __init__(self, *args: Any, decisions: QuerySet[Decision], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions  # type: ignore[attr-defined]


class PayoutForm(LedgerForm):
    initiative = forms.ModelChoiceField(queryset=Initiative.objects.none(), label=_("Insats"))
    amount = AmountField(label=_("Belopp (kr)"))
    paid_on = forms.DateField(label=_("Utbetalningsdag"), widget=DATE)
    year = forms.IntegerField(
        label=_("Beviljandeår"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Tomt: utbetalningsdagens år."),
    )
    reference = forms.CharField(label=_("Referens (utbetalningsorder)"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = self.projects()  # type: ignore[attr-defined]


class PlanForm(LedgerForm):
    initiative = forms.ModelChoiceField(queryset=Initiative.objects.none(), label=_("Insats"))
    basis = forms.ChoiceField(label=_("Underlag"), choices=PlanBasis.choices, widget=forms.RadioSelect)
    plan = forms.CharField(
        label=_("Överenskommen plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("En rad per år och nämnd: 2019 UN 411 522,64. Lämnas tom när kalkylens förslag gäller."),
    )
    adopted_on = forms.DateField(label=_("Fastställd"), widget=DATE)
    reference = forms.CharField(label=_("Beslut eller överenskommelse"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = self.projects()  # type: ignore[attr-defined]

    def clean_plan(self) -> dict[int, dict[str, Decimal]] | None:
        text = self.cleaned_data.get("plan") or ""
        if self.cleaned_data.get("basis") == PlanBasis.CALCULATION:
            return None
        if not text.strip():
            raise forms.ValidationError(gettext("Skriv planen, eller välj kalkylens förslag."))
        return parse_plan(text)


class RepaymentForm(LedgerForm):
    initiative = forms.ModelChoiceField(queryset=Initiative.objects.none(), label=_("Insats"))
    board = forms.ModelChoiceField(queryset=Board.objects.none(), label=_("Nämnd"))
    amount = AmountField(label=_("Belopp (kr)"))
    received_on = forms.DateField(label=_("Datum"), widget=DATE)
    year = forms.IntegerField(
        label=_("År i planen"), required=False, min_value=2000, max_value=2100, help_text=_("Tomt: äldsta först.")
    )
    reference = forms.CharField(label=_("Referens"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = self.projects()  # type: ignore[attr-defined]
        self.fields["board"].queryset = self.boards()  # type: ignore[attr-defined]


class WaiverForm(LedgerForm):
    initiative = forms.ModelChoiceField(queryset=Initiative.objects.none(), label=_("Insats"))
    board = forms.ModelChoiceField(
        queryset=Board.objects.none(), label=_("Nämnd"), required=False, help_text=_("Tomt: alla nämnder.")
    )
    body = forms.ModelChoiceField(queryset=DecisionBody.objects.none(), label=_("Beslutande organ"))
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DATE)
    paragraph = forms.CharField(label=_("Paragraf"), max_length=20)
    evaluation = forms.CharField(
        label=_("Utvärderingen beslutet vilar på"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    method_followed = forms.BooleanField(label=_("Insatsen genomfördes enligt den beslutade metoden"), required=False)
    effects = forms.ChoiceField(label=_("Utvärderingens resultat"), choices=EvaluatedEffects.choices)
    motivation = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = self.projects()  # type: ignore[attr-defined]
        self.fields["board"].queryset = self.boards()  # type: ignore[attr-defined]
        self.fields["body"].queryset = self.bodies()  # type: ignore[attr-defined]


class ReverseForm(LedgerForm):
    number = forms.IntegerField(label=_("Verifikationsnummer"), min_value=1)
    booked_on = forms.DateField(label=_("Bokföringsdag"), widget=DATE, required=False, help_text=_("Tomt: i dag."))
    text = forms.CharField(label=_("Text"), required=False, max_length=300)


class CloseForm(LedgerForm):
    through = forms.DateField(label=_("Stäng till och med"), widget=DATE)


class ProjectionForm(SwedishForm):
    years = forms.IntegerField(label=_("År framåt"), min_value=1, max_value=30, initial=20)
    projects_per_year = forms.FloatField(label=_("Nya insatser per år"), min_value=0, max_value=20, initial=2)
    size_low = forms.IntegerField(label=_("Minsta insats (kr)"), min_value=0, initial=500_000)
    size_mode = forms.IntegerField(label=_("Typisk insats (kr)"), min_value=0, initial=1_500_000)
    size_high = forms.IntegerField(label=_("Största insats (kr)"), min_value=0, initial=3_000_000)
    repay_probability = forms.FloatField(
        label=_("Sannolikhet att en insats återför i tid"), min_value=0, max_value=1, initial=0.6
    )
    waiver_rate = forms.FloatField(label=_("Andel av de övriga som efterges"), min_value=0, max_value=1, initial=0.5)
    runs = forms.IntegerField(label=_("Simuleringar"), min_value=100, max_value=2000, initial=2000)

    # A typical value of each, as it is typed: the example in the field's message.
    EXAMPLES = {
        "years": "20",
        "projects_per_year": "1,5",
        "size_low": "500 000",
        "size_mode": "1 500 000",
        "size_high": "3 000 000",
        "repay_probability": "0,9",
        "waiver_rate": "0,5",
        "runs": "2 000",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, example in self.EXAMPLES.items():
            swedish_number(self.fields[name], example=example)  # type: ignore[type-var]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, mode, high = data.get("size_low"), data.get("size_mode"), data.get("size_high")
        if None not in (low, mode, high) and not low <= mode <= high:  # type: ignore[operator]
            raise forms.ValidationError(gettext("Insatsernas storlek: minsta ≤ typisk ≤ största."))
        return data


class HandoverForm(LedgerForm):
    start = forms.DateField(label=_("Från och med"), widget=DATE)
    end = forms.DateField(label=_("Till och med"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Till och med ligger före från och med."))
        return data
