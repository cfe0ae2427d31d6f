"""A local fake e-legitimation broker speaking OpenID Connect with the Swedish claims profile.

Started by the tests on 127.0.0.1 (a free port, its own thread): discovery, an authorization page where the
"person" picks who to be and presses a button, a token endpoint that checks the client, the code and the
PKCE verifier, and a JWKS with a fresh RSA key. It issues signed ID tokens with the profile's claims.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLAIM = "https://id.oidc.se/claim/"


@dataclass(frozen=True)
class ElegPerson:
    key: str
    name: str
    personal_identity_number: str
    org_number: str
    org_name: str
    affiliation_org: str = ""
    """orgAffiliation's organisation when it differs from orgNumber (a forged or mixed-up login)."""


@dataclass
class FakeEleg:
    client_id: str = "socialfund-test"
    client_secret: str = "test-secret"
    persons: dict[str, ElegPerson] = field(default_factory=dict)
    issuer: str = ""
    _server: ThreadingHTTPServer | None = None
    _codes: dict[str, dict[str, Any]] = field(default_factory=dict)

    def start(self) -> FakeEleg:
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._kid = secrets.token_hex(4)
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet in test output
                pass

            def do_GET(self) -> None:
                provider._get(self)

            def do_POST(self) -> None:
                provider._post(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # --- endpoints ---------------------------------------------------------------------------------------

    def _get(self, handler: BaseHTTPRequestHandler) -> None:
        url = urlparse(handler.path)
        if url.path == "/.well-known/openid-configuration":
            self._json(
                handler,
                {
                    "issuer": self.issuer,
                    "authorization_endpoint": f"{self.issuer}/authorize",
                    "token_endpoint": f"{self.issuer}/token",
                    "jwks_uri": f"{self.issuer}/jwks",
                    "response_types_supported": ["code"],
                    "subject_types_supported": ["pairwise"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "code_challenge_methods_supported": ["S256"],
                },
            )
        elif url.path == "/jwks":
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key()))
            jwk.update({"kid": self._kid, "use": "sig", "alg": "RS256"})
            self._json(handler, {"keys": [jwk]})
        elif url.path == "/authorize":
            params = {k: v[0] for k, v in parse_qs(url.query).items()}
            hidden = "".join(
                f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in params.items()
            )
            options = "".join(
                f'<label><input type="radio" name="person" value="{p.key}"{" checked" if i == 0 else ""}> '
                f"{html.escape(p.name)}, {html.escape(p.org_name)}</label><br>"
                for i, p in enumerate(self.persons.values())
            )
            page = (
                '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Testlegitimering</title></head>'
                f'<body><main><h1>Testlegitimering</h1><form method="post" action="/authorize">{hidden}'
                f"<fieldset><legend>Vem legitimerar sig?</legend>{options}</fieldset>"
                '<button type="submit">Legitimera</button></form></main></body></html>'
            )
            self._send(handler, 200, page.encode(), "text/html; charset=utf-8")
        else:
            self._send(handler, 404, b"not found", "text/plain")

    def _post(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(handler.rfile.read(length).decode()).items()}
        if handler.path == "/authorize":
            self._authorize(handler, form)
        elif handler.path == "/token":
            self._token(handler, form)
        else:
            self._send(handler, 404, b"not found", "text/plain")

    def authorize_redirect(self, params: dict[str, str], person: str) -> str:
        """Where the provider sends the browser back to (with a code), as if `person` had logged in."""
        if params.get("client_id") != self.client_id or params.get("code_challenge_method") != "S256":
            return (
                f"{params['redirect_uri']}?{urlencode({'error': 'invalid_request', 'state': params.get('state', '')})}"
            )
        code = secrets.token_urlsafe(16)
        self._codes[code] = {**params, "person": person}
        return f"{params['redirect_uri']}?{urlencode({'code': code, 'state': params.get('state', '')})}"

    def _authorize(self, handler: BaseHTTPRequestHandler, form: dict[str, str]) -> None:
        location = self.authorize_redirect(form, form.get("person", ""))
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def _token(self, handler: BaseHTTPRequestHandler, form: dict[str, str]) -> None:
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if handler.headers.get("Authorization") != f"Basic {expected}":
            self._json(handler, {"error": "invalid_client"}, 401)
            return
        grant = self._codes.pop(form.get("code", ""), None)
        if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
            self._json(handler, {"error": "invalid_grant"}, 400)
            return
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if challenge != grant["code_challenge"]:
            self._json(handler, {"error": "invalid_grant"}, 400)
            return
        person = self.persons[grant["person"]]
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": hashlib.sha256(person.personal_identity_number.encode()).hexdigest()[:20],
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            "name": person.name,
            CLAIM + "personalIdentityNumber": person.personal_identity_number,
            CLAIM + "orgNumber": person.org_number,
            CLAIM + "orgName": person.org_name,
            CLAIM
            + "orgAffiliation": f"{person.personal_identity_number}@{person.affiliation_org or person.org_number}",
        }
        token = jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self._kid})
        self._json(handler, {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "id_token": token})

    # --- plumbing ----------------------------------------------------------------------------------------

    def _json(self, handler: BaseHTTPRequestHandler, data: Any, status: int = 200) -> None:
        self._send(handler, status, json.dumps(data).encode(), "application/json")

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
