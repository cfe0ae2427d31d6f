"""Submitting the application: the sign-offs it waits for and the step from draft into the fund's process."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.cases import machine
from socialfund.cases import permissions as perm
from socialfund.cases.codes import (
    Status,
)
from socialfund.cases.events import submission_waits_for
from socialfund.cases.models import Initiative
from socialfund.cases.notifications import notify_after_commit
from socialfund.cases.services.common import _advance, _locked, _move, _require, _require_state
from socialfund.cases.workflow import (
    policy_for,
    policy_id_in_force,
    stage_name,
)
from socialfund.record_language import record_language


def _applicant_stage(initiative: Initiative) -> bool:
    return initiative.status == Status.ACTIVE and machine.stage_offers(initiative, "submit")


# The audit texts stay Swedish; the refusals use the translated names.
def initiative_submit(*, initiative: Initiative, user: User) -> Initiative:
    """The applicant files a draft, or hands in the next document (idéskiss → ansökan).

    Moving past a stage needs the sign-offs its gate asks for (the seed's lesson:
    anchor with the office head and the board early).
    """
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(perm.acts_for_board(user, initiative), _("Bara den ansvariga nämndens handläggare kan lämna in."))
        # Every invited co-applicant's head signs before the application goes in; the apps above that keep
        # co-applicants answer who still has to sign.
        answers: Any = submission_waits_for.send(sender=Initiative, initiative=initiative)
        waiting: list[str] = [name for _, names in answers for name in names or ()]
        _require_state(
            not waiting, _("Alla medsökande har inte skrivit under: %(parties)s.") % {"parties": ", ".join(waiting)}
        )
        if initiative.status == Status.DRAFT:
            today = timezone.localdate()
            with record_language():
                name = stage_name(initiative.stage, policy_for(initiative))
            initiative = _move(
                initiative,
                user=user,
                action="initiative_submit",
                message=f"Inlämnat som {name.lower()}.",
                status=Status.ACTIVE,
                filed_on=today,
                policy_id=policy_id_in_force(initiative.fund, today),
            )
        else:
            _require_state(_applicant_stage(initiative), _("Initiativet väntar inte på den sökande just nu."))
            initiative = _advance(initiative, user=user, action="initiative_submit")
        notify_after_commit(initiative, what=f"{initiative.title} har lämnats in.", actor=user)
    return initiative
