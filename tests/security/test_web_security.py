"""CSP without unsafe-inline, login throttling, cookies and sessions."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_sends_a_strict_content_security_policy(client, demo):
    for url in [reverse("start"), reverse("login"), reverse("accessibility"), reverse("actors:idea")]:
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy


def test_logins_are_throttled_after_five_failures(demo):
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(4):
        response = client.post(reverse("login"), {"username": "beredning", "password": "fel"})
        assert response.status_code == 200
    response = client.post(reverse("login"), {"username": "beredning", "password": "fel"})  # the fifth locks
    assert response.status_code == 429
    response = client.post(reverse("login"), {"username": "beredning", "password": "demo-beredning"})
    assert response.status_code == 429
    assert "För många inloggningsförsök" in response.content.decode()
    # Another user from the same address is not locked out.
    response = client.post(reverse("login"), {"username": "lasare", "password": "demo-lasare"})
    assert response.status_code == 302


def test_session_cookie_is_http_only_and_same_site(settings):
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    # Sliding expiry without a write per page: tests/web/test_session_writes.py.
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert 0 < settings.SESSION_RENEW_AFTER < settings.SESSION_COOKIE_AGE
