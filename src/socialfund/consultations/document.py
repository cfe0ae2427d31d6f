"""The remissammanställning as a document (PDF and Word), in the seed's order and wording."""

from __future__ import annotations

import datetime as dt

from socialfund.consultations.compilation import Compilation, StatementData, join_words
from socialfund.consultations.models import Consultation
from socialfund.core.formatting import format_date
from socialfund.documents.model import (
    Block,
    Column,
    Document,
    Heading,
    ItemList,
    Lines,
    Paragraph,
    Table,
)


def _intro(consultation: Consultation, names: list[str]) -> str:
    document = consultation.document_title
    if consultation.document_date:
        document += f" ({format_date(consultation.document_date)})"
    return (
        f"{consultation.sent_by.name} beslutade {format_date(consultation.decided_on)} att remittera "
        f"{document} till {join_words(names)} för besvarande senast {format_date(consultation.deadline)}. "
        "Följande frågeställningar ska remissen besvara:"
    )


def _additions_table(additions: tuple[tuple[str, str, str], ...]) -> Table:
    """Each board's additions, and the administration's answer beside them when one is recorded."""
    answered = any(answer for _, _, answer in additions)
    columns: tuple[Column, ...] = (Column("Remissinstans"), Column("Tillägg"))
    if answered:
        columns += (Column("Förvaltningens svar"),)
    rows = tuple((code, text, answer or "–") if answered else (code, text) for code, text, answer in additions)
    return Table(columns=columns, rows=rows, caption="Tillägg per remissinstans", sheet="Tillägg")


def _statement_rows(items: tuple[tuple[str, StatementData], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((code, f"{s.text} {s.summary}".strip()) for code, s in items)


def _text_table(caption: str, rows: tuple[tuple[str, str], ...]) -> Table:
    # The heading above names the section; the caption says what the rows are, so the two do not repeat.
    return Table(
        columns=(Column("Remissinstans"), Column("Text")),
        rows=rows,
        caption=f"{caption} per remissinstans",
        sheet=caption,
    )


def answer_table(compilation: Compilation) -> Table:
    columns = tuple(Column(title) for title in compilation.header)
    return Table(
        columns=columns,
        rows=compilation.rows,
        caption="Remissvaren i tabellform",
        sheet="Remissvaren",
        compact=True,
        keep_together=True,
    )


def compilation_document(consultation: Consultation, compilation: Compilation, *, on: dt.date) -> Document:
    names = [recipient.display_name for recipient in consultation.recipients.all()]
    blocks: list[Block] = [
        Lines(tuple(line for line in (format_date(on), consultation.office) if line)),
        Lines((consultation.sent_by.name,)),
        Heading(f"{consultation.title} – Remissammanställning", 1, in_contents=False),
        Paragraph(_intro(consultation, names)),
        ItemList(tuple(consultation.questions)),
        *_consulted_on(consultation),
        Paragraph(f"{compilation.answered} remissvar har kommit in till {format_date(on)}."),
        Heading("Remissvaren", 2),
        Heading("Sammanfattning", 3),
        *(Paragraph(line) for line in compilation.summary),
        Heading("Sammanställning", 3),
        answer_table(compilation),
    ]
    if compilation.additions:
        blocks += [Heading("Tillägg till utvärderingens slutsatser", 3), _additions_table(compilation.additions)]
    if compilation.reservations:
        blocks += [Heading("Reservationer", 3), _text_table("Reservationer", _statement_rows(compilation.reservations))]
    if compilation.separate_statements:
        rows = _statement_rows(compilation.separate_statements)
        blocks += [Heading("Särskilda yttranden", 3), _text_table("Särskilda yttranden", rows)]
    blocks += [Heading("Har inte svarat", 3)]
    if compilation.not_answered:
        blocks.append(ItemList(compilation.not_answered))
    else:
        blocks.append(Paragraph("Samtliga remissinstanser har svarat."))
    blocks.append(_signature(consultation))
    return Document(
        title=f"{consultation.title} – Remissammanställning",
        blocks=tuple(blocks),
        organisation=consultation.organisation.name,
        registry_number=consultation.registry_number,
        date=on,
        kind="Remissammanställning",
        keywords=("remiss", "remissammanställning"),
    )


def _consulted_on(consultation: Consultation) -> list[Block]:
    """What was sent on consultation (the current and proposed wording), in the consultation's own words."""
    parts = [part.strip() for part in consultation.consulted_on.split("\n\n") if part.strip()]
    return [Heading("Vad remissen gäller", 2), *(Paragraph(part) for part in parts)] if parts else []


def _signature(consultation: Consultation) -> Lines:
    lines = [
        consultation.handler_name,
        consultation.handler_title,
        consultation.handler_unit,
        f"Telefon (direkt): {consultation.handler_phone}" if consultation.handler_phone else "",
        f"E-post: {consultation.handler_email}" if consultation.handler_email else "",
    ]
    return Lines(tuple(line for line in lines if line))
