"""Issue 21, finding 7: a role given in the admin, a fund's settings or guidelines changed in the admin, and
an account map set from the command line each leave an audit event, and the backup export carries them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.backup.exchange import export_all
from socialfund.funds.models import Fund

pytestmark = pytest.mark.django_db


def _user_form(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "groups": [str(g.pk) for g in user.groups.all()],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.date().isoformat(),
        "date_joined_1": "08:00:00",
        "organisation": str(user.organisation_id or ""),
        "board": str(user.board_id or ""),
        "office": str(user.office_id or ""),
    }
    data.update(changes)
    return data


def test_giving_the_finance_role_in_the_admin_is_audited_and_exported(login):
    client = login("admin")
    lasare = User.objects.get(username="lasare")
    finance = Group.objects.get_or_create(name="finance")[0]
    groups = [str(g.pk) for g in lasare.groups.all()] + [str(finance.pk)]
    response = client.post(reverse("admin:accounts_user_change", args=[lasare.pk]), _user_form(lasare, groups=groups))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "finance" in User.objects.get(pk=lasare.pk).role_codes
    event = AuditEvent.objects.get(action="user_access_change", target_id=str(lasare.pk))
    assert event.actor.username == "admin"
    assert event.data["changes"]["roles"] == {"from": ["reader"], "to": ["finance", "reader"]}
    exported = [row for row in export_all()["models"] if row["model"] == "audit.auditevent"]
    assert any(row["fields"]["action"] == "user_access_change" for row in exported)


def test_saving_a_user_unchanged_writes_no_event(login):
    client = login("admin")
    lasare = User.objects.get(username="lasare")
    client.post(reverse("admin:accounts_user_change", args=[lasare.pk]), _user_form(lasare))
    assert not AuditEvent.objects.filter(action="user_access_change").exists()


def test_changing_a_funds_capital_and_guidelines_in_the_admin_is_audited(login):
    client = login("admin")
    fund = Fund.objects.get(slug="sodertalje")
    versions = list(fund.policy_versions.order_by("pk"))
    data: dict[str, object] = {
        "organisation": str(fund.organisation_id),
        "name": fund.name,
        "slug": fund.slug,
        "capital": "30000000.00",
        "decided_by": str(fund.decided_by_id),
        "decided_on": fund.decided_on.isoformat(),
        "decision_paragraph": fund.decision_paragraph,
        "registry_number": fund.registry_number,
        "registry_number_pattern": fund.registry_number_pattern,
        "policy_versions-TOTAL_FORMS": str(len(versions)),
        "policy_versions-INITIAL_FORMS": str(len(versions)),
        "policy_versions-MIN_NUM_FORMS": "1",
        "policy_versions-MAX_NUM_FORMS": "1000",
    }
    for n, version in enumerate(versions):
        data |= {
            f"policy_versions-{n}-id": str(version.pk),
            f"policy_versions-{n}-fund": str(fund.pk),
            f"policy_versions-{n}-policy_id": version.policy_id,
            # A proposal has no adoption date: posted empty, as the admin shows it.
            f"policy_versions-{n}-adopted_on": (
                "2014-01-01" if n == 0 else (version.adopted_on.isoformat() if version.adopted_on else "")
            ),
            f"policy_versions-{n}-decided_by": str(version.decided_by_id or ""),
            f"policy_versions-{n}-decision_paragraph": version.decision_paragraph,
            f"policy_versions-{n}-note": version.note,
        }
    response = client.post(reverse("admin:funds_fund_change", args=[fund.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action="fund_settings_change", target_id=str(fund.pk))
    assert event.data["changes"]["capital"] == {"from": "24000000.00", "to": "30000000.00"}
    assert "policy_versions" in event.data["changes"]
    assert event.actor.username == "admin"


def test_the_account_map_command_goes_through_an_audited_service(demo, tmp_path):
    path = tmp_path / "kontoplan.yaml"
    path.write_text("accounts:\n  capital:\n    number: 2099\n", encoding="utf-8")
    call_command("ledger", "account-map", "--fund", "sodertalje", str(path))
    event = AuditEvent.objects.get(action="account_map_set")
    assert event.data["via"] == "kommandoraden"
    assert event.data["changes"]["account_map"]["to"] == {"accounts": {"capital": {"number": 2099}}}
