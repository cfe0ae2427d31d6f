"""The decision memo (tjänsteskrivelse) for an application going to kommunstyrelsen, in the seed's order:
heading with date, office and addressees; title; Dnr; Sammanfattning av ärendet; Beslutsunderlag;
Ärendet; Ekonomiska konsekvenser och finansiering; the numbered proposals to each body; signature
and handläggare; "Beslutet skickas till". The official edits the Word file; these are drafts.

What the case does not give (the board, the amounts) is never guessed: the memo shows a placeholder in
square brackets for the official to fill in, and `memo_gaps` lists it on the memo's page beforehand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from socialfund.cases.codes import ApplicantType
from socialfund.cases.content import application_of
from socialfund.cases.models import Initiative
from socialfund.cases.screening import screening_for
from socialfund.cases.workflow import policy_if_any
from socialfund.core.calc import CalculationInputError, CalculationResult, evaluate, parse_calculation
from socialfund.core.formatting import format_date, format_number, format_sek
from socialfund.core.policy import Policy
from socialfund.core.policy.errors import InputError
from socialfund.core.screening.result import STATUS_LABELS, VERDICT_LABELS
from socialfund.documents.model import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    ItemList,
    Lines,
    Paragraph,
    Table,
)
from socialfund.organisation.models import DecisionBody
from socialfund.reports.memo_economy import (
    AMOUNT_MISSING,
    amounts_missing,
    asked_sentence,
    economy_blocks,
    fund_amounts,
    repayment_sentence,
    years_text,
)
from socialfund.reports.official import official_record

BOARD_MISSING = "[ansvarig nämnd saknas i ansökan]"
"""Where the memo would name the board the grant goes to and the case names none: for the official to fill in."""


@dataclass(frozen=True)
class MemoOptions:
    """What the official sets on the form; everything else comes from the case."""

    date: dt.date
    office: str = "Kommunstyrelsens kontor"
    addressees: tuple[str, ...] = ()
    signer_name: str = ""
    signer_title: str = "Stadsdirektör"
    handler_name: str = ""
    handler_title: str = ""
    handler_unit: str = ""
    handler_phone: str = ""
    handler_email: str = ""
    sent_to: tuple[str, ...] = ("Akten",)
    opinion_bodies: tuple[DecisionBody, ...] = field(default_factory=tuple)


def calculation_result(initiative: Initiative) -> CalculationResult | None:
    """The application's calculation under its own guidelines' repayment rules; None when it has none."""
    data = application_of(initiative).application.calculation
    if not data:
        return None
    try:
        policy = policy_if_any(initiative)
        return evaluate(parse_calculation(data), rules=policy.repayment_rules() if policy else None)
    except CalculationInputError:
        return None


def requested_amounts(initiative: Initiative, result: CalculationResult | None) -> dict[int, Decimal]:
    """The decision's amounts once decided (and given), else what the calculation asks of the fund."""
    decision = getattr(initiative, "decision", None)
    if decision is not None:
        decided = {row.year: row.amount for row in decision.amounts.all()}
        if decided:
            return dict(sorted(decided.items()))
    return fund_amounts(result) if result is not None else {}


def grantee(initiative: Initiative, policy: Policy | None) -> str | None:
    """Who applies and would be granted the money: the lead board; the initiator when it is a board itself,
    or when the guidelines do not require a board to own the initiative; None when the case does not tell."""
    if initiative.lead_board:
        return initiative.lead_board.display_name
    name = initiative.initiator_name.strip()
    if not name:
        return None
    if initiative.initiator_type == ApplicantType.BOARD:
        return name
    applicants = policy.applicants if policy else None
    return None if applicants is not None and applicants.lead_board_required else name


def memo_gaps(initiative: Initiative) -> list[str]:
    """What the case does not give and the memo leaves as a placeholder (or says is missing), in the memo's order."""
    initiative = official_record(initiative)
    result = calculation_result(initiative)
    gaps: list[str] = []
    if grantee(initiative, policy_if_any(initiative)) is None:
        gaps.append("Ansökan anger ingen ansvarig nämnd.")
    if result is None:
        reading = application_of(initiative)
        has_calculation = reading.application.has_calculation or "calculation" in reading.rejected
        gaps.append(
            "Ansökans socioekonomiska beräkning går inte att räkna fram."
            if has_calculation
            else "Ansökan saknar socioekonomisk beräkning."
        )
    if amounts_missing(requested_amounts(initiative, result)):
        gaps.append("Ansökan anger inte hur mycket som söks ur fonden.")
    return gaps


