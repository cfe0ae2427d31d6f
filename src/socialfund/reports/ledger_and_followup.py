"""The adapter to the ledger (socialfund.ledger) and follow-up (socialfund.followup): the one module of
the reports that knows their selectors, so that a change there is mended here only.

Each function returns plain values (dataclasses of Decimals, dates and strings) or None
when the app is not installed; the reports then say that the part is missing instead of
failing. Reads only: nothing here writes to the books or the projects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Q

from socialfund.accounts.models import User
from socialfund.funds.models import Fund
from socialfund.kit.refusals import Refusal
from socialfund.ledger.permissions import may_read_books

if TYPE_CHECKING:  # follow-up is optional: imported only where it is installed
    from socialfund.followup.outcome_selectors import OutcomeSummary
    from socialfund.ledger.duty import ProjectDuty as ProjectMoney
    from socialfund.ledger.position import FundPosition

ZERO = Decimal(0)


def ledger_installed() -> bool:
    return apps.is_installed("socialfund.ledger")


def followup_installed() -> bool:
    return apps.is_installed("socialfund.followup")


def fund_position(fund: Fund, on: dt.date) -> FundPosition | None:
    """The fund's books at a date: the ledger's one read model (ledger.position.fund_position), not a copy,
    so the ledger's page, the API, the April report and its annex show the same figures."""
    if not ledger_installed():
        return None
    from socialfund.ledger.position import fund_position as ledger_position

    return ledger_position(fund, on)


def fund_positions(fund: Fund, days: Iterable[dt.date]) -> dict[dt.date, FundPosition] | None:
    """The fund's books at each of `days`, each day read once through `fund_position`: the April report shows
    its year's start and end and each year's close (and forecasts from the end), twelve readings of nine days
    before (issue 22); it reads them here once and every figure takes its position from this one map."""
    if not ledger_installed():
        return None
    from socialfund.ledger.position import fund_position as ledger_position

    return {day: ledger_position(fund, day) for day in sorted(set(days))}


def no_money() -> ProjectMoney:
    """A project with nothing in the books yet."""
    from socialfund.ledger.duty import ProjectDuty

    return ProjectDuty()


def project_money(fund: Fund, on: dt.date) -> dict[int, ProjectMoney] | None:
    """Every project's figures (ledger.duty, the one place that computes a project's remaining duty)."""
    if not ledger_installed():
        return None
    from socialfund.ledger.duty import fund_duties

    return fund_duties(fund, on)


@dataclass(frozen=True)
class DutyLine:
    project: str
    board: str
    year: int
    planned: Decimal
    settled: Decimal
    waived: Decimal
    remaining: Decimal
    overdue: bool


def duties(fund: Fund, on: dt.date) -> list[DutyLine] | None:
    if not ledger_installed():
        return None
    from socialfund.ledger.position import duty_rows

    return [
        DutyLine(d.initiative, d.board, d.year, d.planned, d.settled, d.waived, d.remaining, d.overdue)
        for d in duty_rows(fund, on, Q())
    ]


@dataclass(frozen=True)
class WaiverLine:
    project: str
    board: str
    decided_on: dt.date
    decision: str
    effects: str
    amount: Decimal | None


def waivers(fund: Fund, start: dt.date, end: dt.date) -> list[WaiverLine] | None:
    """Repayment duties waived after special review (särskild prövning) in the period."""
    if not ledger_installed():
        return None
    from socialfund.ledger.models import Waiver

    rows = (
        Waiver.objects.filter(initiative__fund=fund, decided_on__gte=start, decided_on__lte=end)
        .select_related("initiative", "board", "body")
        .order_by("decided_on", "pk")
    )
    return [
        WaiverLine(
            project=w.initiative.title,
            board=w.board.code if w.board else "alla",
            decided_on=w.decided_on,
            decision=f"{w.body.code} {w.decided_on.isoformat()} {w.paragraph}",
            effects=str(w.get_effects_display()),
            amount=getattr(w, "amount", None),
        )
        for w in rows
    ]


@dataclass(frozen=True)
class ExceptionLine:
    project: str
    decision: str
    limits: str
    reason: str


