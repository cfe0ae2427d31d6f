"""Report pages: the April report, the decision memo, list exports, and the fund's public page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from socialfund.accounts.models import User
from socialfund.accounts.permissions import is_staff_of
from socialfund.accounts.roles import Role
from socialfund.cases.codes import MEMO_STATUSES
from socialfund.cases.models import Initiative
from socialfund.cases.permissions import can_view, visible_initiatives
from socialfund.cases.selectors import initiative_detail, initiative_list
from socialfund.cases.views.lists import list_filters
from socialfund.cases.workflow import fund_policy_if_any, memo_applies
from socialfund.core.casemachine import memo_stages
from socialfund.core.formatting import format_date
from socialfund.documents.downloads import DOCUMENT_FORMATS, document_response, table_response
from socialfund.funds.boards import may_name_boards
from socialfund.funds.models import Fund
from socialfund.funds.selectors import funds_visible_to
from socialfund.kit.refusals import Refusal
from socialfund.ledger.permissions import may_export_books
from socialfund.organisation.models import DecisionBody
from socialfund.record_language import in_filing_language, record_language
from socialfund.replica import reads_from_replica
from socialfund.reports import forms as report_forms
from socialfund.reports import report_texts
from socialfund.reports.exports import cases_table, export_lists
from socialfund.reports.generated import ANNEX_FORMATS
from socialfund.reports.memo import MemoOptions, memo_document, memo_gaps
from socialfund.reports.public import may_publish, public_page_set, public_projects, published_page


def _memo_stages(fund: Fund) -> tuple[str, ...]:
    policy = fund_policy_if_any(fund)
    return memo_stages(policy) if policy is not None else ()


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _staff_fund(user: User, slug: str) -> Fund:
    """The fund, for staff of its organisation; 404 for anyone else (a guessed address learns nothing)."""
    fund = funds_visible_to(user=user).filter(slug=slug).first()
    if fund is None or not is_staff_of(user, fund.organisation_id):
        raise Http404
    return fund


def report_years(fund: Fund) -> list[int]:
    return list(range(timezone.localdate().year, fund.decided_on.year - 1, -1))


@login_required
@require_GET
def reports_index_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    funds = [f for f in funds_visible_to(user=user) if is_staff_of(user, f.organisation_id)]
    if not funds:
        raise Http404
    lists = [item for item in export_lists().values() if item.allowed(user)]
    rows = [
        {
            "fund": fund,
            "years": report_years(fund),
            "may_publish": may_publish(user, fund),
            "may_name_boards": may_name_boards(user, fund.organisation),
            "may_write": report_texts.may_write(user, fund),
            "may_export_ledger": may_export_books(user),
            "written": fund.generated_documents.order_by("-requested_at", "-pk")[:10],
            "applications": visible_initiatives(user)
            .filter(fund=fund, stage__in=_memo_stages(fund), status__in=MEMO_STATUSES)
            .order_by("-filed_on", "title")[:50],
        }
        for fund in funds
    ]
    return render(request, "reports/index.html", {"funds": rows, "lists": lists})


@login_required
@require_GET
def april_report_view(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    """The report's old direct address (bookmarks, links in mails): it no longer writes the report in the
    request, which took seconds for a large fund and tied up a server process (issues 22 and 28). It sends
    the reader to the Rapporter page, whose buttons have the report written in the background."""
    return _to_the_request_form(request, slug, year, fmt in DOCUMENT_FORMATS)


@login_required
@require_GET
def april_annex_view(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    """The annex's old direct address: to the Rapporter page, as the report's (PDF and Word only)."""
    return _to_the_request_form(request, slug, year, fmt in ANNEX_FORMATS)


def _to_the_request_form(request: HttpRequest, slug: str, year: int, known_format: bool) -> HttpResponse:
    fund = _staff_fund(_user(request), slug)
    if year not in report_years(fund) or not known_format:
        raise Http404
    messages.info(
        request,
        _(
            "Uppföljningen skrivs nu i bakgrunden: välj år och format nedan. "
            "En sida visar hur långt handlingen har kommit och erbjuder filen när den är klar."
        ),
    )
    return redirect(f"{reverse('reports:index')}#fund-{fund.pk}")


# The list exports below stay direct downloads: a table of cases or projects, one row each, written as CSV or
# a plain XLSX sheet with no layout or charts (no WeasyPrint, no Word). A fund has tens to a few hundred cases;
# even 3 000 rows take 0.6 s of CPU as XLSX and 0.03 s as CSV (measured 2026-12), so a background task and a
# progress page would only make the user wait longer.
@login_required
@require_GET
@in_filing_language
@reads_from_replica
def case_list_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The case list as the user filtered it (same query string, same cases, every page of them)."""
    user = _user(request)
    _form, filters = list_filters(request, user)
    today = timezone.localdate()
    table = cases_table(
        initiative_list(user=user, filters=filters), caption=f"Ärenden, urval {format_date(today)}", with_fund=True
    )
    return table_response(table, fmt, filename=f"arenden-{today}")


