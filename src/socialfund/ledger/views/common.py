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
from socialfund.funds.models import Fund
from socialfund.funds.selectors import funds_visible_to
from socialfund.ledger.permissions import VIEWER_ROLES, may_export_books, may_read_books

__all__ = ["VIEWER_ROLES", "date_param", "may_export_books", "viewer", "visible_fund"]


def viewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not may_read_books(user):
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
