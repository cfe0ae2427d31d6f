"""The ledger's rules as the database enforces them: triggers per backend (installed by migration 0002).

PostgreSQL:
  - a deferred constraint trigger checks, at commit, that every transaction touched has
    two or more entries summing to zero;
  - closing a transaction (closed false → true) checks it at once as well;
  - entries and transactions are never updated (only the close) nor deleted, except inside
    a purge that sets `socialfund.ledger_purge` for its own transaction (the demo's reset);
  - every entry inserted moves its account's balance, and entries cannot be added to a
    closed transaction;
  - the cached balance (`ledger_account.balance_ore`) moves only inside that trigger: a direct
    UPDATE of it is refused (installed by migration 0003);
  - TRUNCATE of the entries, transactions or accounts is refused, even for the owner role (0003).
    The test suite's flush between transactional tests truncates every table: its connections set
    `socialfund.allow_truncate` to on (tests/settings.py); nothing in production does.
SQLite (no deferred triggers): the same, with the balance checked when the transaction is
closed, which the services do as the last step of every posting. Deletes are refused by the
models only: SQLite row triggers cannot tell a deletion from the test suite's flush.

A table rebuild on SQLite (some later ALTERs) drops its triggers: `socialfund ledger check`
verifies that every guard named in `GUARD_NAMES` is still installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

PG_FUNCTIONS = [
    """
CREATE OR REPLACE FUNCTION ledger_transaction_balanced_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  txn_id bigint;
  total bigint;
  legs integer;
BEGIN
  IF TG_TABLE_NAME = 'ledger_entry' THEN
    IF TG_OP = 'DELETE' THEN txn_id := OLD.transaction_id; ELSE txn_id := NEW.transaction_id; END IF;
  ELSE
    txn_id := NEW.id;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM ledger_transaction WHERE id = txn_id) THEN
    RETURN NULL;  -- purged together with its entries
  END IF;
  SELECT COALESCE(SUM(amount_ore), 0), COUNT(*) INTO total, legs FROM ledger_entry WHERE transaction_id = txn_id;
  IF total <> 0 OR legs < 2 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % legs sum to % öre', txn_id, legs, total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ledger_transaction_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  probe ledger_transaction;
  total bigint;
  legs integer;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('socialfund.ledger_purge', true) = 'on' THEN RETURN OLD; END IF;
    RAISE EXCEPTION 'ledger transaction % is never deleted; book a reversal', OLD.id
      USING ERRCODE = 'restrict_violation';
  END IF;
  probe := NEW;
  probe.closed := OLD.closed;
  IF OLD.closed OR NOT NEW.closed OR probe IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION 'ledger transaction % is never changed; book a reversal', OLD.id
      USING ERRCODE = 'restrict_violation';
  END IF;
  SELECT COALESCE(SUM(amount_ore), 0), COUNT(*) INTO total, legs FROM ledger_entry WHERE transaction_id = NEW.id;
  IF total <> 0 OR legs < 2 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % legs sum to % öre', NEW.id, legs, total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ledger_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM ledger_transaction WHERE id = NEW.transaction_id AND closed) THEN
      RAISE EXCEPTION 'ledger transaction % is closed; no entries can be added', NEW.transaction_id
        USING ERRCODE = 'restrict_violation';
    END IF;
    UPDATE ledger_account SET balance_ore = balance_ore + NEW.amount_ore WHERE id = NEW.account_id;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND current_setting('socialfund.ledger_purge', true) = 'on' THEN RETURN OLD; END IF;
  RAISE EXCEPTION 'ledger entries are never changed or deleted; book a reversal'
    USING ERRCODE = 'restrict_violation';
END $$
""",
]

PG_TRIGGERS = [
    "CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT OR UPDATE OR DELETE ON ledger_entry "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced_check()",
    "CREATE CONSTRAINT TRIGGER ledger_transaction_balanced AFTER INSERT ON ledger_transaction "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced_check()",
    "CREATE TRIGGER ledger_transaction_guard BEFORE UPDATE OR DELETE ON ledger_transaction "
    "FOR EACH ROW EXECUTE FUNCTION ledger_transaction_guard()",
    "CREATE TRIGGER ledger_entry_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_entry "
    "FOR EACH ROW EXECUTE FUNCTION ledger_entry_guard()",
]

PG_DROP = [
    "DROP TRIGGER IF EXISTS ledger_entry_guard ON ledger_entry",
    "DROP TRIGGER IF EXISTS ledger_transaction_guard ON ledger_transaction",
    "DROP TRIGGER IF EXISTS ledger_transaction_balanced ON ledger_transaction",
    "DROP TRIGGER IF EXISTS ledger_entry_balanced ON ledger_entry",
    "DROP FUNCTION IF EXISTS ledger_entry_guard()",
    "DROP FUNCTION IF EXISTS ledger_transaction_guard()",
    "DROP FUNCTION IF EXISTS ledger_transaction_balanced_check()",
]

# Migration 0003: the cached balance and TRUNCATE.
PG_BALANCE_AND_TRUNCATE_FUNCTIONS = [
    """
