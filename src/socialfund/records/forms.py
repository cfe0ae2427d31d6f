from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialfund.records.codes import RetentionEvent


class SecrecyForm(forms.Form):
    paragraph = forms.CharField(
        label=_("Sekretess enligt"),
        max_length=100,
        help_text=_("Paragrafen i offentlighets- och sekretesslagen, t.ex. 31 kap. 16 § OSL."),
    )
    public_title = forms.CharField(
        label=_("Offentlig rubrik"),
        max_length=300,
        help_text=_("Visas i det offentliga diariet i stället för rubriken."),
    )


KEEP, CULL = "keep", "cull"


class RetentionRuleForm(forms.Form):
    """One record type's rule: kept for ever, or culled N years after an event, under a gallringsbeslut."""

    rule = forms.ChoiceField(
        label=_("Regel"),
        choices=[(KEEP, _("Bevaras för alltid")), (CULL, _("Gallras efter ett antal år"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj om handlingen bevaras eller gallras.")},
    )
    years = forms.IntegerField(
        label=_("Antal år"),
        required=False,
        min_value=0,
        max_value=200,
        help_text=_("Hur många år efter händelsen handlingen gallras. 0 betyder vid nästa gallring."),
        error_messages={
            "invalid": _("Ange antal år som ett heltal, t.ex. 5."),
            "min_value": _("Antal år kan inte vara negativt."),
            "max_value": _("Ange högst 200 år; ska handlingen sparas längre, välj bevaras."),
        },
    )
    from_event = forms.ChoiceField(label=_("Räknat från"), choices=RetentionEvent.choices)
    reference = forms.CharField(
        label=_("Gallringsbeslut"),
        required=False,
        max_length=200,
        help_text=_("Beslutet regeln bygger på, t.ex. KS 2026-12-07 § 12."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("rule") == CULL and data.get("years") is None and "years" not in self.errors:
            self.add_error("years", _("Ange efter hur många år handlingen gallras."))
        return data
