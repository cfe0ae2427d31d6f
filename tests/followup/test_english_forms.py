"""Follow-up's forms follow the user's language: labels and choice lists are Swedish by default, English when
chosen (the choice lists are built at import, so their labels must stay lazy)."""

from __future__ import annotations

from django.utils import translation

from socialfund.followup import forms as ff

SWEDISH_LABEL = "Vad är bättre?"
SWEDISH_CHOICES = ["Högre är bättre", "Lägre är bättre"]


def direction_field(form: ff.IndicatorForm) -> tuple[str, list[str]]:
    field = form.fields["direction"]
    return str(field.label), [str(label) for _code, label in field.choices]  # type: ignore[attr-defined]


def test_indicator_form_label_and_choices_in_english():
    assert direction_field(ff.IndicatorForm(effect_lines=[])) == (SWEDISH_LABEL, SWEDISH_CHOICES)

    with translation.override("en"):
        label, choices = direction_field(ff.IndicatorForm(effect_lines=[]))
    assert choices != SWEDISH_CHOICES
    assert all("better" in choice.lower() for choice in choices)
    assert label != SWEDISH_LABEL
    assert "better" in label.lower()
