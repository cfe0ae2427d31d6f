"""The tenant scope: which organisation's rows a request or command may read, decided in one place.

An organisation (a municipality or region, keyed by its SCB area code) is a tenant; every table that holds
one organisation's data reaches the organisation through one chain of foreign keys, written down once in
`TENANT_PARENTS`. `scoped()` filters a query along that chain to the current tenant; PostgreSQL's
row-level security keys the same chains on the session setting `app.tenant`, which `entered()` sets beside
the context variable (docs/tenancy.md). The two agree because both come from the same chain.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import connection, models
from django.db.models import Q

from socialfund.organisation.models import Organisation
from socialfund.tenant_context import ALL, Tenant, _reset, _set, current_tenant

SETTING = "app.tenant"
"""The PostgreSQL session setting the row-level security policies read (migration tenancy/0001)."""

TENANT_PARENTS: dict[str, str] = {
    # model → the foreign key that leads towards the organisation ("organisation" ends the chain)
    "organisation.DecisionBody": "organisation",
    "organisation.Board": "organisation",
    "organisation.Office": "organisation",
    "funds.Fund": "organisation",
    "funds.PolicyVersion": "fund",
    "cases.RegistrySerial": "fund",
    "cases.Initiative": "fund",
    "cases.Signoff": "initiative",
    "cases.Assessment": "initiative",
    "cases.Attachment": "initiative",
    "cases.Opinion": "initiative",
    "cases.Decision": "initiative",
    "cases.DecisionAmount": "decision",
    "cases.Comment": "initiative",
    "cases.RepaymentException": "decision",
    "ledger.CapitalDecision": "fund",
    "ledger.PayoutOrder": "fund",
    "ledger.RepaymentPlan": "initiative",
    "ledger.Repayment": "fund",
    "ledger.Waiver": "initiative",
    "ledger.BoardSuccession": "board",
    "ledger.FundLedger": "fund",
    "ledger.Account": "fund",
    "ledger.Transaction": "fund",
    "ledger.Entry": "transaction",
    "ledger.Handover": "fund",
    "ledger.HandedOver": "handover",
    "ledger.PayoutInstalment": "grant",
    "consultations.Consultation": "organisation",
    "consultations.Recipient": "consultation",
    "consultations.Answer": "recipient",
    "consultations.Statement": "answer",
    "consultations.Reminder": "recipient",
    "reports.PublicPage": "fund",
    "reports.ReportText": "fund",
    "reports.GeneratedDocument": "fund",
    "followup.Project": "initiative",
    "followup.ImplementationPlan": "project",
    "followup.ImplementationAnchoring": "plan",
    "followup.RegularOperationsDecision": "project",
    "followup.Indicator": "project",
    "followup.Measurement": "indicator",
    "followup.RealisedSaving": "project",
    "followup.KpiSnapshot": "indicator",
    "followup.GroupMean": "indicator",
    "followup.OutcomeMetric": "project",
    "followup.MeasurementStatus": "measurement",
    "followup.Report": "project",
    "followup.ReportVersion": "report",
    "followup.ReportReview": "report",
    "followup.ReminderSent": "report",
    "followup.SpecialReview": "project",
    "followup.Evidence": "review",
    "actors.IdeaFollow": "initiative",
    "actors.ActorMessage": "initiative",
    "actors.CoApplicant": "initiative",
    "actors.PartyComment": "initiative",
    "guidelines.GuidelineVersion": "fund",
    "records.Classification": "fund",
    "records.Handling": "fund",
    "records.DiariumDelivery": "handling",
    "records.DiariumCase": "fund",
    "records.RetentionRule": "fund",
    "records.CullingLogEntry": "fund",
    "records.StoredDocument": "fund",
}

SHARED_MODELS: dict[str, str] = {
    # model → why it belongs to no single tenant (a test checks that every model is in one of the two lists)
    "organisation.Organisation": "the tenants themselves: names and codes are public",
    "accounts.User": "read at login, before a tenant is known; each user names their organisation",
    "accounts.ApiToken": "read at the API's login, before a tenant is known; belongs to a user",
    "accounts.TotpDevice": "read at login; belongs to a user",
    "audit.AuditEvent": "keyed by its case or its actor's organisation, not by one chain (see the migration)",
    "outbox.OutboxMail": "keyed by the tenant code it was queued in; sent by one command for every organisation",
    "actors.OutsideOrganisation": "an association or firm may work with several municipalities",
    "actors.Representative": "a person of an outside organisation, across municipalities",
}


def tenant_path(model: type[models.Model]) -> str:
    """The lookup from `model` to its organisation's id, e.g. `transaction__fund__organisation_id`."""
    steps: list[str] = []
    label = model._meta.label
    while True:
        field_name = TENANT_PARENTS[label]
        steps.append(field_name)
        if field_name == "organisation":
            return "__".join(steps) + "_id"
        label = model._meta.get_field(field_name).related_model._meta.label  # type: ignore[union-attr]
        model = apps.get_model(label)


