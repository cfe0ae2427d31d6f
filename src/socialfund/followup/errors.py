"""Errors the follow-up services raise (projects, indicators, reports, special reviews, outcome).

They are this app's branch of the one refusal tree (socialfund.kit.refusals).

Each class is also the case error of the same kind (CaseValidationError …) for one round only, so that an
`except CaseError` written before the tree still catches it; new code catches `Refusal` (or these).
When no `except Case…` around a call into this app remains, drop the Case… bases.
"""

from __future__ import annotations

from socialfund.cases.errors import CaseError, CasePermissionDenied, CaseStateError, CaseValidationError


class FollowupError(CaseError):
    """A step the followup services refuse. Nothing was changed."""

    reason = "followup"


class FollowupPermissionDenied(FollowupError, CasePermissionDenied):
    """The user's role does not allow this step."""

    reason = "followup_permission"


class FollowupStateError(FollowupError, CaseStateError):
    """Not in a state where this step can be taken."""

    reason = "followup_state"


class FollowupValidationError(FollowupError, CaseValidationError):
    """Input to the step is missing or wrong; `field` names the form field."""

    reason = "followup_input"
