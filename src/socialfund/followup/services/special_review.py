"""Special review (särskild prövning): opened when the evaluation shows no or negative effects; it gathers
the evidence that the project followed its decided method and goes to kommunstyrelsen, whose decision to waive
the repayment is booked through the ledger's waiver service.

The guidelines (Södertälje 2013, kept in 2015): "Utvärderingen av projekten kan visa
att projektet genererat inga eller negativa effekter trots att det genomförts enligt
den valda metoden. Kravet på återföring kan i sådana fall upphävas efter särskild prövning."
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.followup import ledger_bridge
from socialfund.followup.codes import (
    FAILED_FINDINGS,
    FIDELITY_SHOWING_METHOD_FOLLOWED,
    EffectFinding,
    EvidenceKind,
    Fidelity,
    ReportStatus,
    SpecialReviewOutcome,
    SpecialReviewStatus,
)
from socialfund.followup.errors import FollowupValidationError
from socialfund.followup.models import Evidence, Project, SpecialReview
from socialfund.followup.permissions import registers_decisions, steers_followup, works_for_project
from socialfund.followup.privacy import refuse_personal_data
from socialfund.followup.services.common import (
    locked_project,
    project_policy,
    record,
    require,
    require_past,
    require_state,
    require_text,
)
from socialfund.followup.services.projects import latest_evaluation
from socialfund.organisation.models import Board, DecisionBody
from socialfund.record_language import in_record_language


def _locked_review(review: SpecialReview) -> SpecialReview:
    locked_project(review.project)
    return SpecialReview.objects.select_for_update(of=("self",)).select_related("project").get(pk=review.pk)


def special_review_open(*, project: Project, user: User, grounds: str) -> SpecialReview:
    """The preparation group opens the review on the evaluation that shows no or negative effects.

    The approved reports come along as evidence, each with the method fidelity it stated.
    """
    with transaction.atomic():
        project = locked_project(project)
        require(steers_followup(user, project), _("Bara beredningsgruppen inleder en särskild prövning."))
        require_state(project.is_running, _("Projektet är avslutat."))
        rules = project_policy(project).repayment_rules()
        require_state(
            rules is not None and rules.mode != "none" and rules.waivable,
            _("Riktlinjerna medger inte att kravet på återföring upphävs efter särskild prövning."),
        )
        require_state(not hasattr(project, "special_review"), _("Projektet har redan en särskild prövning."))
        evaluation = latest_evaluation(project)
        require_state(
            evaluation is not None and evaluation.effect_finding in FAILED_FINDINGS,
            _("En särskild prövning inleds när en godkänd utvärdering visar inga eller negativa effekter."),
        )
        assert evaluation is not None
        grounds = require_text(grounds, "grounds", _("Beskriv varför prövningen inleds."))
        refuse_personal_data(grounds=grounds)
        review = SpecialReview.objects.create(
            project=project, grounds=grounds, evaluation=evaluation, effects=evaluation.effect_finding, opened_by=user
        )
        gathered = _gather_reports(review, user)
        record(
            project,
            user=user,
            action="special_review_open",
            target=review,
            message=(
                f"Särskild prövning inleds: {in_record_language(EffectFinding(evaluation.effect_finding).label).lower()} "
                f"enligt {evaluation.report.title}. {gathered} rapporter samlade som underlag."
            ),
            to_state=review.status,
        )
    return review


def _gather_reports(review: SpecialReview, user: User) -> int:
    reports = review.project.reports.filter(status=ReportStatus.APPROVED).select_related("submitted_version")
    evidence = []
    for report in reports.order_by("due_on"):
        version = report.submitted_version
        if version is None:
            continue
        fidelity = (
            in_record_language(Fidelity(version.fidelity).label) if version.fidelity else "metodtrohet ej angiven"
        )
        evidence.append(
            Evidence(
                review=review,
                kind=EvidenceKind.REPORT,
                description=f"{report.title}, version {version.number}: {fidelity}. {version.fidelity_note}".strip(),
                report_version=version,
                added_by=user,
            )
        )
    Evidence.objects.bulk_create(evidence)
    return len(evidence)


def special_review_evidence_add(
    *, review: SpecialReview, user: User, kind: str, description: str, reference: str = ""
) -> Evidence:
    with transaction.atomic():
        review = _locked_review(review)
        project = review.project
        require(
            steers_followup(user, project) or works_for_project(user, project),
            _("Bara beredningsgruppen eller den ansvariga nämnden lägger till underlag."),
        )
        require_state(review.status == SpecialReviewStatus.OPEN, _("Underlaget är redan lämnat till kommunstyrelsen."))
        if kind not in EvidenceKind.values or kind == EvidenceKind.REPORT:
            raise FollowupValidationError(_("Välj vilket slags underlag det är."), field="kind")
        description = require_text(description, "description", _("Beskriv underlaget."))
        refuse_personal_data(description=description, reference=reference)
        evidence = Evidence.objects.create(
            review=review, kind=kind, description=description, reference=reference.strip()[:300], added_by=user
        )
        record(
            project,
            user=user,
            action="special_review_evidence_add",
            target=evidence,
            message=f"Underlag till särskild prövning: {in_record_language(EvidenceKind(kind).label).lower()}.",
        )
    return evidence


def method_followed(review: SpecialReview) -> bool:
    """Evidence that the project followed its decided method: a report stating (largely) full fidelity, or
    a separate piece of evidence on method fidelity or an external evaluation."""
    items = list(review.evidence.select_related("report_version"))
    return any(
        item.kind in (EvidenceKind.METHOD_FIDELITY, EvidenceKind.EXTERNAL_EVALUATION)
        or (item.report_version is not None and item.report_version.fidelity in FIDELITY_SHOWING_METHOD_FOLLOWED)
        for item in items
    )


def special_review_submit(*, review: SpecialReview, user: User) -> SpecialReview:
    """The preparation group hands the evidence to kommunstyrelsen."""
    with transaction.atomic():
        review = _locked_review(review)
        project = review.project
        require(steers_followup(user, project), _("Bara beredningsgruppen lämnar prövningen till kommunstyrelsen."))
        require_state(review.status == SpecialReviewStatus.OPEN, _("Prövningen är redan lämnad till kommunstyrelsen."))
        require_state(
            method_followed(review),
            _(
                "Underlaget visar inte att projektet följt den beslutade metoden: lägg till underlag om "
                "metodtroheten eller en extern utvärdering."
            ),
        )
        review.status = SpecialReviewStatus.SUBMITTED
        review.submitted_by, review.submitted_at = user, timezone.now()
        review.save(update_fields=["status", "submitted_by", "submitted_at"])
        record(
            project,
            user=user,
            action="special_review_submit",
            target=review,
            message="Den särskilda prövningen lämnas till kommunstyrelsen.",
            from_state=SpecialReviewStatus.OPEN,
            to_state=review.status,
        )
    return review


def special_review_decide(
    *,
    review: SpecialReview,
    user: User,
    body: DecisionBody,
    decided_on: dt.date,
    paragraph: str,
    outcome: str,
    text: str,
    board: Board | None = None,
) -> SpecialReview:
    """Kommunstyrelsen's decision, registered by the registrar. A waiver is booked in the ledger in the same
    transaction: if the books refuse it, the review stays undecided.

    `board` limits the waiver to one board's remaining duty (the decision may waive the repayment of the
    board whose savings failed and keep another's); None waives every board's.
    """
    with transaction.atomic():
        review = _locked_review(review)
        project = review.project
        require(registers_decisions(user, project), _("Bara registrator eller KS-sekreterare registrerar beslutet."))
        require_state(
            review.status == SpecialReviewStatus.SUBMITTED, _("Prövningen är inte lämnad till kommunstyrelsen.")
        )
        if outcome not in SpecialReviewOutcome.values:
            raise FollowupValidationError(_("Välj beslut."), field="outcome")
        if body.organisation_id != project.initiative.fund.organisation_id:
            raise FollowupValidationError(_("Beslutande organ hör inte till fondens kommun."), field="body")
        paragraph = require_text(paragraph, "paragraph", _("Ange paragraf, t.ex. § 45."))
        text = require_text(text, "text", _("Skriv beslutstexten."))
        require_past(
            decided_on, "decided_on", _("Beslutsdatumet kan inte ligga i framtiden."), fund=project.initiative.fund
        )
        refuse_personal_data(text=text)
        if board is not None:
            if outcome != SpecialReviewOutcome.WAIVE:
                raise FollowupValidationError(_("Välj nämnd bara när återföringen efterskänks."), field="board")
            if board.organisation_id != project.initiative.fund.organisation_id:
                raise FollowupValidationError(_("Nämnden hör inte till fondens kommun."), field="board")
        if outcome == SpecialReviewOutcome.WAIVE:
            booking = ledger_bridge.obligation_waive(
                board=board,
                project=project,
                user=user,
                body=body,
                decided_on=decided_on,
                paragraph=paragraph,
                motivation=text,
                evaluation=_evaluation_summary(review),
                effects=review.effects,
            )
            review.waived_amount, review.ledger_reference = booking.amount, booking.reference
            review.waiver = booking.waiver
        review.status = (
            SpecialReviewStatus.WAIVED if outcome == SpecialReviewOutcome.WAIVE else SpecialReviewStatus.MAINTAINED
        )
        review.body, review.decided_on, review.paragraph = body, decided_on, paragraph
        review.outcome, review.decision_text, review.decided_by = outcome, text, user
        review.save()
        record(
            project,
            user=user,
            action="special_review_decide",
            target=review,
            message=f"{body.code} {decided_on.isoformat()} {paragraph}: {in_record_language(SpecialReviewOutcome(outcome).label).lower()}"
            + (
                f" ({review.waived_amount} kr{', ' + board.code if board else ''}, {review.ledger_reference})."
                if review.ledger_reference
                else "."
            ),
            from_state=SpecialReviewStatus.SUBMITTED,
            to_state=review.status,
        )
    return review


def _evaluation_summary(review: SpecialReview) -> str:
    evaluation = review.evaluation
    lines = [
        f"{evaluation.report.title} (version {evaluation.version.number}), granskad "
        f"{evaluation.reviewed_at.date().isoformat()}: {in_record_language(EffectFinding(evaluation.effect_finding).label).lower()}."
    ]
    lines += [
        f"- {in_record_language(EvidenceKind(item.kind).label)}: {item.description}" for item in review.evidence.all()
    ]
    return "\n".join(lines)
