"""The public page of a fund (optional, as Örebro publishes its projects): funded projects only, and of
them only what is public anyway: the title, the short description, kommunstyrelsen's decision and the
approved final report. Never internal notes, assessments, comments, drafts or refused cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.permissions import is_staff_of
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.cases.models import Decision, DecisionAmount
from socialfund.funds.models import Fund
from socialfund.organisation.tenancy import scoped
from socialfund.reports import ledger_and_followup
from socialfund.reports.errors import ReportPermissionDenied
from socialfund.reports.models import PublicPage


@dataclass(frozen=True)
class PublicProject:
    title: str
    board: str
    description: str
    decision: str
    decided_on: dt.date
    decision_text: str
    amounts: tuple[tuple[int, Decimal], ...]
    final_report: dict[str, str] | None

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.amounts), Decimal(0))


def published_page(slug: str) -> PublicPage | None:
    pages = scoped(PublicPage.objects.filter(fund__slug=slug, enabled=True))
    return pages.select_related("fund__organisation").first()


def public_projects(fund: Fund) -> list[PublicProject]:
    decisions = (
        Decision.objects.filter(initiative__fund=fund, outcome="granted")
        .select_related("initiative__lead_board", "body")
        .prefetch_related(Prefetch("amounts", queryset=DecisionAmount.objects.order_by("year")))
        .order_by("-decided_on", "initiative__title")
    )
    followup = ledger_and_followup.followup_by_initiative(fund) or {}
    projects = []
    for decision in decisions:
        initiative = decision.initiative
        project = followup.get(initiative.pk)
        projects.append(
            PublicProject(
                title=initiative.title,
                board=initiative.lead_board.display_name if initiative.lead_board else "",
                description=initiative.summary,
                decision=f"{decision.body.name} {decision.decided_on.isoformat()} {decision.paragraph}",
                decided_on=decision.decided_on,
                decision_text=decision.text,
                amounts=tuple((a.year, a.amount) for a in decision.amounts.all()),
                final_report=project.final_report if project else None,
            )
        )
    return projects


def may_publish(user: User, fund: Fund) -> bool:
    return user.has_role(Role.ADMINISTRATOR) and is_staff_of(user, fund.organisation_id)


def public_page_set(*, fund: Fund, user: User, enabled: bool, intro: str) -> PublicPage:
    """Publish or withdraw the fund's public page (administrator)."""
    if not may_publish(user, fund):
        raise ReportPermissionDenied(
            _("Bara fondens administratör kan publicera eller avpublicera den offentliga sidan.")
        )
    with transaction.atomic():
        before = PublicPage.objects.filter(fund=fund).values_list("enabled", flat=True).first()
        page, _created = PublicPage.objects.update_or_create(
            fund=fund,
            defaults={"enabled": enabled, "intro": intro.strip(), "updated_by": user, "updated_at": timezone.now()},
        )
        audit_record(
            actor=user,
            action="public_page_set",
            target=page,
            from_state="" if before is None else ("published" if before else "unpublished"),
            to_state="published" if enabled else "unpublished",
            message=f"Offentlig sida för {fund.name}: {'publicerad' if enabled else 'inte publicerad'}.",
        )
    return page
