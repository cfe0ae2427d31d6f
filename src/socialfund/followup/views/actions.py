"""A page's steps: each a form, who sees it, and the service it calls (the case page's pattern)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import Promise

from socialfund.accounts.models import User
from socialfund.kit.refusals import PermissionRefusal, Refusal


@dataclass(frozen=True)
class Action[T]:
    code: str
    title: str | Promise  # a lazy translation, resolved in the language of the request that shows it
    button: str | Promise
    form: Callable[[T, Any], forms.Form]
    allowed: Callable[[User, T], bool]
    run: Callable[[T, User, Any], str]


@dataclass(frozen=True)
class Failed:
    code: str
    form: forms.Form
    error: str = ""


def shown_actions[T](actions: list[Action[T]], user: User, target: T, failed: Failed | None) -> list[dict[str, Any]]:
    """The steps this user may take, each with its (possibly failed, filled-in) form."""
    shown = []
    for action in actions:
        if not action.allowed(user, target):
            continue
        form = failed.form if failed and failed.code == action.code else action.form(target, None)
        shown.append({"action": action, "form": form})
    return shown


def run_action[T](
    request: HttpRequest,
    *,
    user: User,
    target: T,
    action: Action[T] | None,
    page: Callable[[Failed | None, int], HttpResponse],
    done: Callable[[], HttpResponse],
) -> HttpResponse:
    """Parse the step's form, call its service, and show the page again with the error when it refuses."""
    if action is None:
        raise Http404
    form = action.form(target, request.POST)
    if not form.is_valid():
        return page(Failed(action.code, form), 400)
    try:
        message = action.run(target, user, form)
    except PermissionRefusal as error:
        return page(Failed(action.code, form, error.message), 403)
    except Refusal as error:
        if error.field and error.field in form.fields:
            form.add_error(error.field, error.message)
        return page(Failed(action.code, form, error.message), 400)
    messages.success(request, message)
    return done()
