"""One pattern for a step a person takes through a form: parse the form, call the service, show the page again.

Every app's step pages (a case's actions, the follow-up's, a booking in the ledger, a consultation's answers)
do the same: a form that does not validate is shown again (400) and nothing is stored; a step the service
refuses is shown again with its Swedish message at the field it names (403 when the role does not allow it,
400 else); a step that went through says so and goes on (usually a redirect). `take_step` is that pattern;
`Step`, `shown_steps` and `post_step` are its form for a page that offers several steps, each a small form.

Below the apps: it knows no model, only forms, the refusal tree (`kit.refusals`) and the response.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import Promise

from socialfund.kit.refusals import PermissionRefusal, Refusal
from socialfund.kit.web_refusals import refusal_status, show_refusal

# Where a refusal's message goes when the form has no field of its name:
# "page": nowhere on the form; the page shows `Failed.error` in a box above the form (the step pages do);
# "form": above the form's fields, as the form's own error (pages that are one form do).
Unplaced = Literal["page", "form"]


@dataclass(frozen=True)
class Failed:
    """A step that did not go through: its (filled-in) form, and why, as the page shows it again."""

    code: str
    form: forms.BaseForm
    # The message for the box above the form; "" when the form shows it (its own errors, or `Unplaced` "form").
    error: str = ""
    status: int = 400
    refusal: Refusal | None = None  # what the service refused, for a page that shows more of it


def take_step[F: forms.BaseForm, R](
    request: HttpRequest,
    form: F,
    run: Callable[[F], R],
    *,
    done: Callable[[R], HttpResponse],
    again: Callable[[Failed], HttpResponse],
    said: Callable[[R], str] | None = None,
    code: str = "",
    unplaced: Unplaced = "page",
) -> HttpResponse:
    """Parse the bound `form`, call `run` with it, and answer.

    Not valid: `again` with the form (400); nothing ran. Refused: the message at the form's field of that
    name when it has one (never for a refusal of the role, which concerns no field), else where `unplaced`
    says, and `again` with the status of the refusal's kind. Through: `said`'s message as a success message
    (when given), then `done` with what `run` returned.
    """
    if not form.is_valid():
        return again(Failed(code, form))
    try:
        result = run(form)
    except Refusal as refusal:
        return again(_refused(code, form, refusal, unplaced))
    if said is not None:
        messages.success(request, said(result))
    return done(result)


def _refused(code: str, form: forms.BaseForm, refusal: Refusal, unplaced: Unplaced) -> Failed:
    if unplaced == "form":
        # The form is the page: every message goes on it, at its field or above the fields.
        return Failed(code, form, "", show_refusal(form, refusal), refusal)
    if not isinstance(refusal, PermissionRefusal) and refusal.field and refusal.field in form.fields:
        form.add_error(refusal.field, refusal.message)
    return Failed(code, form, refusal.message, refusal_status(refusal), refusal)


@dataclass(frozen=True)
class Step[T]:
    """One of the steps a page offers on `T` (a case, a project, a report): its form, who sees it, its service.

    `run` calls the service and returns the Swedish message to show when it went through.
    """

    code: str
    title: str | Promise  # a lazy translation, resolved in the language of the request that shows it
    button: str | Promise
    form: Callable[[T, Any], forms.Form]
    allowed: Callable[[Any, T], bool]  # (user, target)
    run: Callable[[T, Any, Any], str]  # (target, user, valid form)


def shown_steps[T](steps: list[Step[T]], user: Any, target: T, failed: Failed | None) -> list[dict[str, Any]]:
    """The steps this user may take, each with its form (the failed one filled in as it was sent)."""
    shown = []
    for step in steps:
        if not step.allowed(user, target):
            continue
        form = failed.form if failed and failed.code == step.code else step.form(target, None)
        shown.append({"action": step, "form": form})
    return shown


def post_step[T](
    request: HttpRequest,
    *,
    user: Any,
    target: T,
    step: Step[T] | None,
    page: Callable[[Failed | None, int], HttpResponse],
    done: Callable[[], HttpResponse],
) -> HttpResponse:
    """A step posted from a page of steps: 404 for a step the page does not have, else `take_step`."""
    if step is None:
        raise Http404
    return take_step(
        request,
        step.form(target, request.POST),
        lambda form: step.run(target, user, form),
        done=lambda _message: done(),
        again=lambda failed: page(failed, failed.status),
        said=str,
        code=step.code,
    )
