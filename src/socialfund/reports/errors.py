"""Errors the reports' services raise (the public page's settings): this app's branch of the refusal tree.

Each class is also the case error of the same kind for one round only, so that an `except CaseError`
written before the tree still catches it; new code catches `Refusal`. Drop the Case… bases when none remains.
"""

from __future__ import annotations

from socialfund.cases.errors import CaseError, CasePermissionDenied


class ReportError(CaseError):
    """A step the reports refuse. Nothing was changed."""

    reason = "reports"


class ReportPermissionDenied(ReportError, CasePermissionDenied):
    """The user's role does not allow this step."""

    reason = "reports_permission"
