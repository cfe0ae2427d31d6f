"""What the April follow-up reports, gathered once as plain values for every format.

"Den sociala investeringsfonden ska följas upp årligen och rapporten lämnas under april
månad. Ansvarig för uppföljningen är kommunstyrelsens kontor." (tjänsteskrivelsen
2015-10-26). The report for year Y shows the books at Y-12-31, the initiatives received
up to then, every granted project, the survival projection and other funds' rules. For a
year not yet over it shows the same at the day it is drawn up, and says it is preliminary.
What became of each initiative is what was known on the day the report is dated (as the
seed's lists of initiatives do), read from each case's history (`case_state`), not today's
status; a grant decided after the year is said to belong to the next year's projects. The
report for year Y is dated the last day of April Y+1 (when it is due), or today while that
day has not come (`report_date`), so that a past year's report reads the same every time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from socialfund.cases.codes import Status, WithdrawalReason
from socialfund.cases.content import implementation_plan_in
from socialfund.cases.models import Decision, DecisionAmount, Initiative
from socialfund.cases.workflow import fund_policy_if_any, policy_if_any
from socialfund.core.formatting import format_date
from socialfund.core.policy import Policy, list_policies
from socialfund.funds.models import Fund
from socialfund.replica import reads_from_replica
from socialfund.reports import ledger_and_followup
from socialfund.reports.case_state import states_on
from socialfund.reports.models import ReportText
from socialfund.reports.official import in_the_record, official_record

if TYPE_CHECKING:
    from socialfund.ledger.duty import ProjectDuty
    from socialfund.ledger.position import FundPosition

ZERO = Decimal(0)
COMPARISON_FUNDS_PER_TABLE = 4
# The dimensions the seed's comparison tables speak of (utvärderingen s. 7–9), from the policies' many.
COMPARISON_DIMENSIONS = (
    "Start",
    "Finansiering",
    "Kapital",
    "Medel per år",
    "Målgrupper",
    "Sökande",
    "Externa får komma med idéer",
    "Beslut om investering",
    "Beredning",
    "Kunskapsbas",
    "Uppföljning och utvärdering",
    "Socioekonomisk beräkning",
    "Återföring",
    "Undantag från återföring",
    "Implementering",
)


@dataclass(frozen=True)
class InitiativeLine:
    title: str
    initiator: str
    board: str
    filed_on: dt.date | None
    stage: str
    stage_code: str
    status: str
    status_label: str
    reason: str
    granted_on: dt.date | None = None
    withdrawal_reasons: tuple[str, ...] = ()
    failed_rules: tuple[str, ...] = ()
    """The rules' titles, for a refusal."""
    external: bool = False
    initiator_type: str = ""


@dataclass(frozen=True)
class YearFlow:
    year: int
    granted: Decimal
    paid: Decimal
    returned: Decimal
    waived: Decimal
    available_at_end: Decimal


@dataclass
class ProjectLine:
    initiative_id: int
    title: str
    board: str
    decision: str
    granted_by_decision: Decimal
    status: str
    money: ProjectDuty | None
    followup: ledger_and_followup.ProjectFollowup | None
    answers: ProjectAnswers = field(default_factory=lambda: ProjectAnswers())


@dataclass(frozen=True)
class ProjectAnswers:
    """What the report's questions read from a project's application (its official record, without what the
    demo assumed): read here once, with the project's row, instead of reading every application again for
    each question (two more queries and 200 application parses for 200 projects, issue 22)."""

    method: str = "Anges inte"
    evaluator: str = "Anges inte"
    has_implementation_plan: bool = False


def project_answers(initiative: Initiative) -> ProjectAnswers:
    content = official_record(initiative).content or {}
    method = content.get("method") or {}
    evaluation = content.get("evaluation") or {}
    if evaluation.get("external_party"):
        evaluator = f"Extern part: {evaluation['external_party']}"
    elif evaluation.get("standardized_instrument"):
        evaluator = "Standardiserat instrument"
    else:
        evaluator = "Anges inte"
    plan = implementation_plan_in(content)  # as the application reads it: a value that does not parse is none
    return ProjectAnswers(
        method="Dokumenterad metod" if method.get("documented") else ("Ny metod" if method else "Anges inte"),
        evaluator=evaluator,
        has_implementation_plan=bool(plan),
    )


