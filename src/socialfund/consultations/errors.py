"""Errors the consultation services raise: this app's branch of the one refusal tree (socialfund.kit.refusals).
Code that handles a refusal from more than one app catches `Refusal` (or its kinds), never another app's base.
"""

from __future__ import annotations

from socialfund.kit.refusals import InputRefusal, PermissionRefusal, Refusal, StateRefusal


class ConsultationError(Refusal):
    """A step the consultations services refuse. Nothing was changed."""

    reason = "consultations"


class ConsultationPermissionDenied(ConsultationError, PermissionRefusal):
    """The user's role does not allow this step."""

    reason = "consultations_permission"


class ConsultationStateError(ConsultationError, StateRefusal):
    """Not in a state where this step can be taken."""

    reason = "consultations_state"


class ConsultationValidationError(ConsultationError, InputRefusal):
    """Input to the step is missing or wrong; `field` names the form field."""

    reason = "consultations_input"
