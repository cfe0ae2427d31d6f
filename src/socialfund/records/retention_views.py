"""The records officer's retention pages: the fund's rules per record type (list, add, edit, end), the culling
run's dry run and the run itself, and the gallringslogg."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialfund.funds.models import Fund
from socialfund.records.codes import RecordType, RetentionEvent
from socialfund.records.forms import CULL, KEEP, RetentionRuleForm
from socialfund.records.models import CullingLogEntry, RetentionRule
from socialfund.records.retention import (
    CULLABLE,
    culling_preview,
    culling_run,
    may_edit_rules,
    retention_rule_end,
    retention_rule_set,
)
from socialfund.records.services import RecordsError
from socialfund.records.views import _staff_fund, _user

LOG_PAGE_SIZE = 100


def _officer_fund(request: HttpRequest, slug: str) -> Fund:
    user = _user(request)
    fund = _staff_fund(user, slug)
    if not may_edit_rules(user):
        raise Http404
    return fund


def _rows(fund: Fund) -> list[dict[str, object]]:
    """Every record type with its rule (or none), and whether the law keeps it whatever a rule says."""
    rules = {rule.record_type: rule for rule in RetentionRule.objects.filter(fund=fund)}
    return [
        {
            "code": code,
            "label": label,
            "rule": rules.get(code),
            "kept_by_law": code in RecordType.never_culled(),
            "cullable": code in CULLABLE,
        }
        for code, label in RecordType.choices
    ]


@login_required
@require_GET
def retention_view(request: HttpRequest, slug: str) -> HttpResponse:
    fund = _officer_fund(request, slug)
    preview = culling_preview(fund=fund) if request.GET.get("forhandsgranska") else None
    context = {"fund": fund, "rows": _rows(fund), "preview": preview}
    return render(request, "records/retention.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def retention_rule_view(request: HttpRequest, slug: str, record_type: str) -> HttpResponse:
    fund = _officer_fund(request, slug)
    if record_type not in CULLABLE:
        raise Http404  # a type the law keeps has no rule to edit
    rule = RetentionRule.objects.filter(fund=fund, record_type=record_type).first()
    initial: dict[str, object] = {"rule": KEEP, "from_event": RetentionEvent.CASE_CLOSED}
    if rule is not None:
        initial = {
            "rule": KEEP if rule.keep_forever or rule.years is None else CULL,
            "years": rule.years,
            "from_event": rule.from_event,
            "reference": rule.decision_reference,
        }
    form = RetentionRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            retention_rule_set(
                fund=fund,
                user=_user(request),
                record_type=record_type,
                keep_forever=data["rule"] == KEEP,
                years=data["years"],
                from_event=data["from_event"],
                reference=data["reference"],
            )
        except RecordsError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(
                request, _("Gallringsregeln för %(type)s är sparad.") % {"type": _in_sentence(record_type)}
            )
            return redirect("records:retention", slug=fund.slug)
    context = {"fund": fund, "form": form, "label": _label(record_type), "rule": rule, "record_type": record_type}
    return render(request, "records/retention_rule.html", context, status=400 if form.errors else 200)


def _label(record_type: str) -> str:
    return str(RecordType(record_type).label)


def _in_sentence(record_type: str) -> str:
    """The label inside a sentence: "Gallringsregeln för bilaga är sparad."."""
    label = _label(record_type)
    return label[:1].lower() + label[1:]


@login_required
@require_POST
def retention_rule_end_view(request: HttpRequest, slug: str, record_type: str) -> HttpResponse:
    fund = _officer_fund(request, slug)
    rule = RetentionRule.objects.filter(fund=fund, record_type=record_type).first()
    if rule is None:
        raise Http404
    retention_rule_end(rule=rule, user=_user(request))
    messages.success(
        request,
        _("Gallringsregeln för %(type)s är avslutad: handlingarna bevaras.") % {"type": _in_sentence(record_type)},
    )
    return redirect("records:retention", slug=fund.slug)


@login_required
@require_POST
def culling_run_view(request: HttpRequest, slug: str) -> HttpResponse:
    fund = _officer_fund(request, slug)
    result = culling_run(fund=fund, user=_user(request))
    messages.success(
        request,
        _("Gallringen är gjord: %(count)s uppgifter togs bort och står i gallringsloggen.")
        % {"count": len(result.entries)},
    )
    return redirect("records:culling-log", slug=fund.slug)


@login_required
@require_GET
def culling_log_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    fund = _staff_fund(user, slug)
    entries = CullingLogEntry.objects.filter(fund=fund).select_related("actor").order_by("-ran_at", "-pk")
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "records/culling_log.html", {"fund": fund, "page": page, "may_edit": may_edit_rules(user)})
