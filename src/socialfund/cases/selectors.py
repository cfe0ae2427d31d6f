"""Reads of initiatives for lists and dashboards. A fixed number of queries, whatever the rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from socialfund.cases.codes import DEFAULT_STAGE_ORDER, Status, stage_name
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund


@dataclass(frozen=True)
class StageCount:
    code: str
    name: str
    count: int


@dataclass(frozen=True)
class StatusCount:
    code: str
    name: str
    count: int


def initiative_stage_counts(*, fund: Fund) -> list[StageCount]:
    """Active initiatives per stage, in process order (one query)."""
    rows = Initiative.objects.filter(fund=fund, status=Status.ACTIVE).values("stage").annotate(n=Count("id")).order_by()
    counts = {row["stage"]: row["n"] for row in rows}
    order = {code: i for i, code in enumerate(DEFAULT_STAGE_ORDER)}
    return [
        StageCount(code=code, name=stage_name(code), count=counts[code])
        for code in sorted(counts, key=lambda c: (order.get(c, len(order)), c))
    ]


def initiative_status_counts(*, fund: Fund) -> list[StatusCount]:
    """Initiatives per status (pågående, beviljad, återkallad, avvisad…), one query."""
    rows = Initiative.objects.filter(fund=fund).values("status").annotate(n=Count("id")).order_by()
    counts = {row["status"]: row["n"] for row in rows}
    return [
        StatusCount(code=status.value, name=str(status.label), count=counts[status.value])
        for status in Status
        if status.value in counts
    ]


def initiatives_for_fund(*, fund: Fund) -> QuerySet[Initiative]:
    return Initiative.objects.filter(fund=fund).select_related("lead_board").order_by("-filed_on", "title")