def repayment_exceptions(fund: Fund, end: dt.date) -> list[ExceptionLine]:
    """Grants decided with an exception from the repayment limits ("under särskilda omständigheter"), up to `end`."""
    from socialfund.cases.models import RepaymentException
    from socialfund.record_language import in_record_language

    rows = (
        RepaymentException.objects.filter(decision__initiative__fund=fund, decision__decided_on__lte=end)
        .select_related("decision__initiative", "decision__body")
        .order_by("decision__decided_on", "pk")
    )
    return [
        ExceptionLine(
            project=e.decision.initiative.title,
            decision=f"{e.decision.body.code} {e.decision.decided_on.isoformat()} {e.decision.paragraph}",
            limits="; ".join(in_record_language(label) for label in e.limit_labels_lazy),
            reason=e.reason,
        )
        for e in rows
    ]


@dataclass(frozen=True)
class SuccessionLine:
    board: str
    successor: str
    effective_on: dt.date
    decision: str
    moved: Decimal
    lapsed: Decimal


def successions(fund: Fund, start: dt.date, end: dt.date) -> list[SuccessionLine] | None:
    """Boards that ended in the period: their duties moved to the successor, or lapsed (the fund's owner)."""
    if not ledger_installed():
        return None
    from socialfund.ledger.models import BoardSuccession
    from socialfund.ledger.services.succession import succession_totals

    rows = (
        BoardSuccession.objects.filter(
            board__organisation_id=fund.organisation_id, effective_on__gte=start, effective_on__lte=end
        )
        .select_related("board", "successor", "body")
        .order_by("effective_on", "pk")
    )
    lines = []
    for s in rows:
        moved, lapsed = succession_totals(s)
        lines.append(
            SuccessionLine(
                board=s.board.name or s.board.code,
                successor=(s.successor.name or s.successor.code) if s.successor else "kommunstyrelsen (fondens ägare)",
                effective_on=s.effective_on,
                decision=f"{s.body.code} {s.decided_on.isoformat()} {s.paragraph}",
                moved=moved,
                lapsed=lapsed,
            )
        )
    return lines


@dataclass(frozen=True)
class Scenario:
    name: str
    years: tuple[int, ...]
    p10: tuple[float, ...]
    p50: tuple[float, ...]
    p90: tuple[float, ...]
    dry_share: float
    runs: int
    assumptions: Any = None
    """The fund's forecast assumptions the scenario was computed with (`ledger.forecast.ForecastAssumptions`)."""


def survival(
    fund: Fund, *, today: dt.date, opening_available: Decimal | None = None, runs: int | None = None
) -> list[Scenario] | None:
    """The fund's forecast (`ledger.forecast`, the projection page's too), with and without repayment.

    `runs` below the fund's own is only for tests that need speed; the report leaves it to the fund."""
    if not ledger_installed():
        return None
    from socialfund.ledger.forecast import assumptions_of, fund_forecast

    assumptions = assumptions_of(fund)
    if runs is not None and runs < assumptions.runs:
        assumptions = dataclasses.replace(assumptions, runs=runs)
    opening = float(opening_available) if opening_available is not None else None
    result = []
    for name, outcome in fund_forecast(fund, on=today, assumptions=assumptions, opening_available=opening):
        result.append(
            Scenario(
                name=name,
                years=tuple(outcome.years),
                p10=outcome.p10,
                p50=outcome.p50,
                p90=outcome.p90,
                dry_share=1 - outcome.never_dry / outcome.runs,
                runs=outcome.runs,
                assumptions=assumptions,
            )
        )
    return result


# -- follow-up ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorLine:
    project: str
    name: str
    unit: str
    lower_is_better: bool
    baseline: Decimal
    target: Decimal | None
    latest: Decimal | None
    latest_on: dt.date | None

    @property
    def reached(self) -> bool | None:
        if self.target is None or self.latest is None:
            return None
        return self.latest <= self.target if self.lower_is_better else self.latest >= self.target


@dataclass
class ProjectFollowup:
    status: str
    started_on: dt.date
    ends_on: dt.date
    forecast: Decimal | None = None
    realised: Decimal | None = None
    indicators: list[IndicatorLine] = field(default_factory=list)
    final_report: dict[str, str] | None = None
    # Forecast against outcome: the calculation re-estimated from the measured outcomes (issue 27).
    outcome_forecast: OutcomeSummary | None = None


