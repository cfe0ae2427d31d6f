"""The fund's account map for exports: set only through this service, which audits the change."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from socialfund.accounts.models import User
from socialfund.audit.changes import field_changes
from socialfund.audit.services import audit_record
from socialfund.funds.models import Fund
from socialfund.ledger.account_map import parse_account_map
from socialfund.ledger.models import FundLedger


def account_map_set(*, fund: Fund, data: dict[str, Any], actor: User | None, via: str) -> FundLedger:
    """Store the account map (validated first; an `AccountMapError` stores nothing) with an audit event.

    `via` says where the change came from ("kommandoraden", …), for a change made without a user.
    """
    parse_account_map(data)
    with transaction.atomic():
        book, _ = FundLedger.objects.select_for_update().get_or_create(fund=fund)
        before = book.account_map or {}
        FundLedger.objects.filter(pk=book.pk).update(account_map=data)
        audit_record(
            actor=actor,
            action="account_map_set",
            target=book,
            message=f"Kontoplan för export sparad ({via}).",
            data={
                "fund": fund.slug,
                "via": via,
                "changes": field_changes({"account_map": before}, {"account_map": data}),
            },
        )
    book.refresh_from_db()
    return book
