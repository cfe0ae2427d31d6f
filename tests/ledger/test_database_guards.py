"""The ledger's rules hold in the database too: bypass the services and the database refuses.

Each test writes rows directly (ORM or raw SQL), as a buggy script or a hand edit would.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from socialfund.accounts.models import User
from socialfund.demo.loader import demo_load
from socialfund.funds.models import Fund
from socialfund.ledger import services
from socialfund.ledger.codes import AccountKind
from socialfund.ledger.errors import ImmutableLedgerError
from socialfund.ledger.integrity import ledger_check
from socialfund.ledger.models import Account, Entry, Transaction
from socialfund.ledger.posting import account

D = Decimal


def open_transaction(fund: Fund, user: User, number: int = 99) -> Transaction:
    """A verification row written without the service (left open, as the service leaves it before closing)."""
    capital = Transaction.objects.get(fund=fund, number=1)
    return Transaction.objects.create(
        fund=fund,
        number=number,
        kind="capital",
        booked_on=dt.date(2016, 1, 1),
        text="Förbi tjänsten",
        capital_decision=capital.capital_decision,
        created_by=user,
    )


def raw(sql: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


@pytest.mark.django_db
def test_closing_an_unbalanced_transaction_is_refused(fund, finance):
    with pytest.raises(IntegrityError), transaction.atomic():
        txn = open_transaction(fund, finance)
        Entry.objects.bulk_create(
            [
                Entry(transaction=txn, account=account(fund, AccountKind.AVAILABLE), amount_ore=10_000),
                Entry(transaction=txn, account=account(fund, AccountKind.CAPITAL), amount_ore=-9_999),
            ]
        )
        Transaction.objects.filter(pk=txn.pk)._unsafe_update(closed=True)


@pytest.mark.django_db
def test_a_single_leg_is_refused_at_closing(fund, finance):
    with pytest.raises(IntegrityError), transaction.atomic():
        txn = open_transaction(fund, finance)
        Entry.objects.create(transaction=txn, account=account(fund, AccountKind.AVAILABLE), amount_ore=1)
        Transaction.objects.filter(pk=txn.pk)._unsafe_update(closed=True)


@pytest.mark.django_db
def test_entries_are_never_updated_nor_added_to_a_closed_transaction(fund, finance):
    entry = Entry.objects.filter(transaction__number=1).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        raw("UPDATE ledger_entry SET amount_ore = amount_ore + 1 WHERE id = %s", [entry.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        raw(
            "INSERT INTO ledger_entry (transaction_id, account_id, amount_ore) VALUES (%s, %s, 1)",
            [entry.transaction_id, entry.account_id],
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        raw("UPDATE ledger_transaction SET text = 'ändrad' WHERE number = 1")
    with pytest.raises(ImmutableLedgerError):
        Entry.objects.filter(pk=entry.pk).update(amount_ore=5)
    with pytest.raises(ImmutableLedgerError):
        entry.delete()
    with pytest.raises(ImmutableLedgerError):
        Transaction.objects.filter(number=1).delete()


@pytest.mark.django_db
def test_postgresql_refuses_deletes_too(fund):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite: deletes are refused by the models (its triggers cannot tell a flush from a delete)")
    with pytest.raises(IntegrityError), transaction.atomic():
        raw("DELETE FROM ledger_entry")
    with pytest.raises(IntegrityError), transaction.atomic():
        raw("DELETE FROM ledger_transaction")


@pytest.mark.django_db
def test_the_database_keeps_commitments_from_going_below_zero(fund, finance, project_factory):
    initiative, decision = project_factory("Insats", {2016: "1000"})
    services.grant_decide(decision=decision, user=finance)
    committed = Account.objects.get(kind=AccountKind.COMMITTED, initiative=initiative)
    with pytest.raises(IntegrityError), transaction.atomic():
        txn = open_transaction(fund, finance, number=50)
        Entry.objects.bulk_create(
            [
                Entry(transaction=txn, account=committed, amount_ore=-100_001),
                Entry(
                    transaction=txn,
                    account=account(fund, AccountKind.PAID_OUT, initiative=initiative),
                    amount_ore=100_001,
                ),
            ]
        )


@pytest.mark.django_db(transaction=True)
def test_an_unbalanced_transaction_never_commits_on_postgresql_and_is_reported_on_sqlite():
    demo_load()
    fund = Fund.objects.get(slug="sodertalje")
    finance = User.objects.get(username="ekonomi")
    try:
        with transaction.atomic():
            txn = open_transaction(fund, finance)
            Entry.objects.create(transaction=txn, account=account(fund, AccountKind.AVAILABLE), amount_ore=100)
    except IntegrityError:
        # PostgreSQL: the deferred constraint trigger refused it at commit.
        assert connection.vendor == "postgresql"
        assert not Transaction.objects.filter(number=99).exists()
        return
    # SQLite has no deferred triggers: the open transaction stays out of every report, and the check names it.
    assert connection.vendor == "sqlite"
    problems = [str(p) for p in ledger_check()]
    assert "sodertalje: verifikation 99: är inte avslutad (en bokning som aldrig blev klar)" in problems
    assert "sodertalje: verifikation 99: har 1 kontering(ar); minst två behövs" in problems


@pytest.mark.django_db
def test_ledger_check_lists_the_offending_transactions(fund, finance, capsys):
    call_command("ledger", "check")
    assert "håller alla regler" in capsys.readouterr().out
    if connection.vendor == "postgresql":
        raw("SET CONSTRAINTS ALL IMMEDIATE")  # run the demo's pending checks, so that the table can be altered
        raw("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_guard")
        raw("ALTER TABLE ledger_account DISABLE TRIGGER ledger_account_balance_guard")
        raw("SET CONSTRAINTS ALL DEFERRED")  # the corruption below must reach the check, not the commit
    else:
        raw("DROP TRIGGER ledger_entry_no_update")
    raw("UPDATE ledger_entry SET amount_ore = amount_ore + 100 WHERE id = (SELECT MIN(id) FROM ledger_entry)")
    raw("UPDATE ledger_account SET balance_ore = balance_ore - 5 WHERE key = 'capital'")
    with pytest.raises(CommandError) as caught:
        call_command("ledger", "check")
    assert caught.value.returncode == 1
    errors = capsys.readouterr().err
    missing = "ledger_entry_guard" if connection.vendor == "postgresql" else "ledger_entry_no_update"
    assert f"databasen: skyddet {missing} saknas" in errors
    assert "sodertalje: verifikation 1: konteringarna summerar till 1.00 kr, inte 0" in errors
    assert "sodertalje: kontot capital har saldot" in errors
    # Undo the corruption: on PostgreSQL the test case's teardown runs the deferred checks, which would refuse it.
    raw("UPDATE ledger_entry SET amount_ore = amount_ore - 100 WHERE id = (SELECT MIN(id) FROM ledger_entry)")


# Issue 21, finding 10: the owner role could TRUNCATE the entries and UPDATE the cached balance.
@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TRUNCATE and trigger depth")
@pytest.mark.parametrize("table", ["ledger_entry", "ledger_transaction", "ledger_account"])
def test_the_books_cannot_be_truncated(fund, table):
    entries = Entry.objects.count()
    assert entries > 0
    with pytest.raises(IntegrityError, match="never truncated"), transaction.atomic():
        raw(
            "SET CONSTRAINTS ALL IMMEDIATE"
        )  # run the demo's pending checks (a table with pending events cannot be truncated)
        raw("SET LOCAL socialfund.allow_truncate TO 'off'")  # what every connection but the tests' has
        raw(f"TRUNCATE {table} CASCADE")
    assert Entry.objects.count() == entries


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's trigger depth")
def test_the_cached_balance_cannot_be_updated_directly(fund):
    capital = account(fund, AccountKind.CAPITAL)
    before = capital.balance_ore
    with pytest.raises(IntegrityError, match="moves only with its entries"), transaction.atomic():
        raw("UPDATE ledger_account SET balance_ore = balance_ore + 100 WHERE id = %s", [capital.pk])
    capital.refresh_from_db()
    assert capital.balance_ore == before
    # Other columns of the account may still change, and postings still move the balance.
    raw("UPDATE ledger_account SET balance_ore = balance_ore WHERE id = %s", [capital.pk])


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL triggers")
def test_ledger_check_knows_the_new_guards(fund):
    from socialfund.ledger.db_guards import installed_guards

    with connection.cursor() as cursor:
        names = installed_guards(cursor, "postgresql")
    assert {"ledger_account_balance_guard", "ledger_entry_no_truncate"} <= names
