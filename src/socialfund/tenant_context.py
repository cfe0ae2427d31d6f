"""Which organisation (tenant) the current request or command works for: one context variable, no Django.

The value is the organisation's SCB area code (0181 Södertälje, 0013 Region Halland), `ALL` for an
explicit, audited piece of work across every organisation, or None when nobody has chosen one (a
query then sees no tenant's rows under PostgreSQL's row-level security; docs/tenancy.md). It sits in the
lowest layer so that anything, the log filters included, may read it; only `socialfund.organisation.tenancy`
sets it, together with the database session's `app.tenant`.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

ALL = "*"
"""Every organisation: staff of the shared service and commands, always entered through an audited door."""


@dataclass(frozen=True)
class Tenant:
    code: str
    """The SCB area code, or `ALL`."""
    organisation_id: int | None
    """The organisation's primary key (None for `ALL`): what the scoped selectors filter on."""

    def code_if_known(self) -> str | None:
        """The code, for a log line: None where knowing it would take a database read (an anonymous
        visitor's tenant is looked up only when a query first needs it, and a log must not be that query)."""
        return self.code


REQUEST_ATTRIBUTE = "socialfund_tenant"
"""The attribute on a request that holds the tenant it ran under (the tenant middleware sets it), for the
request's log line, which is written after the middleware has left the tenant's context."""

_current: ContextVar[Tenant | None] = ContextVar("socialfund_tenant", default=None)


def current_tenant() -> Tenant | None:
    return _current.get()


def current_tenant_code() -> str | None:
    """The current organisation's code (0181), `*` across every organisation, None when none is chosen.
    For structured logs and messages; never decide access on it (the scope and the database do)."""
    tenant = _current.get()
    return tenant.code_if_known() if tenant is not None else None


def _set(tenant: Tenant | None) -> object:
    return _current.set(tenant)


def _reset(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
