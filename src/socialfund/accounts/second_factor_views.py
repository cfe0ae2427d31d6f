"""Set up the authenticator app (secret and otpauth URI shown as text) and give a code at sign-in."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from socialfund.accounts.models import User
from socialfund.accounts.second_factor import (
    code_accept,
    confirmed_device,
    count_failure,
    device_for_enrolment,
    mark_verified,
    provisioning_uri,
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Engångskod från appen"),
        max_length=7,
        help_text=_("Sex siffror, t.ex. 123 456."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return "/"


@login_required
@require_http_methods(["GET", "POST"])
def enrol_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if confirmed_device(user) is not None:
        return redirect(f"{reverse('second-factor-verify')}?{urlencode({'next': _next(request)})}")
    device = device_for_enrolment(user)
    form = CodeForm(request.POST or None, label_suffix="")
    if request.method == "POST" and form.is_valid():
        if code_accept(device=device, code=form.cleaned_data["code"]):
            mark_verified(request, user)
            return redirect(_next(request))
        form.add_error("code", gettext("Koden stämmer inte. Kontrollera att klockan i telefonen går rätt."))
    context = {"form": form, "secret": device.secret, "uri": provisioning_uri(device), "next": _next(request)}
    return render(request, "accounts/second_factor_enrol.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    device = confirmed_device(user)
    if device is None:
        return redirect(f"{reverse('second-factor-enrol')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None, label_suffix="")
    if request.method == "POST" and form.is_valid():
        if code_accept(device=device, code=form.cleaned_data["code"]):
            mark_verified(request, user)
            return redirect(_next(request))
        if count_failure(request):
            return redirect("login")
        form.add_error("code", gettext("Koden stämmer inte eller är redan använd."))
    context = {"form": form, "next": _next(request)}
    return render(request, "accounts/second_factor_verify.html", context, status=400 if form.errors else 200)
