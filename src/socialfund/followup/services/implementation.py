"""Implementation: the plan (required during the project for a successful one), its anchoring with the office
head and the board, and the board's decision that the method becomes regular operations."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.followup.codes import AnchoringKind
from socialfund.followup.errors import FollowupValidationError
from socialfund.followup.models import ImplementationAnchoring, ImplementationPlan, Project, RegularOperationsDecision
from socialfund.followup.permissions import heads_office_for_project, registers_decisions, works_for_project
from socialfund.followup.privacy import refuse_personal_data
from socialfund.followup.services.common import (
    locked_project,
    record,
    require,
    require_past,
    require_state,
    require_text,
)
from socialfund.record_language import in_record_language


def implementation_plan_save(
    *, project: Project, user: User, text: str, responsible: str, starts_on: dt.date | None = None
) -> ImplementationPlan:
    """The lead board writes (or revises) the plan; once anchored it is fixed."""
    with transaction.atomic():
        project = locked_project(project)
        require(works_for_project(user, project), _("Bara den ansvariga nämndens handläggare skriver planen."))
        require_state(project.is_running, _("Projektet är avslutat."))
        text = require_text(text, "text", _("Beskriv hur metoden förs in i den ordinarie verksamheten."))
        responsible = require_text(responsible, "responsible", _("Ange vem som ansvarar för införandet."))
        refuse_personal_data(text=text)
        if starts_on is not None and starts_on < project.started_on:
            raise FollowupValidationError(_("Införandet kan inte börja före projektet."), field="starts_on")
        plan = ImplementationPlan.objects.filter(project=project).first()
        if plan is None:
            plan = ImplementationPlan.objects.create(
                project=project, text=text, responsible=responsible[:200], starts_on=starts_on, saved_by=user
            )
        else:
            require_state(not plan.anchorings.exists(), _("Planen är förankrad och kan inte ändras."))
            plan.text, plan.responsible, plan.starts_on, plan.saved_by = text, responsible[:200], starts_on, user
            plan.revision += 1
            plan.save()
        record(
            project,
            user=user,
            action="implementation_plan_save",
            target=plan,
            message=f"Implementeringsplanen sparad (revision {plan.revision}).",
        )
    return plan


def implementation_anchor(
    *, project: Project, user: User, kind: str, signed_on: dt.date, reference: str = ""
) -> ImplementationAnchoring:
    """The office head's or the board's anchoring of the plan (förankring), as for the application."""
    with transaction.atomic():
        project = locked_project(project)
        require_state(project.is_running, _("Projektet är avslutat."))
        plan = ImplementationPlan.objects.filter(project=project).first()
        require_state(plan is not None, _("Det finns ingen implementeringsplan att förankra."))
        assert plan is not None
        if kind == AnchoringKind.OFFICE_HEAD:
            require(heads_office_for_project(user, project), _("Bara kontorschefen för nämndens kontor förankrar."))
        elif kind == AnchoringKind.BOARD:
            require(
                works_for_project(user, project) or registers_decisions(user, project),
                _("Nämndens förankring registreras av nämndens handläggare eller registrator."),
            )
        else:
            raise FollowupValidationError(_("Okänd sorts förankring."), field="kind")
        require_past(signed_on, "signed_on", fund=project.initiative.fund)
        require_state(
            not plan.anchorings.filter(kind=kind).exists(),
            _("%(kind)s är redan registrerad.") % {"kind": AnchoringKind(kind).label},
        )
        refuse_personal_data(reference=reference)
        anchoring = ImplementationAnchoring.objects.create(
            plan=plan, kind=kind, signed_on=signed_on, reference=reference.strip()[:200], recorded_by=user
        )
        record(
            project,
            user=user,
            action="implementation_anchor",
            target=anchoring,
            message=f"Implementeringsplanen: {in_record_language(AnchoringKind(kind).label).lower()} {signed_on.isoformat()}.",
        )
    return anchoring


def regular_operations_decide(
    *, project: Project, user: User, decided_on: dt.date, paragraph: str, text: str
) -> RegularOperationsDecision:
    """The lead board decides that the method becomes regular operations; the plan must be anchored first."""
    with transaction.atomic():
        project = locked_project(project)
        require(
            works_for_project(user, project) or registers_decisions(user, project),
            _("Nämndens beslut registreras av nämndens handläggare eller registrator."),
        )
        require_state(project.is_running, _("Projektet är avslutat."))
        require_state(not hasattr(project, "regular_operations"), _("Beslutet är redan registrerat."))
        plan = ImplementationPlan.objects.filter(project=project).first()
        require_state(
            plan is not None and plan.is_anchored,
            _("Implementeringsplanen ska vara förankrad hos kontorschef och nämnd före beslutet."),
        )
        paragraph = require_text(paragraph, "paragraph", _("Ange paragraf, t.ex. § 12."))
        text = require_text(text, "text", _("Skriv beslutstexten."))
        require_past(
            decided_on, "decided_on", _("Beslutsdatumet kan inte ligga i framtiden."), fund=project.initiative.fund
        )
        refuse_personal_data(text=text)
        board = project.initiative.lead_board
        assert board is not None
        decision = RegularOperationsDecision.objects.create(
            project=project, board=board, decided_on=decided_on, paragraph=paragraph, text=text, registered_by=user
        )
        record(
            project,
            user=user,
            action="regular_operations_decide",
            target=decision,
            message=f"{board.code} {decided_on.isoformat()} {paragraph}: metoden blir ordinarie verksamhet.",
        )
    return decision