def memo_document(initiative: Initiative, options: MemoOptions) -> Document:
    initiative = official_record(initiative)  # what the demo assumed is never printed as fact
    result = calculation_result(initiative)
    amounts = requested_amounts(initiative, result)
    policy = policy_if_any(initiative)
    board = grantee(initiative, policy) or BOARD_MISSING
    fund_name = initiative.fund.name
    blocks: list[Block] = [
        Paragraph("TJÄNSTESKRIVELSE", "label"),
        Lines((format_date(options.date),)),
        Lines((options.office,)),
        Lines(options.addressees or ("Kommunstyrelsen",)),
        Heading(f"{initiative.title} – ansökan om medel ur {fund_name}", 1, in_contents=False),
        Paragraph(f"Dnr: {initiative.registry_number or '–'}", "strong"),
        Heading("Sammanfattning av ärendet", 2),
        Paragraph(_summary(initiative, policy, board, amounts)),
        Heading("Beslutsunderlag", 2),
        Lines(tuple(_basis(initiative, options))),
        Heading("Ärendet", 2),
        *_matter(initiative, policy),
        Heading("Ekonomiska konsekvenser och finansiering", 2),
        *(economy_blocks(result, amounts) if result else _no_calculation_blocks(initiative, amounts)),
        *_proposals(initiative, options, board, amounts, result),
        Lines(tuple(line for line in (options.signer_name, options.signer_title) if line)),
        Lines(tuple(_handler_lines(options))),
        Heading("Beslutet skickas till", 2),
        Lines(options.sent_to),
    ]
    return Document(
        title=f"Tjänsteskrivelse: {initiative.title}",
        blocks=tuple(blocks),
        organisation=initiative.fund.organisation.name,
        registry_number=initiative.registry_number,
        date=options.date,
        kind="Tjänsteskrivelse",
        numbered_pages=True,
        keywords=("tjänsteskrivelse", "social investeringsfond"),
    )


def _no_calculation_blocks(initiative: Initiative, amounts: dict[int, Decimal]) -> list[Block]:
    reading = application_of(initiative)
    calculation = (
        "Ansökans socioekonomiska beräkning går inte att räkna fram."
        if "calculation" in reading.rejected or reading.application.has_calculation
        else "Ansökan saknar socioekonomisk beräkning."
    )
    return [Paragraph(f"{asked_sentence(amounts)} {calculation}")]


def _amount_text(amounts: dict[int, Decimal]) -> str:
    return AMOUNT_MISSING if amounts_missing(amounts) else format_sek(sum(amounts.values(), Decimal(0)))


def _summary(initiative: Initiative, policy: Policy | None, board: str, amounts: dict[int, Decimal]) -> str:
    period = "" if amounts_missing(amounts) else f" under {years_text(amounts)}"
    text = f"{board} ansöker om {_amount_text(amounts)}{period} ur {initiative.fund.name} för {initiative.title}."
    if initiative.summary:
        text += f" {initiative.summary}"
    verdict = _verdict(initiative)
    if verdict:
        text += f" Prövad mot {guidelines_text(policy)}: {verdict}."
    return text


def guidelines_text(policy: Policy | None) -> str:
    """The guidelines by name and adoption, as running text reads them (never the policy file's id):
    "riktlinjerna för Södertälje kommuns sociala investeringsfond, antagna 2013-02-25 (Kommunfullmäktige § 7)"."""
    if policy is None:
        return "fondens riktlinjer"
    text = f"riktlinjerna för {policy.fund.name}"
    adopted = policy.adopted
    if adopted.status == "adopted":
        decision = " ".join(part for part in (adopted.body, adopted.paragraph) if part)
        text += f", antagna {format_date(adopted.date)}" if adopted.date else ", antagna"
        text += f" ({decision})" if decision else ""
    elif adopted.status == "proposed":
        text += ", enligt förslaget" + (f" {format_date(adopted.proposal_date)}" if adopted.proposal_date else "")
    else:
        text += ", så som offentliga källor beskriver dem"
    return text


def _verdict(initiative: Initiative) -> str:
    try:
        return VERDICT_LABELS[screening_for(initiative).verdict]
    except (InputError, LookupError):  # no guidelines, or stored answers that do not screen
        return ""


def _basis(initiative: Initiative, options: MemoOptions) -> list[str]:
    lines = [f"Tjänsteskrivelse {format_date(options.date)}"]
    if initiative.filed_on:
        lines.append(f"Ansökan {format_date(initiative.filed_on)}")
    for opinion in initiative.opinions.all():
        lines.append(f"Yttrande från {opinion.giver_name} {format_date(opinion.decided_on)}")
    for attachment in initiative.attachments.all():
        lines.append(f"{attachment.get_kind_display()}: {attachment.original_name}")
    return lines


