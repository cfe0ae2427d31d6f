"""One report: the PDSA form for the lead board, every saved version, the preparation group's review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from socialfund.accounts.models import User
from socialfund.followup import forms as ff
from socialfund.followup import services
from socialfund.followup.codes import WRITABLE_REPORT_STATUSES, ReportStatus
from socialfund.followup.models import Report
from socialfund.followup.permissions import steers_followup, works_for_project
from socialfund.followup.privacy import AGGREGATES_ONLY
from socialfund.followup.services.project_reports import fidelity_required
from socialfund.followup.views.project import signed_in_user, visible_project
from socialfund.kit.step_form import Failed, Step, post_step, shown_steps


def _draft_form(report: Report, data: Any) -> ff.ReportDraftForm:
    latest = report.versions.order_by("-number").first()
    initial = (
        {k: getattr(latest, k) for k in ("plan", "do", "study", "act", "fidelity", "fidelity_note")} if latest else None
    )
    return ff.ReportDraftForm(data, initial=initial, prefix="draft")


def _writable(user: User, report: Report) -> bool:
    return (
        report.project.is_running
        and report.status in WRITABLE_REPORT_STATUSES
        and works_for_project(user, report.project)
    )


REPORT_ACTIONS: list[Step[Report]] = [
    Step(
        "draft",
        gettext_lazy("Skriv rapporten"),
        gettext_lazy("Spara som ny version"),
        _draft_form,
        _writable,
        lambda r, u, f: (services.report_draft_save(report=r, user=u, **f.cleaned_data), _("Utkastet är sparat."))[1],
    ),
    Step(
        "submit",
        gettext_lazy("Lämna in rapporten"),
        gettext_lazy("Lämna in senaste versionen"),
        lambda r, d: forms.Form(d, prefix="submit"),
        lambda u, r: (
            r.project.is_running
            and r.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
            and works_for_project(u, r.project)
        ),
        lambda r, u, f: (services.report_submit(report=r, user=u), _("Rapporten är inlämnad."))[1],
    ),
    Step(
        "review",
        gettext_lazy("Granska rapporten"),
        gettext_lazy("Spara granskningen"),
        lambda r, d: ff.ReviewForm(d, prefix="review"),
        lambda u, r: r.status == ReportStatus.SUBMITTED and steers_followup(u, r.project),
        lambda r, u, f: (services.report_review(report=r, user=u, **f.cleaned_data), _("Granskningen är sparad."))[1],
    ),
    Step(
        "skip",
        gettext_lazy("Rapporten lämnas inte"),
        gettext_lazy("Markera att rapporten inte lämnas"),
        lambda r, d: ff.ReasonForm(d, prefix="skip"),
        lambda u, r: r.status in WRITABLE_REPORT_STATUSES and steers_followup(u, r.project),
        lambda r, u, f: (services.report_skip(report=r, user=u, **f.cleaned_data), _("Rapporten lämnas inte."))[1],
    ),
]
REPORT_ACTIONS_BY_CODE = {action.code: action for action in REPORT_ACTIONS}


def _visible_report(user: User, pk: int, report_id: int) -> Report:
    project = visible_project(user, pk)
    try:
        report = project.reports.select_related("submitted_version").get(pk=report_id)
    except Report.DoesNotExist as exc:
        raise Http404 from exc
    report.project = project
    return report


def _page(request: HttpRequest, report: Report, failed: Failed | None = None, status: int = 200) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "report": report,
        "project": report.project,
        "versions": list(report.versions.select_related("saved_by").order_by("-number")),
        "reviews": list(report.reviews.select_related("reviewed_by", "version").order_by("-reviewed_at", "-pk")),
        "actions": shown_steps(REPORT_ACTIONS, user, report, failed),
        "failed_action": failed.code if failed else "",
        "action_error": failed.error if failed else "",
        "fidelity_required": fidelity_required(report.project),
        "aggregates_only": AGGREGATES_ONLY,
    }
    return render(request, "followup/report.html", context, status=status)


@login_required
@require_GET
def report_view(request: HttpRequest, pk: int, report_id: int) -> HttpResponse:
    return _page(request, _visible_report(signed_in_user(request), pk, report_id))


@login_required
@require_POST
def report_action_view(request: HttpRequest, pk: int, report_id: int, action: str) -> HttpResponse:
    user = signed_in_user(request)
    report = _visible_report(user, pk, report_id)
    return post_step(
        request,
        user=user,
        target=report,
        step=REPORT_ACTIONS_BY_CODE.get(action),
        page=lambda failed, status: _page(request, _visible_report(user, pk, report_id), failed, status),
        done=lambda: redirect("followup:report", pk=pk, report_id=report_id),
    )
