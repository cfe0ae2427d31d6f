"""Money into the fund and out to projects: capital, grants (commitments per year), payouts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.cases.codes import DecisionOutcome
from socialfund.cases.models import Decision, Initiative
from socialfund.core.formatting import format_sek
from socialfund.core.money import allocate_sek
from socialfund.funds.dates import decision_date_problem
from socialfund.funds.models import Fund
from socialfund.ledger import selectors
from socialfund.ledger.codes import AccountKind, TransactionKind
from socialfund.ledger.errors import LedgerStateError, LedgerValidationError, LedgerWarning
from socialfund.ledger.models import Account, CapitalDecision, PayoutInstalment, PayoutOrder, Transaction
from socialfund.ledger.posting import (
    Leg,
    account,
    account_key,
    fund_books,
    positive_amount,
    post,
    require_finance,
    require_registrar,
    required_text,
)
from socialfund.organisation.models import DecisionBody


def capital_decide(
    *,
    fund: Fund,
    user: User,
    body: DecisionBody,
    decided_on: dt.date,
    paragraph: str,
    amount: Decimal,
    registry_number: str = "",
    text: str = "",
    booked_on: dt.date | None = None,
) -> Transaction:
    """Fullmäktige's decision to put money in the fund: available money against fund capital."""
    amount = positive_amount(amount)
    paragraph = required_text(paragraph, _("Ange paragraf, t.ex. § 7."), "paragraph")
    if problem := decision_date_problem(fund, decided_on):
        raise LedgerValidationError(problem, field="decided_on")
    with fund_books(fund) as book:
        # Translators: completes "Bara registrator eller KS-sekreterare registrerar %(what)s."
        require_registrar(user, fund, _("kapitalbeslut"))
        if body.organisation_id != fund.organisation_id:
            raise LedgerValidationError(_("Det beslutande organet hör inte till fondens organisation."), field="body")
        decision = CapitalDecision.objects.create(
            fund=fund,
            body=body,
            decided_on=decided_on,
            paragraph=paragraph,
            registry_number=registry_number.strip(),
            amount=amount,
            text=text.strip(),
            registered_by=user,
        )
        legs = [
            Leg(account(fund, AccountKind.AVAILABLE), amount),
            Leg(account(fund, AccountKind.CAPITAL), -amount),
        ]
        return post(
            book=book,
            kind=TransactionKind.CAPITAL,
            booked_on=booked_on or decided_on,
            text=f"Fondkapital enligt {decision}: {format_sek(amount, 2)}",
            user=user,
            legs=legs,
            capital_decision=decision,
        )


