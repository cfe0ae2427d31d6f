"""The one step-form pattern: a form that does not validate, a refusal, and a step that went through."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory

from socialfund.cases.errors import CasePermissionDenied, CaseValidationError
from socialfund.kit.step_form import Failed, Step, post_step, shown_steps, take_step
from socialfund.ledger.errors import LedgerStateError


class _Form(forms.Form):
    amount = forms.IntegerField()


def _request(data: dict[str, str]) -> HttpRequest:
    request = RequestFactory().post("/", data)
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    return request


def _take(data: dict[str, str], run: Any, **options: Any) -> tuple[HttpResponse, list[Failed], list[Any]]:
    shown: list[Failed] = []
    went: list[Any] = []
    request = _request(data)
    response = take_step(
        request,
        _Form(request.POST),
        run,
        done=lambda result: (went.append(result), HttpResponse("klart", status=302))[1],
        again=lambda failed: (shown.append(failed), HttpResponse(status=failed.status))[1],
        said=lambda result: f"Sparat: {result}.",
        code="amount",
        **options,
    )
    response.messages = [m.message for m in get_messages(request)]  # type: ignore[attr-defined]
    return response, shown, went


def _refuse(error: Exception) -> Any:
    def run(form: forms.Form) -> None:
        raise error

    return run


def test_a_form_that_does_not_validate_is_shown_again_and_nothing_runs():
    ran: list[int] = []
    response, shown, went = _take({"amount": "tio"}, lambda form: ran.append(1))
    assert (response.status_code, ran, went) == (400, [], [])
    assert shown[0].code == "amount" and shown[0].error == "" and shown[0].form.errors["amount"]


def test_a_refusal_stands_at_its_field_and_above_the_form():
    refusal = CaseValidationError("Beloppet är för stort.", field="amount")
    response, shown, _ = _take({"amount": "10"}, _refuse(refusal))
    assert response.status_code == 400
    assert shown[0].form.errors["amount"] == ["Beloppet är för stort."]
    assert (shown[0].error, shown[0].refusal) == ("Beloppet är för stort.", refusal)


def test_a_refusal_of_the_role_is_403_and_stands_at_no_field():
    response, shown, _ = _take({"amount": "10"}, _refuse(CasePermissionDenied("Bara registrator.", field="amount")))
    assert response.status_code == 403
    assert not shown[0].form.errors and shown[0].error == "Bara registrator."


def test_a_refusal_without_a_field_of_the_form_goes_above_the_fields_when_the_form_is_the_page():
    response, shown, _ = _take({"amount": "10"}, _refuse(LedgerStateError("Perioden är stängd.")), unplaced="form")
    assert response.status_code == 400
    assert shown[0].form.non_field_errors() == ["Perioden är stängd."]
    assert shown[0].error == ""  # the form says it; no second box
    _, shown, _ = _take({"amount": "10"}, _refuse(LedgerStateError("Perioden är stängd.")))
    assert not shown[0].form.errors and shown[0].error == "Perioden är stängd."


def test_a_step_that_went_through_says_so_and_goes_on():
    response, shown, went = _take({"amount": "10"}, lambda form: form.cleaned_data["amount"] * 2)
    assert (response.status_code, shown, went) == (302, [], [20])
    assert response.messages == ["Sparat: 20."]  # type: ignore[attr-defined]


def test_a_page_of_steps_shows_the_allowed_ones_and_404s_an_unknown_step():
    steps = [
        Step(
            "a",
            "A",
            "Spara",
            lambda target, data: _Form(data, prefix="a"),
            lambda user, target: True,
            lambda t, u, f: "",
        ),
        Step(
            "b",
            "B",
            "Spara",
            lambda target, data: _Form(data, prefix="b"),
            lambda user, target: False,
            lambda t, u, f: "",
        ),
    ]
    failed_form = _Form({"a-amount": "x"}, prefix="a")
    shown = shown_steps(steps, None, "mål", Failed("a", failed_form))
    assert [(s["action"].code, s["form"] is failed_form) for s in shown] == [("a", True)]
    with pytest.raises(Http404):
        post_step(_request({}), user=None, target="mål", step=None, page=lambda f, s: HttpResponse(), done=HttpResponse)
