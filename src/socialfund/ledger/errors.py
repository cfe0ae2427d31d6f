"""Errors the ledger's services raise; each message is Swedish and says what to do. Nothing was booked.

The ledger's branch of the one refusal tree (socialfund.kit.refusals), mapped once for the web and the API.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from socialfund.kit.refusals import InputRefusal, PermissionRefusal, Refusal, StateRefusal


class LedgerError(Refusal):
    """An event the ledger refuses. The ledger is unchanged."""

    reason = "ledger"


class LedgerPermissionDenied(LedgerError, PermissionRefusal, PermissionDenied):
    """The user's role (or organisation) does not allow this booking; a view answers 403."""

    reason = "ledger_permission"


class LedgerStateError(LedgerError, StateRefusal):
    """The books are not in a state where this event can be booked (closed period, already booked…)."""

    reason = "ledger_state"


class LedgerValidationError(LedgerError, InputRefusal):
    """Input to the event is missing or wrong; `field` names the form field."""

    reason = "ledger_input"


class LedgerLimitError(LedgerError, StateRefusal):
    """The event would take an account past its limit: a payout above the commitment or the fund's money,
    a repayment above the duty."""

    reason = "ledger_limit"


class LedgerWarning(LedgerError, StateRefusal):
    """The event is possible but has consequences someone must see first; book it again with
    `acknowledge_warnings=True`."""

    reason = "ledger_warning"

    def __init__(self, message: str, *, warnings: list[str]) -> None:
        super().__init__(message)
        self.warnings = warnings


class ImmutableLedgerError(Exception):
    """An attempt to change or remove a booked entry: corrections are reversing transactions."""