@login_required
@require_GET
@in_filing_language
@reads_from_replica
def export_view(request: HttpRequest, slug: str, name: str, fmt: str) -> HttpResponse:
    user = _user(request)
    fund = _staff_fund(user, slug)
    item = export_lists().get(name)
    if item is None or not item.allowed(user):
        raise Http404
    return table_response(item.build(user, fund), fmt, filename=f"{name}-{fund.slug}-{timezone.localdate()}")


def _memo_initial(initiative: Initiative, user: User) -> dict[str, Any]:
    organisation = initiative.fund.organisation
    director = User.objects.filter(organisation=organisation, groups__name=Role.CITY_DIRECTOR, is_active=True).first()
    committees = DecisionBody.objects.filter(organisation=organisation, kind="committee").order_by("code")
    boards = [initiative.lead_board, *initiative.partner_boards.all()] if initiative.lead_board else []
    return {
        "addressees": "\n".join(["Kommunstyrelsen", *(c.name for c in committees)]),
        "signer_name": director.get_full_name() if director else "",
        "handler_name": user.get_full_name(),
        "handler_unit": user.office.name if user.office else "",
        "handler_email": user.email,
        "sent_to": "\n".join(["Akten", *(b.display_name for b in boards if b is not None)]),
    }


@login_required
@require_http_methods(["GET", "POST"])
def memo_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    try:
        initiative = initiative_detail(initiative_id=pk)
    except Initiative.DoesNotExist as exc:
        raise Http404 from exc
    if not can_view(user, initiative) or not is_staff_of(user, initiative.fund.organisation_id):
        raise Http404
    if not memo_applies(initiative):
        # The case page offers no memo here either; say why rather than write one for the wrong stage.
        return render(request, "reports/memo.html", {"initiative": initiative, "unavailable": True}, status=404)
    form = report_forms.MemoForm(request.POST or None, initial=_memo_initial(initiative, user), prefix="memo")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        addressees = report_forms.lines(data["addressees"])
        committees = DecisionBody.objects.filter(
            organisation_id=initiative.fund.organisation_id, kind="committee", name__in=addressees
        )
        options = MemoOptions(
            date=data["date"],
            office=data["office"],
            addressees=addressees,
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
            handler_name=data["handler_name"],
            handler_title=data["handler_title"],
            handler_unit=data["handler_unit"],
            handler_phone=data["handler_phone"],
            handler_email=data["handler_email"],
            sent_to=report_forms.lines(data["sent_to"]),
            opinion_bodies=tuple(committees),
        )
        # Written in the request, unlike the April report: one case's memo is a few pages of text with no
        # charts and no per-project tables, whatever the fund's size (0.16 s of CPU as PDF, 0.06 s as Word), and
        # the form's choices (date, signer, addressees) are the request's own, not something to keep.
        filename = f"tjansteskrivelse-{initiative.registry_number or initiative.pk}-{data['date']}"
        with record_language():  # a filed document: Swedish
            return document_response(memo_document(initiative, options), data["format"], filename=filename)
    context = {"initiative": initiative, "form": form, "gaps": memo_gaps(initiative)}
    return render(request, "reports/memo.html", context, status=400 if form.errors else 200)


@require_GET
def public_page_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Open to everyone, when the fund publishes; otherwise it does not exist."""
    page = published_page(slug)
    if page is None:
        raise Http404
    context = {"page": page, "fund": page.fund, "projects": public_projects(page.fund)}
    return render(request, "reports/public.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def public_settings_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    fund = _staff_fund(user, slug)
    if not may_publish(user, fund):
        raise Http404
    current = getattr(fund, "public_page", None)
    initial = {"enabled": current.enabled, "intro": current.intro} if current else {}
    form = report_forms.PublicPageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            public_page_set(fund=fund, user=user, **form.cleaned_data)
        except Refusal as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Inställningen är sparad."))
            return redirect("reports:index")
    return render(request, "reports/public_settings.html", {"fund": fund, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def report_text_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The official writes the report's narrative parts; each save is a new version."""
    user = _user(request)
    fund = _staff_fund(user, slug)
    if year not in report_years(fund) or not report_texts.may_write(user, fund):
        raise Http404
    latest = report_texts.latest_text(fund, year)
    initial = {f: getattr(latest, f) for f in ("registry_number", "lessons", "proposals", "comments")} if latest else {}
    form = report_forms.ReportTextForm(
        request.POST or None,
        initial=initial,
        next_number=""
        if latest and latest.registry_number
        else report_texts.next_registry_number(fund, timezone.localdate()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = report_texts.report_text_save(fund=fund, year=year, user=user, **form.cleaned_data)
        except Refusal as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Texten är sparad som version %(version)s.") % {"version": saved.version})
            return redirect("reports:report-text", slug=fund.slug, year=year)
    versions = fund.report_texts.filter(year=year).select_related("saved_by")
    context = {"fund": fund, "year": year, "form": form, "versions": versions}
    return render(request, "reports/report_text.html", context)
