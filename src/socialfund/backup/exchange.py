"""Export everything to a versioned JSON document and import it into an empty database.

Format `socialfund-export`, version 1 (documented in docs/operations.md):

    {"format": "socialfund-export", "version": 1, "exported_at": "...", "django": "6.1.x",
     "models": [{"model": "cases.initiative", "pk": 7, "fields": {...}}, ...]}

`models` is Django's serialisation of every row of the project's own apps, plus
the role groups and users, in dependency order; users' groups are written by name
(natural keys), other relations by primary key. Uploaded files are not included,
only their metadata (the files live in the storage backend: back it up beside).
Rows are written with `save_base(raw=True)`: append-only models (audit log, ledger)
accept them because an import restores history, it does not change it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import django
from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Model

FORMAT = "socialfund-export"
VERSION = 1
# Apps whose every row belongs to the system; order is resolved from the models' dependencies.
OWN_APPS = (
    "organisation",
    "accounts",
    "funds",
    "cases",
    "audit",
    "ledger",
    "followup",
    "consultations",
    "reports",
    "guidelines",
)
AUTH_MODELS = ("auth.group",)


class ImportRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def exported_models() -> list[type[Model]]:
    """The models to export, parents before the rows that point at them."""
    chosen = [apps.get_model(label) for label in AUTH_MODELS]
    for app_config in apps.get_app_configs():
        if app_config.label in OWN_APPS:
            chosen.extend(m for m in app_config.get_models() if not m._meta.proxy)
    return _dependency_order(chosen)


def _dependency_order(models: list[type[Model]]) -> list[type[Model]]:
    ordered: list[type[Model]] = []
    pending = list(models)
    while pending:
        progressed = False
        for model in list(pending):
            parents = {
                f.related_model
                for f in model._meta.get_fields()
                if f.is_relation and f.many_to_one and f.related_model is not model and f.related_model in pending
            }
            if not parents:
                ordered.append(model)
                pending.remove(model)
                progressed = True
        if not progressed:  # a cycle (nullable both ways): keep the remaining order
            ordered.extend(pending)
            break
    return ordered


def export_all() -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for model in exported_models():
        queryset = model._default_manager.order_by("pk")
        label = model._meta.label_lower
        rows.extend(
            serializers.serialize(
                "python",
                queryset,
                use_natural_foreign_keys=label == "accounts.user",
                # A role group is written by its name only: the import finds it by name among the groups the
                # database it restores into already has, under that database's own keys.
                use_natural_primary_keys=label in AUTH_MODELS,
            )
        )
    for row in rows:
        row["fields"] = json.loads(json.dumps(row["fields"], default=_json_default))
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "django": django.get_version(),
        "models": rows,
    }


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)  # Decimal, UUID: exact as text


def _database_has_data() -> bool:
    return any(m._default_manager.exists() for m in exported_models() if m._meta.label_lower not in AUTH_MODELS)


def _check_document(document: Any) -> list[dict[str, Any]]:
    """The rows to import, once the document is an export of this format and every row is one of
    the tables the format defines (a session, an admin log row or any other table is refused)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRefused("Filen är ingen socialfund-export (fältet format saknas eller är fel).")
    if document.get("version") != VERSION:
        raise ImportRefused(
            f"Exportversion {document.get('version')} kan inte läsas; den här versionen läser {VERSION}."
        )
    rows = document.get("models")
    if not isinstance(rows, list):
        raise ImportRefused("Filen saknar listan models med rader.")
    allowed = {model._meta.label_lower for model in exported_models()}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not isinstance(row.get("fields", {}), dict):
            raise ImportRefused(f"Rad {number} i filen är ingen rad i exportformatet.")
        label = str(row.get("model", "")).lower()
        if label not in allowed:
            raise ImportRefused(
                f"Rad {number} hör till tabellen {label or '(ingen)'}, som inte ingår i exportformatet. "
                "Filen är ändrad eller kommer inte från socialfund export; inget har lästs in."
            )
    return rows


def import_all(document: Any) -> int:
    """Restore an export into an empty (migrated) database. Returns the number of rows written.

    Anything wrong with the file is an `ImportRefused` with a Swedish message, and nothing is written.
    """
    rows = _check_document(document)
    try:
        with transaction.atomic():
            if _database_has_data():
                raise ImportRefused("Databasen är inte tom. Import görs bara till en tom, migrerad databas.")
            count = _write_rows(rows)
    except ImportRefused:
        raise
    except (DeserializationError, ValidationError, DatabaseError, LookupError, TypeError, ValueError) as error:
        # A tampered or broken row: the transaction is rolled back, so nothing is written.
        detail = str(error).splitlines()[0][:300] if str(error) else type(error).__name__
        raise ImportRefused(f"Filen kunde inte läsas in; inget har skrivits. Felet: {detail}") from error
    return count


def _write_rows(rows: list[dict[str, Any]]) -> int:
    from django.contrib.auth.models import Group

    from socialfund.ledger.restore import LedgerRestore

    # The books keep their own invariants in the database (balances moved by entries, closed
    # transactions refusing legs): the ledger's restore helper writes its rows in that order.
    ledger = LedgerRestore()
    count = 0
    for obj in serializers.deserialize("python", rows, handle_forward_references=True):
        if obj.object._meta.label_lower == "auth.group":
            Group.objects.get_or_create(name=getattr(obj.object, "name"))  # noqa: B009 - the role groups exist after migrate
        else:
            ledger.prepare(obj.object)
            obj.save()
        count += 1
    ledger.finish()
    _reset_sequences()
    # Deferred checks (the ledger's balance on PostgreSQL) run here, inside the guarded block.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return count


def _reset_sequences() -> None:
    """After rows with explicit keys, let PostgreSQL's sequences continue above them."""
    statements = connection.ops.sequence_reset_sql(no_style(), exported_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
