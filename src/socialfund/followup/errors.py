"""Errors the follow-up services raise (projects, indicators, reports, special reviews, outcome).

They are this app's branch of the one refusal tree (socialfund.kit.refusals): code that handles a refusal
from more than one app catches `Refusal` (or its kinds), never another app's base.
"""

from __future__ import annotations

from socialfund.kit.refusals import InputRefusal, PermissionRefusal, Refusal, StateRefusal


class FollowupError(Refusal):
    """A step the followup services refuse. Nothing was changed."""

    reason = "followup"


class FollowupPermissionDenied(FollowupError, PermissionRefusal):
    """The user's role does not allow this step."""

    reason = "followup_permission"


class FollowupStateError(FollowupError, StateRefusal):
    """Not in a state where this step can be taken."""

    reason = "followup_state"


class FollowupValidationError(FollowupError, InputRefusal):
    """Input to the step is missing or wrong; `field` names the form field."""

    reason = "followup_input"
