"""Screening a stored case: the case as an initiative file, held against its policy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from socialfund.cases.calc.display import party_names
from socialfund.cases.codes import SignoffKind, Status
from socialfund.cases.content import application_of
from socialfund.cases.models import Initiative
from socialfund.cases.workflow import policy_for
from socialfund.core.application import application_content
from socialfund.core.calc.model import FUND
from socialfund.core.policy.errors import InputError
from socialfund.core.screening import ScreeningResult, parse_initiative, screen


def initiative_as_file(initiative: Initiative) -> dict[str, Any]:
    """The case in the initiative file's shape (what `socialfund screen` reads).

    The form-filled content lives in `Initiative.content`; who, where and the
    recorded sign-offs and assessments come from the case's own rows.
    """
    reading = application_of(initiative)
    data: dict[str, Any] = application_content(reading.application)
    if "calculation" in reading.rejected:
        # A calculation that does not parse (typed in the grid, not yet saved) is screened as it is, so that the
        # screening says what is wrong with it instead of that it is missing.
        data["calculation"] = (initiative.content or {}).get("calculation")
    if isinstance(data.get("calculation"), dict):
        # The boards by name in the screening's messages ("Socialnämnden ska ha återfört …"), never by code.
        data["calculation"] = with_board_names(data["calculation"], initiative.fund.organisation_id)
    if initiative.summary:
        data["note"] = initiative.summary  # the file's free text carries the case's summary
    signoffs = {s.kind: s.signed_on.isoformat() for s in initiative.signoffs.all()}
    data.update(
        {
            "title": initiative.title,
            # The policy's own stage code: the file accepts any of them, later stages screen as an application.
            "stage": initiative.stage,
            "submitted": (initiative.filed_on or timezone.localdate()).isoformat(),
            "applicant": _applicant(initiative),
            "lead_board": initiative.lead_board.code if initiative.lead_board else None,
            "anchoring": {
                "office_head": signoffs.get(SignoffKind.OFFICE_HEAD),
                "board": signoffs.get(SignoffKind.BOARD),
            },
            # A "pass" may be recorded without a note (the form asks for one only otherwise); the file needs one.
            "assessments": {
                a.rule_id: {"verdict": a.verdict, "note": a.note or "Uppfylls enligt beredningsgruppens bedömning."}
                for a in initiative.assessments.all()
            },
        }
    )
    if initiative.is_external and initiative.lead_board is not None:
        # A board took up an outside actor's idea: the board applies, the actor brought the idea.
        data["initiator"] = {"name": initiative.initiator_name, "type": initiative.initiator_type}
    # Partner boards are rows on the case; other parties (associations, companies…) live in the content.
    # A partner board's signature (Gävleborg, Skåne: each party's manager signs) is kept from the file's entry.
    signed = {p.get("name"): p.get("signed_off") for p in data.get("partners") or [] if p.get("type") == "board"}
    data["partners"] = [
        {"name": board.code, "type": "board", "area": board.area or None, "signed_off": signed.get(board.code)}
        for board in initiative.partner_boards.all()
    ] + [party for party in data.get("partners") or [] if party.get("type") != "board"]
    return data


def with_board_names(calculation: dict[str, Any], organisation_id: int | None) -> dict[str, Any]:
    """The calculation with its boards' names (`boards:`) from the organisation, the file's own names first."""
    names = {code: name for code, name in party_names(organisation_id).items() if code != FUND and name}
    return {**calculation, "boards": {**names, **(calculation.get("boards") or {})}}


def _applicant(initiative: Initiative) -> dict[str, Any]:
    # The applicant's own signature is its board's recorded sign-off (where a policy asks every party to sign).
    board_signoff = next(
        (s.signed_on.isoformat() for s in initiative.signoffs.all() if s.kind == SignoffKind.BOARD), None
    )
    if initiative.is_external and initiative.lead_board is not None:
        board = initiative.lead_board
        return {"name": board.code, "type": "board", "area": board.area or None, "signed_off": board_signoff}
    area = initiative.lead_board.area if initiative.lead_board is not None else ""
    return {
        "name": initiative.initiator_name,
        "type": initiative.initiator_type,
        "area": area or None,  # partnership rules may ask for boards of distinct areas (Örebro)
        "signed_off": board_signoff,
    }


def screening_for(initiative: Initiative, *, on_date: dt.date | None = None) -> ScreeningResult:
    policy = policy_for(initiative)
    parsed = parse_initiative(initiative_as_file(initiative))
    return screen(parsed, policy, on_date=on_date or initiative.filed_on or timezone.localdate())


def is_open(initiative: Initiative) -> bool:
    return initiative.status in (Status.DRAFT, Status.ACTIVE, Status.ON_HOLD)


def screening_for_content(initiative: Initiative, content: dict[str, Any] | None = None) -> ScreeningResult | None:
    """The screening, optionally with other (unsaved) content; None when the answers cannot be screened yet."""
    original = initiative.content
    if content is not None:
        initiative.content = content
    try:
        return screening_for(initiative)
    except (InputError, LookupError):  # no guidelines, or stored answers that do not screen
        return None
    finally:
        initiative.content = original
