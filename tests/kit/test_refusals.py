"""One refusal tree: every app's refusal is a `Refusal` with a message, a field and a reason code."""

from __future__ import annotations

import pytest
from django import forms

from socialfund.cases.errors import CaseError, CasePermissionDenied, CaseValidationError
from socialfund.consultations.errors import ConsultationError, ConsultationValidationError
from socialfund.followup.errors import FollowupError, FollowupValidationError
from socialfund.kit.refusals import InputRefusal, PermissionRefusal, Refusal
from socialfund.kit.web_refusals import refusal_status, show_refusal
from socialfund.ledger.errors import LedgerError, LedgerPermissionDenied, LedgerValidationError
from socialfund.reports.errors import ReportError


@pytest.mark.parametrize("base", [CaseError, LedgerError, FollowupError, ConsultationError, ReportError])
def test_every_app_refuses_through_the_one_tree(base):
    error = base("Ange ett datum.", field="decided_on")
    assert isinstance(error, Refusal)
    assert (error.message, error.field) == ("Ange ett datum.", "decided_on")
    assert error.reason and error.reason != Refusal.reason


def test_the_kind_is_shared_across_apps_and_each_app_has_its_own_branch():
    assert isinstance(LedgerPermissionDenied("x"), PermissionRefusal)
    assert isinstance(CasePermissionDenied("x"), PermissionRefusal)
    for error in (LedgerValidationError("x"), FollowupValidationError("x"), ConsultationValidationError("x")):
        assert isinstance(error, InputRefusal)
    # A follow-up, consultation or report refusal is no case error: code that handles several apps catches
    # Refusal or its kinds.
    assert not isinstance(FollowupValidationError("x"), CaseValidationError)
    assert not isinstance(ConsultationValidationError("x"), CaseError)
    assert not isinstance(ReportError("x"), CaseError)
    assert CaseError("x", reason="gate").reason == "gate"


class _Form(forms.Form):
    amount = forms.IntegerField()


def test_the_web_puts_a_refusal_beside_its_field_or_above_the_form():
    form = _Form({"amount": "5"})
    assert form.is_valid()
    assert show_refusal(form, LedgerValidationError("Beloppet är för stort.", field="amount")) == 400
    assert form.errors["amount"] == ["Beloppet är för stort."]
    other = _Form({"amount": "5"})
    assert other.is_valid()
    assert show_refusal(other, CaseError("Ärendet är stängt.", field="no_such_field")) == 400
    assert other.non_field_errors() == ["Ärendet är stängt."]
    assert refusal_status(LedgerPermissionDenied("Inte din roll.")) == 403
