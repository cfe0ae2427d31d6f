"""Every refused event leaves the books as they were: not a verification, not an account, not an audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from socialfund.funds.models import Fund
from socialfund.ledger import services
from socialfund.ledger.errors import (
    LedgerError,
    LedgerLimitError,
    LedgerPermissionDenied,
    LedgerStateError,
    LedgerValidationError,
    LedgerWarning,
)
from socialfund.ledger.models import Transaction
from socialfund.organisation.models import DecisionBody
from tests.ledger.conftest import board, books_snapshot, make_decision, make_project

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def booked(fund, finance, project_factory):
    """A project granted 1 000 000 kr for 2016, 400 000 kr paid out, with an agreed plan (UN 2018–2019)."""
    initiative, decision = project_factory("Insats A", {2016: "1000000"})
    services.grant_decide(decision=decision, user=finance)
    services.payout_register(initiative=initiative, user=finance, amount=D("400000"), paid_on=dt.date(2016, 3, 1))
    services.repayment_plan_adopt(
        initiative=initiative,
        user=finance,
        adopted_on=dt.date(2016, 4, 1),
        plan={2018: {"UN": D("500000")}, 2019: {"UN": D("500000")}},
    )
    return initiative


def refused(error: type[LedgerError], call, *args, **kwargs) -> LedgerError:
    before = books_snapshot()
    with pytest.raises(error) as caught:
        call(*args, **kwargs)
    assert books_snapshot() == before
    assert caught.value.message
    return caught.value


def test_payout_above_the_commitment(booked, finance):
    error = refused(
        LedgerLimitError,
        services.payout_register,
        initiative=booked,
        user=finance,
        amount=D("600000.01"),
        paid_on=dt.date(2016, 6, 1),
    )
    assert "återstår 600 000,00 kr" in error.message.replace("\u00a0", " ")


def test_payout_for_a_year_without_grant(booked, finance):
    refused(
        LedgerStateError,
        services.payout_register,
        initiative=booked,
        user=finance,
        amount=D("1"),
        paid_on=dt.date(2017, 6, 1),
    )


def test_payout_before_its_year(booked, finance):
    refused(
        LedgerValidationError,
        services.payout_register,
        initiative=booked,
        user=finance,
        amount=D("1"),
        paid_on=dt.date(2015, 12, 1),
        year=2016,
    )


def test_payout_dated_before_the_grant_is_above_the_commitment_then(booked, finance):
    refused(
        LedgerLimitError,
        services.payout_register,
        initiative=booked,
        user=finance,
        amount=D("1"),
        paid_on=dt.date(2016, 1, 10),
    )


@pytest.mark.parametrize("username", ["lasare", "registrator", "handlaggare", "beredning"])
def test_payout_by_a_role_that_does_not_book(booked, users, username):
    refused(
        LedgerPermissionDenied,
        services.payout_register,
        initiative=booked,
        user=users[username],
        amount=D("1"),
        paid_on=dt.date(2016, 6, 1),
    )


def test_booking_after_closing(booked, finance, fund):
    services.period_close(fund=fund, user=finance, through=dt.date(2016, 12, 31))
    error = refused(
        LedgerStateError,
        services.payout_register,
        initiative=booked,
        user=finance,
        amount=D("1"),
        paid_on=dt.date(2016, 6, 1),
    )
    assert "2016-12-31 är stängd" in error.message
    refused(LedgerStateError, services.period_close, fund=fund, user=finance, through=dt.date(2016, 6, 30))
    services.payout_register(initiative=booked, user=finance, amount=D("1"), paid_on=dt.date(2017, 1, 2), year=2016)


def test_future_dates(booked, finance):
    refused(
        LedgerValidationError,
        services.payout_register,
        initiative=booked,
        user=finance,
        amount=D("1"),
        paid_on=dt.date(2016, 6, 1),
        booked_on=dt.date(2999, 1, 1),
    )


def test_repayment_above_the_duty(booked, finance):
    refused(
        LedgerLimitError,
        services.repayment_register,
        initiative=booked,
        board=board("UN"),
        user=finance,
        amount=D("1000000.01"),
        received_on=dt.date(2018, 5, 1),
    )
    refused(
        LedgerLimitError,
        services.repayment_register,
        initiative=booked,
        board=board("SN"),
        user=finance,
        amount=D("1"),
        received_on=dt.date(2018, 5, 1),
    )


def test_frame_reduction_where_the_policy_repays_by_plan(booked, finance):
    refused(
        LedgerStateError,
        services.frame_reduction_register,
        initiative=booked,
        board=board("UN"),
        user=finance,
        amount=D("1"),
        received_on=dt.date(2018, 5, 1),
    )


def test_second_plan_and_second_booking_of_a_decision(booked, finance):
    refused(
        LedgerStateError,
        services.repayment_plan_adopt,
        initiative=booked,
        user=finance,
        adopted_on=dt.date(2016, 5, 1),
        plan={2018: {"UN": D("1000000")}},
    )
    decision = booked.decision
    refused(LedgerStateError, services.grant_decide, decision=decision, user=finance)


@pytest.mark.parametrize(
    ("plan", "fragment"),
    [
        ({2022: {"UN": D("1000000")}}, "ska börja senast 2021"),
        ({2018: {"UN": D("500000")}, 2024: {"UN": D("500000")}}, "ska vara klar senast 2023"),
        ({2018: {"UN": D("999999.99")}}, "hela det beviljade beloppet"),
        ({2018: {"XX": D("1000000")}}, "XX finns inte"),
    ],
)
def test_plans_outside_the_policys_limits(fund, finance, project_factory, plan, fragment):
    initiative, decision = project_factory("Insats B", {2016: "1000000"})
    services.grant_decide(decision=decision, user=finance)
    error = refused(
        LedgerValidationError,
        services.repayment_plan_adopt,
        initiative=initiative,
        user=finance,
        adopted_on=dt.date(2016, 4, 1),
        plan=plan,
    )
    assert fragment in error.message


def test_waiver_needs_the_special_reviews_grounds(booked, registrar, finance, ks):
    base = {
        "initiative": booked,
        "body": ks,
        "decided_on": dt.date(2019, 3, 1),
        "paragraph": "§ 9",
        "motivation": "Inga effekter.",
        "evaluation": "Utvärdering 2019.",
    }
    refused(
        LedgerValidationError, services.waiver_decide, user=registrar, method_followed=False, effects="none", **base
    )
    refused(
        LedgerValidationError, services.waiver_decide, user=registrar, method_followed=True, effects="positive", **base
    )
    refused(LedgerPermissionDenied, services.waiver_decide, user=finance, method_followed=True, effects="none", **base)
    refused(
        LedgerValidationError,
        services.waiver_decide,
        user=registrar,
        method_followed=True,
        effects="none",
        **{**base, "motivation": " "},
    )


def test_reversal_rules(booked, finance):
    grant = Transaction.objects.get(kind="grant", initiative=booked)
    refused(LedgerStateError, services.transaction_reverse, transaction=grant, user=finance)  # the plan builds on it
    payout = Transaction.objects.get(kind="payout", initiative=booked)
    correction = services.transaction_reverse(transaction=payout, user=finance)
    refused(LedgerStateError, services.transaction_reverse, transaction=payout, user=finance)
    refused(LedgerStateError, services.transaction_reverse, transaction=correction, user=finance)
    refused(
        LedgerValidationError,
        services.transaction_reverse,
        transaction=Transaction.objects.get(kind="repayment_plan"),
        user=finance,
        booked_on=dt.date(2016, 3, 31),
    )


def test_grant_beyond_the_funds_money_warns_first(fund, finance, project_factory):
    initiative, decision = project_factory("Stor insats", {2016: "20000000", 2017: "5000000"})
    warning = refused(LedgerWarning, services.grant_decide, decision=decision, user=finance)
    assert isinstance(warning, LedgerWarning)
    assert any("överintecknad med 1 000 000,00" in w.replace("\u00a0", " ") for w in warning.warnings)
    assert any("räcker inte fondens medel till de utlovade utbetalningarna" in w for w in warning.warnings)
    services.grant_decide(decision=decision, user=finance, acknowledge_warnings=True)
    services.payout_register(initiative=initiative, user=finance, amount=D("20000000"), paid_on=dt.date(2016, 2, 1))
    # 4 000 000 kr are left in the fund, less than 2017's commitment: never pay more than the fund has.
    error = refused(
        LedgerLimitError,
        services.payout_register,
        initiative=initiative,
        user=finance,
        amount=D("5000000"),
        paid_on=dt.date(2017, 2, 1),
    )
    assert "Fonden har 4 000 000,00 kr" in error.message.replace("\u00a0", " ")


def test_no_repayment_funds_simply_spend(demo, users):
    """Luleå and Nynäshamn: no plan, no repayment; the pot is spent."""
    sodertalje = Fund.objects.get(slug="sodertalje")
    lulea = Fund.objects.create(
        organisation=sodertalje.organisation,
        name="Luleå-lik fond",
        slug="lulea-lik",
        capital=D("5000000"),
        decided_by=sodertalje.decided_by,
        decided_on=dt.date(2016, 1, 1),
    )
    services.capital_decide(
        fund=lulea,
        user=users["registrator"],
        body=sodertalje.decided_by,
        decided_on=dt.date(2016, 1, 1),
        paragraph="§ 1",
        amount=D("5000000"),
    )
    initiative = make_project(lulea, "Fritid för alla", policy_id="lulea")
    decision = make_decision(
        initiative, {2016: "800000"}, decided_on=dt.date(2016, 2, 1), paragraph="§ 3", registrar=users["registrator"]
    )
    services.grant_decide(decision=decision, user=users["ekonomi"])
    services.payout_register(
        initiative=initiative, user=users["ekonomi"], amount=D("800000"), paid_on=dt.date(2016, 3, 1)
    )
    error = refused(
        LedgerStateError,
        services.repayment_plan_adopt,
        initiative=initiative,
        user=users["ekonomi"],
        adopted_on=dt.date(2016, 4, 1),
        plan={2018: {"UN": D("800000")}},
    )
    assert "kräver ingen återföring" in error.message
    assert DecisionBody.objects.filter(code="KS").exists()


def test_a_plan_repaying_during_the_grace_period_is_adopted(fund, finance, project_factory):
    """The board's two years before repayment are a right, not a ban (DOMAIN.md rule 8)."""
    initiative, decision = project_factory("Insats C", {2016: "1000000"})
    services.grant_decide(decision=decision, user=finance)
    plan = services.repayment_plan_adopt(
        initiative=initiative, user=finance, adopted_on=dt.date(2016, 4, 1), plan={2017: {"UN": D("1000000")}}
    )
    assert plan.pk is not None
