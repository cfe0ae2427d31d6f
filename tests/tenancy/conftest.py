"""Two tenants in one database: the Södertälje demo (tenant A, 0181) and a second copy of it that
belongs to Region Halland (tenant B, 0013), every name and title of B's own rows carrying a marker no page
of A has."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db.models import Value
from django.db.models.functions import Concat

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


@pytest.fixture
def two_tenants(db) -> TwoTenants:
    from socialfund.demo.loader import demo_load

    first = demo_load()
    b = first.organisation
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