def grant_decide(
    *,
    decision: Decision,
    user: User,
    booked_on: dt.date | None = None,
    acknowledge_warnings: bool = False,
    instalments: int = 1,
) -> Transaction:
    """Kommunstyrelsen's grant: a commitment per year it names, taken from the fund's available money.

    It also sets the payout schedule finance is asked to carry out: each year's amount in
    `instalments` equal parts (1, 2, 4 or 12; split exactly to the öre), the first due at
    the start of the year or, for the year of the grant, on the day it is booked.

    A grant that would leave the fund unable to meet its other commitments is booked only
    when the user has seen the warnings (`acknowledge_warnings`): the decision is
    kommunstyrelsen's, the warning is the ledger's.
    """
    initiative = decision.initiative
    fund = initiative.fund
    with fund_books(fund) as book:
        require_finance(user, fund)
        if decision.outcome != DecisionOutcome.GRANTED:
            raise LedgerStateError(_("Beslutet är ett avslag; det finns inget att bokföra."))
        booked = Transaction.objects.booked().filter(grant_decision=decision, reversed_by__isnull=True).first()
        if booked is not None:
            raise LedgerStateError(
                _("Beslutet är redan bokfört (verifikation %(number)s).") % {"number": booked.number}
            )
        amounts = {row.year: row.amount for row in decision.amounts.all()}
        if not amounts:
            raise LedgerStateError(_("Beslutet anger inga belopp per år."))
        warnings = selectors.commitment_warnings(fund, amounts, timezone.localdate())
        if warnings and not acknowledge_warnings:
            raise LedgerWarning(_("Läs varningarna och bekräfta att beslutet ska bokföras."), warnings=warnings)
        if instalments not in INSTALMENTS:
            raise LedgerValidationError(
                _("Antalet delbetalningar per år ska vara 1, 2, 4 eller 12."), field="instalments"
            )
        total = sum(amounts.values(), Decimal(0))
        legs = [
            Leg(account(fund, AccountKind.COMMITTED, initiative=initiative, year=year), amount)
            for year, amount in sorted(amounts.items())
        ]
        legs.append(Leg(account(fund, AccountKind.AVAILABLE), -total))
        grant = post(
            book=book,
            kind=TransactionKind.GRANT,
            booked_on=booked_on or decision.decided_on,
            text=f"Beviljat {initiative.title} ({decision}): {format_sek(total, 2)}",
            user=user,
            legs=legs,
            initiative=initiative,
            grant_decision=decision,
        )
        PayoutInstalment.objects.bulk_create(
            [
                PayoutInstalment(grant=grant, year=year, number=number, due_on=due_on, amount=part)
                for year, amount in sorted(amounts.items())
                for number, (due_on, part) in enumerate(schedule(year, amount, instalments, grant.booked_on), start=1)
                if part > 0
            ]
        )
        return grant


INSTALMENTS = (1, 2, 4, 12)


def schedule(year: int, amount: Decimal, instalments: int, booked_on: dt.date) -> list[tuple[dt.date, Decimal]]:
    """A year's amount in equal parts (exact to the öre), each due at the start of its part of the year.

    A part due before the grant was booked is due the day it is booked: nothing is paid before it is granted.
    """
    months = 12 // instalments
    parts = allocate_sek(amount, [Decimal(1)] * instalments)
    return [(max(dt.date(year, 1 + months * i, 1), booked_on), part) for i, part in enumerate(parts)]


def payout_register(
    *,
    initiative: Initiative,
    user: User,
    amount: Decimal,
    paid_on: dt.date,
    year: int | None = None,
    reference: str = "",
    booked_on: dt.date | None = None,
) -> Transaction:
    """A payout to the project's board from one year's commitment: never above it, nor above the fund's money.

    Concurrent payouts queue on the fund's books, so each sees what the one before left.
    """
    amount = positive_amount(amount)
    year = year or paid_on.year
    if paid_on.year < year:
        raise LedgerValidationError(
            _("Medel beviljade för %(year)s betalas inte ut före %(year)s.") % {"year": year}, field="paid_on"
        )
    fund = initiative.fund
    with fund_books(fund) as book:
        require_finance(user, fund)
        committed = Account.objects.filter(fund=fund, key=account_key(AccountKind.COMMITTED, initiative, None, year))
        if not committed.exists():
            raise LedgerStateError(
                _("%(project)s har inga beviljade medel för %(year)s.") % {"project": initiative.title, "year": year},
                field="year",
            )
        if initiative.lead_board is None:
            raise LedgerStateError(
                _("%(project)s har ingen ansvarig nämnd att betala ut till.") % {"project": initiative.title}
            )
        order = PayoutOrder.objects.create(
            fund=fund,
            initiative=initiative,
            board=initiative.lead_board,
            year=year,
            amount=amount,
            paid_on=paid_on,
            reference=reference.strip(),
            registered_by=user,
        )
        legs = [
            Leg(account(fund, AccountKind.PAID_OUT, initiative=initiative), amount),
            Leg(committed.get(), -amount),
        ]
        return post(
            book=book,
            kind=TransactionKind.PAYOUT,
            booked_on=booked_on or paid_on,
            text=f"Utbetalning {initiative.title} till {initiative.lead_board.code} ({year}): {format_sek(amount, 2)}",
            user=user,
            legs=legs,
            initiative=initiative,
            payout_order=order,
        )
