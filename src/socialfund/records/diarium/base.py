"""The diarium adapter interface: what socialfund asks of a registry, whichever system keeps it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


class DiariumUnavailable(Exception):
    """The registry did not take the request (down, refused, timed out): the delivery is kept and retried."""


@dataclass(frozen=True)
class CaseRequest:
    case_number: str
    title: str
    description: str
    opened_on: dt.date
    initiator: str
    classification: str


@dataclass(frozen=True)
class DocumentRequest:
    title: str
    direction: str  # records.codes.Direction
    counterpart: str
    registered_on: dt.date
    secrecy_paragraph: str
    public_title: str
    record_type: str


@dataclass(frozen=True)
class Registered:
    """The registry's own id for the object, and the number it shows people."""

    external_id: str
    number: str


class Diarium(Protocol):
    name: str

    def create_case(self, case: CaseRequest) -> Registered: ...

    def register_document(self, case_id: str, document: DocumentRequest) -> Registered: ...

    def case_number(self, case_id: str) -> str: ...
