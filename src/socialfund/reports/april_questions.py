"""The April report's answers to the evaluation's questions, each from the data (issue 19).

The 2014 evaluation and its consultation asked: what became of the applications and why; whether
the guidelines' demands are reasonable; how projects use knowledge-based methods and who evaluates
them; whether the economic construction (repayment) holds; implementation; the role of external
actors and procurement (LOU); and whether the fund is known in the organisation. Each section
below counts what the system holds; it never states more than the records do.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from socialfund.cases.codes import Status
from socialfund.core.formatting import format_date, format_percent, format_sek
from socialfund.documents.model import Block, Cell, Column, Heading, Paragraph, Table
from socialfund.reports.april_data import AprilData, InitiativeLine, ProjectAnswers

ZERO = Decimal(0)
CLOSED_BY_RULES = (Status.REFUSED, Status.ADVISED_AGAINST, Status.REJECTED)
# Withdrawal reasons that name a demand of the guidelines (the rest are about anchoring or other things).
DEMAND_REASONS = ("Risk att inte kunna återföra medlen", "Kraven på uppföljning och utvärdering")
PROCUREMENT_REASON = "Kravet på upphandling enligt LOU"


def question_sections(data: AprilData) -> list[Block]:
    lines = data.initiatives
    return [
        Heading("Utvärderingens frågor"),
        Paragraph(
            "Avsnittet besvarar utvärderingens frågor med det systemet har registrerat till och med "
            f"{format_date(data.as_of)}, så som det var känt {format_date(data.prepared_on)}."
        ),
        *_applications(data, lines),
        *_demands(lines),
        *_methods(data),
        *_economy(data),
        *_implementation(data),
        *_external(lines),
        *_knowledge(lines),
    ]


def _applications(data: AprilData, lines: list[InitiativeLine]) -> list[Block]:
    years = sorted({line.filed_on.year for line in lines if line.filed_on})
    statuses = [
        (Status.ACTIVE, "Pågående"),
        (Status.WITHDRAWN, "Återkallade"),
        (Status.REFUSED, "Avvisade"),
        (Status.ADVISED_AGAINST, "Avrådda"),
        (Status.GRANTED, "Beviljade"),
        (Status.REJECTED, "Avslagna"),
    ]
    rows: list[tuple[Cell, ...]] = []
    for year in years:
        of_year = [line for line in lines if line.filed_on and line.filed_on.year == year]
        counts = Counter(line.status for line in of_year)
        rows.append((str(year), len(of_year), *(counts[code] for code, _ in statuses)))
    total = Counter(line.status for line in lines)
    rows.append(("Summa", len(lines), *(total[code] for code, _ in statuses)))
    blocks: list[Block] = [
        Heading("Ansökningar och utfall", 2),
        Table(
            columns=(Column("År"), Column("Inkomna", "number"), *(Column(label, "number") for _, label in statuses)),
            rows=tuple(rows),
            caption="Initiativ per år då de kom in, efter utfall",
            sheet="Initiativ per år",
            total=True,
        ),
    ]
    rules = Counter(rule for line in lines for rule in line.failed_rules)
    if rules:
        blocks.append(
            Table(
                columns=(Column("Regel"), Column("Initiativ", "number")),
                rows=tuple(rules.most_common()),
                caption="Regler som avvisade initiativ eller ledde till avrådan",
                sheet="Regler vid avvisning",
            )
        )
    reasons = Counter(reason for line in lines for reason in line.withdrawal_reasons)
    if reasons:
        blocks.append(
            Table(
                columns=(Column("Skäl"), Column("Initiativ", "number")),
                rows=tuple(reasons.most_common()),
                caption="Skäl till återkallelse (ett initiativ kan ange flera)",
                sheet="Skäl till återkallelse",
            )
        )
    return blocks


def _demands(lines: list[InitiativeLine]) -> list[Block]:
    withdrawn = [line for line in lines if line.status == Status.WITHDRAWN]
    texts = []
    for reason in DEMAND_REASONS:
        count = sum(1 for line in withdrawn if reason in line.withdrawal_reasons)
        texts.append(f"{count} av {len(withdrawn)} återkallade initiativ angav {reason[0].lower()}{reason[1:]}")
    refused = [line for line in lines if line.status in CLOSED_BY_RULES]
    return [
        Heading("Har riktlinjerna rimliga krav?", 2),
        Paragraph(
            "; ".join(texts) + f". {len(refused)} initiativ avvisades eller avråddes med stöd av riktlinjernas "
            "regler (tabellen ovan)."
            if withdrawn or refused
            else "Inget initiativ har återkallats eller avvisats."
        ),
    ]


def _answers_by_initiative(data: AprilData) -> list[ProjectAnswers]:
    """Each granted initiative's answers once, however many grant decisions it has."""
    return list({p.initiative_id: p.answers for p in data.projects}.values())


