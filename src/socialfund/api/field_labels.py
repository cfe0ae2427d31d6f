"""The Swedish name of a field the API refuses, never its code: 'effects[0].deadweight' -> 'Effekt 1, dödvikt'.

A refusal names its field the way the forms and the initiative file name it, so a person reading the
answer of an integration (or its log) learns which field, in words. The words come from where the
forms take theirs: the case's fields (cases.changes), the calculation's (core.calc.labels), and the
API's own inputs below. A name nobody has labelled reads "Uppgift", never the code.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from socialfund.cases.changes import FIELD_LABELS as CASE_LABELS
from socialfund.core.calc.labels import FIELD_LABELS as CALC_LABELS
from socialfund.core.calc.labels import LINE_KINDS

# The API's inputs and the action forms' fields that the case and calculation words do not cover.
API_LABELS = {
    "fund": _("Fond"),
    "title": _("Titel"),
    "stage": _("Steg"),
    "initiator_type": _("Vem som står bakom initiativet"),
    "content": _("Initiativfilen"),
    "reason": _("Skäl"),
    "note": _("Anteckning"),
    "measured_on": _("Mätdatum"),
    "value": _("Värde"),
    "source_note": _("Källa"),
    "on": _("Datum"),
    "limit": _("Antal per sida"),
    "offset": _("Början av sidan"),
    "status": _("Status"),
    "board": _("Nämnd"),
    "year": _("År"),
    "q": _("Sök"),
    "pk": _("Nummer"),
    "initiative_id": _("Ärendets nummer"),
    "policy_id": _("Riktlinjer"),
    "slug": _("Fondens kortnamn"),
    "code": _("Kod"),
    "kind": _("Förankring"),
    "signed_on": _("Datum"),
    "reference": _("Referens"),
    "position": _("Ställningstagande"),
    "decided_on": _("Beslutsdatum"),
    "paragraph": _("Paragraf"),
    "outcome": _("Beslut"),
    "amounts": _("Belopp"),
    "amount": _("Belopp"),
    "body": _("Beslutande organ"),
    "text": _("Text"),
    "conditions": _("Villkor"),
    "name": _("Namn"),
    "indicator": _("Indikator"),
    "starts_on": _("Startdatum"),
    "started_on": _("Startdatum"),
    "ends_on": _("Slutdatum"),
    "closed_on": _("Avslutsdatum"),
    "registry_number": _("Diarienummer"),
    "memo": _("Tjänsteskrivelse"),
    "verdict": _("Bedömning"),
    "validated_by": _("Validerad av"),
    "source": _("Källa"),
    "direction": _("Riktning"),
    "plan": _("Plan"),
}
OTHER = _("Uppgift")

_PART = re.compile(r"([a-z_]+)((?:\[\d+\])*)")
# A part that is data, not a field name (a year, a board's code in a repayment plan), is kept as written.
_DATA_PART = re.compile(r"[0-9A-ZÅÄÖ][0-9A-ZÅÄÖa-zåäö-]*")


def _word(name: str) -> str:
    if name in API_LABELS:
        return str(API_LABELS[name])
    if name in CASE_LABELS:
        return str(_(CASE_LABELS[name]))
    if name in CALC_LABELS:
        return str(_(CALC_LABELS[name]))
    return str(OTHER)


def field_label(path: str | None) -> str | None:
    """The field's Swedish name, with list positions as numbers counted from 1; None for no field."""
    if not path:
        return None
    words: list[str] = []
    for part in path.split("."):
        if _DATA_PART.fullmatch(part):
            words.append(part)
            continue
        match = _PART.fullmatch(part)
        if match is None:
            words.append(str(OTHER) if not words else str(OTHER).lower())
            continue
        name, indexes = match.group(1), [int(i) + 1 for i in re.findall(r"\d+", match.group(2))]
        if name in LINE_KINDS and indexes:
            word = f"{_(LINE_KINDS[name])} {indexes.pop(0)}"
        else:
            word = _word(name)
        if words:
            word = word[:1].lower() + word[1:]
        words.append(word)
        words.extend(f"{_('rad')} {index}" for index in indexes)
    return ", ".join(words)
