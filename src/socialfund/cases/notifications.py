"""Who must act next, by e-mail after commit and as a to-do list derived from state."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import translation

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.codes import SignoffKind, Status
from socialfund.cases.models import Initiative
from socialfund.cases.workflow import initiative_acting_role, policy_for
from socialfund.outbox.services import mail_queue


def next_actors(initiative: Initiative) -> QuerySet[User]:
    """The users who must act on the case now."""
    if initiative.status != Status.ACTIVE:
        return User.objects.none()
    role = initiative_acting_role(initiative)
    if role is None:
        return User.objects.none()
    if role == Role.APPLICANT and initiative.lead_board_id is None:
        # An outside actor's idea without a board: its area's office and board first (DOMAIN.md rule 12).
        from socialfund.cases.outside_ideas import idea_actors

        return idea_actors(initiative)
    users = User.objects.filter(is_active=True, groups__name=role)
    if initiative.fund.organisation_id:
        users = users.filter(Q(organisation_id=initiative.fund.organisation_id) | Q(organisation__isnull=True))
    if role == Role.APPLICANT and initiative.lead_board_id is not None:
        users = users.filter(board_id=initiative.lead_board_id)
    return users.distinct()


def missing_office_head_signoff(initiative: Initiative) -> QuerySet[User]:
    """Office heads whose anchoring the policy requires by the current stage and who have not given it."""
    if initiative.lead_board_id is None or initiative.status != Status.ACTIVE:
        return User.objects.none()
    policy = policy_for(initiative)
    if initiative.stage not in policy.stage_codes:
        return User.objects.none()
    needed = SignoffKind.OFFICE_HEAD in policy.signoffs_up_to(initiative.stage)
    if not needed or initiative.signoffs.filter(kind=SignoffKind.OFFICE_HEAD).exists():
        return User.objects.none()
    return User.objects.filter(offices_headed__boards__id=initiative.lead_board_id, is_active=True).distinct()


def notify_after_commit(initiative: Initiative, *, what: str) -> None:
    """Mail the next actors once the transaction has committed (never for a rolled-back change)."""
    initiative_id = initiative.pk

    def send() -> None:
        # The mail goes to other people: in the site's language, not the language of whoever acted.
        with translation.override(settings.LANGUAGE_CODE):
            _send()

    def _send() -> None:
        fresh = Initiative.objects.select_related("fund").get(pk=initiative_id)
        recipients = sorted(
            {u.email for u in next_actors(fresh) if u.email} | {u.email for u in missing_office_head_signoff(fresh)}
        )
        if not recipients:
            return
        path = reverse("cases:detail", args=[fresh.pk])
        mail_queue(
            subject=f"[{settings.SITE_NAME}] {fresh.title}: {what}",
            message=(
                f"{what}\n\nÄrendet väntar nu på dig: {fresh.title} ({fresh.stage_name}).\nÖppna ärendet: {path}\n"
            ),
            from_email=None,
            recipient_list=recipients,
        )

    transaction.on_commit(send)
