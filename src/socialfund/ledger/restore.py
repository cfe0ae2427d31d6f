"""Restoring the books from a backup, through the same database guards as a posting.

A restore writes rows as they were, but the database keeps two things itself: every
entry inserted moves its account's balance, and no entry can be added to a closed
transaction. So a restore writes accounts with a zero balance (the entries rebuild it),
transactions open, their entries, and closes them at the end, when the database checks
again that each balances:

    restore = LedgerRestore()
    for obj in serializers.deserialize(...):
        restore.prepare(obj.object)
        obj.save()
    restore.finish()
"""

from __future__ import annotations

from django.db.models import Model

from socialfund.ledger.models import Account, Transaction


class LedgerRestore:
    def __init__(self) -> None:
        self.to_close: list[int] = []

    def prepare(self, instance: Model) -> None:
        """Adjust a row about to be written raw; rows of other models pass unchanged."""
        if isinstance(instance, Account):
            instance.balance_ore = 0
        elif isinstance(instance, Transaction) and instance.closed:
            instance.closed = False
            self.to_close.append(instance.pk)

    def finish(self) -> None:
        """Close what was closed in the backup; an unbalanced one makes the database refuse the restore."""
        Transaction.objects.filter(pk__in=self.to_close)._unsafe_update(closed=True)
        self.to_close.clear()
