"""The ways out of the process and back: withdrawn, refused, advised against, on hold and resumed."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases import permissions as perm
from socialfund.cases.codes import (
    Status,
    WithdrawalReason,
)
from socialfund.cases.errors import CaseValidationError
from socialfund.cases.models import Initiative
from socialfund.cases.services.common import _locked, _move, _require, _require_state
from socialfund.cases.workflow import (
    policy_for,
)
from socialfund.record_language import in_record_language


def initiative_withdraw(*, initiative: Initiative, user: User, reason: str, note: str = "") -> Initiative:
    """The initiator withdraws (for an outside actor without login, the preparation group records it)."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(
            perm.acts_for_board(user, initiative)
            or (initiative.lead_board_id is None and user.has_role(Role.PREPARATION_GROUP)),
            _("Bara initiativtagarens nämnd kan återkalla initiativet."),
        )
        _require_state(
            initiative.status in (Status.DRAFT, Status.ACTIVE, Status.ON_HOLD), _("Ärendet är redan avslutat.")
        )
        if reason not in WithdrawalReason.values:
            raise CaseValidationError(_("Ange skälet till att initiativet återkallas."), field="reason")
        if reason == WithdrawalReason.OTHER and not note.strip():
            raise CaseValidationError(_("Beskriv skälet."), field="note")
        return _move(
            initiative,
            user=user,
            action="initiative_withdraw",
            message=f"Återkallat: {in_record_language(WithdrawalReason(reason).label).lower()}. {note}".strip(),
            status=Status.WITHDRAWN,
            withdrawal_reason=reason,
            outcome_note=note.strip(),
        )


def initiative_refuse(*, initiative: Initiative, user: User, rule_ids: list[str], note: str) -> Initiative:
    """The preparation group refuses a case that does not meet the guidelines, naming the rules."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen kan avvisa."))
        _require_state(initiative.status in (Status.ACTIVE, Status.ON_HOLD), _("Bara pågående ärenden kan avvisas."))
        policy = policy_for(initiative)
        if not rule_ids:
            raise CaseValidationError(_("Ange vilka regler initiativet inte uppfyller."), field="rule_ids")
        unknown = [r for r in rule_ids if policy.rule(r) is None]
        if unknown:
            raise CaseValidationError(_("Okända regler: %(rules)s.") % {"rules": ", ".join(unknown)}, field="rule_ids")
        if not note.strip():
            raise CaseValidationError(_("Motivera avvisningen."), field="note")
        return _move(
            initiative,
            user=user,
            action="initiative_refuse",
            message=f"Avvisat ({', '.join(rule_ids)}): {note.strip()}",
            status=Status.REFUSED,
            failed_rules=list(rule_ids),
            outcome_note=note.strip(),
        )


def initiative_advise_against(*, initiative: Initiative, user: User, note: str) -> Initiative:
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen kan avråda."))
        _require_state(initiative.status in (Status.ACTIVE, Status.ON_HOLD), _("Bara pågående ärenden."))
        if not note.strip():
            raise CaseValidationError(_("Motivera varför ni avråder."), field="note")
        return _move(
            initiative,
            user=user,
            action="initiative_advise_against",
            message=f"Avrått: {note.strip()}",
            status=Status.ADVISED_AGAINST,
            outcome_note=note.strip(),
        )


def initiative_hold(*, initiative: Initiative, user: User, note: str) -> Initiative:
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen kan lägga ärenden vilande."))
        _require_state(initiative.status == Status.ACTIVE, _("Bara pågående ärenden kan läggas vilande."))
        if not note.strip():
            raise CaseValidationError(_("Ange varför ärendet läggs vilande."), field="note")
        return _move(
            initiative, user=user, action="initiative_hold", message=f"Vilande: {note.strip()}", status=Status.ON_HOLD
        )


def initiative_resume(*, initiative: Initiative, user: User) -> Initiative:
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen kan återuppta ärenden."))
        _require_state(initiative.status == Status.ON_HOLD, _("Ärendet är inte vilande."))
        return _move(initiative, user=user, action="initiative_resume", message="Återupptaget.", status=Status.ACTIVE)
