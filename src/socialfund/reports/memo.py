"""The decision memo (tjänsteskrivelse) for an application going to kommunstyrelsen, in the seed's order:
heading with date, office and addressees; title; Dnr; Sammanfattning av ärendet; Beslutsunderlag;
Ärendet; Ekonomiska konsekvenser och finansiering; the numbered proposals to each body; signature
and handläggare; "Beslutet skickas till". The official edits the Word file; these are drafts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from socialfund.cases.models import Initiative
from socialfund.cases.screening import screening_for
from socialfund.cases.workflow import policy_for
from socialfund.core.calc import CalculationInputError, CalculationResult, evaluate, parse_calculation
from socialfund.core.formatting import format_date, format_sek
from socialfund.core.screening.result import STATUS_LABELS, VERDICT_LABELS
from socialfund.organisation.models import DecisionBody
from socialfund.reports.documents.model import Block, Column, Document, Heading, ItemList, Lines, Paragraph, Table
from socialfund.reports.memo_economy import economy_blocks, fund_amounts, repayment_sentence, years_text


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
    data = (initiative.content or {}).get("calculation")
    if not data:
        return None
    try:
        return evaluate(parse_calculation(data), rules=policy_for(initiative).repayment_rules())
    except CalculationInputError:
        return None


def requested_amounts(initiative: Initiative, result: CalculationResult | None) -> dict[int, Decimal]:
    """The decision's amounts once decided, else what the calculation asks of the fund."""
    decision = getattr(initiative, "decision", None)
    if decision is not None:
        return {row.year: row.amount for row in decision.amounts.all()}
    return fund_amounts(result) if result is not None else {}


def memo_document(initiative: Initiative, options: MemoOptions) -> Document:
    result = calculation_result(initiative)
    amounts = requested_amounts(initiative, result)
    board = initiative.lead_board.display_name if initiative.lead_board else initiative.initiator_name
    blocks: list[Block] = [
        Paragraph("TJÄNSTESKRIVELSE", "label"),
        Lines((format_date(options.date),)),
        Lines((options.office,)),
        Lines(options.addressees or ("Kommunstyrelsen",)),
        Heading(f"{initiative.title} – ansökan om medel ur {initiative.fund.name.lower()}", 1, in_contents=False),
        Paragraph(f"Dnr: {initiative.registry_number or '–'}", "strong"),
        Heading("Sammanfattning av ärendet", 2),
        Paragraph(_summary(initiative, board, amounts)),
        Heading("Beslutsunderlag", 2),
        Lines(tuple(_basis(initiative, options))),
        Heading("Ärendet", 2),
        *_matter(initiative),
        Heading("Ekonomiska konsekvenser och finansiering", 2),
        *(economy_blocks(result, amounts) if result else [Paragraph("Ansökan saknar socioekonomisk beräkning.")]),
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


def _summary(initiative: Initiative, board: str, amounts: dict[int, Decimal]) -> str:
    total = sum(amounts.values(), Decimal(0))
    asked = f" om {format_sek(total)} under {years_text(amounts)}" if amounts else ""
    text = f"{board} ansöker{asked} ur {initiative.fund.name.lower()} för {initiative.title}."
    if initiative.summary:
        text += f" {initiative.summary}"
    verdict = _verdict(initiative)
    if verdict:
        text += f" Prövad mot fondens riktlinjer ({initiative.policy_id or 'gällande'}): {verdict}."
    return text


def _verdict(initiative: Initiative) -> str:
    try:
        return VERDICT_LABELS[screening_for(initiative).verdict]
    except Exception:  # noqa: BLE001 - a case whose stored data does not screen still gets its memo
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


def _content_text(content: dict[str, Any], *path: str) -> str:
    value: Any = content
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return str(value) if value else ""


def _matter(initiative: Initiative) -> list[Block]:
    content = initiative.content or {}
    blocks: list[Block] = []
    for title, text in (
        ("Insatsen", initiative.summary),
        ("Metod", _content_text(content, "method", "description")),
        ("Uppföljning och utvärdering", _content_text(content, "evaluation", "external_party")),
        ("Implementering", _content_text(content, "implementation_plan")),
        ("Beredningsgruppens bedömning", initiative.preparation_memo),
    ):
        if text:
            blocks += [Heading(title, 3), Paragraph(text)]
    references = (content.get("method") or {}).get("research_references") or []
    if references:
        blocks += [Heading("Forskning som metoden bygger på", 3), ItemList(tuple(str(r) for r in references))]
    goals = content.get("goals") or []
    if goals:
        blocks.append(_goals_table(goals))
    blocks += _screening_blocks(initiative)
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
        columns=(Column("Mål (indikator)"), Column("Utgångsvärde"), Column("Målvärde"), Column("Enhet")),
        rows=tuple(
            (
                str(g.get("indicator", "")),
                str(g.get("baseline", "–")),
                str(g.get("target", "–")),
                str(g.get("unit", "")),
            )
            for g in goals
        ),
        caption="Mätbara mål",
    )


def _screening_blocks(initiative: Initiative) -> list[Block]:
    try:
        result = screening_for(initiative)
    except Exception:  # noqa: BLE001 - shown as missing rather than failing the memo
        return []
    rows = tuple((f.title, STATUS_LABELS[f.status], f.message) for f in result.findings)
    return [
        Heading("Prövning mot riktlinjerna", 3),
        Table(
            columns=(Column("Regel"), Column("Bedömning"), Column("Förklaring")),
            rows=rows,
            caption=f"Riktlinjerna {result.policy_id}: {VERDICT_LABELS[result.verdict]}",
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
            Heading(f"Kommunförvaltningens förslag till {body.name.lower()}:", 3),
            ItemList(
                (f"Tillstyrker ansökan om medel ur den sociala investeringsfonden för {initiative.title}.",),
                numbered=True,
            ),
        ]
    total = sum(amounts.values(), Decimal(0))
    split = ", ".join(f"{year}: {format_sek(amount)}" for year, amount in amounts.items())
    grant = f"Beviljar {board} {format_sek(total)} ur {initiative.fund.name.lower()} för {initiative.title}"
    grant += f" ({split})." if split else "."
    items = [grant]
    if result is not None and result.repayment.required and result.repayment.plan:
        items.append(repayment_sentence(result))
    items.append("Insatsen följs upp årligen i fondens uppföljning, som lämnas under april månad.")
    blocks += [Heading("Kommunförvaltningens förslag till kommunstyrelsen:", 3), ItemList(tuple(items), numbered=True)]
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
