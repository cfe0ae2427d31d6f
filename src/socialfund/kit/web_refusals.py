"""A refusal on a web page, mapped once: the message beside its field (or above the form) and the status.

Every step view that calls a service does the same with what the service refuses, whichever app raised it.
"""

from __future__ import annotations

from django import forms

from socialfund.kit.refusals import PermissionRefusal, Refusal


def refusal_status(error: Refusal) -> int:
    """403 when the role does not allow the step; 400 for everything else the person can correct or read."""
    return 403 if isinstance(error, PermissionRefusal) else 400


def show_refusal(form: forms.BaseForm | None, error: Refusal) -> int:
    """Put the message on the form (on its field when the form has it) and return the page's status."""
    if form is not None:
        form.add_error(error.field if error.field in form.fields else None, error.message)
    return refusal_status(error)
