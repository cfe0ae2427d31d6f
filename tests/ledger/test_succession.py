"""Board succession (issue 20): a board ends; its open duties move to the successor, or lapse when the
responsibility goes to the fund's owner itself (Malmö: repaying would move money from KS to KS)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from socialfund.audit.models import AuditEvent
from socialfund.ledger import selectors, services
from socialfund.ledger.duty import project_duty
from socialfund.ledger.errors import LedgerError, LedgerLimitError, LedgerPermissionDenied, LedgerValidationError
from socialfund.ledger.integrity import ledger_check
from socialfund.ledger.position import project_account
from socialfund.organisation.models import Board
from socialfund.reports import ledger_and_followup
from tests.ledger.conftest import board, books_snapshot

pytestmark = pytest.mark.django_db
D = Decimal
PLAN = {2018: {"SN": D("400000")}, 2019: {"SN": D("600000")}}


@pytest.fixture
def owing(project_factory, finance):
    initiative, decision = project_factory("Ekonomiskt bistånd – tidiga insatser", {2016: "1000000"}, lead="SN")
    services.grant_decide(decision=decision, user=finance)
    services.payout_register(initiative=initiative, user=finance, amount=D("1000000"), paid_on=dt.date(2016, 2, 1))
    services.repayment_plan_adopt(initiative=initiative, user=finance, adopted_on=dt.date(2016, 3, 1), plan=PLAN)
    services.repayment_register(
        initiative=initiative, board=board("SN"), user=finance, amount=D("400000"), received_on=dt.date(2018, 10, 1)
    )
    return initiative


def decide(registrar, ks, successor, **changes):
    values = {
        "board": board("SN"),
        "user": registrar,
        "effective_on": dt.date(2019, 1, 1),
        "successor": successor,
        "body": ks,
        "decided_on": dt.date(2018, 11, 20),
        "paragraph": "§ 180",
        "motivation": "Ansvaret för ekonomiskt bistånd flyttas.",
    } | changes
    return services.board_succession_decide(**values)


def test_the_duty_moves_to_the_successor_which_then_repays(owing, registrar, finance, ks, fund):
    oms = board("OMS")
    record = decide(registrar, ks, oms)
    sn = Board.objects.get(code="SN")
    assert (sn.valid_until, sn.successor) == (dt.date(2018, 12, 31), oms)
    rows = {(d.board, d.year): d for d in project_account(owing, dt.date(2019, 6, 1)).duties}
    assert (rows[("SN", 2019)].moved, rows[("SN", 2019)].remaining) == (D("-600000.00"), 0)
    assert (rows[("OMS", 2019)].moved, rows[("OMS", 2019)].remaining) == (D("600000.00"), D("600000.00"))
    assert project_duty(owing, dt.date(2019, 6, 1)).remaining == D("600000.00")
    assert [(d.board, d.remaining) for d in selectors.repayments_due(fund, dt.date(2019, 6, 1))] == [
        ("OMS", D("600000.00"))
    ]
    with pytest.raises(LedgerLimitError):
        services.repayment_register(
            initiative=owing, board=sn, user=finance, amount=D("1"), received_on=dt.date(2019, 6, 1)
        )
    services.repayment_register(
        initiative=owing, board=oms, user=finance, amount=D("600000"), received_on=dt.date(2019, 6, 1)
    )
    assert project_duty(owing, dt.date(2019, 12, 31)).state == "settled"
    assert record.transactions.get().kind == "duty_move"
    assert "flyttad till OMS" in AuditEvent.objects.get(action="board_succession").message
    assert ledger_check() == []


def test_the_duty_lapses_when_the_fund_owner_takes_over(owing, registrar, ks, fund):
    decide(registrar, ks, None)
    duty = project_duty(owing, dt.date(2019, 6, 1))
    assert (duty.lapsed, duty.remaining, duty.state, duty.written_off) == (D("600000.00"), 0, "waived", True)
    assert selectors.repayments_due(fund, dt.date(2019, 6, 1)) == []
    [line] = ledger_and_followup.successions(fund, dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    # The April report names the board, as every document does (not its code).
    assert (line.board, line.successor, line.moved, line.lapsed) == (
        Board.objects.get(code="SN").name,
        "kommunstyrelsen (fondens ägare)",
        D("0"),
        D("600000.00"),
    )
    # Repaid 400 000 and 600 000 lapsed: nothing more can come back than the million paid out.
    assert selectors.repayable(owing) == D("0.00")
    assert ledger_check() == []


@pytest.mark.parametrize(
    ("who", "changes", "error"),
    [
        ("registrator", {"successor": "SN"}, LedgerValidationError),
        ("registrator", {"effective_on": dt.date(2999, 1, 1)}, LedgerValidationError),
        ("registrator", {"paragraph": " "}, LedgerValidationError),
        ("ekonomi", {}, LedgerPermissionDenied),
    ],
)
def test_a_refused_succession_changes_nothing(owing, users, ks, who, changes, error):
    changes = dict(changes)
    before = books_snapshot()
    successor = board(changes.pop("successor", "OMS"))
    with pytest.raises(error):
        decide(users[who], ks, successor, **changes)
    assert books_snapshot() == before
    assert Board.objects.get(code="SN").valid_until is None


def test_a_board_ends_once(owing, registrar, ks):
    decide(registrar, ks, board("OMS"))
    with pytest.raises(LedgerError, match="har redan upphört"):
        decide(registrar, ks, board("ÄON"))
