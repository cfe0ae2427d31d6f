"""Who must act next, by e-mail after commit and as a to-do list derived from state."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import translation

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.codes import SignoffKind, Status
from socialfund.cases.machine import waits_for
from socialfund.cases.models import Initiative
from socialfund.cases.workflow import policy_for
from socialfund.outbox.services import Letter, mail_queue
from socialfund.record_language import record_language


def site_link(path: str) -> str:
    """An absolute link to a page of the site, for mail (SITE_URL + path)."""
    return f"{settings.SITE_URL}{path}"


def public_link(initiative: Initiative, path: str) -> str:
    """A link an outside actor opens without signing in: at the public host of the case's organisation when
    it has one (a shared service shows an anonymous visitor only that host's organisation), else SITE_URL."""
    host = initiative.fund.organisation.public_host
    if not host:
        return site_link(path)
    scheme = urlsplit(settings.SITE_URL).scheme or "https"
    return f"{scheme}://{host}{path}"


def next_actors(initiative: Initiative) -> QuerySet[User]:
    """The users who must act on the case now: the role the case machine says it waits for."""
    role = waits_for(initiative) if initiative.status == Status.ACTIVE else None
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


def who_acts_sv(initiative: Initiative) -> str:
    """Who must act now, in Swedish, for a mail: the role's name (and the board, for an applicant step)."""
    role = waits_for(initiative) if initiative.status == Status.ACTIVE else None
    if role is None:
        return ""
    with record_language():
        name = str(Role(role).label)
    if role == Role.APPLICANT and initiative.lead_board is not None:
        return f"{name} vid {initiative.lead_board.display_name}"
    return name


def _applicant_letter(initiative: Initiative, what: str) -> Letter | None:
    """A status message that goes to the applying board (the case waits for it) is a letter to the applicant,
    registered as sent; a mail among the municipality's officials about whose turn it is is not."""
    if initiative.lead_board is None or initiative.status != Status.ACTIVE or waits_for(initiative) != Role.APPLICANT:
        return None
    return Letter(
        addressee=initiative.lead_board.display_name,
        title=f"Meddelande till sökande: {what}"[:300],
        regarding=Initiative._meta.label_lower,
        regarding_id=initiative.pk,
    )


def notify_after_commit(initiative: Initiative, *, what: str, actor: User | None = None) -> None:
    """Mail the next actors once the transaction has committed (never for a rolled-back change).

    Whoever just acted is not told that the case waits for them; the mail says who must act now
    and links to the case with an absolute address."""
    initiative_id = initiative.pk
    actor_email = actor.email if actor is not None else ""

    def send() -> None:
        # The mail goes to other people: in the site's language, not the language of whoever acted.
        with translation.override(settings.LANGUAGE_CODE):
            _send()

    def _send() -> None:
        fresh = Initiative.objects.select_related("fund", "lead_board").get(pk=initiative_id)
        actors = {u.email for u in next_actors(fresh) if u.email} - {actor_email}
        anchoring = {u.email for u in missing_office_head_signoff(fresh) if u.email} - {actor_email}
        recipients = sorted(actors | anchoring)
        if not recipients:
            return
        link = site_link(reverse("cases:detail", args=[fresh.pk]))
        lines = [what, "", f"Ärende: {fresh.title} ({fresh.stage_name})."]
        who = who_acts_sv(fresh)
        if who:
            lines.append(f"Nu ska {who[0].lower()}{who[1:]} agera.")
        if anchoring:
            lines.append("Kontorschefens förankring saknas och behövs innan ärendet kan gå vidare.")
        lines += [f"Öppna ärendet: {link}", ""]
        mail_queue(
            subject=f"[{settings.SITE_NAME}] {fresh.title}: {what}",
            message="\n".join(lines),
            from_email=None,
            recipient_list=recipients,
            letter=_applicant_letter(fresh, what),
        )

    transaction.on_commit(send)
