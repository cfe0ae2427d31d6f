"""Opinions and the decision: the boards' opinions, and the deciding body's decision with its amounts
(a grant announces `cases.events.decision_granted`, which the follow-up answers).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.cases import machine
from socialfund.cases.codes import (
    DecisionOutcome,
    OpinionPosition,
    Status,
)
from socialfund.cases.errors import CaseValidationError
from socialfund.cases.events import decision_granted
from socialfund.cases.models import Decision, DecisionAmount, Initiative, Opinion
from socialfund.cases.notifications import notify_after_commit
from socialfund.cases.services.common import _advance, _locked, _move, _require, _require_state
from socialfund.core.money import MoneyError, sek
from socialfund.funds.dates import decision_date_problem, outside_fund_life
from socialfund.organisation.models import Board, DecisionBody
from socialfund.record_language import in_record_language


def opinion_register(
    *,
    initiative: Initiative,
    user: User,
    position: str,
    decided_on: dt.date,
    summary: str = "",
    paragraph: str = "",
    body: DecisionBody | None = None,
    board: Board | None = None,
) -> Opinion:
    """A committee's or board's opinion (yttrande), attached to the case."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(
            user.has_role(Role.OPINION_GIVER) or user.has_role(Role.REGISTRAR),
            _("Yttranden registreras av utskottets eller nämndens sekreterare eller registrator."),
        )
        _require_state(
            machine.stage_offers(initiative, "opinion"),
            _("Ärendet är inte ute på yttrande."),
        )
        if (body is None) == (board is None):
            raise CaseValidationError(_("Ange antingen ett utskott eller en nämnd."), field="giver")
        if position not in OpinionPosition.values:
            raise CaseValidationError(_("Välj ställningstagande."), field="position")
        if position == OpinionPosition.SUPPORTS_WITH_ADDITIONS and not summary.strip():
            raise CaseValidationError(_("Sammanfatta tilläggen."), field="summary")
        if problem := outside_fund_life(initiative.fund, decided_on):
            raise CaseValidationError(problem, field="decided_on")
        opinion = Opinion.objects.create(
            initiative=initiative,
            body=body,
            board=board,
            position=position,
            summary=summary.strip(),
            decided_on=decided_on,
            paragraph=paragraph.strip(),
            registered_by=user,
        )
        audit_record(
            actor=user,
            action="opinion_register",
            target=opinion,
            initiative=initiative,
            message=f"Yttrande från {opinion.giver_name}: {in_record_language(OpinionPosition(position).label).lower()}.",
        )
    return opinion


def opinions_complete(*, initiative: Initiative, user: User) -> Initiative:
    """All opinions are in: the case goes to the decision stage."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(
            user.has_role(Role.OPINION_GIVER) or user.has_role(Role.REGISTRAR),
            _("Bara utskottets sekreterare eller registrator kan lämna ärendet till beslut."),
        )
        _require_state(
            machine.stage_offers(initiative, "opinion"),
            _("Ärendet är inte ute på yttrande."),
        )
        _require_state(initiative.opinions.exists(), _("Inget yttrande är registrerat."))
        initiative = _advance(initiative, user=user, action="opinions_complete", message="Yttrandena är inne.")
        notify_after_commit(initiative, what="Ärendet är klart för kommunstyrelsens beslut.", actor=user)
    return initiative


def decision_register(
    *,
    initiative: Initiative,
    user: User,
    body: DecisionBody,
    decided_on: dt.date,
    paragraph: str,
    outcome: str,
    text: str,
    conditions: str = "",
    amounts: dict[int, Decimal] | None = None,
    start_project: bool = True,
    exception_reason: str = "",
) -> Decision:
    """Kommunstyrelsen's decision: granted (with amounts per year and conditions) or rejected.

    A grant starts the project's follow-up at once, unless `start_project` is False (then the
    registrar or the preparation group starts it later, e.g. with another start date). Where the
    calculation departs from the repayment limits, a grant records kommunstyrelsen's exception
    (`exception_reason`; see cases.repayment_exceptions).
    """
    from socialfund.cases.repayment_exceptions import check_exception, repayment_departure, repayment_exception_record

    amounts = amounts or {}
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.REGISTRAR), _("Bara registrator eller KS-sekreterare registrerar beslut."))
        _require_state(machine.stage_offers(initiative, "decide"), _("Ärendet är inte i beslutssteget."))
        _validate_decision(
            outcome=outcome,
            paragraph=paragraph,
            text=text,
            decided_on=decided_on,
            amounts=amounts,
            initiative=initiative,
        )
        departure = repayment_departure(initiative)
        check_exception(granted=outcome == DecisionOutcome.GRANTED, departure=departure, reason=exception_reason)
        decision = Decision.objects.create(
            initiative=initiative,
            body=body,
            decided_on=decided_on,
            paragraph=paragraph.strip(),
            outcome=outcome,
            text=text.strip(),
            conditions=conditions.strip(),
            registered_by=user,
        )
        for year, amount in sorted(amounts.items()):
            DecisionAmount.objects.create(decision=decision, year=year, amount=sek(amount))
        if departure is not None and outcome == DecisionOutcome.GRANTED:
            repayment_exception_record(decision=decision, user=user, departure=departure, reason=exception_reason)
        status = Status.GRANTED if outcome == DecisionOutcome.GRANTED else Status.REJECTED
        _move(
            initiative,
            user=user,
            action="decision_register",
            message=f"{body.code} {decided_on.isoformat()} {paragraph}: {in_record_language(DecisionOutcome(outcome).label).lower()}.",
            status=status,
        )
        if status == Status.GRANTED and start_project:
            # A grant starts the project's follow-up (report schedule, indicators from the goals) in the same
            # transaction: the follow-up app listens (cases.events; cases does not import the app above it).
            # Finance books the commitment separately (ledger: grant_decide), a second pair of eyes.
            decision_granted.send(sender=Decision, initiative=initiative, user=user, decision=decision)
    return decision


def _validate_decision(
    *, outcome: str, paragraph: str, text: str, decided_on: dt.date, amounts: dict[int, Decimal], initiative: Initiative
) -> None:
    if outcome not in DecisionOutcome.values:
        raise CaseValidationError(_("Välj beslut."), field="outcome")
    if not paragraph.strip():
        raise CaseValidationError(_("Ange paragraf, t.ex. § 123."), field="paragraph")
    if not text.strip():
        raise CaseValidationError(_("Skriv beslutstexten."), field="text")
    if problem := decision_date_problem(initiative.fund, decided_on):
        raise CaseValidationError(problem, field="decided_on")
    if outcome == DecisionOutcome.GRANTED and not amounts:
        raise CaseValidationError(_("Ange beviljat belopp per år."), field="amounts")
    if outcome == DecisionOutcome.REJECTED and amounts:
        raise CaseValidationError(_("Ett avslag beviljar inga belopp."), field="amounts")
    for year, amount in amounts.items():
        try:
            value = sek(amount)
        except MoneyError as exc:
            raise CaseValidationError(_("%(year)s: ogiltigt belopp.") % {"year": year}, field="amounts") from exc
        if value <= 0:
            raise CaseValidationError(
                _("%(year)s: beloppet måste vara större än noll.") % {"year": year}, field="amounts"
            )
        if not 2000 <= year <= 2100:
            raise CaseValidationError(_("%(year)s: året är orimligt.") % {"year": year}, field="amounts")
