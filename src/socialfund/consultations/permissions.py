"""Who may see and do what with consultations; the services check, the templates only hide buttons.

Staff of the organisation (anyone with a role there) read consultations and download the
compilation. The registrar and the committee secretary (opinion_giver) create a
consultation, register answers and send reminders. A consultation of another
organisation does not exist for the user (404).
"""

from __future__ import annotations

from django.db.models import QuerySet

from socialfund.accounts.models import User
from socialfund.accounts.permissions import is_staff_of
from socialfund.accounts.roles import Role
from socialfund.consultations.models import Consultation
from socialfund.organisation.tenancy import scoped

__all__ = ["MANAGERS", "is_staff_of", "may_manage", "visible_consultations"]

MANAGERS = frozenset({Role.REGISTRAR, Role.OPINION_GIVER})


def visible_consultations(user: User) -> QuerySet[Consultation]:
    if not user.is_authenticated or not user.role_codes:
        return Consultation.objects.none()
    if user.organisation_id is None:
        return Consultation.objects.none()
    return scoped(Consultation.objects.filter(organisation_id=user.organisation_id))


def may_manage(user: User, organisation_id: int | None) -> bool:
    return is_staff_of(user, organisation_id) and bool(user.role_codes & MANAGERS)
