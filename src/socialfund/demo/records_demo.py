"""The demo's register: the fund's classification structure and retention rules, contact people for the
outside actors (invented: the seed names none), and a handling for every document the demo holds.

The demo writes its cases straight to the database, not through the services, so no audit event
registered them; here they are registered as a registrar would when taking the register into use.
"""

from __future__ import annotations

from django.db.models import QuerySet

from socialfund.accounts.models import User
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund
from socialfund.outbox.models import OutboxMail
from socialfund.records.models import (
    Classification,
    CullingLogEntry,
    DiariumCase,
    DiariumDelivery,
    Handling,
    RetentionRule,
    StoredDocument,
)
from socialfund.records.retention import retention_rules_ensure
from socialfund.records.services import register_missing

# Invented contact people for the outside actors of the seed (the 2014 evaluation names organisations only).
DEMO_CONTACTS = {
    "Le Liv": ("Lena Exempelsson", "lena.exempelsson@example.se"),
    "Barnkraft": ("Bo Påhittad", "bo.pahittad@example.se"),
    "Samordningsförbundet i Södertälje": ("Sara Demo", "sara.demo@example.se"),
}


def load_demo_records(fund: Fund, users: dict[str, User]) -> None:
    for initiator, (name, email) in DEMO_CONTACTS.items():
        Initiative.objects.filter(fund=fund, initiator_name=initiator, contact_name="").update(
            contact_name=name, contact_email=email
        )
    retention_rules_ensure(fund)
    register_missing(fund, user=users.get("registrator"))


def remove_demo_records(funds: QuerySet[Fund]) -> None:
    cases = list(Initiative.objects.filter(fund__in=funds).values_list("pk", flat=True))
    # Letters to the demo's applicants and the demo's filed reports (made while trying the demo) go with it.
    OutboxMail.objects.filter(letter__regarding=Initiative._meta.label_lower, letter__regarding_id__in=cases).delete()
    # Filed documents refuse deletes through the ORM; the demo's own are removed raw, like its culling log.
    StoredDocument.objects.filter(fund__in=funds)._raw_delete(StoredDocument.objects.db)
    handlings = Handling.objects.filter(fund__in=funds)
    DiariumDelivery.objects.filter(handling__in=handlings).delete()
    handlings.delete()
    DiariumCase.objects.filter(fund__in=funds).delete()
    # The culling log refuses deletes through the ORM; as with the audit log, the demo's own is removed raw.
    CullingLogEntry.objects.filter(fund__in=funds)._raw_delete(CullingLogEntry.objects.db)
    RetentionRule.objects.filter(fund__in=funds).delete()
    Classification.objects.filter(fund__in=funds).delete()