def _matter(initiative: Initiative, policy: Policy | None) -> list[Block]:
    application = application_of(initiative).application
    blocks: list[Block] = []
    for title, text in (
        ("Insatsen", initiative.summary),
        ("Metod", application.method.description if application.method else None),
        ("Uppföljning och utvärdering", application.evaluation.external_party if application.evaluation else None),
        ("Implementering", application.implementation_plan),
        ("Beredningsgruppens bedömning", initiative.preparation_memo),
    ):
        if text:
            blocks += [Heading(title, 3), Paragraph(text)]
    references = application.method.research_references if application.method else ()
    if references:
        blocks += [Heading("Forskning som metoden bygger på", 3), ItemList(tuple(str(r) for r in references))]
    # The goals as stored: the memo shows each value with the decimals the applicant wrote ("0,20").
    goals = (initiative.content or {}).get("goals") or []
    if goals:
        blocks.append(_goals_table(goals))
    blocks += _screening_blocks(initiative, policy)
    opinions = list(initiative.opinions.all())
    if opinions:
        blocks += [
            Heading("Yttranden", 3),
            Table(
                columns=(
                    Column("Från"),
                    Column("Datum", "date"),
                    Column("Ställningstagande"),
                    Column("Sammanfattning"),
                ),
                rows=tuple(
                    (o.giver_name, o.decided_on, str(o.get_position_display()), o.summary or "–") for o in opinions
                ),
                caption="Yttranden",
            ),
        ]
    return blocks or [Paragraph(initiative.summary or "–")]


def _goals_table(goals: list[dict[str, Any]]) -> Table:
    return Table(
        columns=(
            Column("Mål (indikator)"),
            Column("Utgångsvärde", "decimal"),
            Column("Målvärde", "decimal"),
            Column("Enhet"),
        ),
        rows=tuple(
            (
                str(g.get("indicator") or ""),
                _figure(g.get("baseline")),
                _figure(g.get("target")),
                str(g.get("unit") or ""),
            )
            for g in goals
        ),
        caption="Mätbara mål",
    )


GOAL_DECIMALS = 6
"""At most this many decimals of a goal's value are shown; the applicant's own are kept up to it."""
GOAL_MAGNITUDE = 15
"""A value with more digits than this before or after the point is shown as the applicant wrote it."""


def _figure(value: Any) -> Cell:
    """A goal's value in Swedish with the decimals the applicant gave ("0,35", "0,125", "9 000"); None
    shows as "–", and text that is no number (or an absurd one) stays as the applicant wrote it."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return str(value)
    if not number.is_finite() or abs(number.adjusted()) > GOAL_MAGNITUDE:
        return str(value)
    exponent = number.as_tuple().exponent  # the decimals as given: "0.20" keeps its zero
    decimals = min(-exponent, GOAL_DECIMALS) if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(number, decimals)


def _screening_blocks(initiative: Initiative, policy: Policy | None) -> list[Block]:
    try:
        result = screening_for(initiative)
    except (InputError, LookupError):  # no guidelines, or stored answers that do not screen
        return []
    rows = tuple((f.title, STATUS_LABELS[f.status], f.message) for f in result.findings)
    return [
        Heading("Prövning mot riktlinjerna", 3),
        Table(
            columns=(Column("Regel"), Column("Bedömning"), Column("Förklaring")),
            rows=rows,
            caption=f"Prövning mot {guidelines_text(policy)}: {VERDICT_LABELS[result.verdict]}",
            compact=True,
        ),
    ]


def _proposals(
    initiative: Initiative,
    options: MemoOptions,
    board: str,
    amounts: dict[int, Decimal],
    result: CalculationResult | None,
) -> list[Block]:
    """Numbered, independent sentences per body (as Nacka's guide wants), worded as already decided."""
    blocks: list[Block] = []
    for body in options.opinion_bodies:
        blocks += [
            Heading(f"Kommunförvaltningens förslag till {body.name.lower()}:", 2),
            ItemList(
                (f"Tillstyrker ansökan om medel ur den sociala investeringsfonden för {initiative.title}.",),
                numbered=True,
            ),
        ]
    split = "" if amounts_missing(amounts) else ", ".join(f"{y}: {format_sek(a)}" for y, a in amounts.items())
    grant = f"Beviljar {board} {_amount_text(amounts)} ur {initiative.fund.name} för {initiative.title}"
    grant += f" ({split})." if split else "."
    items = [grant]
    if result is not None and result.repayment.required and result.repayment.plan:
        items.append(repayment_sentence(result))
    items.append("Insatsen följs upp årligen i fondens uppföljning, som lämnas under april månad.")
    blocks += [Heading("Kommunförvaltningens förslag till kommunstyrelsen:", 2), ItemList(tuple(items), numbered=True)]
    return blocks


def _handler_lines(options: MemoOptions) -> list[str]:
    lines = [
        f"Handläggare: {options.handler_name}" if options.handler_name else "Handläggare:",
        options.handler_title,
        options.handler_unit,
        f"Telefon (direkt): {options.handler_phone}" if options.handler_phone else "",
        f"E-post: {options.handler_email}" if options.handler_email else "",
    ]
    return [line for line in lines if line]
