"""The fund's klassificeringsstruktur: a default in the shape of KLASSA (SKR's model for municipalities).

A municipality with its own structure edits the headings in the admin; registration files each handling
under the heading whose record types include the handling's type.
"""

from __future__ import annotations

from socialfund.funds.models import Fund
from socialfund.records.codes import RecordType
from socialfund.records.models import Classification

DEFAULT_STRUCTURE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "2.5.1",
        "Ta emot och bereda idéer och ansökningar om medel ur den sociala investeringsfonden",
        (
            RecordType.IDEA,
            RecordType.APPLICATION,
            RecordType.ATTACHMENT,
            RecordType.OPINION,
            RecordType.MEMO,
            RecordType.LETTER,
        ),
    ),
    ("2.5.2", "Besluta om medel ur den sociala investeringsfonden", (RecordType.DECISION,)),
    ("2.5.3", "Följa upp sociala investeringar", (RecordType.PROJECT_REPORT, RecordType.ANNUAL_REPORT)),
    ("1.3.2", "Remittera och besvara remisser", (RecordType.CONSULTATION, RecordType.CONSULTATION_ANSWER)),
)


def classification_structure_ensure(fund: Fund) -> None:
    """Give a fund the default structure if it has none (a fund's own edits are left alone)."""
    if Classification.objects.filter(fund=fund).exists():
        return
    Classification.objects.bulk_create(
        [
            Classification(fund=fund, code=code, title=title, record_types=list(types))
            for code, title, types in DEFAULT_STRUCTURE
        ]
    )


def classification_for(fund: Fund, record_type: str) -> Classification | None:
    classification_structure_ensure(fund)
    for heading in Classification.objects.filter(fund=fund):
        if record_type in heading.record_types:
            return heading
    return None
