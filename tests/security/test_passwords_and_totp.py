"""Issue 21, finding 12: passwords common in Sweden are refused, and local admin and finance accounts give a
TOTP code from their authenticator app in every session (tests compute the code as the app would)."""

from __future__ import annotations

import time

import pyotp
import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password", ["Sommar2016", "lösenord123", "Losenord2020", "hejsan1234", "Qwertyuiop", "Vinter2024!"]
)
def test_passwords_common_in_sweden_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("blåbärssoppa-i-Vasaloppet-7")


def _signed_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": f"demo-{username}"})
    assert response.status_code == 302
    return client


def _code(secret: str, offset: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + offset)


@pytest.fixture
def totp_on(settings, demo):
    settings.SOCIALFUND_REQUIRE_TOTP = True


def test_finance_must_set_up_the_app_before_any_page(totp_on):
    client = _signed_in("ekonomi")
    response = client.get(reverse("ledger:position", args=["sodertalje"]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("second-factor-enrol"))
    page = client.get(response["Location"])
    html = page.content.decode()
    secret = User.objects.get(username="ekonomi").totp.secret
    assert secret in html and "otpauth://totp/" in html
    wrong = client.post(reverse("second-factor-enrol"), {"code": "000000", "next": "/fond/sodertalje/"})
    assert wrong.status_code == 400 and "Koden stämmer inte" in wrong.content.decode()
    right = client.post(reverse("second-factor-enrol"), {"code": _code(secret), "next": "/fond/sodertalje/"})
    assert right.status_code == 302 and right["Location"] == "/fond/sodertalje/"
    assert client.get(reverse("ledger:position", args=["sodertalje"])).status_code == 200
    assert AuditEvent.objects.filter(
        action="totp_enrol", target_id=str(User.objects.get(username="ekonomi").pk)
    ).exists()


def test_the_next_session_asks_for_a_code_and_a_code_is_not_accepted_twice(totp_on):
    first = _signed_in("admin")
    first.get(reverse("second-factor-enrol"))
    secret = User.objects.get(username="admin").totp.secret
    used = _code(secret)
    assert first.post(reverse("second-factor-enrol"), {"code": used}).status_code == 302
    second = _signed_in("admin")
    response = second.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("second-factor-verify"))
    replay = second.post(reverse("second-factor-verify"), {"code": used})
    assert replay.status_code == 400
    fresh = second.post(reverse("second-factor-verify"), {"code": _code(secret, offset=30), "next": "/admin/"})
    assert fresh.status_code == 302 and fresh["Location"] == "/admin/"
    assert second.get(reverse("admin:index")).status_code == 200


def test_five_wrong_codes_sign_the_user_out(totp_on):
    client = _signed_in("ekonomi")
    client.get(reverse("second-factor-enrol"))
    secret = User.objects.get(username="ekonomi").totp.secret
    client.post(reverse("second-factor-enrol"), {"code": _code(secret)})
    client = _signed_in("ekonomi")
    for _ in range(4):
        assert client.post(reverse("second-factor-verify"), {"code": "000000"}).status_code == 400
    assert client.post(reverse("second-factor-verify"), {"code": "000000"})["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_other_roles_and_outside_redirects_are_not_affected(totp_on):
    client = _signed_in("beredning")
    assert client.get(reverse("cases:list")).status_code == 200
    admin = _signed_in("admin")
    admin.get(reverse("second-factor-enrol"))
    secret = User.objects.get(username="admin").totp.secret
    response = admin.post(reverse("second-factor-enrol"), {"code": _code(secret), "next": "https://evil.example/"})
    assert response["Location"] == "/"
