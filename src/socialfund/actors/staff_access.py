"""Which of the fund's staff may write to an outside actor or manage an application's co-applicants."""

from __future__ import annotations

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases import permissions as perm
from socialfund.cases.models import Initiative
from socialfund.organisation.models import Board

# The fund's coordinators answer ideas without an area; the area's or lead board's people answer the rest.
COORDINATING_ROLES = (Role.PREPARATION_GROUP, Role.REGISTRAR)


def _boards_of(initiative: Initiative) -> set[int]:
    return {pk for pk in (initiative.area_board_id, initiative.lead_board_id) if pk is not None}


def works_for_board(user: User, board_ids: set[int]) -> bool:
    """An official of one of the boards, or the head of an office that works for one."""
    if user.has_role(Role.APPLICANT) and user.board_id in board_ids:
        return True
    return user.has_role(Role.OFFICE_HEAD) and user.offices_headed.filter(boards__id__in=board_ids).exists()


def may_write_to_actor(user: User, initiative: Initiative) -> bool:
    if not user.is_authenticated or not initiative.is_external or not perm.can_view(user, initiative):
        return False
    if any(user.has_role(role) for role in COORDINATING_ROLES):
        return True
    return works_for_board(user, _boards_of(initiative))


def heads_board(user: User, board: Board) -> bool:
    """The head who signs for a partner board: the head of an office that works for it."""
    return user.has_role(Role.OFFICE_HEAD) and user.offices_headed.filter(boards__id=board.pk).exists()