CREATE OR REPLACE FUNCTION ledger_account_balance_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Depth 1 is a statement someone sent; the entry trigger's own UPDATE runs at depth 2.
  IF NEW.balance_ore IS DISTINCT FROM OLD.balance_ore AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'ledger account % balance moves only with its entries; book a transaction', OLD.id
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ledger_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('socialfund.allow_truncate', true) = 'on' THEN RETURN NULL; END IF;
  RAISE EXCEPTION '% is never truncated; the books are kept', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END $$
""",
]
TRUNCATE_GUARDED_TABLES = ("ledger_entry", "ledger_transaction", "ledger_account")
PG_BALANCE_AND_TRUNCATE_TRIGGERS = [
    "CREATE TRIGGER ledger_account_balance_guard BEFORE UPDATE ON ledger_account "
    "FOR EACH ROW EXECUTE FUNCTION ledger_account_balance_guard()",
    *(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION ledger_no_truncate()"
        for table in TRUNCATE_GUARDED_TABLES
    ),
]
PG_BALANCE_AND_TRUNCATE_DROP = [
    "DROP TRIGGER IF EXISTS ledger_account_balance_guard ON ledger_account",
    *(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}" for table in TRUNCATE_GUARDED_TABLES),
    "DROP FUNCTION IF EXISTS ledger_account_balance_guard()",
    "DROP FUNCTION IF EXISTS ledger_no_truncate()",
]

PG_TRIGGER_NAMES = (
    "ledger_entry_balanced",
    "ledger_transaction_balanced",
    "ledger_transaction_guard",
    "ledger_entry_guard",
    "ledger_account_balance_guard",
    *(f"{table}_no_truncate" for table in TRUNCATE_GUARDED_TABLES),
)
SQLITE_TRIGGER_NAMES = (
    "ledger_entry_no_update",
    "ledger_entry_open_transaction",
    "ledger_entry_moves_balance",
    "ledger_transaction_immutable",
    "ledger_transaction_close_balanced",
)


def sqlite_statements(transaction_columns: Sequence[str]) -> list[str]:
    """The SQLite triggers; `transaction_columns` are every column but `closed`, none of which may change."""
    changed = " OR ".join(f'NEW."{column}" IS NOT OLD."{column}"' for column in transaction_columns)
    unbalanced = (
        "(SELECT COALESCE(SUM(amount_ore), 0) FROM ledger_entry WHERE transaction_id = NEW.id) <> 0 "
        "OR (SELECT COUNT(*) FROM ledger_entry WHERE transaction_id = NEW.id) < 2"
    )
    return [
        "CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON ledger_entry "
        "BEGIN SELECT RAISE(ABORT, 'ledger entries are never changed; book a reversal'); END",
        "CREATE TRIGGER ledger_entry_open_transaction BEFORE INSERT ON ledger_entry "
        "WHEN (SELECT closed FROM ledger_transaction WHERE id = NEW.transaction_id) "
        "BEGIN SELECT RAISE(ABORT, 'ledger transaction is closed; no entries can be added'); END",
        "CREATE TRIGGER ledger_entry_moves_balance AFTER INSERT ON ledger_entry "
        "BEGIN UPDATE ledger_account SET balance_ore = balance_ore + NEW.amount_ore WHERE id = NEW.account_id; END",
        f"CREATE TRIGGER ledger_transaction_immutable BEFORE UPDATE ON ledger_transaction "
        f"WHEN OLD.closed OR NOT NEW.closed OR {changed} "
        f"BEGIN SELECT RAISE(ABORT, 'ledger transaction is never changed; book a reversal'); END",
        f"CREATE TRIGGER ledger_transaction_close_balanced BEFORE UPDATE OF closed ON ledger_transaction "
        f"WHEN NEW.closed AND NOT OLD.closed AND ({unbalanced}) "
        f"BEGIN SELECT RAISE(ABORT, 'ledger transaction does not balance'); END",
    ]


def sqlite_drop() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGER_NAMES]


def guard_names(vendor: str) -> tuple[str, ...]:
    return PG_TRIGGER_NAMES if vendor == "postgresql" else SQLITE_TRIGGER_NAMES if vendor == "sqlite" else ()


def installed_guards(cursor: object, vendor: str) -> set[str]:
    """The ledger triggers the database has now."""
    query = {
        "postgresql": "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'ledger_%' AND NOT tgisinternal AND tgenabled <> 'D'",
        "sqlite": "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ledger_%'",
    }.get(vendor)
    if query is None:
        return set()
    cursor.execute(query)  # type: ignore[attr-defined]
    return {row[0] for row in cursor.fetchall()}  # type: ignore[attr-defined]


def sqlite_guards_drop(apps: Any, schema_editor: Any) -> None:
    """Before a migration that rebuilds the transaction table on SQLite (which would drop the triggers)."""
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            for statement in sqlite_drop():
                cursor.execute(statement)


def sqlite_guards_install(apps: Any, schema_editor: Any) -> None:
    """After such a migration: the triggers again, over the transaction table's columns as they now are."""
    if schema_editor.connection.vendor == "sqlite":
        model = apps.get_model("ledger", "Transaction")
        columns = [f.column for f in model._meta.concrete_fields if f.column != "closed"]
        with schema_editor.connection.cursor() as cursor:
            for statement in sqlite_statements(columns):
                cursor.execute(statement)
