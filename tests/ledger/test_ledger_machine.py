"""A stateful property test of the ledger (issue 20): random sequences of grant, payout, plan, repayment,
waiver, reversal and board succession, through the services, on SQLite and on PostgreSQL (CI runs both).

After every step: every rule `ledger check` knows (debits equal credits per verification, no commitment or
duty below zero at any date, the money in hand never below zero, balances equal their entries); for every
project, what came back is never more than was paid out, what came back and what a special review waived
together are never more than was paid out, and granted covers what came back and what was written off; and the remaining duty is the same in every place that shows it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from socialfund.cases.models import Initiative
from socialfund.core.money import allocate_sek, from_ore
from socialfund.ledger import selectors, services
from socialfund.ledger.codes import AccountKind
from socialfund.ledger.duty import fund_duties, project_duty
from socialfund.ledger.errors import LedgerError, LedgerWarning
from socialfund.ledger.integrity import ledger_check
from socialfund.ledger.models import Account, Transaction
from socialfund.ledger.position import project_account
from socialfund.organisation.models import Board
from tests.ledger.conftest import books_snapshot, make_decision, make_project

pytestmark = pytest.mark.django_db
D = Decimal
ore = st.integers(min_value=1, max_value=200_000_000)
day = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2021, 12, 31))
PAYERS = ("SN", "UN")


class LedgerMachine(RuleBasedStateMachine):
    fund = None
    users: dict = {}

    @initialize()
    def open_books(self) -> None:
        # Each run in its own transaction, rolled back in teardown: the next run starts from the demo's books.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.projects: list[Initiative] = []
        self.steps = 0
        # Every run starts with a project granted for 2016 and a plan SN repays from 2019, so that payouts,
        # repayments, waivers and successions have something to act on from the first step.
        self.grant([100_000_000], 2016)
        self.plan(0, [1, 1], "SN")

    def teardown(self) -> None:
        if hasattr(self, "atomic"):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # the deferred balance checks, before the rollback
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    def attempt(self, action) -> None:
        """An event the services refuse leaves the books as they were."""
        before = books_snapshot()
        try:
            action()
        except LedgerError:
            assert books_snapshot() == before
        self.steps += 1

    def project(self, index: int) -> Initiative | None:
        return self.projects[index % len(self.projects)] if self.projects else None

    @rule(amounts=st.lists(ore, min_size=1, max_size=2), first_year=st.integers(2016, 2018))
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

        def book() -> None:
            try:
                services.grant_decide(decision=decision, user=self.users["ekonomi"])
            except LedgerWarning:
                services.grant_decide(decision=decision, user=self.users["ekonomi"], acknowledge_warnings=True)

        self.attempt(book)

    @rule(index=st.integers(0, 3), amount=ore, paid_on=day, whole=st.booleans())
    def payout(self, index: int, amount: int, paid_on: dt.date, whole: bool) -> None:
        initiative = self.project(index)
        if initiative is None:
            return
        due = selectors.payouts_due(self.fund, paid_on)
        mine = [d for d in due if d.initiative == initiative]
        if whole and mine:  # the schedule's one action
            self.attempt(
                lambda: services.payout_register(
                    initiative=initiative,
                    user=self.users["ekonomi"],
                    amount=mine[0].amount,
                    paid_on=paid_on,
                    year=mine[0].year,
                )
            )
        else:
            years = sorted({a.year for a in Account.objects.filter(initiative=initiative, kind=AccountKind.COMMITTED)})
            year = years[amount % len(years)] if years else paid_on.year
            self.attempt(
                lambda: services.payout_register(
                    initiative=initiative,
                    user=self.users["ekonomi"],
                    amount=from_ore(amount),
                    paid_on=max(paid_on, dt.date(year, 1, 1)),
                    year=year,
                )
            )

    @rule(
        index=st.integers(0, 3),
        weights=st.lists(st.integers(1, 9), min_size=1, max_size=3),
        payer=st.sampled_from(PAYERS),
    )
    def plan(self, index: int, weights: list[int], payer: str) -> None:
        initiative = self.project(index)
        if initiative is None or selectors.project_granted(initiative) <= 0:
            return
        parts = allocate_sek(selectors.project_granted(initiative), weights)
        start = (selectors.first_commitment_year(initiative) or 2016) + 3  # within the guidelines' 2 to 5 years
        plan = {start + i: {payer: part} for i, part in enumerate(parts) if part > 0}
        self.attempt(
            lambda: services.repayment_plan_adopt(
                initiative=initiative, user=self.users["ekonomi"], adopted_on=dt.date(2016, 6, 1), plan=plan
            )
        )

    @rule(
        index=st.integers(0, 3),
        percent=st.integers(1, 120),
        received_on=day,
        payer=st.sampled_from((*PAYERS, "OMS", "ÄON")),
    )
    def repay(self, index: int, percent: int, received_on: dt.date, payer: str) -> None:
        """A share of what the board owes (over 100 %: more than it owes), so that many repayments are tried."""
        initiative = self.project(index)
        if initiative is None:
            return
        owing = [a.board for a in selectors.outstanding_duties(initiative) if a.board is not None]
        board = owing[len(payer) % len(owing)] if owing and payer in PAYERS else Board.objects.get(code=payer)
        owed = sum((a.balance for a in selectors.outstanding_duties(initiative, board=board)), D(0))
        amount = max(D("0.01"), (owed * percent / 100).quantize(D("0.01")))
        self.attempt(
            lambda: services.repayment_register(
                initiative=initiative,
                board=board,
                user=self.users["ekonomi"],
                amount=amount,
                received_on=received_on,
            )
        )

    @rule(index=st.integers(0, 3), decided_on=day)
    def waive(self, index: int, decided_on: dt.date) -> None:
        initiative = self.project(index)
        if initiative is None:
            return
        self.attempt(
            lambda: services.waiver_decide(
                initiative=initiative,
                user=self.users["registrator"],
                body=self.fund.organisation.decision_bodies.get(code="KS"),
                decided_on=decided_on,
                paragraph="§ 1",
                motivation="Inga effekter.",
                evaluation="Extern utvärdering.",
                method_followed=True,
                effects="none",
            )
        )

    @rule(back=st.integers(0, 5))
    def reverse(self, back: int) -> None:
        latest = list(
            Transaction.objects.filter(fund=self.fund, reversed_by__isnull=True)
            .exclude(kind__in=["reversal", "capital"])
            .order_by("-number")[: back + 1]
        )
        if not latest:
            return
        self.attempt(lambda: services.transaction_reverse(transaction=latest[-1], user=self.users["ekonomi"]))

    @rule(payer=st.sampled_from(PAYERS), successor=st.sampled_from(("OMS", "ÄON", None)), effective_on=day)
    def succession(self, payer: str, successor: str | None, effective_on: dt.date) -> None:
        self.attempt(
            lambda: services.board_succession_decide(
                board=Board.objects.get(code=payer),
                user=self.users["registrator"],
                effective_on=effective_on,
                successor=Board.objects.get(code=successor) if successor else None,
                body=self.fund.organisation.decision_bodies.get(code="KS"),
                decided_on=effective_on,
                paragraph="§ 2",
                motivation="Ansvaret flyttas.",
            )
        )

    @invariant()
    def every_rule_of_the_books_holds(self) -> None:
        if hasattr(self, "atomic"):
            assert ledger_check() == []

    @invariant()
    def nothing_comes_back_that_was_not_paid_out(self) -> None:
        for initiative in getattr(self, "projects", []):
            sums = {
                kind: from_ore(sum(a.balance_ore for a in Account.objects.filter(initiative=initiative, kind=kind)))
                for kind in AccountKind.values
            }
            paid = sums[AccountKind.PAID_OUT]
            returned = -sums[AccountKind.REPAID] - sums[AccountKind.FRAME_REDUCED]
            written_off = sums[AccountKind.WAIVED]
            assert paid >= 0 and returned >= 0 and written_off >= 0
            assert paid >= returned, (paid, returned)
            assert paid + sums[AccountKind.COMMITTED] >= returned + written_off
            # A special review waives at most what was paid out less what came back (a board succession's lapse,
            # also booked as written off, ends the whole duty with the board and is not bounded so).
            waived = sum(
                (
                    t.waiver.amount
                    for t in Transaction.objects.filter(
                        initiative=initiative, kind="waiver", reversed_by__isnull=True
                    ).select_related("waiver")
                ),
                Decimal(0),
            )
            assert paid >= returned + waived, (paid, returned, waived)

    @invariant()
    def the_remaining_duty_is_the_same_everywhere(self) -> None:
        today = timezone.localdate()
        if not getattr(self, "projects", None):
            return
        everywhere = fund_duties(self.fund, today)
        for initiative in self.projects:
            duty = project_duty(initiative, today)
            on_the_books = from_ore(
                sum(a.balance_ore for a in Account.objects.filter(initiative=initiative, kind=AccountKind.RECEIVABLE))
            )
            listed = everywhere.get(initiative.pk)
            assert duty.remaining == on_the_books == (listed.remaining if listed else D(0))
            assert project_account(initiative, today).duty_remaining == duty.remaining
            assert duty.remaining >= 0 and duty.overdue <= duty.remaining


def test_the_ledger_as_a_state_machine(fund, users):
    LedgerMachine.fund, LedgerMachine.users = fund, users
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(
            max_examples=10,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
