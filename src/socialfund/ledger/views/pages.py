"""Reading the books: the fund's position, a project's account, a board's duties, the journal, exports."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from socialfund.accounts.roles import Role
from socialfund.cases.models import Decision, Initiative
from socialfund.cases.repayment_exceptions import exception_for
from socialfund.core.money import from_ore
from socialfund.funds.models import Fund
from socialfund.funds.selectors import funds_visible_to
from socialfund.ledger.codes import AccountKind
from socialfund.ledger.duty import fund_duties
from socialfund.ledger.export import Period, export_sie, export_xlsx, fund_account_map
from socialfund.ledger.models import FundLedger, Transaction
from socialfund.ledger.position import board_obligations, fund_position, project_account
from socialfund.ledger.selectors import balances_at, grants_to_book
from socialfund.ledger.views.common import date_param, may_export_books, viewer, visible_fund
from socialfund.organisation.models import Board
from socialfund.record_language import record_language
from socialfund.replica import reads_from_replica

JOURNAL_PAGE = 50


@login_required
@require_GET
def index_view(request: HttpRequest) -> HttpResponse:
    user = viewer(request)
    funds = list(funds_visible_to(user=user))
    if len(funds) == 1:
        return redirect("ledger:position", slug=funds[0].slug)
    return render(request, "ledger/index.html", {"funds": funds})


def project_rows(fund: Fund, on: dt.date) -> list[dict[str, object]]:
    """Per project: granted, paid, still committed (grouped queries), duty left and overdue (ledger.duty)."""
    grouped = (
        balances_at(fund, on, Q(account__initiative__isnull=False))
        .values("account__initiative_id", "account__initiative__title", "account__kind")
        .annotate(total=Sum("amount_ore"))
    )
    rows: dict[int, dict[str, object]] = {}
    for g in grouped:
        row = rows.setdefault(
            g["account__initiative_id"], {"id": g["account__initiative_id"], "title": g["account__initiative__title"]}
        )
        row[g["account__kind"]] = from_ore(g["total"])
    duties = fund_duties(fund, on)
    for pk, row in rows.items():
        duty = duties.get(pk)
        row["duty"] = duty.remaining if duty else 0
        row["overdue"] = duty.overdue if duty else 0
        row["written_off"] = duty.written_off if duty else False
        row["exception"] = duty.exception.note if duty and duty.exception else ""
    for row in rows.values():
        row["granted"] = row.get(AccountKind.COMMITTED, 0) + row.get(AccountKind.PAID_OUT, 0)  # type: ignore[operator]
    return sorted(rows.values(), key=lambda r: str(r["title"]))


def board_rows(fund: Fund, on: dt.date) -> list[dict[str, object]]:
    grouped = (
        balances_at(fund, on, Q(account__kind=AccountKind.RECEIVABLE))
        .values("account__board__code", "account__board__name")
        .annotate(
            total=Sum("amount_ore"),
            overdue=Sum("amount_ore", filter=Q(account__year__lt=on.year)),
        )
        .order_by("account__board__code")
    )
    return [
        {
            "code": g["account__board__code"],
            "name": g["account__board__name"],
            "owed": from_ore(g["total"]),
            "overdue": from_ore(g["overdue"] or 0),
        }
        for g in grouped
    ]


def unbooked_decisions(fund: Fund) -> list[Decision]:
    return grants_to_book(fund)


@login_required
@require_GET
def position_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = viewer(request)
    fund = visible_fund(user, slug)
    on = date_param(request)
    book = FundLedger.objects.filter(fund=fund).first()
    context = {
        "fund": fund,
        "on": on,
        "position": fund_position(fund, on),
        "projects": project_rows(fund, on),
        "boards": board_rows(fund, on),
        "latest": Transaction.objects.booked().filter(fund=fund, booked_on__lte=on).order_by("-number")[:10],
        "closed_through": book.closed_through if book else None,
        "is_finance": user.has_role(Role.FINANCE),
        "is_registrar": user.has_role(Role.REGISTRAR),
        "unbooked": unbooked_decisions(fund) if user.has_role(Role.FINANCE) else [],
    }
    return render(request, "ledger/position.html", context)


@login_required
@require_GET
def project_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = viewer(request)
    fund = visible_fund(user, slug)
    initiative = Initiative.objects.filter(fund=fund, pk=pk).first()
    if initiative is None:
        raise Http404
    on = date_param(request)
    context = {
        "fund": fund,
        "on": on,
        "account": project_account(initiative, on),
        "repayment_exception": exception_for(initiative),
    }
    return render(request, "ledger/project.html", context)


@login_required
@require_GET
def board_view(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    user = viewer(request)
    fund = visible_fund(user, slug)
    board = Board.objects.filter(organisation_id=fund.organisation_id, code=code).first()
    if board is None:
        raise Http404
    on = date_param(request)
    rows, years = board_obligations(fund, board, on)
    context = {"fund": fund, "on": on, "board": board, "rows": rows, "years": years}
    return render(request, "ledger/board.html", context)


@login_required
@require_GET
def journal_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = viewer(request)
    fund = visible_fund(user, slug)
    transactions = (
        Transaction.objects.booked()
        .filter(fund=fund)
        .select_related("created_by", "reverses", "reversed_by")
        .prefetch_related("entries__account__board", "entries__account__initiative")
        .order_by("-number")
    )
    page = Paginator(transactions, JOURNAL_PAGE).get_page(request.GET.get("sida"))
    context = {"fund": fund, "page": page, "is_finance": user.has_role(Role.FINANCE)}
    return render(request, "ledger/journal.html", context)


@login_required
@require_GET
@reads_from_replica
def export_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = viewer(request)
    if not may_export_books(user):
        return render(request, "cases/forbidden.html", status=403)
    fund = visible_fund(user, slug)
    period = Period(date_param(request, "fran"), date_param(request, "till"))
    mapping = fund_account_map(fund)
    with record_language():  # the books are a record: Swedish
        if request.GET.get("format") == "xlsx":
            content, kind, suffix = (
                export_xlsx(fund, period, mapping),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            )
        else:
            content, kind, suffix = export_sie(fund, period, mapping), "text/plain; charset=cp437", "se"
    response = HttpResponse(content, content_type=kind)
    response["Content-Language"] = settings.LANGUAGE_CODE
    name = f"{fund.slug}-{period.start.isoformat()}-{period.end.isoformat()}.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
