"""The seed's consultation (remiss) of 2014–2015, and the demo fund's public page.

Hållbarhetsutskottet decided on 2014-12-02 to send the first year's evaluation to all
boards and Telge's company boards, with five questions, answers due 2015-03-31. Eleven
boards answered (remissammanställning 2015-05-08). The seed names neither Telge's boards
nor when each board decided: the demo has one recipient "Telges styrelser" whose answer
the records do not show (neither answered nor "not answered"), and dates every answer
2015-05-04, the day the seed says the eleven had come in (after the deadline: the
compilation flags it). The administration's answer to the three boards' additions is the
tjänsteskrivelse's (2015-10-26).

Loaded with plain writes keyed on natural keys (as the rest of the demo), so that loading
twice gives the same rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from socialfund.accounts.models import User
from socialfund.consultations.models import Answer, Consultation, Recipient, Reminder, Statement
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board, DecisionBody, Organisation
from socialfund.reports.models import PublicPage

QUESTIONS = [
    "Finns det behov av en social investeringsfond i Södertälje kommun?",
    "Har riktlinjerna rimliga krav?",
    "Vilken roll kan externa aktörer ha i sociala investeringar?",
    "Är kommunens utvecklingsarbete organiserat på bästa möjliga sätt?",
    "Är investeringsfonden förankrad i kommunorganisationen?",
]
CONSULTATION: dict[str, Any] = {
    "title": "Södertälje kommuns sociala investeringsfond",
    "document_title": "Södertälje kommuns sociala investeringsfond – utvärdering efter det första året",
    "document_date": dt.date(2014, 4, 24),
    "deadline": dt.date(2015, 3, 31),
    "questions": QUESTIONS,
    # What was consulted on, in the remissammanställning's words (2015-05-08).
    "consulted_on": (
        "Förvaltningen föreslår att kommunen ska fortsätta att arbeta med den sociala investeringsfonden med i "
        "princip de riktlinjer som är antagna vad gäller extern medverkan i utvecklingsprojekt, och föreslår en "
        "revidering av riktlinjerna.\n\n"
        "Nuvarande lydelse: I sådana fall ska ansökan göras av den nämnd som verksamheten ligger under. Det är "
        "också under den ansökande nämnden som projektet samordnas.\n\n"
        "Föreslagen lydelse: Den nämnd som ska ansvara för insatsen kan upphandla hela eller delar av uppdraget "
        "i öppen konkurrens av en extern aktör. Nämnden beskriver tjänsten i förfrågningsunderlaget och den "
        "aktör som bäst svarar mot beskrivningen tilldelas uppdraget.\n\n"
        "I de gällande riktlinjerna anges att den sociala investeringsfonden ska utvärderas efter ett år. "
        "Förvaltningen föreslår en ändring som innebär att den sociala investeringsfonden ska utvärderas årligen "
        "och rapporten lämnas under april månad."
    ),
    "row_labels": {
        "supports": "Biträder förvaltningens utvärdering",
        "supports_with_additions": "Biträder utvärderingen med avvikande tillägg",
    },
    "office": "Kommunstyrelsens kontor",
    "handler_name": "Olar Skinnars",
    "handler_title": "Utredare",
    "handler_unit": "Utredning och hållbarhet",
    "handler_phone": "08-523 019 96",
    "handler_email": "olar.skinnars@sodertalje.se",
}
DECIDED_ON = dt.date(2014, 12, 2)
RECEIVED_ON = dt.date(2015, 5, 4)
BOARD_ORDER = ["ALN", "Enh", "KFN", "MN", "OMS", "SBN", "SN", "TN", "UN", "VM", "ÄON"]
WITH_ADDITIONS = {"OMS", "SN", "ÄON"}
ADDITIONS = (
    "S, V och MP yrkar bifall till förvaltningens förslag med tre tillägg, vilket blev nämndens beslut. "
    "Tilläggen: Slopa kravet om återbetalning, se över upphandling kring externa aktörer, tillsätt en "
    "politisk referensgrupp."
)
# The tjänsteskrivelse 2015-10-26 answers the three boards' identical additions.
ADMINISTRATION_ANSWER = (
    "Att slopa kravet på återbetalning är inte förenligt med konstruktionen av sociala investeringsfonden; "
    "fonden skulle på sikt utarmas på resurser. Om upphandling kring externa aktörer hänvisar förvaltningen "
    "till utvärderingens slutsatser: lagen om offentlig upphandling måste följas. En politisk referensgrupp "
    "anser förvaltningen vara tillgodosedd genom fondens koppling till hållbarhetsutskottet."
)
WRITTEN = "anmäler och inkommer med skriftligt yttrande. Yttrandet i kort sammanfattning:"
SIX_MILLION = (
    "6 miljoner kronor bör bli enklare för ideella krafter att nyttja genom att kopplingen till vetenskap och "
    "återbetalningskravet tonas ned."
)
CIVIL_SOCIETY = "Ingången till det civila samhället med dess eldsjälar saknas."
REDESIGN = (
    "Fondens konstruktion ska göras om. De förtroendevalda ska genom den årliga budgeten visa sin verkliga "
    "intention med förebyggande socialt arbete."
)
# board code -> [(kind, [(name, party)], wording, summary)], in the seed's order.
STATEMENTS: dict[str, list[tuple[str, list[tuple[str, str]], str, str]]] = {
    "KFN": [
        (
            "reservation",
            [("Birgitta Rolander", "C"), ("Ida Lagerqvist", "FP")],
            "reserverar sig mot nämndens beslut att inte bifalla Birgitta Rolanders tilläggsyrkande. Tilläggsyrkandet:",
            "Kravet på vetenskaplighet tas bort, kopplingen till vetenskaplighet och beprövad erfarenhet tonas ned, "
            "upphandlingsreglerna ses över så att ideella krafter och externa parter kan vara samarbetspartners.",
        ),
        ("separate_statement", [("Ida Lagerqvist", "FP")], WRITTEN, CIVIL_SOCIETY),
    ],
    "SN": [
        ("reservation", [("Martin Ahlman", "KD")], "reserverar sig till protokollet.", ""),
        (
            "reservation",
            [("Bo Håkan Stockhaus", "FP")],
            "lämnar in en reservation. Reservationen i kort sammanfattning:",
            SIX_MILLION,
        ),
    ],
    "OMS": [
        ("separate_statement", [("Viveca Rabenius", "FP")], WRITTEN, f"{CIVIL_SOCIETY} {SIX_MILLION}"),
        ("separate_statement", [("Debora Josefsson", "KD"), ("Elisabeth Schellhase", "KD")], WRITTEN, REDESIGN),
    ],
    "TN": [
        (
            "separate_statement",
            [("Sandro Banovac", "FP"), ("Ann Westerberg", "FP")],
            "anmäler och inger skriftligt yttrande. Yttrandet i kort sammanfattning:",
            SIX_MILLION,
        ),
    ],
    "UN": [
        ("separate_statement", [("Mats Siljebrand", "FP")], WRITTEN, SIX_MILLION),
        ("separate_statement", [("Veronica Westergård", "KD")], WRITTEN, REDESIGN),
        (
            "separate_statement",
            [("Christoffer Johansson", "M")],
            "anmäler att han inkommer med särskilt yttrande. Vid protokollets justering hade inget särskilt "
            "yttrande lämnats in.",
            "",
        ),
    ],
    "ÄON": [
        ("separate_statement", [("Viveca Rabenius", "FP")], WRITTEN, SIX_MILLION),
        ("separate_statement", [("Debora Josefsson", "KD"), ("Elisabeth Schellhase", "KD")], WRITTEN, REDESIGN),
    ],
}
PUBLIC_INTRO = (
    "Här redovisar kommunen de insatser som fått medel ur den sociala investeringsfonden: vad de gör, "
    "kommunstyrelsens beslut och slutrapporterna."
)


def load_demo_documents(fund: Fund, users: dict[str, User]) -> None:
    """The 2014–2015 consultation with its answers, and the fund's public page switched on."""
    consultation = _consultation(fund)
    recipients = _recipients(consultation, fund.organisation)
    for code in BOARD_ORDER:
        _answer(recipients[code], users["yttrande"])
    PublicPage.objects.update_or_create(
        fund=fund, defaults={"enabled": True, "intro": PUBLIC_INTRO, "updated_by": users["admin"]}
    )


