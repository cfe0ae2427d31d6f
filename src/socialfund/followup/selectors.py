"""Reads for the project page and the portfolio: a fixed number of queries per page, whatever the rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.cases.codes import Status
from socialfund.cases.models import Initiative
from socialfund.cases.permissions import visible_initiatives
from socialfund.core.calc.repayment import Plan
from socialfund.core.kolada import SOURCE_LABEL
from socialfund.followup import ledger_bridge
from socialfund.followup.charts import Chart, format_figure, line_chart
from socialfund.followup.codes import OPEN_REPORT_STATUSES, Gender
from socialfund.followup.models import Indicator, Measurement, Project, RealisedSaving, Report, ReportReview
from socialfund.followup.permissions import visible_projects
from socialfund.followup.savings import Outcome, outcome_against_forecast
from socialfund.followup.services.common import project_calculation, project_policy
from socialfund.followup.services.projects import latest_evaluation
from socialfund.kit.refusals import Refusal
from socialfund.ledger.duty import ProjectDuty


@dataclass(frozen=True)
class MeasurementRow:
    measured_on: dt.date
    by_gender: dict[str, Measurement]

    @property
    def total(self) -> Measurement | None:
        return self.by_gender.get(Gender.TOTAL)

    @property
    def female(self) -> Measurement | None:
        return self.by_gender.get(Gender.FEMALE)

    @property
    def male(self) -> Measurement | None:
        return self.by_gender.get(Gender.MALE)


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    rows: list[MeasurementRow]
    chart: Chart | None

    @property
    def has_gender_breakdown(self) -> bool:
        return any(row.female or row.male for row in self.rows)

    @property
    def latest(self) -> Measurement | None:
        totals = [row.total for row in self.rows if row.total is not None]
        return totals[-1] if totals else None


def indicator_view(indicator: Indicator) -> IndicatorView:
    """The measurements as a table (one row per date, T/K/M as columns) and a chart of the totals."""
    by_date: dict[dt.date, dict[str, Measurement]] = defaultdict(dict)
    for measurement in indicator.measurements.all():  # prefetched
        by_date[measurement.measured_on][measurement.gender] = measurement
    rows = [MeasurementRow(day, by_date[day]) for day in sorted(by_date)]
    totals = [(row.measured_on, row.total.value) for row in rows if row.total is not None]
    chart = line_chart(totals, baseline=indicator.baseline_value, target=indicator.target_value)
    return IndicatorView(indicator=indicator, rows=rows, chart=chart)


def project_for_page(*, project_id: int) -> Project:
    return (
        Project.objects.select_related(
            "initiative", "initiative__fund", "initiative__fund__organisation", "initiative__lead_board"
        )
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.select_related("kpi_snapshot").prefetch_related(
                    "measurements__entered_by", "measurements__result_status"
                ),
            ),
            Prefetch("reports", queryset=Report.objects.select_related("submitted_version").order_by("due_on")),
            Prefetch("realised_savings", queryset=RealisedSaving.objects.select_related("board")),
        )
        .get(pk=project_id)
    )


def next_deadline(reports: list[Report]) -> Report | None:
    """The first report the project still owes (late ones first: they are the most urgent)."""
    owed = [r for r in reports if r.status in OPEN_REPORT_STATUSES]
    return min(owed, key=lambda r: r.due_on) if owed else None


def project_outcome(project: Project, *, plans: Mapping[int, Plan] | None = None) -> Outcome | None:
    """Realised savings against the forecast, with the repayment recomputed; None without a calculation.

    The plan held against the savings is the one on the books (`plans`, by initiative,
    when the caller fetched them for many projects at once), else the calculation's own.
    """
    calc = project_calculation(project)
    if calc is None:
        return None
    realised = {(s.board.code, s.year): (s.amount, s.basis) for s in project.realised_savings.all()}
    decided = plans.get(project.initiative_id) if plans is not None else ledger_bridge.adopted_plan(project)
    return outcome_against_forecast(
        calc, realised=realised, rules=project_policy(project).repayment_rules(), decided_plan=decided
    )


@dataclass
class ProjectPage:
    project: Project
    indicators: list[IndicatorView]
    reports: list[Report]
    next_deadline: Report | None
    outcome: Outcome | None
    outcome_error: str
    repayment: ProjectDuty
    evaluation: ReportReview | None
    effect_lines: list[tuple[int, str]] = field(default_factory=list)


def project_page(project: Project) -> ProjectPage:
    try:
        outcome, error = project_outcome(project), ""
    except Refusal as exc:
        outcome, error = None, exc.message
    calc = None if error else project_calculation(project)
    reports = list(project.reports.all())
    return ProjectPage(
        project=project,
        indicators=[indicator_view(i) for i in project.indicators.all()],
        reports=reports,
        next_deadline=next_deadline(reports),
        outcome=outcome,
        outcome_error=error,
        repayment=ledger_bridge.repayment_status(project),
        evaluation=latest_evaluation(project),
        effect_lines=[(i, f"{e.label} ({e.beneficiary})") for i, e in enumerate(calc.effects)] if calc else [],
    )


# -- the portfolio ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioRow:
    project: Project
    next_deadline: Report | None
    overdue_reports: int
    outcome: Outcome | None

    @property
    def realised(self) -> Decimal | None:
        return self.outcome.realised_total if self.outcome and self.outcome.realised_rows else None

    @property
    def forecast(self) -> Decimal | None:
        return self.outcome.forecast_for_realised if self.outcome and self.outcome.realised_rows else None


def portfolio(*, user: User, today: dt.date) -> list[PortfolioRow]:
    projects = list(
        visible_projects(user)
        .select_related("initiative", "initiative__lead_board", "initiative__fund")
        .prefetch_related(
            Prefetch("reports", queryset=Report.objects.order_by("due_on")),
            Prefetch("realised_savings", queryset=RealisedSaving.objects.select_related("board")),
        )
        .order_by("status", "-started_on", "pk")
    )
    plans = ledger_bridge.adopted_plans(p.initiative_id for p in projects)
    rows = []
    for project in projects:
        reports = list(project.reports.all())
        try:
            outcome = project_outcome(project, plans=plans)
        except Refusal:
            outcome = None
        rows.append(
            PortfolioRow(
                project=project,
                next_deadline=next_deadline(reports),
                overdue_reports=sum(1 for r in reports if r.status in OPEN_REPORT_STATUSES and r.due_on < today),
                outcome=outcome,
            )
        )
    return rows


def initiatives_to_start(*, user: User) -> QuerySet[Initiative]:
    """Granted initiatives whose follow-up has not started."""
    return (
        visible_initiatives(user)
        .filter(status=Status.GRANTED, project__isnull=True)
        .select_related("lead_board")
        .order_by("title")
    )


@dataclass(frozen=True)
class ComparisonRow:
    year: int
    own: Decimal | None
    mean: Decimal

    @property
    def own_text(self) -> str:
        return format_figure(self.own) if self.own is not None else "–"

    @property
    def mean_text(self) -> str:
        return format_figure(self.mean)

    @property
    def difference_text(self) -> str:
        if self.own is None:
            return "–"
        difference = self.own - self.mean
        return ("+" if difference > 0 else "") + format_figure(difference)


@dataclass(frozen=True)
class GroupComparison:
    group_id: str
    group_title: str
    members: int
    rows: list[ComparisonRow]
    source: str


def group_comparison(indicator: Indicator) -> GroupComparison | None:
    """The municipality's total per year beside its comparison group's mean (follow-up's GroupMean rows), with
    where the means come from; None before anyone asked Kolada for a group."""
    means = list(indicator.group_means.order_by("year"))
    if not means:
        return None
    own: dict[int, Decimal] = {}
    for measurement in indicator.measurements.filter(gender="T").order_by("measured_on"):
        own[measurement.measured_on.year] = measurement.value  # the year's latest figure
    first = means[0]
    source = (
        f"{SOURCE_LABEL}, {indicator.kolada_kpi}, kommungrupp {first.group_id} ({first.members} kommuner, "
        f"ovägt medelvärde av kommunernas totalvärden), hämtad {timezone.localtime(first.fetched_at).date().isoformat()}"
    )
    return GroupComparison(
        group_id=first.group_id,
        group_title=first.group_title,
        members=first.members,
        rows=[ComparisonRow(m.year, own.get(m.year), m.mean) for m in means],
        source=source,
    )
