"""Booking through the web: one page per event, its form, and the service it calls.

Only finance books; the registrar registers the decisions that book themselves (capital,
waiver after special review). A refused event shows the service's Swedish message on the
form and books nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.models import Decision
from socialfund.funds.models import Fund
from socialfund.kit.step_form import Failed, take_step
from socialfund.ledger import forms as ledger_forms
from socialfund.ledger import services
from socialfund.ledger.errors import LedgerError, LedgerWarning
from socialfund.ledger.models import Transaction
from socialfund.ledger.views.common import viewer, visible_fund
from socialfund.ledger.views.pages import unbooked_decisions


@dataclass(frozen=True)
class Event:
    code: str
    title: str | Promise  # translated when shown
    button: str | Promise
    role: Role
    form: type[ledger_forms.LedgerForm]
    book: Callable[[Fund, User, dict[str, Any]], Transaction | object]


def _reverse(fund: Fund, user: User, data: dict[str, Any]) -> object:
    original = Transaction.objects.booked().filter(fund=fund, number=data["number"]).first()
    if original is None:
        raise LedgerError(
            gettext("Verifikation %(number)s finns inte i fonden.") % {"number": data["number"]}, field="number"
        )
    return services.transaction_reverse(
        transaction=original, user=user, booked_on=data.get("booked_on"), text=data.get("text") or ""
    )


EVENTS = {
    event.code: event
    for event in (
        Event(
            "kapital",
            _("Registrera kapitalbeslut"),
            _("Registrera beslutet"),
            Role.REGISTRAR,
            ledger_forms.CapitalForm,
            lambda fund, user, d: services.capital_decide(fund=fund, user=user, **d),
        ),
        Event(
            "beviljande",
            _("Bokför beviljade medel"),
            # The button's verb; the ledger page's heading "Bokför" is another msgid.
            pgettext_lazy("button", "Bokför"),
            Role.FINANCE,
            ledger_forms.GrantForm,
            lambda fund, user, d: services.grant_decide(
                decision=d["decision"],
                user=user,
                booked_on=d["booked_on"],
                acknowledge_warnings=d["acknowledge"],
                instalments=d["instalments"],
            ),
        ),
        Event(
            "utbetalning",
            _("Registrera utbetalning"),
            _("Bokför utbetalningen"),
            Role.FINANCE,
            ledger_forms.PayoutForm,
            lambda fund, user, d: services.payout_register(user=user, **d),
        ),
        Event(
            "plan",
            _("Fastställ återföringsplan"),
            _("Fastställ planen"),
            Role.FINANCE,
            ledger_forms.PlanForm,
            lambda fund, user, d: services.repayment_plan_adopt(
                initiative=d["initiative"],
                user=user,
                adopted_on=d["adopted_on"],
                plan=d["plan"],
                reference=d["reference"],
            ),
        ),
        Event(
            "aterforing",
            _("Registrera återföring"),
            _("Bokför återföringen"),
            Role.FINANCE,
            ledger_forms.RepaymentForm,
            lambda fund, user, d: services.repayment_register(user=user, **d),
        ),
        Event(
            "ramminskning",
            _("Registrera ramminskning"),
            _("Bokför ramminskningen"),
            Role.FINANCE,
            ledger_forms.RepaymentForm,
            lambda fund, user, d: services.frame_reduction_register(user=user, **d),
        ),
        Event(
            "eftergift",
            _("Registrera beslut efter särskild prövning"),
            _("Registrera beslutet"),
            Role.REGISTRAR,
            ledger_forms.WaiverForm,
            lambda fund, user, d: services.waiver_decide(user=user, **d),
        ),
        Event(
            "rattelse",
            _("Rätta en verifikation"),
            _("Bokför rättelsen"),
            Role.FINANCE,
            ledger_forms.ReverseForm,
            _reverse,
        ),
        Event(
            "bokslut",
            _("Stäng en period"),
            _("Stäng perioden"),
            Role.FINANCE,
            ledger_forms.CloseForm,
            lambda fund, user, d: services.period_close(fund=fund, user=user, through=d["through"]),
        ),
    )
}


def _form(event: Event, fund: Fund, data: Any = None, initial: dict[str, Any] | None = None) -> forms.Form:
    if event.form is ledger_forms.GrantForm:
        decisions = Decision.objects.filter(pk__in=[d.pk for d in unbooked_decisions(fund)])
        return ledger_forms.GrantForm(data, fund=fund, decisions=decisions, initial=initial)
    return event.form(data, fund=fund, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def booking_view(request: HttpRequest, slug: str, event_code: str) -> HttpResponse:
    user = viewer(request)
    fund = visible_fund(user, slug)
    event = EVENTS.get(event_code)
    if event is None:
        raise Http404
    if not user.has_role(event.role):
        return render(request, "cases/forbidden.html", status=403)
    form = _form(event, fund, request.POST or None, initial=request.GET.dict() or None)

    def page(failed: Failed | None = None) -> HttpResponse:
        # A grant that strains the fund is refused with its warnings, which finance reads before booking it anyway.
        warnings = failed.refusal.warnings if failed and isinstance(failed.refusal, LedgerWarning) else []
        context = {"fund": fund, "event": event, "form": form, "warnings": warnings}
        return render(request, "ledger/booking.html", context, status=400 if form.errors else 200)

    if request.method != "POST":
        return page()
    return take_step(
        request,
        form,
        lambda form: event.book(fund, user, dict(form.cleaned_data)),
        # Translators: %(event)s is the event's title, e.g. "Registrera utbetalning".
        said=lambda _booked: gettext("%(event)s: klart.") % {"event": event.title},
        done=lambda _booked: redirect("ledger:position", slug=fund.slug),
        again=page,
        unplaced="form",
    )
