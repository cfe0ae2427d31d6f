"""`socialfund demo --policy NAME` beside the Södertälje demo, then tokens from `socialfund token create` for
the printed users drive a case from idea to decision through the API's two action endpoints alone."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from socialfund.cases.models import Initiative
from socialfund.demo.sandbox import sandbox_load
from socialfund.funds.models import Fund
from tests.walks.drivers import ApiDriver
from tests.walks.walker import Walk, walk_date

pytestmark = pytest.mark.django_db


def printed_logins(output: str) -> dict[str, str]:
    return dict(re.findall(r"^\s+(\S+)\s+(demo-\S+)\s+", output, flags=re.MULTILINE))


@pytest.mark.parametrize("policy_id", ["klippan", "region-gavleborg"])
def test_a_sandbox_fund_is_walked_with_tokens_for_the_printed_users(demo, policy_id, monkeypatch):
    out = StringIO()
    call_command("demo", "--policy", policy_id, stdout=out)
    logins = printed_logins(out.getvalue())
    assert logins and all(password == f"demo-{username}" for username, password in logins.items())
    assert Fund.objects.filter(slug="sodertalje").exists()  # beside the Södertälje demo
    sandbox = sandbox_load(policy_id)  # loading again changes nothing
    assert sorted(logins) == sorted(user.username for user in sandbox.users.values())
    tokens = {}
    for username in logins:
        token_out = StringIO()
        call_command("token", "create", username, "--name", "prova", stdout=token_out)
        tokens[username] = re.search(r"sf_\S+", token_out.getvalue()).group(0)
    day = walk_date(sandbox.policy, timezone.localdate())
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    driver = ApiDriver(tokens=tokens)
    case = Walk(sandbox=sandbox, driver=driver, on=day).run()
    assert case.status == "granted"
    assert set(driver.tokens) == set(tokens)  # no other token was made on the way
    assert Initiative.objects.filter(fund__slug="sodertalje").exists()


def test_an_unknown_policy_is_refused_with_the_known_ones_named(db):
    with pytest.raises(CommandError, match="Okända riktlinjer: nowhere. Finns: ale, klippan"):
        call_command("demo", "--policy", "nowhere")
