"""State changes the case machine adds to the older services: returning an application for completion, and
moving a case past a stage that is neither the applicant's, the preparation group's, the city director's nor
an opinion round (a deciding body's intermediate decision, such as Region Gävleborg's priority decision).

Like every service: the machine is asked first, one transaction, one audit event, mail after commit.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases import machine
from socialfund.cases.codes import CommentVisibility
from socialfund.cases.errors import CasePermissionDenied, CaseStateError, CaseValidationError
from socialfund.cases.models import Comment, Initiative
from socialfund.cases.notifications import notify_after_commit
from socialfund.cases.services import _advance, _locked, _move
from socialfund.cases.workflow import policy_for, stage_name
from socialfund.core import casemachine
from socialfund.funds.dates import decision_date_problem
from socialfund.record_language import record_language


def initiative_return_for_completion(*, initiative: Initiative, user: User, missing: str) -> Initiative:
    """The preparation group sends an application back to the applicant, saying what is missing. The case
    goes back to the applicant's latest stage; the applicant completes it and hands it in again."""
    with transaction.atomic():
        initiative = _locked(initiative)
        if not user.has_role(Role.PREPARATION_GROUP):
            raise CasePermissionDenied(_("Bara beredningsgruppen kan skicka tillbaka en ansökan för komplettering."))
        if not machine.may(user, initiative, "return_for_completion"):
            raise CaseStateError(_("Ärendet ligger inte hos beredningsgruppen och kan inte skickas tillbaka."))
        if not missing.strip():
            raise CaseValidationError(_("Skriv vad som behöver kompletteras."), field="missing")
        policy = policy_for(initiative)
        back = casemachine.applicant_stage_before(policy, initiative.stage)
        assert back is not None  # the machine offers the action only where there is one
        with record_language():
            name = stage_name(back, policy)
        Comment.objects.create(
            initiative=initiative,
            author=user,
            text=f"Komplettering behövs: {missing.strip()}",
            visibility=CommentVisibility.APPLICANT,
        )
        initiative = _move(
            initiative,
            user=user,
            action="initiative_return",
            message=f"Tillbaka till {name.lower()} för komplettering: {missing.strip()}",
            stage=back,
        )
        notify_after_commit(initiative, what=f"Ansökan behöver kompletteras: {missing.strip()}", actor=user)
    return initiative


def stage_decision_register(
    *, initiative: Initiative, user: User, decided_on: dt.date, paragraph: str, note: str = ""
) -> Initiative:
    """The registrar registers a deciding body's decision at a stage before the last (Region Gävleborg's
    first decision, the priority of ideas): the case moves on to the policy's next stage."""
    with transaction.atomic():
        initiative = _locked(initiative)
        if not user.has_role(Role.REGISTRAR):
            raise CasePermissionDenied(_("Bara registrator eller sekreteraren registrerar beslut."))
        if not machine.stage_offers(initiative, "stage_decision"):
            raise CaseStateError(_("Ärendet väntar inte på ett beslut i det här steget."))
        if not paragraph.strip():
            raise CaseValidationError(_("Ange paragraf, t.ex. § 123."), field="paragraph")
        if problem := decision_date_problem(None, decided_on):
            raise CaseValidationError(problem, field="decided_on")
        policy = policy_for(initiative)
        with record_language():
            name = stage_name(initiative.stage, policy)
        message = f"{name} {decided_on.isoformat()} {paragraph.strip()}" + (
            f": {note.strip()}" if note.strip() else "."
        )
        initiative = _advance(initiative, user=user, action="stage_decision_register", message=message)
        notify_after_commit(initiative, what=f"{name} är fattat.", actor=user)
    return initiative


def stage_complete(*, initiative: Initiative, user: User, note: str = "") -> Initiative:
    """The official a policy names at a stage (any role without a step of its own) hands the case on."""
    with transaction.atomic():
        initiative = _locked(initiative)
        if not machine.may(user, initiative, "stage_complete"):
            raise CasePermissionDenied(_("Ärendet väntar inte på dig i det här steget."))
        initiative = _advance(
            initiative, user=user, action="stage_complete", message=note.strip() or "Steget är klart."
        )
        notify_after_commit(initiative, what="Ärendet har gått vidare.", actor=user)
    return initiative
