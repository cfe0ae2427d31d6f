"""What the open datasets are built from: each granted project with its decision, the money between the fund and
the boards, and its aggregate outcomes. Reads only; one pass over the fund."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from socialfund.cases.models import Decision, DecisionAmount
from socialfund.followup.codes import Gender
from socialfund.followup.models import Indicator, Measurement, OutcomeMetric, Project
from socialfund.followup.provenance import measurement_source
from socialfund.funds.models import Fund
from socialfund.ledger.models import PayoutOrder, Repayment


@dataclass(frozen=True)
class Flow:
    """Money between the fund and a board: a payout (the grant paid) or a repayment (återföring)."""

    day: dt.date
    board_code: str
    board_name: str
    amount: Decimal
    reference: str


@dataclass(frozen=True)
class Result:
    """One aggregate figure of the indicator an outcome metric is measured by."""

    measured_on: dt.date
    value: Decimal
    unit: str
    baseline: Decimal
    target: Decimal | None
    source: str
    status: str
    validated_by: str


@dataclass
class PublicGrant:
    initiative_id: int
    title: str
    summary: str
    board_code: str
    board_name: str
    decision_body: str
    decided_on: dt.date
    paragraph: str
    registry_number: str
    decision_text: str
    amounts: tuple[tuple[int, Decimal], ...]
    project: Project | None = None
    metrics: list[tuple[OutcomeMetric, list[Result]]] = field(default_factory=list)
    payouts: list[Flow] = field(default_factory=list)
    repayments: list[Flow] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.amounts), Decimal(0))

    @property
    def paid(self) -> Decimal:
        return sum((flow.amount for flow in self.payouts), Decimal(0))

    @property
    def repaid(self) -> Decimal:
        return sum((flow.amount for flow in self.repayments), Decimal(0))


def public_grants(fund: Fund) -> list[PublicGrant]:
    decisions = (
        Decision.objects.filter(initiative__fund=fund, outcome="granted")
        .select_related("initiative__lead_board", "body")
        .prefetch_related(Prefetch("amounts", queryset=DecisionAmount.objects.order_by("year")))
        .order_by("decided_on", "initiative__title")
    )
    grants = {
        d.initiative_id: PublicGrant(
            initiative_id=d.initiative_id,
            title=d.initiative.title,
            summary=d.initiative.summary,
            board_code=d.initiative.lead_board.code if d.initiative.lead_board else "",
            board_name=d.initiative.lead_board.display_name if d.initiative.lead_board else "",
            decision_body=d.body.name,
            decided_on=d.decided_on,
            paragraph=d.paragraph,
            registry_number=d.initiative.registry_number,
            decision_text=d.text,
            amounts=tuple((a.year, a.amount) for a in d.amounts.all()),
        )
        for d in decisions
    }
    _add_money(fund, grants)
    _add_outcomes(grants)
    return list(grants.values())


def _add_money(fund: Fund, grants: dict[int, PublicGrant]) -> None:
    """Payouts and repayments whose booking was not reversed (a reversed entry never happened, for the public)."""
    payouts = (
        PayoutOrder.objects.filter(fund=fund, initiative_id__in=grants)
        .exclude(transactions__reversed_by__isnull=False)
        .select_related("board")
        .order_by("paid_on", "pk")
    )
    for p in payouts:
        flow = Flow(p.paid_on, p.board.code, p.board.display_name, p.amount, p.reference)
        grants[p.initiative_id].payouts.append(flow)
    repayments = (
        Repayment.objects.filter(fund=fund, initiative_id__in=grants)
        .exclude(transactions__reversed_by__isnull=False)
        .select_related("board")
        .order_by("received_on", "pk")
    )
    for r in repayments:
        flow = Flow(r.received_on, r.board.code, r.board.display_name, r.amount, r.reference)
        grants[r.initiative_id].repayments.append(flow)


def _add_outcomes(grants: dict[int, PublicGrant]) -> None:
    projects = Project.objects.filter(initiative_id__in=grants).prefetch_related(
        Prefetch(
            "outcome_metrics",
            queryset=OutcomeMetric.objects.select_related("indicator__kpi_snapshot").prefetch_related(
                Prefetch(
                    "indicator__measurements",
                    queryset=Measurement.objects.filter(gender=Gender.TOTAL).select_related("result_status"),
                )
            ),
        )
    )
    for project in projects:
        grant = grants[project.initiative_id]
        grant.project = project
        for metric in project.outcome_metrics.all():  # reverse relation
            grant.metrics.append((metric, _results(metric.indicator)))


def _results(indicator: Indicator | None) -> list[Result]:
    if indicator is None:
        return []
    results = []
    for m in indicator.measurements.all():
        row = getattr(m, "result_status", None)
        results.append(
            Result(
                measured_on=m.measured_on,
                value=m.value,
                unit=indicator.unit,
                baseline=indicator.baseline_value,
                target=indicator.target_value,
                source=measurement_source(m),
                status=row.status if row else "reported",
                validated_by=row.validated_by if row else "",
            )
        )
    return sorted(results, key=lambda r: r.measured_on)
