from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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
