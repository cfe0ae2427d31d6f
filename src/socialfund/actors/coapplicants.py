"""Joint applications: the lead board invites partner boards and outside organisations; each party's head
signs off before the application is submitted; comments are for the fund's staff only or for all parties.

Swedish funds require it (funds.md): two boards, or a board and a non-profit, and each party's head signs
(Region Skåne: both heads of operations; VGR: all parties).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.actors.models import CoApplicant, OutsideOrganisation, PartyComment, PartyVisibility, Representative
from socialfund.actors.staff_access import heads_board
from socialfund.audit.services import audit_record
from socialfund.cases import permissions as perm
from socialfund.cases.codes import Status
from socialfund.cases.errors import CasePermissionDenied, CaseStateError, CaseValidationError
from socialfund.cases.models import Initiative
from socialfund.cases.notifications import public_link, site_link
from socialfund.organisation.models import Board
from socialfund.outbox.services import mail_queue

# A party can be added while the application is still the applicant's to change.
OPEN_STATUSES = (Status.DRAFT, Status.ACTIVE)


def may_manage(user: User, initiative: Initiative) -> bool:
    """The lead board's officials and its office head invite co-applicants."""
    return initiative.lead_board_id is not None and (
        perm.acts_for_board(user, initiative) or perm.heads_office_for_board(user, initiative)
    )


def may_see(user: User, initiative: Initiative) -> bool:
    """Staff who see the case, and the heads of the partner boards (who sign for them)."""
    if perm.can_view(user, initiative):
        return True
    return any(c.board is not None and heads_board(user, c.board) for c in initiative.coapplicants.all())


def invite_board(*, initiative: Initiative, user: User, board: Board) -> CoApplicant:
    _check_may_invite(user, initiative)
    if board.pk == initiative.lead_board_id:
        raise CaseValidationError(_("Den ansvariga nämnden är redan part i ansökan."), field="board")
    with transaction.atomic():
        try:
            with transaction.atomic():
                party = CoApplicant.objects.create(initiative=initiative, board=board, invited_by=user)
        except IntegrityError as error:
            raise CaseValidationError(_("Nämnden är redan inbjuden."), field="board") from error
        initiative.partner_boards.add(board)
        audit_record(
            actor=user,
            action="coapplicant_invite",
            target=party,
            initiative=initiative,
            message=f"{board.display_name} inbjuden som medsökande.",
        )
        heads = User.objects.filter(
            is_active=True, groups__name=Role.OFFICE_HEAD, offices_headed__boards=board
        ).exclude(email="")
        recipients = sorted({head.email for head in heads})
        if recipients:
            _mail(initiative, recipients, link=site_link(reverse("actors:coapplicants", args=[initiative.pk])))
    return party


def invite_organisation(*, initiative: Initiative, user: User, number: str, name: str, email: str) -> CoApplicant:
    """`number` is already checked (identity_numbers.organisation_number_clean)."""
    _check_may_invite(user, initiative)
    with transaction.atomic():
        organisation, _created = OutsideOrganisation.objects.get_or_create(
            number=number, defaults={"name": name.strip(), "kind": "association"}
        )
        try:
            with transaction.atomic():
                party = CoApplicant.objects.create(
                    initiative=initiative, organisation=organisation, invite_email=email, invited_by=user
                )
        except IntegrityError as error:
            raise CaseValidationError(_("Organisationen är redan inbjuden."), field="organisation_number") from error
        audit_record(
            actor=user,
            action="coapplicant_invite",
            target=party,
            initiative=initiative,
            message=f"{organisation.name} inbjuden som medsökande.",
        )
        _mail(initiative, [email], link=public_link(initiative, reverse("actors:representative-home")))
    return party


def _mail(initiative: Initiative, recipients: list[str], *, link: str) -> None:
    assert initiative.lead_board is not None
    mail_queue(
        subject=_("Inbjudan att söka tillsammans med %(board)s: %(title)s")
        % {"board": initiative.lead_board.display_name, "title": initiative.title},
        message="\n".join(
            [
                _("%(board)s bjuder in er som medsökande i ansökan ”%(title)s” till %(fund)s.")
                % {
                    "board": initiative.lead_board.display_name,
                    "title": initiative.title,
                    "fund": initiative.fund.name,
                },
                _("Er chef (eller firmatecknare) läser ansökan och skriver under innan den lämnas in."),
                "",
                _("Öppna ansökan: %(link)s") % {"link": link},
            ]
        ),
        recipient_list=recipients,
    )