@dataclass(frozen=True)
class YearlyDuty:
    month: int | None
    responsible: str
    adopted: bool
    """False: only proposed by the report's date (the 2015 proposal), not decided."""
    since: dt.date | None


def yearly_duty(policy: Policy | None, own_key: str | None, on: dt.date) -> YearlyDuty | None:
    """The yearly fund report the guidelines in force ask for, or failing that, a proposal of them made by
    `on`; None before either (Södertälje 2013 asked for one evaluation after the first year)."""
    for candidate, adopted in ((policy, True), (_proposal(own_key, on), False)):
        if candidate is None:
            continue
        for duty in candidate.reporting or ():
            if duty.scope == "fund" and duty.frequency == "yearly":
                since = candidate.in_force_from if adopted else candidate.adopted.proposal_date
                return YearlyDuty(duty.month, duty.responsible or "", adopted, since)
    return None


def _proposal(own_key: str | None, on: dt.date) -> Policy | None:
    if own_key is None:
        return None
    proposals = [
        p
        for p in list_policies()
        if p.fund.key == own_key and p.adopted.status == "proposed" and (p.adopted.proposal_date or on) <= on
    ]
    return max(proposals, key=lambda p: p.adopted.proposal_date or dt.date.min) if proposals else None


@dataclass
class AprilData:
    fund: Fund
    year: int
    prepared_on: dt.date
    as_of: dt.date
    policy: Policy | None
    position_start: FundPosition | None
    position_end: FundPosition | None
    flows: list[YearFlow]
    initiatives: list[InitiativeLine]
    projects: list[ProjectLine]
    duties: list[ledger_and_followup.DutyLine] | None
    waivers: list[ledger_and_followup.WaiverLine] | None
    successions: list[ledger_and_followup.SuccessionLine] | None
    scenarios: list[ledger_and_followup.Scenario] | None
    comparison: list[Policy]
    missing: list[str] = field(default_factory=list)
    exceptions: list[ledger_and_followup.ExceptionLine] = field(default_factory=list)
    """Grants with a recorded exception from the repayment limits, up to the report's date."""
    text: ReportText | None = None
    """The official's written parts (latest version) and the report's own registry number."""
    yearly_duty: YearlyDuty | None = None
    """The guideline text that asks for a yearly report in April, if any by the report's date."""

    @property
    def year_end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    def stage_order(self, line: InitiativeLine) -> tuple[int, int]:
        """Where a line's stage comes in the process: the fund's guidelines' order, then a stage only older
        guidelines have (after them)."""
        own = self.policy.stage_codes if self.policy else ()
        if line.stage_code in own:
            return (0, own.index(line.stage_code))
        return (1, 0)

    @property
    def is_preliminary(self) -> bool:
        """The year is not over: the figures are those of the day the report is drawn up."""
        return self.as_of < self.year_end

    @property
    def duties_due(self) -> list[ledger_and_followup.DutyLine]:
        """The duties due by the year's end that are still open, or fall due in the year itself."""
        if self.duties is None:
            return []
        return [d for d in self.duties if d.year <= self.year and (d.remaining > 0 or d.year == self.year)]

    @property
    def indicators(self) -> list[ledger_and_followup.IndicatorLine]:
        return [line for p in self.projects if p.followup for line in p.followup.indicators]


def _forecast(
    fund: Fund, end: dt.date, runs: int | None, position: FundPosition | None
) -> list[ledger_and_followup.Scenario] | None:
    """The fund's forecast from its available money on the report's date, `position` (the projection page's,
    on the same day, is the same figure)."""
    opening = position.available if position is not None else None
    return ledger_and_followup.survival(fund, today=end, opening_available=opening, runs=runs)


def report_date(year: int, today: dt.date) -> dt.date:
    """The report for `year` is due in April the year after: it is dated the last day of that April, or
    today while that day has not come."""
    return min(dt.date(year + 1, 4, 30), today)


