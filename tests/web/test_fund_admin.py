"""A fund always has guidelines the system knows: the admin refuses a fund without them, or an unknown id."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from socialfund.accounts.models import User
from socialfund.funds.admin import PolicyVersionInline
from socialfund.funds.models import Fund, PolicyVersion

pytestmark = pytest.mark.django_db


def test_guidelines_with_an_unknown_id_are_refused_with_the_known_ones_named(demo):
    fund = Fund.objects.get(slug="sodertalje")
    version = PolicyVersion(fund=fund, policy_id="sodertalje-2099", adopted_on=dt.date(2099, 1, 1))
    with pytest.raises(ValidationError) as refused:
        version.full_clean()
    message = refused.value.message_dict["policy_id"][0]
    assert "Riktlinjerna ”sodertalje-2099” finns inte i systemet." in message and "sodertalje-2013" in message
    PolicyVersion(fund=fund, policy_id="sodertalje-2015", adopted_on=dt.date(2017, 1, 1)).full_clean()


def test_the_admin_will_not_remove_a_funds_last_guidelines(demo):
    fund = Fund.objects.get(slug="sodertalje")
    request = RequestFactory().post("/")
    request.user = User.objects.get(username="admin")
    formset_class = PolicyVersionInline(Fund, admin.site).get_formset(request, obj=fund)
    versions = list(fund.policy_versions.order_by("pk"))
    prefix = formset_class.get_default_prefix()
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(versions)),
        f"{prefix}-INITIAL_FORMS": str(len(versions)),
        f"{prefix}-MIN_NUM_FORMS": "1",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, version in enumerate(versions):
        data |= {
            f"{prefix}-{number}-id": str(version.pk),
            f"{prefix}-{number}-fund": str(fund.pk),
            f"{prefix}-{number}-policy_id": version.policy_id,
            f"{prefix}-{number}-adopted_on": version.adopted_on.isoformat() if version.adopted_on else "",
            f"{prefix}-{number}-DELETE": "on",
        }
    formset = formset_class(data, instance=fund, prefix=prefix)
    assert not formset.is_valid()
    assert formset.non_form_errors()
    # Keeping one of them is fine.
    data.pop(f"{prefix}-0-DELETE")
    assert formset_class(data, instance=fund, prefix=prefix).is_valid()
