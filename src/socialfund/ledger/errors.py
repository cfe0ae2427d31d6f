"""Errors the ledger's services raise; each message is Swedish and says what to do. Nothing was booked."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class LedgerError(Exception):
    """An event the ledger refuses. The ledger is unchanged."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class LedgerPermissionDenied(LedgerError, PermissionDenied):
    """The user's role (or organisation) does not allow this booking; a view answers 403."""


class LedgerStateError(LedgerError):
    """The books are not in a state where this event can be booked (closed period, already booked…)."""


class LedgerValidationError(LedgerError):
    """Input to the event is missing or wrong; `field` names the form field."""


class LedgerLimitError(LedgerError):
    """The event would take an account past its limit: a payout above the commitment or the fund's money,
    a repayment above the duty."""


class LedgerWarning(LedgerError):
    """The event is possible but has consequences someone must see first; book it again with
    `acknowledge_warnings=True`."""

    def __init__(self, message: str, *, warnings: list[str]) -> None:
        super().__init__(message)
        self.warnings = warnings


class ImmutableLedgerError(Exception):
    """An attempt to change or remove a booked entry: corrections are reversing transactions."""
