"""Errors the case services raise; each message is Swedish and says what to do."""

from __future__ import annotations


class CaseError(Exception):
    """A transition that is not allowed now. Nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class CasePermissionDenied(CaseError):
    """The user's role does not allow this step on this case."""


class CaseStateError(CaseError):
    """The case is not in a state where this step can be taken."""


class CaseValidationError(CaseError):
    """Input to the step is missing or wrong; `field` names the form field."""


class CaseConflictError(CaseError):
    """Someone else saved the draft after this user opened it; nothing was overwritten."""

    def __init__(self, message: str, *, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version
