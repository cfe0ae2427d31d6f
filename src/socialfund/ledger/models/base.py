"""Append-only rows: once written they are never updated or deleted through the ORM.

The ledger keeps its history by adding: a correction is a reversing transaction. The
database refuses the same (triggers in migration 0002); this is the first line.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from socialfund.ledger.errors import ImmutableLedgerError

CHANGE_REFUSED = "Bokförda uppgifter ändras inte; rätta med en omvänd verifikation."
DELETE_REFUSED = "Bokförda uppgifter raderas inte; rätta med en omvänd verifikation."


class AppendOnlyQuerySet[M: models.Model](models.QuerySet[M]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableLedgerError(CHANGE_REFUSED)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableLedgerError(DELETE_REFUSED)

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise ImmutableLedgerError(CHANGE_REFUSED)

    def _unsafe_update(self, **kwargs: Any) -> int:
        """The one write the ledger makes to a row it has written: closing a transaction."""
        return super().update(**kwargs)


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableLedgerError(CHANGE_REFUSED)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableLedgerError(DELETE_REFUSED)
