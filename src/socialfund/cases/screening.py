"""Screening a stored case: the case as an initiative file, held against its policy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from socialfund.cases.codes import SignoffKind, Status
from socialfund.cases.models import Initiative
from socialfund.cases.workflow import policy_for
from socialfund.core.screening import ScreeningResult, parse_initiative, screen

# Stages the initiative file knows; later stages are screened as a full application.
FILE_STAGES = ("interest", "idea", "application")


def initiative_file_stage(stage_code: str) -> str:
    """The initiative file's stage for a policy stage: officials' stages screen the full application."""
    if stage_code in FILE_STAGES:
        return stage_code
    if stage_code in ("needs_analysis", "idea_test"):
        return "idea"
    return "application"


def initiative_as_file(initiative: Initiative) -> dict[str, Any]:
    """The case in the initiative file's shape (what `socialfund screen` reads).

    The form-filled content lives in `Initiative.content`; who, where and the
    recorded sign-offs and assessments come from the case's own rows.
    """
    data: dict[str, Any] = dict(initiative.content or {})
    signoffs = {s.kind: s.signed_on.isoformat() for s in initiative.signoffs.all()}
    data.update(
        {
            "title": initiative.title,
            "stage": initiative_file_stage(initiative.stage),
            "submitted": (initiative.filed_on or timezone.localdate()).isoformat(),
            "applicant": _applicant(initiative),
            "lead_board": initiative.lead_board.code if initiative.lead_board else None,
            "anchoring": {
                "office_head": signoffs.get(SignoffKind.OFFICE_HEAD),
                "board": signoffs.get(SignoffKind.BOARD),
            },
            "assessments": {a.rule_id: {"verdict": a.verdict, "note": a.note} for a in initiative.assessments.all()},
        }
    )
    if initiative.is_external and initiative.lead_board is not None:
        # A board took up an outside actor's idea: the board applies, the actor brought the idea.
        data["initiator"] = {"name": initiative.initiator_name, "type": initiative.initiator_type}
    if "partners" not in data:
        data["partners"] = [
            {"name": board.code, "type": "board", "area": board.area or None}
            for board in initiative.partner_boards.all()
        ]
    return data


def _applicant(initiative: Initiative) -> dict[str, Any]:
    if initiative.is_external and initiative.lead_board is not None:
        board = initiative.lead_board
        return {"name": board.code, "type": "board", "area": board.area or None}
    return {"name": initiative.initiator_name, "type": initiative.initiator_type}


def screening_for(initiative: Initiative, *, on_date: dt.date | None = None) -> ScreeningResult:
    policy = policy_for(initiative)
    parsed = parse_initiative(initiative_as_file(initiative))
    return screen(parsed, policy, on_date=on_date or initiative.filed_on or timezone.localdate())


def is_open(initiative: Initiative) -> bool:
    return initiative.status in (Status.DRAFT, Status.ACTIVE, Status.ON_HOLD)
