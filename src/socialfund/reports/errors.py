"""Errors the reports' services raise (the public page's settings): this app's branch of the refusal tree.

Code that handles a refusal from more than one app catches `Refusal` (or its kinds), never another app's base.
"""

from __future__ import annotations

from socialfund.kit.refusals import PermissionRefusal, Refusal


class ReportError(Refusal):
    """A step the reports refuse. Nothing was changed."""

    reason = "reports"


class ReportPermissionDenied(ReportError, PermissionRefusal):
    """The user's role does not allow this step."""

    reason = "reports_permission"
