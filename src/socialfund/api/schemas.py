"""What the API reads and writes. Money is a decimal string in kronor ("24000000.00"), exact to the öre."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema


class Problem(Schema):
    """One refusal: the field's Swedish name (None when it concerns no single field) and the message."""

    field: str | None = None
    message: str


class Problems(Schema):
    """An RFC 9457 problem (application/problem+json): the status in Swedish words, the first refusal as
    `detail`, every refusal in `errors`."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[Problem]


class PolicyVersionOut(Schema):
    policy_id: str
    adopted_on: dt.date | None
    """None: a proposal, not adopted, never in force."""


class FundOut(Schema):
    id: int
    slug: str
    name: str
    organisation: str
    organisation_code: str
    capital: Decimal
    currency: str
    decision: str
    policy_versions: list[PolicyVersionOut]


class BoardOut(Schema):
    id: int
    code: str
    name: str
    area: str


class PolicySummaryOut(Schema):
    id: str
    title: str
    status: str


class InitiativeListOut(Schema):
    id: int
    fund: str
    title: str
    initiator_name: str
    initiator_type: str
    lead_board: str | None
    stage: str
    status: str
    filed_on: dt.date | None
    registry_number: str

    # The list serialises model rows; the detail view passes a prepared dict. Both end up as codes.
    @staticmethod
    def resolve_fund(obj: Any) -> str:
        return str(obj["fund"]) if isinstance(obj, dict) else str(obj.fund.slug)

    @staticmethod
    def resolve_lead_board(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return None if obj["lead_board"] is None else str(obj["lead_board"])
        return str(obj.lead_board.code) if obj.lead_board_id else None


class SignoffOut(Schema):
    kind: str
    signed_on: dt.date
    reference: str


class DecisionAmountOut(Schema):
    year: int
    amount: Decimal


class DecisionOut(Schema):
    body: str
    decided_on: dt.date
    paragraph: str
    outcome: str
    text: str
    conditions: str
    amounts: list[DecisionAmountOut]


class InitiativeOut(InitiativeListOut):
    summary: str
    policy_id: str
    partner_boards: list[str]
    withdrawal_reason: str
    failed_rules: list[str]
    outcome_note: str
    version: int
    content: dict[str, Any]
    signoffs: list[SignoffOut]
    decision: DecisionOut | None


class InitiativeIn(Schema):
    fund: str = Field(..., min_length=1, max_length=60, description="Fondens kortnamn, t.ex. sodertalje.")
    title: str = Field(..., min_length=1, max_length=200)
    summary: str = Field("", max_length=5000)
    stage: str = Field(
        "",
        max_length=40,
        description="Ett ingångssteg i fondens riktlinjer (dess kod); utelämnat det första av dem.",
    )
    partner_boards: list[str] = Field(
        default_factory=list, max_length=20, description='Samverkande nämnders förkortningar, t.ex. ["SN"].'
    )
    initiator_type: str = Field(
        "board", max_length=40, description="Vem som står bakom: board (nämnd) eller office (kontor/förvaltning)."
    )
    content: dict[str, Any] = Field(
        default_factory=dict,
        description="Initiativfilens fält (target_groups, purpose, method, goals, funding, calculation …).",
    )


class WithdrawIn(Schema):
    reason: Literal["repayment_risk", "evaluation_burden", "other"]
    note: str = Field("", max_length=5000)


class FindingOut(Schema):
    rule: str
    status: str
    message: str
    clause: str | None = None


class ScreeningOut(Schema):
    verdict: str
    findings: list[FindingOut]
