"""The user's own page for personal API tokens: create (shown once), list, revoke."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from socialfund.accounts.models import User
from socialfund.accounts.tokens import TokenError, token_create, token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Vad ska nyckeln användas till?"), max_length=100)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def tokens_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TokenForm(request.POST or None, label_suffix="")
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = token_create(user=user, name=form.cleaned_data["name"])
        except TokenError as error:
            form.add_error("name", error.message)
    response = render(
        request,
        "accounts/tokens.html",
        {"form": form, "created": created, "tokens": user.api_tokens.all()},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"  # the page may show a secret once
    return response


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token_revoke(user=_user(request), token_id=token_id)
    except TokenError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Nyckeln är återkallad."))
    return redirect("tokens")