def followup_by_initiative(fund: Fund) -> dict[int, ProjectFollowup] | None:
    """Each followed-up project's status, indicators against target and savings against forecast."""
    if not followup_installed():
        return None
    from django.db.models import Prefetch

    from socialfund.followup.models import Indicator, Project, RealisedSaving

    projects = (
        Project.objects.filter(initiative__fund=fund)
        .select_related("initiative")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("measurements")),
            Prefetch("realised_savings", queryset=RealisedSaving.objects.select_related("board")),
            "reports__submitted_version",
        )
    )
    from socialfund.followup.services.common import calculations_read_once

    with calculations_read_once():
        return {project.initiative_id: _followup(project) for project in projects}


def _followup(project: object) -> ProjectFollowup:
    from socialfund.followup.selectors import project_outcome

    p = project
    outcome = None
    if p.realised_savings.all():  # type: ignore[attr-defined]  # nothing realised: no comparison to compute
        try:
            outcome = project_outcome(project)  # type: ignore[arg-type]
        except Refusal:
            outcome = None
    lines = [_indicator(p.initiative.title, indicator) for indicator in p.indicators.all()]  # type: ignore[attr-defined]
    return ProjectFollowup(
        status=str(p.get_status_display()),  # type: ignore[attr-defined]
        started_on=p.started_on,  # type: ignore[attr-defined]
        ends_on=p.ends_on,  # type: ignore[attr-defined]
        forecast=outcome.forecast_for_realised if outcome and outcome.realised_rows else None,
        realised=outcome.realised_total if outcome and outcome.realised_rows else None,
        indicators=lines,
        final_report=_final_report(p),
        outcome_forecast=_outcome_forecast(project),
    )


def _outcome_forecast(project: object) -> OutcomeSummary | None:
    from socialfund.core.calc.errors import CalculationInputError
    from socialfund.followup.outcome_selectors import outcome_summary

    try:
        return outcome_summary(project)  # type: ignore[arg-type]
    except (Refusal, CalculationInputError):
        return None


def _indicator(project: str, indicator: object) -> IndicatorLine:
    totals = [m for m in indicator.measurements.all() if m.gender == "T"]  # type: ignore[attr-defined]
    latest = max(totals, key=lambda m: m.measured_on) if totals else None
    i = indicator
    return IndicatorLine(
        project=project,
        name=i.name,  # type: ignore[attr-defined]
        unit=i.unit,  # type: ignore[attr-defined]
        lower_is_better=i.lower_is_better,  # type: ignore[attr-defined]
        baseline=i.baseline_value,  # type: ignore[attr-defined]
        target=i.target_value,  # type: ignore[attr-defined]
        latest=latest.value if latest else None,
        latest_on=latest.measured_on if latest else None,
    )


def _final_report(project: object) -> dict[str, str] | None:
    """The approved final report's four PDSA parts: a public document once approved."""
    for report in project.reports.all():  # type: ignore[attr-defined]
        version = report.submitted_version
        if report.kind == "final" and report.status == "approved" and version is not None:
            return {"Planera": version.plan, "Göra": version.do, "Studera": version.study, "Agera": version.act}
    return None


# -- list exports ---------------------------------------------------------------------------------------


def may_see_ledger(user: User) -> bool:
    """The ledger's own rule for who reads the books (socialfund.ledger.permissions), not a copy of it."""
    return may_read_books(user)


def ledger_entries(fund: Fund, start: dt.date, end: dt.date) -> list[tuple[Any, ...]] | None:
    """One row per leg of each booked verification in the period (the ledger's own XLSX columns)."""
    if not ledger_installed():
        return None
    from socialfund.ledger.codes import AccountKind, TransactionKind
    from socialfund.ledger.export import Period, period_transactions

    rows: list[tuple[Any, ...]] = []
    for txn in period_transactions(fund, Period(start, end)):
        for entry in txn.entries.all():
            account = entry.account
            rows.append(
                (
                    txn.number,
                    txn.booked_on,
                    str(TransactionKind(txn.kind).label),
                    txn.text,
                    str(AccountKind(account.kind).label),
                    account.board.code if account.board else "",
                    account.initiative.title if account.initiative else "",
                    account.year,
                    entry.debit,
                    entry.credit,
                )
            )
    return rows


def visible_project_ids(user: User, fund: Fund) -> list[int] | None:
    if not followup_installed():
        return None
    from socialfund.followup.permissions import visible_projects

    return list(visible_projects(user).filter(initiative__fund=fund).values_list("initiative_id", flat=True))
