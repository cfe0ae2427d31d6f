"""The consultation forms' messages built in Python follow the user's language: Swedish by default, English when
chosen, with the row number still in its place."""

from __future__ import annotations

from django.utils import translation

from socialfund.consultations.forms import StatementForm

NO_PARTY = "Rad %(row)s: skriv namn och parti, t.ex. Ida Lagerqvist (FP)."


def signatories_error() -> str:
    form = StatementForm({"kind": "reservation", "signatories": "Ida Lagerqvist (FP)\nPer Persson", "wording": "x"})
    assert not form.is_valid()
    return str(form.errors["signatories"][0])


def test_a_statement_without_a_party_is_refused_in_english():
    assert signatories_error() == "Rad 2: skriv namn och parti, t.ex. Ida Lagerqvist (FP)."
    with translation.override("en"):
        english = signatories_error()
        label = str(StatementForm().fields["signatories"].label)
    assert english != "Rad 2: skriv namn och parti, t.ex. Ida Lagerqvist (FP)."
    assert "2" in english and "Ida Lagerqvist (FP)" in english and "Rad" not in english
    assert label != "Vem"
