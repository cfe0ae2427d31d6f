"""From the application to the preparation group's proposal: the sponsor, the sign-offs, the assessment
against the guidelines, the completed preparation and the city director's approval.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.cases import machine
from socialfund.cases import permissions as perm
from socialfund.cases.codes import (
    SignoffKind,
    Status,
    Verdict,
)
from socialfund.cases.errors import CaseStateError, CaseValidationError
from socialfund.cases.models import Assessment, Initiative, Signoff
from socialfund.cases.notifications import notify_after_commit
from socialfund.cases.services.common import SIGNOFF_NAMES, _advance, _locked, _require, _require_state
from socialfund.cases.workflow import (
    policy_for,
)
from socialfund.funds.dates import outside_fund_life
from socialfund.record_language import in_record_language


def initiative_sponsor(*, initiative: Initiative, user: User) -> Initiative:
    """The area's board takes on an outside actor's idea: it becomes the lead board and may apply."""
    from socialfund.cases.outside_ideas import idea_sponsor

    return idea_sponsor(initiative=initiative, user=user)


def signoff_record(
    *, initiative: Initiative, user: User, kind: str, signed_on: dt.date, reference: str = ""
) -> Signoff:
    """The office head's or the board's sign-off (förankring), with its date."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require_state(initiative.status in (Status.DRAFT, Status.ACTIVE), _("Ärendet är avslutat."))
        _require_state(
            initiative.lead_board_id is not None, _("Ärendet behöver en ansvarig nämnd innan det förankras.")
        )
        if kind == SignoffKind.OFFICE_HEAD:
            _require(
                perm.heads_office_for_board(user, initiative),
                _("Bara kontorschefen för den ansvariga nämndens kontor kan förankra."),
            )
        elif kind == SignoffKind.BOARD:
            _require(
                perm.acts_for_board(user, initiative) or user.has_role(Role.REGISTRAR),
                _("Nämndens förankring registreras av nämndens handläggare eller registrator."),
            )
        else:
            raise CaseValidationError(_("Okänd sorts förankring."), field="kind")
        if problem := outside_fund_life(initiative.fund, signed_on):
            raise CaseValidationError(problem, field="signed_on")
        if initiative.signoffs.filter(kind=kind).exists():
            # Translators: %(signoff)s is "Kontorschefens förankring" or "Nämndens förankring".
            raise CaseStateError(_("%(signoff)s är redan registrerad.") % {"signoff": SignoffKind(kind).label})
        signoff = Signoff.objects.create(
            initiative=initiative, kind=kind, signed_on=signed_on, reference=reference, recorded_by=user
        )
        audit_record(
            actor=user,
            action="signoff_record",
            target=signoff,
            initiative=initiative,
            message=f"{SIGNOFF_NAMES[SignoffKind(kind)].capitalize()} {signed_on.isoformat()}.",
        )
    return signoff


def assessment_record(*, initiative: Initiative, user: User, rule_id: str, verdict: str, note: str) -> Assessment:
    """The preparation group's judgment of a rule that needs a human assessment."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen gör bedömningar."))
        _require_state(initiative.status == Status.ACTIVE, _("Bara pågående ärenden bedöms."))
        if policy_for(initiative).rule(rule_id) is None:
            raise CaseValidationError(_("Riktlinjerna har ingen regel %(rule)s.") % {"rule": rule_id}, field="rule_id")
        if verdict not in Verdict.values:
            raise CaseValidationError(_("Välj en bedömning."), field="verdict")
        if verdict != Verdict.PASS and not note.strip():
            raise CaseValidationError(_("Motivera en bedömning som inte är 'uppfylls'."), field="note")
        assessment, created = Assessment.objects.update_or_create(
            initiative=initiative,
            rule_id=rule_id,
            defaults={"verdict": verdict, "note": note.strip(), "assessed_by": user, "assessed_at": timezone.now()},
        )
        audit_record(
            actor=user,
            action="assessment_record",
            target=assessment,
            initiative=initiative,
            message=f"Bedömning av {rule_id}: {in_record_language(Verdict(verdict).label)}.",
            data={"rule": rule_id, "verdict": verdict, "note": note.strip(), "changed": not created},
        )
    return assessment


def preparation_complete(*, initiative: Initiative, user: User, memo: str) -> Initiative:
    """The preparation group hands a screened application on. Blocks while the screening does."""
    from socialfund.cases.screening import screening_for

    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen kan avsluta beredningen."))
        _require_state(
            machine.stage_offers(initiative, "prepare"),
            _("Ärendet väntar inte på beredningsgruppen."),
        )
        if not memo.strip():
            raise CaseValidationError(_("Skriv beredningspromemorian innan ärendet lämnas vidare."), field="memo")
        result = screening_for(initiative)
        if result.verdict != "eligible":
            open_rules = [f.rule for f in result.findings if f.status in ("fail", "missing", "assess")]
            raise CaseStateError(
                _(
                    # Translators: %(rules)s lists rule ids of the guidelines, e.g. "target_group, purpose".
                    "Prövningen mot riktlinjerna är inte klar: %(rules)s. "
                    "Komplettera ansökan eller registrera bedömningarna först."
                )
                % {"rules": ", ".join(open_rules)}
            )
        initiative.preparation_memo = memo.strip()
        initiative = _advance(initiative, user=user, action="preparation_complete", message="Beredningen är klar.")
        notify_after_commit(initiative, what="Beredningen är klar.", actor=user)
    return initiative


def director_approve(*, initiative: Initiative, user: User, note: str = "") -> Initiative:
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.CITY_DIRECTOR), _("Bara stadsdirektören godkänner."))
        _require_state(
            machine.stage_offers(initiative, "approve"),
            _("Ärendet väntar inte på stadsdirektörens godkännande."),
        )
        initiative = _advance(
            initiative, user=user, action="director_approve", message=note or "Stadsdirektören godkänner ansökan."
        )
        notify_after_commit(initiative, what="Stadsdirektören har godkänt ansökan.", actor=user)
    return initiative
