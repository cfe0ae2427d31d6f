"""The calculation's words, in one place: field labels, explanations, outside parties, and error paths in words.

The web form, the summary beside it and the CLI all take their Swedish labels from here,
so a field is called the same thing wherever a person meets it. Pure Python: the strings
are marked with `_` (an identity function) so that Django's makemessages finds them, and
the web translates them when it shows them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


def _(text: str) -> str:
    """Mark a string for translation; the web translates it at render time."""
    return text


FUND_NAME = _("Sociala investeringsfonden")

FIELD_LABELS: dict[str, str] = {
    "title": _("Kalkylens namn"),
    "description": _("Beskrivning"),
    "start_year": _("Första projektåret"),
    "horizon": _("Antal år som räknas"),
    "discount_rate": _("Diskonteringsränta"),
    "discount_schedule": _("Diskonteringsränta"),
    "repayment": _("Återföringsplan"),
    "boards": _("Nämndernas namn"),
    "label": _("Benämning"),
    "payer": _("Vem betalar"),
    "amounts": _("Belopp"),
    "beneficiary": _("Vem får besparingen"),
    "sector": _("Sektor"),
    "cashable": _("Minskar budgeten"),
    "unit_cost": _("Enhetskostnad"),
    "unit_value": _("Värde per enhet"),
    "quantity": _("Antal"),
    "first_year": _("Första år"),
    "duration": _("Varaktighet"),
    "drop_off": _("Avtagande effekt"),
    "deadweight": _("Dödvikt"),
    "displacement": _("Undanträngning"),
    "attribution": _("Attribution"),
    "optimism_bias": _("Optimismpåslag"),
    "uncertainty": _("Osäkerhet"),
    "low": _("lägsta utfall"),
    "high": _("högsta utfall"),
    "note": _("Anteckning"),
    "price_year": _("Prisår"),
    "target_group": _("Antal personer i målgruppen"),
    "name": _("Namn"),
    "share": _("Andel av målgruppen"),
    "avoids": _("Det som undviks"),
    "per_year": _("Antal per person och år"),
    "years": _("Antal år"),
    "schedule": _("Plan"),
    "from": _("Från år"),
    "rate": _("Ränta"),
}

SECTOR_WORDS: dict[str, str] = {
    "municipal": _("kommunal"),
    "region": _("region"),
    "state": _("stat"),
    "individual": _("individ"),
    "other": _("annan"),
}

LINE_KINDS: dict[str, str] = {
    "costs": _("Kostnad"),
    "effects": _("Effekt"),
    "typical_cases": _("Typfall"),
    "avoids": _("Sak"),
    "discount_schedule": _("Steg"),
}

EXPLANATIONS: dict[str, str] = {
    "deadweight": _(
        "Dödvikt: den del av effekten som hade kommit ändå, utan insatsen. Exempel: om 100 placeringsdygn "
        "undviks men 25 av dem hade undvikits ändå är dödvikten 25 %."
    ),
    "displacement": _(
        "Undanträngning: den del av effekten som bara flyttar kostnaden någon annanstans. Exempel: färre "
        "placeringar i kommunen men fler i grannkommunen som kommunen ändå betalar."
    ),
    "attribution": _(
        "Attribution: den del av effekten som andra insatser har åstadkommit. Exempel: om elevhälsan och "
        "socialtjänsten arbetar med samma elever och hälften av förbättringen är deras, är attributionen 50 %."
    ),
    "optimism_bias": _(
        "Optimismpåslag: kostnader blir ofta högre än planerat. Påslaget räknar med det. Exempel: ett påslag på 10 procent gör "
        "600 000 kr till 660 000 kr i kalkylen."
    ),
    "drop_off": _(
        "Avtagande effekt: en effekt brukar bli mindre år för år. Skriv då lägre antal de senare åren. "
        "Exempel: 300 placeringsdygn första året, 240 andra året (20 % mindre)."
    ),
    "discount": _(
        "Diskonteringsränta: pengar i framtiden är värda mindre än pengar i dag. Räntan räknar om framtida "
        "belopp till dagens värde. 4 % är vanligast i svenska socioekonomiska kalkyler (de flesta använder "
        "ungefär 4 %, enligt uppsatsen ”Vad är framtiden värd?”, Uppsala universitet). 3,5 % är den brittiska "
        "statens ränta för de första 30 åren (HM Treasury, The Green Book). Exempel: 100 000 kr om ett år är "
        "med 4 % värda 96 154 kr i dag."
    ),
    "cashable": _(
        "Ja: kostnaden försvinner ur mottagarens budget (t.ex. färre köpta placeringsdygn). Nej: personal eller "
        "tid frigörs, men budgeten är densamma. Bara besparingar som minskar en nämnds budget kan betala "
        "tillbaka till fonden."
    ),
    "uncertainty": _(
        "Osäkerhet: hur mycket lägre och högre utfallet kan bli, som en faktor av det du skrivit. Exempel: "
        "0,8 och 1,2 betyder mellan 80 % och 120 %. Med osäkerheter räknas chansen att planen betalar tillbaka i tid."
    ),
}

SHARE_DEFAULT = 0.5
SHARE_DEFAULT_SOURCE = _(
    "Vet du inte räknas 50 %: mitten av den femgradiga skalan (0, 25, 50, 75, 100 %) som SROI-analyser använder "
    "(t.ex. NIAA:s SROI-utvärdering av Helping Hand, bilaga 5). Ett försiktigt antagande, inte ett optimistiskt."
)


@dataclass(frozen=True)
class OutsideParty:
    """A party outside the municipality that may pay or receive: named, with the sector it belongs to."""

    name: str
    sector: str


OUTSIDE_PARTIES: tuple[OutsideParty, ...] = (
    OutsideParty(_("Försäkringskassan"), "state"),
    OutsideParty(_("Arbetsförmedlingen"), "state"),
    OutsideParty(_("Kriminalvården"), "state"),
    OutsideParty(_("Staten, annan myndighet"), "state"),
    OutsideParty(_("Regionen"), "region"),
    OutsideParty(_("Individen"), "individual"),
    OutsideParty(_("Annan part"), "other"),
)

_PATH_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
# A part that is data, not a field name (a year, a board's code in a repayment plan), is kept as written.
_DATA_PART = re.compile(r"[0-9A-ZÅÄÖ][0-9A-ZÅÄÖa-zåäö-]*")


_FIELD_PATH = re.compile(r"[a-z_]+(?:\[\d+\])?(?:\.[0-9A-Za-zÅÄÖåäö_-]+(?:\[\d+\])?)*")


def in_words(path: str, translate: Callable[[str], str] = lambda text: text) -> str:
    """A field path in words ('effects[0].unit_cost' -> 'Effekt 1, enhetskostnad'); a place already given in
    words (a workbook's 'Kostnader, rad 3', an option such as '--seed') is kept as it is."""
    if path in ("", "<fil>") or _FIELD_PATH.fullmatch(path):
        return describe_path(path, translate)
    return path


def describe_path(path: str, translate: Callable[[str], str] = lambda text: text) -> str:
    """'effects[0].unit_cost' -> 'Effekt 1, enhetskostnad'; a year key stays a year. Never a code name."""
    if path in ("", "<fil>"):
        return translate(_("Kalkylen"))
    words: list[str] = []
    for part in path.split("."):
        match = _PATH_PART.fullmatch(part)
        if _DATA_PART.fullmatch(part):
            words.append(part)
        elif match and match.group(1) in LINE_KINDS and match.group(2) is not None:
            words.append(f"{translate(LINE_KINDS[match.group(1)])} {int(match.group(2)) + 1}")
        elif match and match.group(1) in FIELD_LABELS:
            label = translate(FIELD_LABELS[match.group(1)])
            words.append(label if not words else label[:1].lower() + label[1:])
        else:
            words.append(translate(_("fält")))
    return ", ".join(words)
