"""`socialfund policy list --fund`: each version's status and dates, as the fund page shows them."""

from __future__ import annotations

import pytest

from socialfund.commands import policy as policy_command

pytestmark = pytest.mark.django_db


def test_policy_list_for_a_fund_shows_status_and_dates(demo, capsys) -> None:
    assert policy_command.main(["list", "--fund", demo.fund.slug]) == 0
    out = capsys.readouterr().out
    adopted = next(line for line in out.splitlines() if line.startswith("Riktlinjer 2013"))
    assert "antagen" in adopted and "Kommunfullmäktige 2013-02-25 § 7" in adopted and adopted.endswith("2013-02-25")
    proposal = next(line for line in out.splitlines() if line.startswith("Förändringar av riktlinjer"))
    assert "förslag" in proposal and "2015-11-04" in proposal


def test_an_unknown_fund_exits_2_in_swedish(demo, capsys) -> None:
    assert policy_command.main(["list", "--fund", "finns-inte"]) == 2
    assert "okänd fond 'finns-inte'" in capsys.readouterr().err