@reads_from_replica  # also when a task, not a view, draws the report up
def gather(fund: Fund, year: int, *, prepared_on: dt.date, projection_runs: int | None = None) -> AprilData:
    end = min(dt.date(year, 12, 31), prepared_on)
    policy = fund_policy_if_any(fund, end)  # none: the report still shows the books
    # Every position the report shows, each day read once (issue 22): the year's start and end, each year's
    # close for the flows, the end again for the forecast.
    positions = ledger_and_followup.fund_positions(fund, [*_year_ends(fund, year), end]) or {}
    data = AprilData(
        fund=fund,
        year=year,
        prepared_on=prepared_on,
        as_of=end,
        policy=policy,
        position_start=positions.get(dt.date(year - 1, 12, 31)),
        position_end=positions.get(end),
        flows=year_flows(fund, year, positions),
        initiatives=initiative_lines(fund, end, known_on=prepared_on),
        projects=project_lines(fund, end),
        duties=ledger_and_followup.duties(fund, end),
        waivers=ledger_and_followup.waivers(fund, dt.date(year, 1, 1), end),
        successions=ledger_and_followup.successions(fund, dt.date(year, 1, 1), end),
        scenarios=_forecast(fund, end, projection_runs, positions.get(end)),
        comparison=comparison_policies(policy, end) if policy else [],
        exceptions=ledger_and_followup.repayment_exceptions(fund, end),
        text=ReportText.objects.filter(fund=fund, year=year).order_by("-version").first(),
        yearly_duty=yearly_duty(policy, policy.fund.key if policy else None, end),
    )
    if data.is_preliminary:
        data.missing.append(
            f"Året {year} är inte slut: rapporten visar läget per {format_date(end)} och är preliminär."
        )
    if policy is None:
        data.missing.append("Fonden har inga riktlinjer i systemet: jämförelsen med andra fonder saknas.")
    if not ledger_and_followup.ledger_installed():
        data.missing.append("Fondens bokföring finns inte i systemet: ställning, flöden och prognos saknas.")
    if not ledger_and_followup.followup_installed():
        data.missing.append("Uppföljningen av projekt finns inte i systemet: indikatorer och utfall saknas.")
    return data


def _stage_name(case: Initiative, stage: str) -> str:
    policy = policy_if_any(case)
    if policy is not None:
        for item in policy.stages:
            if item.code == stage:
                return str(item.name_sv)
    return case.stage_name


def _rule_titles(case: Initiative) -> dict[str, str]:
    policy = policy_if_any(case)
    return {rule.id: rule.display_title for rule in policy.rules} if policy else {}


def _year_ends(fund: Fund, year: int) -> list[dt.date]:
    """The close of each year from the one before the fund's decision to `year`."""
    return [dt.date(y, 12, 31) for y in range(fund.decided_on.year - 1, year + 1)]


def year_flows(fund: Fund, year: int, read: dict[dt.date, FundPosition] | None = None) -> list[YearFlow]:
    """Each year from the fund's decision to the report's: what was granted, paid, returned and waived.
    `read`: the positions the report has read already (`fund_positions`), else read here."""
    ends = _year_ends(fund, year)
    if read is None:
        read = ledger_and_followup.fund_positions(fund, ends) or {}
    positions = [read.get(day) for day in ends]
    flows: list[YearFlow] = []
    for before, after in zip(positions, positions[1:], strict=False):
        if before is None or after is None:
            return []
        flows.append(
            YearFlow(
                year=after.on.year,
                granted=(after.committed + after.paid_out) - (before.committed + before.paid_out),
                paid=after.paid_out - before.paid_out,
                returned=after.returned - before.returned,
                waived=after.waived - before.waived,
                available_at_end=after.available,
            )
        )
    return flows


def withdrawal_labels(initiative: Initiative) -> list[str]:
    return [str(WithdrawalReason(code).label) for code in initiative.withdrawal_reasons if code in WithdrawalReason]


def _reason(initiative: Initiative, status: str) -> str:
    """Why the case ended as it did, from the record (never the demo's notes, `demo_note`)."""
    if status == Status.ACTIVE and initiative.status != Status.ACTIVE:
        return ""  # its outcome came after the report's date
    if status == Status.WITHDRAWN:
        reasons = ", ".join(withdrawal_labels(initiative))
        return ". ".join(part for part in (f"Skäl: {reasons}" if reasons else "", initiative.outcome_note) if part)
    if status in (Status.REFUSED, Status.ADVISED_AGAINST, Status.REJECTED):
        titles = _rule_titles(initiative) if initiative.failed_rules else {}  # only a refusal names rules
        rules = ", ".join(titles.get(rule, rule) for rule in initiative.failed_rules)
        return ". ".join(part for part in (f"Regler: {rules}" if rules else "", initiative.outcome_note) if part)
    return initiative.outcome_note


