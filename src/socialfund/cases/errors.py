"""Errors the case services raise; each message is Swedish and says what to do.

They are the cases app's branch of the one refusal tree (socialfund.kit.refusals): code that handles
a refusal from any app catches `Refusal`, and the web and the API map them once, by their kind.
"""

from __future__ import annotations

from socialfund.kit.refusals import ConflictRefusal, InputRefusal, PermissionRefusal, Refusal, StateRefusal


class CaseError(Refusal):
    """A transition that is not allowed now. Nothing was changed."""

    reason = "case"


class CasePermissionDenied(CaseError, PermissionRefusal):
    """The user's role does not allow this step on this case."""

    reason = "case_permission"


class CaseStateError(CaseError, StateRefusal):
    """The case is not in a state where this step can be taken."""

    reason = "case_state"


class CaseValidationError(CaseError, InputRefusal):
    """Input to the step is missing or wrong; `field` names the form field."""

    reason = "case_input"


class CaseConflictError(CaseError, ConflictRefusal):
    """Someone else saved the draft after this user opened it; nothing was overwritten."""

    reason = "case_conflict"

    def __init__(self, message: str, *, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version
