"""An outside idea's receipt: a registry number, a private status link, and a mail that says both.

The link's token is made here, mailed once, and only its digest is kept (models.IdeaFollow): whoever
holds the mail can follow the idea, and nobody can list or guess the links (256 random bits).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.actors.models import ActorMessage, IdeaFollow, OutsideOrganisation
from socialfund.audit.services import audit_record
from socialfund.cases import services as case_services
from socialfund.cases.errors import CaseValidationError
from socialfund.cases.models import Initiative
from socialfund.cases.notifications import public_link
from socialfund.cases.registry import registry_number_take
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board
from socialfund.organisation.tenancy import scoped
from socialfund.outbox.services import Letter, mail_queue


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def status_path(token: str) -> str:
    return reverse("actors:idea-status", args=[token])


@dataclass(frozen=True)
class Receipt:
    initiative: Initiative
    token: str
    """Given to the sender once (on the thank-you page and in the mail); never stored."""

    @property
    def link(self) -> str:
        return public_link(self.initiative, status_path(self.token))


def _registry_number(fund: Fund) -> str:
    """The fund's next registry number, from the series every numbered document of the fund shares."""
    return registry_number_take(fund=fund, on=timezone.localdate())


def idea_receive(
    *,
    fund: Fund,
    title: str,
    summary: str,
    organisation_name: str,
    organisation_type: str,
    organisation_number: str,
    contact_name: str,
    contact_email: str,
    area_board: Board | None = None,
) -> Receipt:
    """Register an outside idea, give it a registry number and a status link, and queue the receipt mail.

    `organisation_number` is already checked (identity_numbers.organisation_number_clean) or empty for a
    sole trader, whose number would be a personal identity number."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        # The fund's row is locked first: registering the idea gives the case the fund's next registry number
        # (records), and two ideas sent at the same moment must not get the same one.
        Fund.objects.select_for_update(no_key=True).filter(pk=fund.pk).first()
        initiative = case_services.idea_register_external(
            fund=fund,
            title=title,
            summary=summary,
            organisation_name=organisation_name,
            organisation_type=organisation_type,
            contact_name=contact_name,
            contact_email=contact_email,
            area_board=area_board,
        )
        organisation = None
        if organisation_number:
            organisation, _created = OutsideOrganisation.objects.get_or_create(
                number=organisation_number,
                defaults={"name": organisation_name.strip(), "kind": organisation_type},
            )
        # The diarium may have numbered the case already, when it registered the idea as it came in.
        initiative.refresh_from_db(fields=["registry_number"])
        if not initiative.registry_number:
            initiative.registry_number = _registry_number(fund)
            initiative.save(update_fields=["registry_number", "updated_at"])
        IdeaFollow.objects.create(initiative=initiative, organisation=organisation, token_digest=token_digest(token))
        audit_record(
            actor=None,
            action="idea_receipt",
            target=initiative,
            initiative=initiative,
            message=f"Diarienummer {initiative.registry_number}; kvitto med statuslänk skickat till idélämnaren.",
        )
        receipt = Receipt(initiative=initiative, token=token)
        _mail_receipt(receipt)
    return receipt


def _mail_receipt(receipt: Receipt) -> None:
    initiative = receipt.initiative
    lines = [
        _("Tack för er idé till %(fund)s.") % {"fund": initiative.fund.name},
        "",
        _("Idé: %(title)s") % {"title": initiative.title},
        _("Diarienummer: %(number)s") % {"number": initiative.registry_number},
        _("Inkom: %(date)s") % {"date": initiative.filed_on.isoformat() if initiative.filed_on else ""},
        "",
        _("Följ idén och svara på frågor från fonden här (spara länken, den är bara er):"),
        receipt.link,
        "",
        _("Länken är personlig. Dela den bara med dem som ska se idén och fondens frågor om den."),
    ]
    mail_queue(
        subject=_("[%(site)s] Kvitto: er idé har diarienummer %(number)s")
        % {"site": settings.SITE_NAME, "number": initiative.registry_number},
        message="\n".join(lines),
        recipient_list=[initiative.contact_email],
        letter=_letter(initiative, f"Mottagningskvitto: {initiative.title}"),
    )


def _letter(initiative: Initiative, title: str) -> Letter:
    """A mail to the idea's sender is a sent allmän handling: registered to the organisation, not the person."""
    return Letter(
        addressee=initiative.initiator_name,
        title=title,
        regarding=Initiative._meta.label_lower,
        regarding_id=initiative.pk,
    )


def follow_for_token(token: str) -> IdeaFollow | None:
    """The idea the link opens, or None. Only the digest is compared: the token itself is not stored."""
    if not token or len(token) > 100:
        return None
    return (
        scoped(IdeaFollow.objects.all())
        .select_related("initiative__fund", "initiative__area_board", "initiative__lead_board")
        .filter(token_digest=token_digest(token))
        .first()
    )


def actor_answer(*, follow: IdeaFollow, text: str) -> ActorMessage:
    """The outside actor writes to the fund's staff from the status page."""
    from socialfund.actors.identity_numbers import contains_personal_number
    from socialfund.cases.notifications import notify_after_commit

    if not text.strip():
        raise CaseValidationError(_("Skriv ett svar."), field="text")
    if contains_personal_number(text):
        raise CaseValidationError(
            _("Skriv inte personnummer här: fonden sparar inga personnummer. Ta bort numret och skicka igen."),
            field="text",
        )
    initiative = follow.initiative
    with transaction.atomic():
        message = ActorMessage.objects.create(initiative=initiative, author=None, text=text.strip())
        audit_record(
            actor=None,
            action="idea_actor_answer",
            target=message,
            initiative=initiative,
            message="Svar från idélämnaren.",
        )
        notify_after_commit(initiative, what=_("Idélämnaren har svarat på fondens meddelande."))
    return message


def staff_message(*, initiative: Initiative, user, text: str) -> ActorMessage:  # type: ignore[no-untyped-def]
    """A staff member writes to the outside actor; the actor is told by mail to open the status link."""
    from socialfund.actors.identity_numbers import contains_personal_number
    from socialfund.actors.staff_access import may_write_to_actor

    if not may_write_to_actor(user, initiative):
        from socialfund.cases.errors import CasePermissionDenied

        raise CasePermissionDenied(_("Du kan inte skriva till idélämnaren i det här ärendet."))
    if not text.strip():
        raise CaseValidationError(_("Skriv ett meddelande."), field="text")
    if contains_personal_number(text):
        raise CaseValidationError(_("Skriv inte personnummer i meddelandet."), field="text")
    with transaction.atomic():
        message = ActorMessage.objects.create(initiative=initiative, author=user, text=text.strip())
        audit_record(
            actor=user,
            action="idea_staff_message",
            target=message,
            initiative=initiative,
            message="Meddelande till idélämnaren.",
        )
        if initiative.contact_email:
            mail_queue(
                subject=_("[%(site)s] Nytt meddelande om er idé %(number)s")
                % {"site": settings.SITE_NAME, "number": initiative.registry_number},
                message="\n".join(
                    [
                        _("Fonden har skrivit till er om idén ”%(title)s” (diarienummer %(number)s).")
                        % {"title": initiative.title, "number": initiative.registry_number},
                        "",
                        _("Läs meddelandet och svara via statuslänken i kvittot ni fick när ni lämnade idén."),
                    ]
                ),
                recipient_list=[initiative.contact_email],
                letter=_letter(initiative, f"Meddelande om idén: {initiative.title}"),
            )
    return message
