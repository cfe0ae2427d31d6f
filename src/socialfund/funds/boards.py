"""The boards' names, as the fund's administrator writes them in (issue 29).

The seed knows most boards only by their codes (ALN, Enh, KFN…). Rather than invent names, the system
says a code is an abbreviation whose full name is missing, and the administrator fills the names in here:
each change is audited, and a name the administrator gives is the organisation's own, no longer the
demo's assumption (its note goes).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.permissions import is_staff_of
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.kit.refusals import InputRefusal, PermissionRefusal, Refusal
from socialfund.organisation.models import Board, Organisation

NAME_LENGTH = 200


class BoardNameError(Refusal):
    """A board's name could not be saved."""


class BoardNamePermission(BoardNameError, PermissionRefusal):
    pass


class BoardNameInput(BoardNameError, InputRefusal):
    pass


def may_name_boards(user: User, organisation: Organisation) -> bool:
    return user.has_role(Role.ADMINISTRATOR) and is_staff_of(user, organisation.pk)


def boards_of(organisation: Organisation) -> list[Board]:
    return list(Board.objects.filter(organisation=organisation).order_by("code"))


def board_names_set(*, organisation: Organisation, user: User, names: dict[int, str]) -> list[Board]:
    """Save the boards' names (board id -> name); the boards whose name changed are returned."""
    if not may_name_boards(user, organisation):
        raise BoardNamePermission(_("Bara fondens administratör ändrar nämndernas namn."))
    changed = []
    with transaction.atomic():
        for board in Board.objects.select_for_update().filter(organisation=organisation, pk__in=names):
            name = " ".join(names[board.pk].split())
            if len(name) > NAME_LENGTH:
                raise BoardNameInput(
                    _("%(code)s: namnet får vara högst %(n)s tecken.") % {"code": board.code, "n": NAME_LENGTH},
                    field=f"board_{board.pk}",
                )
            if name == board.name:
                continue
            old = board.name
            board.name = name
            board.demo_note = ""  # the administrator's name is the organisation's own, not the demo's guess
            board.save(update_fields=["name", "demo_note"])
            audit_record(
                actor=user,
                action="board_name_set",
                target=board,
                message=f"Nämnden {board.code} heter {name or '(namn saknas)'}.",
                data={"from": old, "to": name},
            )
            changed.append(board)
    return changed
