"""Login with the municipality's identity provider, tested against a fake OpenID provider on loopback."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from django.urls import reverse

from socialfund.accounts.models import User
from socialfund.cases.permissions import visible_initiatives
from socialfund.funds.selectors import funds_visible_to

CLIENT_ID = "socialfund-test"
KID = "test-key-1"


class FakeProvider:
    """Token, userinfo and JWKS endpoints of an OpenID provider, signing with a fresh RSA key."""

    def __init__(self, claims: dict[str, Any]) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims = claims
        self.nonce = ""
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep the test output clean
                return

            def _json(self, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802 - the token endpoint
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                now = int(time.time())
                id_token = jwt.encode(
                    {
                        "iss": provider.url,
                        "aud": CLIENT_ID,
                        "sub": provider.claims["sub"],
                        "nonce": provider.nonce,
                        "iat": now,
                        "exp": now + 300,
                    },
                    provider.key,
                    algorithm="RS256",
                    headers={"kid": KID},
                )
                self._json({"id_token": id_token, "access_token": "access-123", "token_type": "Bearer"})

            def do_GET(self) -> None:  # noqa: N802 - userinfo and jwks
                if self.path.startswith("/jwks"):
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
                    self._json({"keys": [jwk | {"kid": KID, "alg": "RS256", "use": "sig"}]})
                else:
                    self._json(provider.claims)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeProvider:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(settings, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    claims = {
        "sub": "abc-123",
        "preferred_username": "berit.beredare",
        "email": "berit@example.se",
        "given_name": "Berit",
        "family_name": "Beredare",
        "groups": ["SG-Fond-Beredning", "Ovidkommande"],
    }
    with FakeProvider(claims) as fake:
        settings.AUTHENTICATION_BACKENDS = [
            "axes.backends.AxesStandaloneBackend",
            "socialfund.accounts.oidc.MunicipalOIDCBackend",
            "django.contrib.auth.backends.ModelBackend",
        ]
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = "secret"
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{fake.url}/authorize"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{fake.url}/token"
        settings.OIDC_OP_USER_ENDPOINT = f"{fake.url}/userinfo"
        settings.OIDC_OP_JWKS_ENDPOINT = f"{fake.url}/jwks"
        settings.OIDC_RP_SIGN_ALGO = "RS256"
        settings.OIDC_GROUP_ROLES = {"SG-Fond-Beredning": "preparation_group", "SG-Fond-Läsare": "reader"}
        settings.OIDC_ORGANISATION_CODE = "0181"
        yield fake


def login_through(provider: FakeProvider, client: Client) -> Any:
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize")
    query = parse_qs(urlparse(start["Location"]).query)
    provider.nonce = query["nonce"][0]
    return client.get("/oidc/callback/", {"code": "code-1", "state": query["state"][0]})


@pytest.mark.urls("tests.security.oidc_urls")
@pytest.mark.django_db
def test_login_creates_the_user_with_roles_from_the_providers_groups(provider, demo):
    client = Client()
    response = login_through(provider, client)
    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(username="berit.beredare")
    assert user.role_codes == {"preparation_group"}
    assert user.organisation.code == "0181"
    assert not user.has_usable_password()
    assert "Beredningsgrupp" in client.get("/").content.decode()


@pytest.mark.urls("tests.security.oidc_urls")
@pytest.mark.django_db
def test_roles_follow_the_provider_on_every_login(provider, demo):
    login_through(provider, Client())
    provider.claims["groups"] = ["SG-Fond-Läsare"]
    login_through(provider, Client())
    assert User.objects.get(username="berit.beredare").role_codes == {"reader"}


@pytest.mark.urls("tests.security.oidc_urls")
@pytest.mark.django_db
def test_a_forged_state_is_refused(provider, demo):
    client = Client()
    client.get("/oidc/authenticate/")
    response = client.get("/oidc/callback/", {"code": "code-1", "state": "forged"})
    assert response.status_code in (302, 400)
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(username="berit.beredare").exists()


# Issue 21, finding 4: matched on the subject claim, never on a local user name; never a superuser.
@pytest.mark.urls("tests.security.oidc_urls")
@pytest.mark.django_db
def test_an_oidc_login_named_admin_is_not_the_local_superuser(provider, demo):
    provider.claims.update({"sub": "entra-777", "preferred_username": "admin"})
    client = Client()
    login_through(provider, client)
    local_admin = User.objects.get(username="admin")
    assert local_admin.is_superuser and local_admin.oidc_subject is None
    signed_in = User.objects.get(pk=client.session["_auth_user_id"])
    assert signed_in.pk != local_admin.pk
    assert signed_in.oidc_subject == "entra-777"
    assert not signed_in.is_superuser and not signed_in.is_staff
    assert signed_in.username == "admin-2"
    # The next login finds the same user by subject, whatever the name is now.
    provider.claims["preferred_username"] = "someone-else"
    again = Client()
    login_through(provider, again)
    assert again.session["_auth_user_id"] == str(signed_in.pk)


@pytest.mark.urls("tests.security.oidc_urls")
@pytest.mark.django_db
def test_an_oidc_user_without_a_known_organisation_sees_nothing(provider, demo, settings):
    settings.OIDC_ORGANISATION_CODE = ""
    client = Client()
    login_through(provider, client)
    user = User.objects.get(oidc_subject="abc-123")
    assert user.organisation is None
    assert user.role_codes == {"preparation_group"}
    assert not visible_initiatives(user).exists()
    assert client.get(reverse("cases:list")).status_code == 200
    assert not funds_visible_to(user=user).exists()
