"""Two tenants in one database: the Södertälje demo (tenant A, 0181) and a second copy of it that
belongs to Region Halland (tenant B, 0013), every name and title of B's own rows carrying a marker no page
of A has."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat
from django.test import override_settings

from socialfund.accounts.models import User
from socialfund.cases.models import Initiative
from socialfund.consultations.models import Consultation
from socialfund.funds.models import Fund
from socialfund.guidelines.models import GuidelineVersion
from socialfund.organisation.models import Board, DecisionBody, Office, Organisation

MARKER = "Zyxhalland"
"""In every name and title of tenant B: a page of tenant A that shows it has leaked."""


@dataclass(frozen=True)
class TwoTenants:
    a: Organisation
    b: Organisation
    fund_a: Fund
    fund_b: Fund


def _mark(model: type, field: str, **where: object) -> None:
    model.objects.filter(**where).update(**{field: Concat(Value(MARKER + " "), field)})


@pytest.fixture(scope="module")
def two_tenants_loaded(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TwoTenants]:
    """Loaded once per test module, in a transaction rolled back after the module's last test; each test
    runs in a savepoint inside it (its `db` fixture), so one test's changes never reach the next."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        yield _load()
        transaction.set_rollback(True)


@pytest.fixture
def two_tenants(two_tenants_loaded: TwoTenants, db: None) -> TwoTenants:
    return two_tenants_loaded


def _with_a_running_project(fund: Fund) -> None:
    """A project granted through the real workflow (reports and indicators from its goals), with an
    attachment: so that B has a row behind every id a follow-up or attachment URL takes."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from socialfund.cases.attachments import attachment_add
    from tests.cases.conftest import grant_through_workflow

    users = {user.username: user for user in User.objects.filter(organisation=fund.organisation)}
    initiative = grant_through_workflow(users, fund, title="Mobilt team skola 2")
    attachment_add(
        initiative=initiative,
        user=users["handlaggare"],
        upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"),
        kind="application",
    )


def _load() -> TwoTenants:
    from socialfund.demo.loader import demo_load

    first = demo_load()
    b = first.organisation
    _with_a_running_project(first.fund)  # the demo has none: its follow-up pages need one to be probed
    # the organisations' names and codes are public (the accessibility statement lists them): no marker
    b.code, b.name, b.kind = "0013", "Region Halland", Organisation.Kind.REGION
    b.save()
    Fund.objects.filter(organisation=b).update(slug="halland", name=Concat(Value(MARKER + " "), "name"))
    for model, field in ((Board, "name"), (DecisionBody, "name"), (Office, "name")):
        _mark(model, field, organisation=b)
    _mark(Initiative, "title", fund__organisation=b)
    _mark(Initiative, "summary", fund__organisation=b)
    _mark(Consultation, "title", organisation=b)
    for version in GuidelineVersion.objects.filter(fund__organisation=b):
        version.policy_id = f"halland-{version.pk}"
        version.title = f"{MARKER} {version.title}"
        version.save(update_fields=["policy_id", "title"])
    for user in User.objects.filter(organisation=b):
        user.username = f"b-{user.username}"
        user.first_name = MARKER
        user.save(update_fields=["username", "first_name"])
    second = demo_load()
    return TwoTenants(a=second.organisation, b=b, fund_a=second.fund, fund_b=Fund.objects.get(organisation=b))
