"""Reports in the PDSA frame: versioned drafts by the lead board, the preparation group's review, and skipping
a report with a reason."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.followup.codes import (
    FAILED_FINDINGS,
    WRITABLE_REPORT_STATUSES,
    EffectFinding,
    Fidelity,
    ReportStatus,
    ReviewVerdict,
)
from socialfund.followup.errors import FollowupValidationError
from socialfund.followup.models import Project, Report, ReportReview, ReportVersion
from socialfund.followup.permissions import steers_followup, works_for_project
from socialfund.followup.privacy import refuse_personal_data
from socialfund.followup.services.common import project_policy, record, require, require_state, require_text
from socialfund.outbox.services import mail_queue
from socialfund.record_language import in_record_language

# The four parts of a report, as a refusal names them (translated when the message is built).
PDSA_LABELS = {
    "plan": gettext_lazy("Planera"),
    "do": gettext_lazy("Göra"),
    "study": gettext_lazy("Studera"),
    "act": gettext_lazy("Agera"),
}


def _locked_report(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related(
            "project", "project__initiative", "project__initiative__fund", "project__initiative__lead_board"
        )
        .get(pk=report.pk)
    )


def fidelity_required(project: Project) -> bool:
    """Documented methods: follow up method fidelity (unless the guidelines say explicitly not to)."""
    evidence = project_policy(project).evidence
    return project.method_documented and (evidence is None or evidence.fidelity_followup is not False)


def report_draft_save(
    *,
    report: Report,
    user: User,
    plan: str = "",
    do: str = "",
    study: str = "",
    act: str = "",
    fidelity: str = "",
    fidelity_note: str = "",
) -> ReportVersion:
    """Save a draft as a new version; earlier versions stay as they were."""
    with transaction.atomic():
        report = _locked_report(report)
        project = report.project
        require(
            works_for_project(user, project), _("Bara den ansvariga nämndens handläggare skriver projektets rapporter.")
        )
        require_state(project.is_running, _("Projektet är avslutat."))
        require_state(report.status in WRITABLE_REPORT_STATUSES, _("Rapporten är inlämnad eller avslutad."))
        if fidelity and fidelity not in Fidelity.values:
            raise FollowupValidationError(_("Välj metodtrohet i listan."), field="fidelity")
        texts = {"plan": plan, "do": do, "study": study, "act": act, "fidelity_note": fidelity_note}
        refuse_personal_data(**texts)
        if not any(text.strip() for text in texts.values()) and not fidelity:
            raise FollowupValidationError(_("Skriv något i minst en av delarna innan du sparar."), field="plan")
        number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = ReportVersion.objects.create(
            report=report,
            number=number,
            plan=plan.strip(),
            do=do.strip(),
            study=study.strip(),
            act=act.strip(),
            fidelity=fidelity,
            fidelity_note=fidelity_note.strip(),
            saved_by=user,
        )
        before = report.status
        report.status = ReportStatus.DRAFT
        report.save(update_fields=["status"])
        record(
            project,
            user=user,
            action="report_draft_save",
            target=version,
            message=f"{report.title}: version {number} sparad.",
            from_state=before,
            to_state=report.status,
        )
    return version


def report_submit(*, report: Report, user: User) -> Report:
    """Hand the latest version in for the preparation group's review; all four PDSA parts must be written."""
    with transaction.atomic():
        report = _locked_report(report)
        project = report.project
        require(works_for_project(user, project), _("Bara den ansvariga nämndens handläggare lämnar in rapporter."))
        require_state(project.is_running, _("Projektet är avslutat."))
        require_state(report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED), _("Spara ett utkast först."))
        latest = report.versions.order_by("-number").first()
        require_state(latest is not None, _("Spara ett utkast först."))
        assert latest is not None
        returned = report.reviews.filter(verdict=ReviewVerdict.RETURNED).order_by("-pk").first()
        require_state(
            returned is None or returned.version_id != latest.pk,
            _("Spara en ny version med kompletteringarna innan du lämnar in igen."),
        )
        _check_complete(project, latest)
        before = report.status
        report.status = ReportStatus.SUBMITTED
        report.submitted_version = latest
        report.submitted_at = timezone.now()
        report.save(update_fields=["status", "submitted_version", "submitted_at"])
        record(
            project,
            user=user,
            action="report_submit",
            target=report,
            message=f"{report.title}: version {latest.number} inlämnad för granskning.",
            from_state=before,
            to_state=report.status,
        )
        _mail_after_commit(report, _preparation_group(project), f"{report.title} är inlämnad för granskning.")
    return report


