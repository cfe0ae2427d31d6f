"""Finance's due work on its own pages: grants to book, payouts the schedules ask for, repayments due.

The same selectors (`ledger.selectors.grants_to_book`, `payouts_due`, `repayments_due`) serve
anyone's inbox. A due payout is booked with one action: the amount the schedule asks for, today.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from socialfund.accounts.roles import Role
from socialfund.cases.models import Initiative
from socialfund.core.formatting import format_sek
from socialfund.kit.refusals import Refusal
from socialfund.ledger import selectors, services
from socialfund.ledger.views.common import viewer, visible_fund


@login_required
@require_GET
def due_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = viewer(request)
    fund = visible_fund(user, slug)
    today = timezone.localdate()
    context = {
        "fund": fund,
        "today": today,
        "is_finance": user.has_role(Role.FINANCE),
        "grants": selectors.grants_to_book(fund),
        "payouts": selectors.payouts_due(fund, today),
        "repayments": selectors.repayments_due(fund, today),
    }
    return render(request, "ledger/due.html", context)


@login_required
@require_POST
def pay_due_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Book one due payout: the form carries what the page showed; the schedule is asked again here."""
    user = viewer(request)
    if not user.has_role(Role.FINANCE):
        return render(request, "cases/forbidden.html", status=403)
    fund = visible_fund(user, slug)
    initiative = Initiative.objects.filter(fund=fund, pk=request.POST.get("initiative") or 0).first()
    if initiative is None:
        raise Http404
    try:
        year = int(request.POST.get("year", ""))
        shown = Decimal(request.POST.get("amount", ""))
    except (ValueError, InvalidOperation) as exc:
        raise Http404 from exc
    today = timezone.localdate()
    due = next((d for d in selectors.payouts_due(fund, today) if d.initiative == initiative and d.year == year), None)
    if due is None or due.amount != shown:
        messages.error(request, _("Utbetalningen har ändrats sedan sidan visades; se den nya listan."))
        return redirect("ledger:due", slug=fund.slug)
    parts = ", ".join(str(n) for n in due.instalments)
    try:
        services.payout_register(
            initiative=initiative,
            user=user,
            amount=due.amount,
            paid_on=today,
            year=year,
            reference=_("Utbetalningsplan %(year)s, del %(parts)s") % {"year": year, "parts": parts},
        )
    except Refusal as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(amount)s till %(project)s (%(year)s) är bokfört som utbetalt.")
            % {"amount": format_sek(due.amount, 2), "project": initiative.title, "year": year},
        )
    return redirect("ledger:due", slug=fund.slug)
