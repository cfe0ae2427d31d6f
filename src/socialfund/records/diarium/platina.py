"""Formpipe Platina's Standard REST API (v8.0) as the municipality's registry.

Authentication: OAuth 2.0 client credentials against the municipality's identity provider (Platina's
guide registers the API in Microsoft Entra; the token endpoint and scope are configuration).
Cases: `POST /api/v8.0/diaries/{diary}/journalized-cases` with the fields Platina documents
(diaryNumber, registrationDate, inOutDate, statusId, origin, caseTypeId, pulLevel, secrecyLevel,
confidentialParagraphs, title, description, initiators). Documents ("deeds"): Platina's documentation
names the resource but the request body found was not documented in what we could read; the
`deeds` request below follows the case request's field names (see docs/records.md).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from socialfund.records.codes import Direction
from socialfund.records.diarium.base import CaseRequest, DiariumUnavailable, DocumentRequest, Registered

API = "api/v8.0"
DIRECTIONS = {Direction.INCOMING: "Inbound", Direction.OUTGOING: "Outbound", Direction.DRAWN_UP: "Internal"}


@dataclass
class PlatinaConfig:
    base_url: str
    token_url: str
    client_id: str
    client_secret: str
    scope: str
    diary_id: str
    case_type_id: str
    status_id: str
    origin_id: str = ""
    # Platina's own confidential-paragraph ids, by the paragraph text we register.
    paragraph_ids: dict[str, str] = field(default_factory=dict)
    timeout: float = 10.0


class PlatinaDiarium:
    name = "platina"

    def __init__(self, config: PlatinaConfig) -> None:
        self.config = config
        self._token = ""
        self._token_expires = 0.0

    # -- OAuth 2.0 client credentials --------------------------------------------------------------

    def _access_token(self) -> str:
        if self._token and time.monotonic() < self._token_expires - 30:
            return self._token
        form = urllib.parse.urlencode(
            {
                "grant_type": "client_credentials",
                "client_id": self.config.client_id,
                "client_secret": self.config.client_secret,
                "scope": self.config.scope,
            }
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL is the municipality's configuration
            self.config.token_url, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        body = self._send(request)
        self._token = str(body["access_token"])
        self._token_expires = time.monotonic() + float(body.get("expires_in", 300))
        return self._token

    def _send(self, request: urllib.request.Request) -> dict[str, Any]:
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as response:  # noqa: S310
                body: dict[str, Any] = json.loads(response.read() or b"{}")
                return body
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", "replace")
            raise DiariumUnavailable(f"Platina svarade {exc.code}: {detail}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise DiariumUnavailable(f"Platina nåddes inte: {exc}") from exc

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        url = f"{self.config.base_url.rstrip('/')}/{API}/{path}"
        data = json.dumps(payload).encode() if payload is not None else None
        headers = {"Authorization": f"Bearer {self._access_token()}", "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        return self._send(urllib.request.Request(url, data=data, method=method, headers=headers))  # noqa: S310

    # -- the interface ------------------------------------------------------------------------------

    def _secrecy(self, paragraph: str) -> dict[str, Any]:
        if not paragraph:
            return {"secrecyLevel": 0, "confidentialParagraphs": None}
        return {"secrecyLevel": 1, "confidentialParagraphs": [self.config.paragraph_ids.get(paragraph, paragraph)]}

    def create_case(self, case: CaseRequest) -> Registered:
        body = self._call(
            "POST",
            f"diaries/{self.config.diary_id}/journalized-cases",
            {
                "diaryNumber": case.case_number or None,
                "registrationDate": case.opened_on.isoformat(),
                "inOutDate": case.opened_on.isoformat(),
                "statusId": self.config.status_id,
                "origin": {"id": self.config.origin_id} if self.config.origin_id else None,
                "businessCodeId": None,
                "caseTypeId": self.config.case_type_id,
                "pulLevel": 0,
                "secrecyLevel": 0,
                "confidentialParagraphs": None,
                "title": case.title[:200],
                "description": (case.description or case.title)[:4000],
                "initiators": [{"name": case.initiator}] if case.initiator else [],
            },
        )
        return Registered(external_id=str(body["id"]), number=str(body.get("diaryNumber") or ""))

    def register_document(self, case_id: str, document: DocumentRequest) -> Registered:
        body = self._call(
            "POST",
            f"journalized-cases/{case_id}/deeds",
            {
                "title": document.title[:200],
                "publicTitle": document.public_title[:200] or None,
                "registrationDate": document.registered_on.isoformat(),
                "inOutDate": document.registered_on.isoformat(),
                "direction": DIRECTIONS[Direction(document.direction)],
                "senderOrRecipient": document.counterpart or None,
                **self._secrecy(document.secrecy_paragraph),
            },
        )
        return Registered(
            external_id=str(body["id"]), number=str(body.get("deedNumber") or body.get("diaryNumber") or "")
        )

    def case_number(self, case_id: str) -> str:
        return str(self._call("GET", f"journalized-cases/{case_id}").get("diaryNumber") or "")