def _check_may_invite(user: User, initiative: Initiative) -> None:
    if not may_manage(user, initiative):
        raise CasePermissionDenied(_("Bara den ansvariga nämnden bjuder in medsökande."))
    if initiative.status not in OPEN_STATUSES:
        raise CaseStateError(_("Ansökan är avslutad: inga fler parter kan bjudas in."))


def sign_for_board(*, party: CoApplicant, user: User) -> CoApplicant:
    if party.board is None or not heads_board(user, party.board):
        raise CasePermissionDenied(_("Bara chefen för ett kontor som arbetar för nämnden skriver under för den."))
    return _sign(party, name=user.get_full_name() or user.username, user=user)


def sign_for_organisation(*, party: CoApplicant, representative: Representative) -> CoApplicant:
    if party.organisation_id is None or party.organisation_id != representative.organisation_id:
        raise CasePermissionDenied(_("Du kan bara skriva under för din egen organisation."))
    return _sign(party, name=representative.name, representative=representative)


def _sign(
    party: CoApplicant, *, name: str, user: User | None = None, representative: Representative | None = None
) -> CoApplicant:
    with transaction.atomic():
        party = CoApplicant.objects.select_for_update().select_related("initiative").get(pk=party.pk)
        if party.signed_at is not None:
            raise CaseStateError(_("Parten har redan skrivit under."))
        if party.initiative.status not in OPEN_STATUSES:
            raise CaseStateError(_("Ansökan är avslutad."))
        party.signed_at = timezone.now()
        party.signed_by_user = user
        party.signed_by_representative = representative
        party.signer_name = name
        party.save(update_fields=["signed_at", "signed_by_user", "signed_by_representative", "signer_name"])
        audit_record(
            actor=user,
            action="coapplicant_signoff",
            target=party,
            initiative=party.initiative,
            message=f"{party.party_name} har skrivit under ({name}).",
        )
    return party


def unsigned_party_names(initiative: Initiative) -> list[str]:
    """The invited parties whose head has not signed: the application cannot be submitted until none."""
    waiting = initiative.coapplicants.filter(signed_at__isnull=True).select_related("board", "organisation")
    return [party.party_name for party in waiting]


def comment_add(
    *,
    initiative: Initiative,
    text: str,
    visibility: str,
    user: User | None = None,
    representative: Representative | None = None,
) -> PartyComment:
    if not text.strip():
        raise CaseValidationError(_("Skriv en kommentar."), field="text")
    if representative is not None:
        # A party outside the fund writes to all parties; it has no staff-only channel.
        visibility = PartyVisibility.ALL_PARTIES
        if not initiative.coapplicants.filter(organisation_id=representative.organisation_id).exists():
            raise CasePermissionDenied(_("Din organisation är inte part i ansökan."))
    elif user is None or not may_see(user, initiative):
        raise CasePermissionDenied(_("Du kan inte kommentera den här ansökan."))
    if visibility not in PartyVisibility.values:
        raise CaseValidationError(_("Välj vem som ser kommentaren."), field="visibility")
    with transaction.atomic():
        comment = PartyComment.objects.create(
            initiative=initiative,
            author_user=user if representative is None else None,
            author_representative=representative,
            text=text.strip(),
            visibility=visibility,
        )
        audit_record(
            actor=user, action="party_comment_add", target=comment, initiative=initiative, message="Kommentar."
        )
    return comment


def comments_for_parties(initiative: Initiative) -> QuerySet[PartyComment]:
    """What an outside party sees: the comments marked for all parties, never the staff-only ones."""
    return initiative.party_comments.filter(visibility=PartyVisibility.ALL_PARTIES).select_related(
        "author_user", "author_representative__organisation"
    )


def comments_for_staff(initiative: Initiative) -> QuerySet[PartyComment]:
    return initiative.party_comments.select_related("author_user", "author_representative__organisation")