def _check_complete(project: Project, version: ReportVersion) -> None:
    missing = [name for name in PDSA_LABELS if not getattr(version, name).strip()]
    if missing:
        parts = ", ".join(str(PDSA_LABELS[name]) for name in missing)
        raise FollowupValidationError(_("Rapporten saknar %(parts)s.") % {"parts": parts}, field=missing[0])
    if fidelity_required(project):
        if not version.fidelity:
            raise FollowupValidationError(
                _("Metoden är dokumenterad: ange hur troget den följts (metodtrohet)."), field="fidelity"
            )
        if version.fidelity != Fidelity.FULL and not version.fidelity_note.strip():
            raise FollowupValidationError(_("Beskriv hur och varför ni avvikit från metoden."), field="fidelity_note")


def report_review(
    *, report: Report, user: User, verdict: str, effect_finding: str = "", note: str = ""
) -> ReportReview:
    """The preparation group approves the submitted version, saying what the evaluation shows, or returns it."""
    with transaction.atomic():
        report = _locked_report(report)
        project = report.project
        require(steers_followup(user, project), _("Bara beredningsgruppen granskar rapporter."))
        require_state(report.status == ReportStatus.SUBMITTED, _("Rapporten väntar inte på granskning."))
        if verdict not in ReviewVerdict.values:
            raise FollowupValidationError(_("Välj om rapporten godkänns eller återsänds."), field="verdict")
        if effect_finding and effect_finding not in EffectFinding.values:
            raise FollowupValidationError(_("Välj vad utvärderingen visar."), field="effect_finding")
        if verdict == ReviewVerdict.APPROVED and not effect_finding:
            raise FollowupValidationError(_("Ange vad utvärderingen visar om effekterna."), field="effect_finding")
        if verdict == ReviewVerdict.RETURNED:
            require_text(note, "note", _("Skriv vad som behöver kompletteras."))
        refuse_personal_data(note=note)
        assert report.submitted_version is not None
        review = ReportReview.objects.create(
            report=report,
            version=report.submitted_version,
            verdict=verdict,
            effect_finding=effect_finding,
            note=note.strip(),
            reviewed_by=user,
        )
        report.status = ReportStatus.APPROVED if verdict == ReviewVerdict.APPROVED else ReportStatus.RETURNED
        report.save(update_fields=["status"])
        message = f"{report.title}: {in_record_language(ReviewVerdict(verdict).label).lower()}"
        if effect_finding:
            message += f" – {in_record_language(EffectFinding(effect_finding).label).lower()}"
        if effect_finding in FAILED_FINDINGS:
            message += ". Särskild prövning kan inledas."
        record(
            project,
            user=user,
            action="report_review",
            target=review,
            message=message,
            from_state=ReportStatus.SUBMITTED,
            to_state=report.status,
        )
        if verdict == ReviewVerdict.RETURNED:
            _mail_after_commit(report, _lead_board_officials(project), f"{report.title} behöver kompletteras.")
    return review


def report_skip(*, report: Report, user: User, reason: str) -> Report:
    """The preparation group decides that a report is not needed, and says why."""
    with transaction.atomic():
        report = _locked_report(report)
        project = report.project
        require(steers_followup(user, project), _("Bara beredningsgruppen kan besluta att en rapport inte lämnas."))
        require_state(report.status in WRITABLE_REPORT_STATUSES, _("Rapporten är redan inlämnad eller avslutad."))
        reason = require_text(reason, "reason", _("Ange skälet till att rapporten inte lämnas."))
        refuse_personal_data(reason=reason)
        before = report.status
        report.status = ReportStatus.SKIPPED
        report.skip_reason = reason
        report.save(update_fields=["status", "skip_reason"])
        record(
            project,
            user=user,
            action="report_skip",
            target=report,
            message=f"{report.title} lämnas inte: {reason}",
            from_state=before,
            to_state=report.status,
        )
    return report


# -- who hears about it --------------------------------------------------------------------------------------


def _lead_board_officials(project: Project) -> list[str]:
    board_id = project.initiative.lead_board_id
    if board_id is None:
        return []
    users = User.objects.filter(is_active=True, groups__name=Role.APPLICANT, board_id=board_id)
    return sorted({u.email for u in users if u.email})


def _preparation_group(project: Project) -> list[str]:
    org = project.initiative.fund.organisation_id
    users = User.objects.filter(is_active=True, groups__name=Role.PREPARATION_GROUP)
    if org:
        users = users.filter(organisation_id=org)
    return sorted({u.email for u in users if u.email})


def report_recipients(project: Project, *, overdue: bool) -> list[str]:
    """A reminder goes to the lead board's officials; once the report is late, also to the preparation group."""
    recipients = set(_lead_board_officials(project))
    if overdue:
        recipients |= set(_preparation_group(project))
    return sorted(recipients)


def _mail_after_commit(report: Report, recipients: list[str], what: str) -> None:
    if not recipients:
        return
    title, path = report.project.title, reverse("followup:report", args=[report.project_id, report.pk])

    def send() -> None:
        mail_queue(
            subject=f"[{settings.SITE_NAME}] {title}: {what}",
            message=f"{what}\n\nÖppna rapporten: {path}\n",
            from_email=None,
            recipient_list=recipients,
        )

    transaction.on_commit(send)
