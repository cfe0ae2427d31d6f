"""A local stand-in for Platina's Standard REST API (v8.0) and the identity provider's token endpoint.

Built from Platina's published documentation: the client-credentials token, `POST
/api/v8.0/diaries/{id}/journalized-cases` with the documented fields (title 1–200 characters,
description 1–4000, statusId, caseTypeId, secrecyLevel, confidentialParagraphs required when the
secrecy level is 1 or 2) and a bearer token on every call. The `deeds` request and both responses'
shapes are not in what could be read of the documentation; they follow the case request's names.
`down = True` answers 503 to everything, as a registry being serviced would.
"""

from __future__ import annotations

import itertools
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CLIENT_ID = "socialfund"
CLIENT_SECRET = "hemligt"  # noqa: S105 - a test credential for the fake only
TOKEN = "token-1"  # noqa: S105


class FakePlatina:
    def __init__(self) -> None:
        self.down = False
        self.cases: dict[str, dict[str, Any]] = {}
        self.deeds: dict[str, dict[str, Any]] = {}
        self.token_requests = 0
        self._ids = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_POST(self) -> None:  # noqa: N802
                raw = self._body()
                if fake.down:
                    return self._answer(503, {"title": "Service Unavailable"})
                if self.path == "/oauth2/v2.0/token":
                    form = urllib.parse.parse_qs(raw.decode())
                    if (
                        form.get("grant_type") != ["client_credentials"]
                        or form.get("client_id") != [CLIENT_ID]
                        or form.get("client_secret") != [CLIENT_SECRET]
                    ):
                        return self._answer(401, {"error": "invalid_client"})
                    fake.token_requests += 1
                    return self._answer(200, {"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600})
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self._answer(401, {"title": "Unauthorized"})
                body = json.loads(raw or b"{}")
                parts = self.path.strip("/").split("/")
                if parts[:3] == ["api", "v8.0", "diaries"] and parts[4:] == ["journalized-cases"]:
                    return self._create_case(body)
                if parts[:3] == ["api", "v8.0", "journalized-cases"] and parts[4:] == ["deeds"]:
                    return self._create_deed(parts[3], body)
                return self._answer(404, {"title": "Not Found"})

            def _create_case(self, body: dict[str, Any]) -> None:
                problems = []
                if not 1 <= len(body.get("title") or "") <= 200:
                    problems.append("title")
                if not 1 <= len(body.get("description") or "") <= 4000:
                    problems.append("description")
                for required in ("statusId", "caseTypeId", "registrationDate", "inOutDate"):
                    if not body.get(required):
                        problems.append(required)
                if body.get("secrecyLevel") in (1, 2) and not body.get("confidentialParagraphs"):
                    problems.append("confidentialParagraphs")
                if problems:
                    return self._answer(400, {"title": "Validation failed", "errors": problems})
                case_id = str(next(fake._ids))
                number = body.get("diaryNumber") or f"PL 2026-{case_id}"
                fake.cases[case_id] = {**body, "diaryNumber": number}
                return self._answer(201, {"id": case_id, "diaryNumber": number})

            def _create_deed(self, case_id: str, body: dict[str, Any]) -> None:
                if case_id not in fake.cases:
                    return self._answer(404, {"title": "Not Found"})
                if body.get("secrecyLevel") in (1, 2) and not body.get("confidentialParagraphs"):
                    return self._answer(400, {"title": "Validation failed", "errors": ["confidentialParagraphs"]})
                deed_id = str(next(fake._ids))
                count = sum(1 for d in fake.deeds.values() if d["case"] == case_id) + 1
                number = f"{fake.cases[case_id]['diaryNumber']}-{count}"
                fake.deeds[deed_id] = {**body, "case": case_id, "deedNumber": number}
                return self._answer(201, {"id": deed_id, "deedNumber": number})

            def do_GET(self) -> None:  # noqa: N802
                if fake.down:
                    return self._answer(503, {"title": "Service Unavailable"})
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self._answer(401, {"title": "Unauthorized"})
                parts = self.path.strip("/").split("/")
                if parts[:3] == ["api", "v8.0", "journalized-cases"] and parts[3] in fake.cases:
                    return self._answer(200, {"id": parts[3], **fake.cases[parts[3]]})
                return self._answer(404, {"title": "Not Found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakePlatina:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
