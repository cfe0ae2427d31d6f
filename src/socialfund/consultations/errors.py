"""Errors the consultation services raise: this app's branch of the one refusal tree (socialfund.kit.refusals).

Each class is also the case error of the same kind (CaseValidationError …) for one round only, so that an
`except CaseError` written before the tree still catches it; new code catches `Refusal` (or these).
When no `except Case…` around a call into this app remains, drop the Case… bases.
"""

from __future__ import annotations

from socialfund.cases.errors import CaseError, CasePermissionDenied, CaseStateError, CaseValidationError


class ConsultationError(CaseError):
    """A step the consultations services refuse. Nothing was changed."""

    reason = "consultations"


class ConsultationPermissionDenied(ConsultationError, CasePermissionDenied):
    """The user's role does not allow this step."""

    reason = "consultations_permission"


class ConsultationStateError(ConsultationError, CaseStateError):
    """Not in a state where this step can be taken."""

    reason = "consultations_state"


class ConsultationValidationError(ConsultationError, CaseValidationError):
    """Input to the step is missing or wrong; `field` names the form field."""

    reason = "consultations_input"
