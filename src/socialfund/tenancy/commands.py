"""The tenant a management command works in: `SOCIALFUND_TENANT=0181 socialfund …` for one organisation;
without it, across every organisation, entered through the audited door (a person at the shell), or for
the shared service's own timers (mail, digests, deliveries) with a log line instead of an audit event."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

logger = logging.getLogger("socialfund.tenancy")

AUDITED = frozenset({"token", "export", "import", "fund", "ledger", "demo", "shell", "dbshell"})
"""Commands a person runs: working across organisations leaves an audit event naming the command."""
TIMERS = frozenset({"mail", "inbox_digest", "culling_run", "diarium_deliver", "kolada", "followup"})
"""The service's scheduled work: it serves every organisation by design; logged, not audited per run."""


def run_command(name: str, execute: Callable[[], None]) -> None:
    if name not in AUDITED | TIMERS:
        execute()  # migrate, app_role, runserver, check …: no tenant data, or a request sets the tenant
        return
    from socialfund.accounts.tenancy import across_tenants
    from socialfund.organisation.models import Organisation
    from socialfund.organisation.tenancy import ACROSS, entered, tenant_for

    code = os.environ.get("SOCIALFUND_TENANT", "").strip()
    if code:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise SystemExit(f"Ingen organisation har koden {code} (SOCIALFUND_TENANT).")
        with entered(tenant_for(organisation)):
            execute()
    elif name in TIMERS:
        logger.info("command %s works across every organisation", name)
        with entered(ACROSS):
            execute()
    else:
        with across_tenants(actor=None, reason=f"socialfund {name}"):
            execute()
