"""Who may read the fund's books and who may take them out: the rules the ledger's pages, the reports page
and the API share (views import them from here, not from one another)."""

from __future__ import annotations

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role

VIEWER_ROLES = frozenset({Role.FINANCE, Role.READER, Role.REGISTRAR, Role.ADMINISTRATOR})


def may_read_books(user: User) -> bool:
    """Finance, readers, the registrar and the administrator read the ledger's pages."""
    return bool(user.role_codes & VIEWER_ROLES)


def may_export_books(user: User) -> bool:
    """The books as SIE 4 or Excel are finance's (the ledger page's export, linked from the reports page too)."""
    return user.has_role(Role.FINANCE)