def _consultation(fund: Fund) -> Consultation:
    committee = DecisionBody.objects.get(organisation=fund.organisation, code="HU")
    consultation, _ = Consultation.objects.update_or_create(
        organisation=fund.organisation,
        registry_number=fund.registry_number,
        decided_on=DECIDED_ON,
        defaults={**CONSULTATION, "fund": fund, "sent_by": committee},
    )
    return consultation


def _recipients(consultation: Consultation, organisation: Organisation) -> dict[str, Recipient]:
    boards = {b.code: b for b in Board.objects.filter(organisation=organisation)}
    recipients: dict[str, Recipient] = {}
    for order, code in enumerate(BOARD_ORDER):
        recipients[code], _ = Recipient.objects.update_or_create(
            consultation=consultation, code=code, defaults={"kind": "board", "board": boards[code], "order": order}
        )
    Recipient.objects.update_or_create(
        consultation=consultation,
        code="Telge",
        defaults={
            "kind": "company_board",
            "name": "Telges styrelser",
            "order": len(BOARD_ORDER),
            "answer_unknown": True,
        },
    )
    return recipients


def _answer(recipient: Recipient, user: User) -> None:
    answer, _ = Answer.objects.update_or_create(
        recipient=recipient,
        defaults={
            "position": "supports_with_additions" if recipient.code in WITH_ADDITIONS else "supports",
            "additions": ADDITIONS if recipient.code in WITH_ADDITIONS else "",
            "administration_answer": ADMINISTRATION_ANSWER if recipient.code in WITH_ADDITIONS else "",
            "received_on": RECEIVED_ON,
            "registered_by": user,
        },
    )
    statements = STATEMENTS.get(recipient.code, [])
    for order, (kind, people, wording, summary) in enumerate(statements):
        Statement.objects.update_or_create(
            answer=answer,
            order=order,
            defaults={
                "kind": kind,
                "signatories": [{"name": name, "party": party} for name, party in people],
                "wording": wording,
                "summary": summary,
                "registered_by": user,
            },
        )
    answer.statements.filter(order__gte=len(statements)).delete()


def remove_demo_documents(organisation: Organisation) -> None:
    """Everything `load_demo_documents` wrote for the organisation (before its funds and boards go)."""
    consultations = Consultation.objects.filter(organisation=organisation)
    Reminder.objects.filter(recipient__consultation__in=consultations).delete()
    Statement.objects.filter(answer__recipient__consultation__in=consultations).delete()
    Answer.objects.filter(recipient__consultation__in=consultations).delete()
    Recipient.objects.filter(consultation__in=consultations).delete()
    consultations.delete()
    PublicPage.objects.filter(fund__organisation=organisation).delete()
