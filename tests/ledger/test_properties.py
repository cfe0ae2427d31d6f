"""Property-based: any sequence of events keeps every invariant; a refused event changes nothing;
reversing a transaction restores every balance; plans split to the öre.

Events are drawn at random, dates too (back-dated ones included), amounts in öre. Each
example runs in its own transaction, rolled back at the end; on PostgreSQL the deferred
database checks are run before the rollback, so the database agrees with the check.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialfund.cases.models import Initiative
from socialfund.core.money import allocate_sek, from_ore
from socialfund.ledger import services
from socialfund.ledger.errors import LedgerError, LedgerWarning
from socialfund.ledger.integrity import ledger_check
from socialfund.ledger.models import Account, Transaction
from socialfund.ledger.plans import plan_total, scale_plan
from socialfund.ledger.selectors import project_granted
from tests.ledger.conftest import board, books_snapshot, make_decision, make_project

pytestmark = pytest.mark.django_db
HYPOTHESIS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

ore = st.integers(min_value=1, max_value=300_000_000)
day = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2021, 12, 31))
project_index = st.integers(min_value=0, max_value=2)
events = st.one_of(
    st.tuples(st.just("grant"), st.lists(ore, min_size=1, max_size=3), st.integers(2016, 2018)),
    st.tuples(st.just("payout"), project_index, ore, day),
    st.tuples(st.just("plan"), project_index, st.lists(st.integers(1, 9), min_size=1, max_size=3)),
    st.tuples(st.just("repay"), project_index, ore, day),
    st.tuples(st.just("waive"), project_index, day),
    st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=5)),
)


class Run:
    """Applies drawn events to the demo fund through the services."""

    def __init__(self, fund, users) -> None:
        self.fund, self.users = fund, users
        self.projects: list[Initiative] = []

    def apply(self, event: tuple) -> None:
        kind, *args = event
        getattr(self, kind)(*args)

    def project(self, index: int) -> Initiative:
        if not self.projects:
            raise LedgerError("inget projekt ännu")
        return self.projects[index % len(self.projects)]

    def grant(self, amounts: list[int], first_year: int) -> None:
        initiative = make_project(self.fund, f"Insats {len(self.projects) + 1}")
        decision = make_decision(
            initiative,
            {first_year + i: str(from_ore(a)) for i, a in enumerate(amounts)},
            decided_on=dt.date(2016, 1, 15),
            paragraph=f"§ {len(self.projects) + 1}",
            registrar=self.users["registrator"],
        )
        self.projects.append(initiative)
        try:
            services.grant_decide(decision=decision, user=self.users["ekonomi"])
        except LedgerWarning:
            services.grant_decide(decision=decision, user=self.users["ekonomi"], acknowledge_warnings=True)

    def payout(self, index: int, amount: int, paid_on: dt.date) -> None:
        initiative = self.project(index)
        services.payout_register(
            initiative=initiative, user=self.users["ekonomi"], amount=from_ore(amount), paid_on=paid_on
        )

    def plan(self, index: int, weights: list[int]) -> None:
        initiative = self.project(index)
        parts = allocate_sek(project_granted(initiative), weights) if project_granted(initiative) > 0 else []
        plan = {2018 + i: {"UN": part} for i, part in enumerate(parts) if part > 0}
        services.repayment_plan_adopt(
            initiative=initiative, user=self.users["ekonomi"], adopted_on=dt.date(2016, 6, 1), plan=plan
        )

    def repay(self, index: int, amount: int, received_on: dt.date) -> None:
        services.repayment_register(
            initiative=self.project(index),
            board=board("UN"),
            user=self.users["ekonomi"],
            amount=from_ore(amount),
            received_on=received_on,
        )

    def waive(self, index: int, decided_on: dt.date) -> None:
        services.waiver_decide(
            initiative=self.project(index),
            user=self.users["registrator"],
            body=self.fund.decided_by.organisation.decision_bodies.get(code="KS"),
            decided_on=decided_on,
            paragraph="§ 1",
            motivation="Inga effekter.",
            evaluation="Extern utvärdering.",
            method_followed=True,
            effects="none",
        )

    def reverse(self, back: int) -> None:
        latest = list(Transaction.objects.filter(fund=self.fund).order_by("-number")[: back + 1])
        services.transaction_reverse(transaction=latest[-1], user=self.users["ekonomi"])


def balances() -> dict[str, int]:
    return {key: value for key, value in Account.objects.values_list("key", "balance_ore") if value}


def run_deferred_checks() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@HYPOTHESIS
@given(sequence=st.lists(events, min_size=1, max_size=8))
def test_any_sequence_of_events_keeps_every_invariant(fund, users, sequence):
    with transaction.atomic():
        run = Run(fund, users)
        for event in sequence:
            before = books_snapshot()
            try:
                run.apply(event)
            except LedgerError:
                assert books_snapshot() == before, event
            assert ledger_check() == [], event
        run_deferred_checks()
        transaction.set_rollback(True)


@HYPOTHESIS
@given(sequence=st.lists(events, min_size=1, max_size=6), last=events)
def test_reversing_a_transaction_restores_every_balance(fund, users, sequence, last):
    with transaction.atomic():
        run = Run(fund, users)
        for event in sequence:
            try:
                run.apply(event)
            except LedgerError:
                pass
        before = balances()
        count = Transaction.objects.count()
        try:
            run.apply(last)
        except LedgerError:
            pass
        if Transaction.objects.count() > count and last[0] != "reverse":
            newest = Transaction.objects.order_by("-number").first()
            services.transaction_reverse(transaction=newest, user=users["ekonomi"])
            assert balances() == before
            assert ledger_check() == []
        run_deferred_checks()
        transaction.set_rollback(True)


@settings(max_examples=200)
@given(
    total=st.integers(min_value=1, max_value=10**13),
    plan=st.dictionaries(
        st.integers(2016, 2030),
        st.dictionaries(st.sampled_from(["SN", "UN", "KFN"]), st.integers(1, 10**9), min_size=1),
        min_size=1,
    ),
)
def test_a_scaled_plan_adds_up_to_the_grant_to_the_ore(total, plan):
    granted = from_ore(total)
    scaled = scale_plan(plan, granted)
    assert plan_total(scaled) == granted
    assert all(
        amount > 0 and amount == amount.quantize(Decimal("0.01")) for row in scaled.values() for amount in row.values()
    )