def _methods(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Kunskapsbaserade metoder och utvärdering", 2)]
    if not data.projects:
        return [*blocks, Paragraph("Inget projekt har beviljats: ingen utvärdering pågår.")]
    answers = _answers_by_initiative(data)
    methods = Counter(a.method for a in answers)
    evaluators = Counter(a.evaluator for a in answers)
    # Summarised: each project on its own line is in the annex.
    return [
        *blocks,
        Table(
            columns=(Column("Metod och utvärdering"), Column("Projekt", "number")),
            rows=tuple(methods.most_common()) + tuple(evaluators.most_common()),
            caption="Projektens metod och vem som utvärderar",
            sheet="Metod och utvärdering",
        ),
    ]


def _economy(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Den ekonomiska konstruktionen", 2)]
    end = data.position_end
    if end is None:
        return [*blocks, Paragraph("Fondens bokföring finns inte i systemet.")]
    due = sum((d.planned for d in data.duties or [] if d.year <= data.year), ZERO)
    text = (
        f"Förfallen återföring till och med {data.year}: {format_sek(due)}; återfört hittills "
        f"{format_sek(end.returned)}; eftergivet {format_sek(end.waived)}. {len(data.exceptions)} beviljade "
        "projekt har undantag från återföringskravet beslutat av kommunstyrelsen."
    )
    if data.scenarios:
        shares = "; ".join(f"{s.name}: {format_percent(s.dry_share)}" for s in data.scenarios)
        text += f" Andel av prognosens framtider där fonden tar slut ({shares}); se prognosen nedan."
    return [*blocks, Paragraph(text)]


def _implementation(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Implementering", 2)]
    if not data.projects:
        return [*blocks, Paragraph("Inget projekt har beviljats: inget ska ännu implementeras.")]
    with_plan = sum(1 for a in _answers_by_initiative(data) if a.has_implementation_plan)
    return [
        *blocks,
        Paragraph(f"{with_plan} av {len(data.projects)} beviljade projekt har en plan för implementering."),
    ]


def _external(lines: list[InitiativeLine]) -> list[Block]:
    external = [line for line in lines if line.external]
    stopped = [line for line in lines if PROCUREMENT_REASON in line.withdrawal_reasons]
    return [
        Heading("Externa aktörers roll och LOU", 2),
        Paragraph(
            f"{len(external)} av {len(lines)} initiativ kom från aktörer utanför kommunens organisation. "
            f"{len(stopped)} avbröts med kravet på upphandling enligt LOU som skäl. En extern aktör kan inte "
            "söka själv: en nämnd ansöker och kan upphandla uppdraget."
        ),
    ]


def _knowledge(lines: list[InitiativeLine]) -> list[Block]:
    external = [line for line in lines if line.external]
    refused = [line for line in external if line.status in CLOSED_BY_RULES]
    share = format_percent(Decimal(len(refused)) / len(external)) if external else "–"
    return [
        Heading("Kännedom om fonden", 2),
        Paragraph(
            f"{len(external)} idéer kom utifrån; {len(refused)} av dem ({share}) avvisades eller avråddes "
            "för att de inte stämde med fondens syfte eller regler, vilket tyder på missuppfattningar om "
            "vad fonden ger."
        ),
    ]
