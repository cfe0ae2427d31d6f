"""The PM and the tjänsteskrivelse for a proposed change of the guidelines, as the seed's KS 14-87 sets
them out: each change with its current and its proposed wording, and the proposal to the adopting body.
Pure Python: the documents are blocks that the PDF and Word writers render alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from socialfund.core.formatting import format_date
from socialfund.documents.model import Block, Column, Document, Heading, ItemList, Lines, Paragraph, Table
from socialfund.guidelines.comparison import CaseEffect, WordingChange


@dataclass(frozen=True)
class Proposal:
    fund_name: str
    organisation: str
    title: str
    registry_number: str
    on: dt.date
    current_name: str
    """The version in force, e.g. 'Riktlinjer 2013 (Kommunfullmäktige 2013-02-25 § 7)'."""
    adopting_body: str
    changes: tuple[WordingChange, ...]
    effects: tuple[CaseEffect, ...] = ()


def _change_blocks(number: int, change: WordingChange) -> list[Block]:
    blocks: list[Block] = [Heading(f"{number}. {change.heading} ({change.kind})", 3)]
    blocks += [Paragraph("Nuvarande lydelse", "label"), Paragraph(change.current)]
    blocks += [Paragraph("Föreslagen lydelse", "label"), Paragraph(change.proposed)]
    return blocks


def _effects_table(effects: tuple[CaseEffect, ...]) -> list[Block]:
    differing = [e for e in effects if e.differs]
    if not differing:
        return [Paragraph("Inget öppet ärende och inget exempelinitiativ skulle bedömas annorlunda med förslaget.")]
    rows = tuple((e.name, e.kind, "; ".join(e.differences)) for e in differing)
    columns = (Column("Ärende"), Column("Slag"), Column("Skillnad (nuvarande → föreslagen)"))
    return [Table(columns=columns, rows=rows, caption="Ärenden som skulle bedömas annorlunda", compact=True)]


def pm_document(proposal: Proposal) -> Document:
    blocks: list[Block] = [
        Lines((format_date(proposal.on), proposal.organisation)),
        Heading(f"PM – {proposal.title}", 1, in_contents=False),
        Paragraph(
            f"Förvaltningen föreslår ändringar i riktlinjerna för {proposal.fund_name}. Nedan står för varje "
            f"ändring den nuvarande lydelsen ({proposal.current_name}) och den föreslagna.",
            "lead",
        ),
        Heading("Förslag till ändringar", 2),
    ]
    for number, change in enumerate(proposal.changes, start=1):
        blocks += _change_blocks(number, change)
    if not proposal.changes:
        blocks.append(Paragraph("Förslaget ändrar inget i riktlinjerna."))
    blocks += [Heading("Vad förslaget betyder för ärendena", 2), *_effects_table(proposal.effects)]
    return Document(
        title=f"PM – {proposal.title}",
        blocks=tuple(blocks),
        organisation=proposal.organisation,
        registry_number=proposal.registry_number,
        date=proposal.on,
        kind="PM",
        keywords=("riktlinjer", "PM"),
    )


def tjansteskrivelse_document(proposal: Proposal) -> Document:
    headings = tuple(change.heading for change in proposal.changes)
    blocks: list[Block] = [
        Lines((format_date(proposal.on), proposal.organisation)),
        Heading(proposal.title, 1, in_contents=False),
        Heading("Sammanfattning", 2),
        Paragraph(
            f"Förvaltningen har sett över riktlinjerna för {proposal.fund_name} och föreslår "
            f"{len(proposal.changes)} ändringar. Varje ändring redovisas med nuvarande och föreslagen lydelse "
            "i bifogat PM."
        ),
        ItemList(headings) if headings else Paragraph("Inga ändringar."),
        Heading(f"Förvaltningens förslag till {proposal.adopting_body.lower()}", 2),
        Paragraph(
            f"{proposal.adopting_body} antar förändringar av riktlinjer för {proposal.fund_name} i enlighet med "
            "förvaltningens förslag."
        ),
        Heading("Ärendet", 2),
    ]
    for number, change in enumerate(proposal.changes, start=1):
        blocks += _change_blocks(number, change)
    blocks += [Heading("Konsekvenser för pågående ärenden", 2), *_effects_table(proposal.effects)]
    blocks.append(
        Paragraph(
            "Ärenden som redan kommit in prövas mot de riktlinjer som gällde när de kom in; de ändrade "
            "riktlinjerna gäller från den dag beslutet anger."
        )
    )
    return Document(
        title=proposal.title,
        blocks=tuple(blocks),
        organisation=proposal.organisation,
        registry_number=proposal.registry_number,
        date=proposal.on,
        kind="Tjänsteskrivelse",
        keywords=("riktlinjer", "tjänsteskrivelse"),
    )