def scoped[M: models.Model](queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """`queryset` limited to the current tenant's rows. Across every organisation (`ALL`) or outside any
    request or command (no tenant chosen: tests, the shell), unchanged; the database's policies still hold."""
    tenant = current_tenant()
    if tenant is None or tenant.code == ALL:
        return queryset
    model = queryset.model
    label = model._meta.label
    if tenant.organisation_id is None:  # NOWHERE: an anonymous visitor on a host no organisation has
        return queryset.none()
    if label in TENANT_PARENTS:
        return queryset.filter(Q(**{tenant_path(model): tenant.organisation_id}))
    shared = _shared_scope(label, tenant)
    return queryset if shared is None else queryset.filter(shared)


def _shared_scope(label: str, tenant: Tenant) -> Q | None:
    """What one tenant sees of the shared tables that the admin lists (None: all of it, e.g. the codes of
    the organisations); the row-level security policies on the audit log and the mail queue say the same."""
    own = tenant.organisation_id
    return {
        "organisation.Organisation": Q(pk=own),
        "accounts.User": Q(organisation_id=own),
        "accounts.ApiToken": Q(user__organisation_id=own),
        "accounts.TotpDevice": Q(user__organisation_id=own),
        "audit.AuditEvent": Q(initiative__fund__organisation_id=own)
        | Q(initiative__isnull=True, actor__organisation_id=own),
        "outbox.OutboxMail": Q(tenant=tenant.code),
    }.get(label)


def tenant_for(organisation: Organisation) -> Tenant:
    return Tenant(code=organisation.code, organisation_id=organisation.pk)


_codes: dict[int, str] = {}
"""Organisation id → code, so that a request names its tenant without a query (cleared when one changes)."""


def tenant_for_id(organisation_id: int) -> Tenant | None:
    code = _codes.get(organisation_id)
    if code is None:
        code = Organisation.objects.filter(pk=organisation_id).values_list("code", flat=True).first()
        if code is None:
            return None
        _codes[organisation_id] = code
    return Tenant(code=code, organisation_id=organisation_id)


def forget_codes(**kwargs: object) -> None:
    _codes.clear()


ACROSS = Tenant(code=ALL, organisation_id=None)
NOWHERE = Tenant(code="", organisation_id=None)
"""No organisation's rows at all, in the scope and in the database (`app.tenant` empty): what an anonymous
visitor reads on a host that no organisation has, when several share the installation."""


def public_tenant(host: str) -> Tenant:
    """The organisation whose public pages an anonymous visitor reads at `host` (name without port).

    One organisation in the installation: that one, at any host (a single municipality keeps today's URLs).
    Several: the one whose `public_host` is `host`, else NOWHERE. None at all: ACROSS, where there is nothing
    to see but the empty installation's first page. Looked up when a query first needs it (a request that
    reads nothing, such as the OpenAPI schema, opens no connection), not cached across requests: a cache
    would outlive an organisation added or renamed in another process (one or two indexed reads)."""
    return _PublicTenant(host)


def _public_tenant_now(host: str) -> Tenant:
    first_two = list(Organisation.objects.values_list("pk", "code")[:2])
    if not first_two:
        return ACROSS
    if len(first_two) == 1:
        return Tenant(code=first_two[0][1], organisation_id=first_two[0][0])
    match = Organisation.objects.filter(public_host__iexact=host).values_list("pk", "code").first() if host else None
    return Tenant(code=match[1], organisation_id=match[0]) if match else NOWHERE


class _PublicTenant(Tenant):
    """A Tenant whose code and id are read from the database on first use (see `public_tenant`)."""

    def __init__(self, host: str) -> None:  # the fields are properties here: no dataclass __init__
        object.__setattr__(self, "_host", host)
        object.__setattr__(self, "_chosen", None)

    def _resolve(self) -> Tenant:
        chosen: Tenant | None = self.__dict__["_chosen"]
        if chosen is None:
            chosen = _public_tenant_now(self.__dict__["_host"])
            object.__setattr__(self, "_chosen", chosen)
        return chosen

    @property
    def code(self) -> str:
        return self._resolve().code

    def code_if_known(self) -> str | None:
        chosen: Tenant | None = self.__dict__["_chosen"]
        return chosen.code if chosen is not None else None

    @property
    def organisation_id(self) -> int | None:
        return self._resolve().organisation_id


@contextmanager
def entered(tenant: Tenant | None) -> Iterator[None]:
    """Work as `tenant` (None: no tenant, which sees no tenant's rows in PostgreSQL) until the block ends;
    the database session's setting follows. Only the request middleware, the API's login and the audited
    door across tenants (`socialfund.accounts.tenancy`) enter a tenant."""
    token = _set(tenant)
    apply_to_connection(tenant)
    try:
        yield
    finally:
        _reset(token)
        apply_to_connection(current_tenant())


def apply_to_connection(tenant: Tenant | None) -> None:
    """Set `app.tenant` on the database session (PostgreSQL only; SQLite has no row-level security).

    A connection not yet open is left alone: `on_connection_created` gives it the tenant when the request
    first opens it, so a request that reads nothing (a probe, the OpenAPI schema) opens no connection."""
    if connection.vendor != "postgresql" or connection.connection is None:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [SETTING, tenant.code if tenant else ""])


def on_connection_created(sender: object, connection: object, **kwargs: object) -> None:
    """A connection opened in the middle of a request starts with the request's tenant."""
    if getattr(connection, "vendor", "") != "postgresql":
        return
    tenant = current_tenant()
    with connection.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute("SELECT set_config(%s, %s, false)", [SETTING, tenant.code if tenant else ""])


def switch(tenant: Tenant | None) -> None:
    """Within a request already in `entered()`: work as `tenant` from here on (the API learns its user only
    at the token check, after the middleware). The middleware's exit restores what was before the request."""
    _set(tenant)
    apply_to_connection(tenant)
