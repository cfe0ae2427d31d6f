"""Who may see and do what, checked in the services (the templates only hide buttons).

Roles come from groups (socialfund.accounts.roles). Scope comes from the user's board
and office: an applicant acts for the board they work for; an office head anchors
for the boards their office works for.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.codes import Status
from socialfund.cases.models import Initiative
from socialfund.organisation.tenancy import scoped

# Roles that handle cases beyond their own board: they see every submitted case.
CASE_HANDLERS = frozenset(
    {
        Role.PREPARATION_GROUP,
        Role.CITY_DIRECTOR,
        Role.OPINION_GIVER,
        Role.REGISTRAR,
        Role.FINANCE,
        Role.READER,
        Role.ADMINISTRATOR,
        Role.OFFICE_HEAD,
    }
)


def _same_organisation(user: User) -> Q:
    """Every user, the superuser included, works in their own organisation; without one, in none."""
    if user.organisation_id is None:
        return Q(pk__in=[])
    return Q(fund__organisation_id=user.organisation_id)


def visible_initiatives(user: User) -> QuerySet[Initiative]:
    """Submitted cases of the user's organisation, plus drafts of the user's own board or own making."""
    if not user.is_authenticated:
        return Initiative.objects.none()
    own_drafts = Q(status=Status.DRAFT) & (
        Q(created_by=user) | Q(lead_board_id=user.board_id, lead_board__isnull=False)
    )
    submitted = ~Q(status=Status.DRAFT)
    if not (user.role_codes & CASE_HANDLERS) and not user.has_role(Role.APPLICANT):
        return Initiative.objects.none()
    return scoped(Initiative.objects.filter(_same_organisation(user)).filter(submitted | own_drafts))


def can_view(user: User, initiative: Initiative) -> bool:
    return visible_initiatives(user).filter(pk=initiative.pk).exists()


def acts_for_board(user: User, initiative: Initiative) -> bool:
    """An applicant acting for the case's lead board, or the case's own creator while it has none."""
    if not user.has_role(Role.APPLICANT):
        return False
    if initiative.lead_board_id is not None:
        return user.board_id == initiative.lead_board_id
    return initiative.created_by_id == user.pk


def heads_office_for_board(user: User, initiative: Initiative) -> bool:
    """The head of an office that works for the case's lead board."""
    if not user.has_role(Role.OFFICE_HEAD) or initiative.lead_board_id is None:
        return False
    return user.offices_headed.filter(boards__id=initiative.lead_board_id).exists()


def sees_internal_comments(user: User) -> bool:
    return bool(user.role_codes & (CASE_HANDLERS - {Role.READER}))
