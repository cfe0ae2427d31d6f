"""Who sees the ledger's pages: finance, readers and the registrar of the fund's organisation.

A fund of another organisation, or a project not in the fund, is a 404 (a guessed URL learns
nothing); a role without access gets the 403 page.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.funds.models import Fund
from socialfund.funds.selectors import funds_visible_to

VIEWER_ROLES = frozenset({Role.FINANCE, Role.READER, Role.REGISTRAR, Role.ADMINISTRATOR})


def may_export_books(user: User) -> bool:
    """The books as SIE 4 or Excel are finance's (the ledger page's export, linked from the reports page too)."""
    return user.has_role(Role.FINANCE)


def viewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not (user.role_codes & VIEWER_ROLES):
        raise PermissionDenied(_("Din roll ger inte tillgång till fondens bokföring."))
    return user


def visible_fund(user: User, slug: str) -> Fund:
    fund = funds_visible_to(user=user).filter(slug=slug).first()
    if fund is None:
        raise Http404
    return fund


def date_param(request: HttpRequest, name: str = "datum") -> dt.date:
    """The date asked for (?datum=2017-12-31), today when none or a bad one is given."""
    text = request.GET.get(name, "")
    try:
        return dt.date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        return timezone.localdate()