def initiative_lines(fund: Fund, end: dt.date, *, known_on: dt.date | None = None) -> list[InitiativeLine]:
    """Every initiative received up to the year's end (drafts are not received), oldest first, each as it
    stood on `known_on` (the report's date; today when not given)."""
    states = states_on(fund, known_on) if known_on is not None else {}
    cases = (
        Initiative.objects.filter(fund=fund, filed_on__lte=end)
        .exclude(status=Status.DRAFT)
        .select_related("lead_board", "fund")
        .order_by("filed_on", "title", "pk")
    )
    lines = []
    granted_on = dict(
        Decision.objects.filter(initiative__fund=fund, outcome="granted").values_list("initiative_id", "decided_on")
    )
    for case in cases:
        if not in_the_record(case):
            continue
        status, stage = states.get(case.pk, (case.status, case.stage))
        lines.append(
            InitiativeLine(
                title=case.title,
                initiator=case.initiator_name,
                board=case.lead_board.display_name if case.lead_board else "",
                filed_on=case.filed_on,
                stage=_stage_name(case, stage),
                stage_code=stage,
                status=status,
                status_label=str(Status(status).label),
                reason=_reason(case, status),
                granted_on=granted_on.get(case.pk),
                withdrawal_reasons=tuple(withdrawal_labels(case)) if status == Status.WITHDRAWN else (),
                failed_rules=tuple(_rule_titles(case).get(r, r) for r in case.failed_rules)
                if status in (Status.REFUSED, Status.ADVISED_AGAINST, Status.REJECTED)
                else (),
                external=case.is_external,
                initiator_type=case.initiator_type,
            )
        )
    return lines


def project_lines(fund: Fund, end: dt.date) -> list[ProjectLine]:
    """Every project granted up to the year's end, with its books and its follow-up."""
    decisions = (
        Decision.objects.filter(initiative__fund=fund, outcome="granted", decided_on__lte=end)
        .select_related("initiative__lead_board", "body")
        .prefetch_related(Prefetch("amounts", queryset=DecisionAmount.objects.order_by("year")))
        .order_by("decided_on", "initiative__title")
    )
    money = ledger_and_followup.project_money(fund, end)
    followup = ledger_and_followup.followup_by_initiative(fund)
    lines = []
    for decision in decisions:
        initiative = decision.initiative
        project = followup.get(initiative.pk) if followup is not None else None
        lines.append(
            ProjectLine(
                initiative_id=initiative.pk,
                title=initiative.title,
                board=initiative.lead_board.display_name if initiative.lead_board else "",
                decision=f"{decision.body.code} {decision.decided_on.isoformat()} {decision.paragraph}",
                granted_by_decision=sum((a.amount for a in decision.amounts.all()), ZERO),
                status=project.status if project else "Uppföljningen har inte startat",
                money=money.get(initiative.pk, ledger_and_followup.no_money()) if money is not None else None,
                followup=project,
                answers=project_answers(initiative),
            )
        )
    return lines


def comparison_policies(own: Policy, on: dt.date | None = None) -> list[Policy]:
    """The fund's own guidelines first, then every other fund's version in force on `on` (the report's
    year end): adopted on or before it, the latest such. A fund whose known guidelines all came later is
    left out (`funds_without_guidelines_on` names them)."""
    others: dict[str, Policy] = {}
    for policy in list_policies():
        if policy.fund.key == own.fund.key:
            continue
        known = policy.adopted.known_from
        if on is not None and (known is None or known > on):
            continue
        current = others.get(policy.fund.key)
        if current is None or (known or dt.date.min) > (current.adopted.known_from or dt.date.min):
            others[policy.fund.key] = policy
    return [own, *sorted(others.values(), key=lambda p: p.fund.name)]


def funds_without_guidelines_on(own: Policy, on: dt.date) -> list[str]:
    """Other funds the system knows whose guidelines in force on `on` it does not have."""
    shown = {p.fund.key for p in comparison_policies(own, on)}
    names = {p.fund.key: p.fund.name for p in list_policies() if p.fund.key != own.fund.key}
    return sorted(name for key, name in names.items() if key not in shown)
