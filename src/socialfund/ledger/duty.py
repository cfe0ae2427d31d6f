"""The one place that computes a project's repayment duty: what is planned, settled, waived, and left.

Every page, document and API answer that shows what a project still has to repay asks
here (the ledger's project page and fund position, follow-up's project page, the April
report and the project list export, the API), so the figures cannot disagree. A duty
written off after special review, or moved away by a board succession, shows as such
(`state`), and nothing that reads these figures offers to repay what is no longer owed. A grant that
kommunstyrelsen decided with an exception from the repayment limits carries it (`exception`), so that
every place that shows the duty says on what terms it stands.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from socialfund.cases.models import Initiative, RepaymentException
from socialfund.core.money import from_ore
from socialfund.funds.models import Fund
from socialfund.ledger.codes import AccountKind
from socialfund.ledger.position import DutyRow, duty_rows
from socialfund.ledger.selectors import balances_at

ZERO = Decimal(0)


@dataclass(frozen=True)
class DutyException:
    """Kommunstyrelsen's exception from the repayment limits, recorded with the grant (cases.RepaymentException)."""

    decision: str
    """The deciding body, date and paragraph: "Kommunstyrelsen 2015-04-13 § 88"."""
    limits: tuple[Promise | str, ...]
    """The limits departed from, as lazy labels (shown in the reader's or the records' language)."""
    reason: str

    @property
    def note(self) -> str:
        """One line, the same wherever the duty is shown."""
        return _("Beviljad med undantag från återföringskravet (%(limits)s): %(decided_by)s.") % {
            "limits": "; ".join(str(label) for label in self.limits).lower(),
            "decided_by": self.decision,
        }


def _exception(record: RepaymentException) -> DutyException:
    decision = record.decision
    return DutyException(
        decision=f"{decision.body.name} {decision.decided_on.isoformat()} {decision.paragraph}".strip(),
        limits=tuple(record.limit_labels_lazy),
        reason=record.reason,
    )


def _exceptions(initiatives: Q) -> dict[int, DutyException]:
    rows = RepaymentException.objects.filter(initiatives).select_related("decision__body")
    return {row.decision.initiative_id: _exception(row) for row in rows}


@dataclass
class ProjectDuty:
    """One project in the books at a date: granted, paid, and its boards' duties summed."""

    granted: Decimal = ZERO
    paid: Decimal = ZERO
    planned: Decimal = ZERO
    settled: Decimal = ZERO
    waived: Decimal = ZERO
    moved: Decimal = ZERO
    """Moved to (positive) or from (negative) this project's boards by a board succession."""
    lapsed: Decimal = ZERO
    """Written off because a board's successor is the fund's owner itself (a succession decision)."""
    remaining: Decimal = ZERO
    overdue: Decimal = ZERO
    exception: DutyException | None = None
    """Granted with an exception from the repayment limits: on what terms the duty stands."""

    @property
    def has_plan(self) -> bool:
        return self.planned > 0 or self.moved != 0

    @property
    def state(self) -> str:
        """'none' (no plan), 'open', 'settled' (repaid in full), 'waived' (nothing left, some waived or lapsed)."""
        if not self.has_plan:
            return "none"
        if self.remaining > 0:
            return "open"
        return "waived" if self.waived + self.lapsed > 0 else "settled"

    @property
    def written_off(self) -> bool:
        """Nothing left to repay because a decision wrote it off: no page may offer to repay it."""
        return self.state == "waived"


def fund_duties(fund: Fund, on: dt.date) -> dict[int, ProjectDuty]:
    """Every project's figures by initiative id, in two grouped queries whatever the number of projects."""
    duties: dict[int, ProjectDuty] = defaultdict(ProjectDuty)
    kinds = [AccountKind.COMMITTED, AccountKind.PAID_OUT]
    grouped = (
        balances_at(fund, on, Q(account__kind__in=kinds, account__initiative__isnull=False))
        .values("account__initiative_id", "account__kind")
        .annotate(total=Sum("amount_ore"))
    )
    for row in grouped:
        amount = from_ore(row["total"] or 0)
        figures = duties[row["account__initiative_id"]]
        figures.granted += amount
        if row["account__kind"] == AccountKind.PAID_OUT:
            figures.paid += amount
    for duty in duty_rows(fund, on, Q()):
        _add_row(duties[duty.initiative_id], duty)
    for initiative_id, exception in _exceptions(
        Q(decision__initiative__fund=fund, decision__decided_on__lte=on)
    ).items():
        if initiative_id in duties:
            duties[initiative_id].exception = exception
    return dict(duties)


def project_duty(initiative: Initiative, on: dt.date) -> ProjectDuty:
    """One project's figures at a date (the same arithmetic as `fund_duties`, for one project)."""
    figures = ProjectDuty()
    grouped = (
        balances_at(
            initiative.fund,
            on,
            Q(account__kind__in=[AccountKind.COMMITTED, AccountKind.PAID_OUT], account__initiative=initiative),
        )
        .values("account__kind")
        .annotate(total=Sum("amount_ore"))
    )
    for row in grouped:
        amount = from_ore(row["total"] or 0)
        figures.granted += amount
        if row["account__kind"] == AccountKind.PAID_OUT:
            figures.paid += amount
    for duty in duty_rows(initiative.fund, on, Q(account__initiative=initiative)):
        _add_row(figures, duty)
    figures.exception = _exceptions(Q(decision__initiative=initiative, decision__decided_on__lte=on)).get(initiative.pk)
    return figures


def _add_row(figures: ProjectDuty, duty: DutyRow) -> None:
    figures.planned += duty.planned
    figures.settled += duty.settled
    figures.waived += duty.waived
    figures.moved += duty.moved
    figures.lapsed += duty.lapsed
    figures.remaining += duty.remaining
    figures.overdue += duty.remaining if duty.overdue else ZERO
