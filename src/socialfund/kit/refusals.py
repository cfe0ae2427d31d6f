"""One error tree for refusals a person must read: a Swedish message, the field it concerns, a reason code.

Each app subclasses `Refusal` (CaseError, LedgerError, FollowupError …) and mixes in the kind of refusal,
so the web (`socialfund.kit.web_refusals`) and the API (`socialfund.api.errors`) each map a refusal once,
by its kind, whatever app raised it. The message is what the person reads; the field is the form
field's name (the web puts the message beside it, the API names it by its Swedish label); the reason
is a stable code for programs and logs, never shown.

Pure Python: the pure core may not import it, but nothing here needs Django.
"""

from __future__ import annotations


class Refusal(Exception):
    """A step the service refused. Nothing was changed."""

    reason = "refused"

    def __init__(self, message: str, *, field: str | None = None, reason: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if reason is not None:
            self.reason = reason


class PermissionRefusal(Refusal):
    """The user's role (or organisation) does not allow the step."""

    reason = "permission"


class StateRefusal(Refusal):
    """The thing is not in a state where the step can be taken (also: a limit would be passed)."""

    reason = "state"


class InputRefusal(Refusal):
    """Input to the step is missing or wrong; `field` names the form field."""

    reason = "input"


class ConflictRefusal(Refusal):
    """Someone else saved first; nothing was overwritten."""

    reason = "conflict"
