"""The seed's fund traced from decision to closing balance, to the öre.

Södertälje's 24 mnkr (KF 2013-02-25 § 7, booked by the demo) funds two projects:
Familjecentraler (1 800 000 kr; the repayment plan is the calculation engine's proposal)
repays on time; a second project (1 234 567,90 kr; an agreed plan split in thirds) repays
its first year and is then waived after special review, its evaluation showing no
effects although the method was followed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from socialfund.cases.models import Initiative
from socialfund.core.money import allocate_sek
from socialfund.ledger import services
from socialfund.ledger.integrity import ledger_check
from socialfund.ledger.models import Transaction
from socialfund.ledger.position import board_obligations, fund_position, project_account
from tests.ledger.conftest import board, make_decision

pytestmark = pytest.mark.django_db

D = Decimal


def test_two_projects_from_decision_to_closing_balance(fund, finance, registrar, ks, project_factory):
    family = Initiative.objects.get(title="Familjecentraler")
    family_decision = make_decision(
        family,
        {2016: "900000", 2017: "900000"},
        decided_on=dt.date(2015, 12, 14),
        paragraph="§ 250",
        registrar=registrar,
    )
    school, school_decision = project_factory("Tidiga insatser i skolan", {2016: "600000.00", 2017: "634567.90"})

    capital = Transaction.objects.get(fund=fund, number=1)
    assert (capital.kind, capital.booked_on, str(capital.capital_decision)) == (
        "capital",
        dt.date(2013, 2, 25),
        "KF 2013-02-25 § 7",
    )

    services.grant_decide(decision=family_decision, user=finance)
    services.grant_decide(decision=school_decision, user=finance)
    services.payout_register(initiative=family, user=finance, amount=D("900000"), paid_on=dt.date(2016, 2, 1))
    services.payout_register(initiative=school, user=finance, amount=D("600000"), paid_on=dt.date(2016, 2, 15))
    services.payout_register(initiative=family, user=finance, amount=D("900000"), paid_on=dt.date(2017, 2, 1))
    services.payout_register(initiative=school, user=finance, amount=D("634567.90"), paid_on=dt.date(2017, 2, 15))

    # Familjecentraler: the engine's proposal under Södertälje's limits, adopted as it stands.
    services.repayment_plan_adopt(initiative=family, user=finance, adopted_on=dt.date(2017, 3, 1), reference="KS § 40")
    # The second project: an agreed plan, the grant split in thirds by largest remainder.
    thirds = allocate_sek(D("1234567.90"), [1, 1, 1])
    assert thirds == [D("411522.64"), D("411522.63"), D("411522.63")]
    services.repayment_plan_adopt(
        initiative=school,
        user=finance,
        adopted_on=dt.date(2017, 3, 15),
        plan={2019: {"UN": thirds[0]}, 2020: {"UN": thirds[1]}, 2021: {"UN": thirds[2]}},
    )
    family_account = project_account(family, dt.date(2017, 12, 31))
    # The calculation's unit costs are in 2015 and 2018 prices, converted to 2016's with KPI.
    assert [(d.year, d.board, d.planned) for d in family_account.duties] == [
        (2018, "SN", D("654573")),
        (2019, "SN", D("654573")),
        (2020, "SN", D("410298")),
        (2020, "UN", D("80556")),
    ]

    position = fund_position(fund, dt.date(2017, 12, 31))
    assert position.capital == D("24000000.00")
    assert position.paid_out == D("3034567.90")
    assert position.committed == 0
    assert position.available == D("20965432.10")
    assert position.receivable == D("3034567.90")
    assert position.overdue == 0

    sn, un = board("SN"), board("UN")
    services.repayment_register(
        initiative=family, board=sn, user=finance, amount=D("654573"), received_on=dt.date(2018, 11, 30)
    )
    services.repayment_register(
        initiative=family, board=sn, user=finance, amount=D("654573"), received_on=dt.date(2019, 11, 29)
    )
    services.repayment_register(
        initiative=school, board=un, user=finance, amount=D("411522.64"), received_on=dt.date(2019, 12, 16)
    )
    services.repayment_register(
        initiative=family, board=sn, user=finance, amount=D("410298"), received_on=dt.date(2020, 11, 30)
    )
    services.repayment_register(
        initiative=family, board=un, user=finance, amount=D("80556"), received_on=dt.date(2020, 11, 30)
    )

    # 2020's instalment of the second project was not paid: overdue from 2021.
    position = fund_position(fund, dt.date(2021, 3, 1))
    assert position.overdue == D("411522.63")
    assert position.receivable == D("823045.26")
    rows, years = board_obligations(fund, un, dt.date(2021, 3, 1))
    assert [(y.year, y.planned, y.settled, y.remaining, y.overdue) for y in years] == [
        (2019, D("411522.64"), D("411522.64"), 0, 0),
        (2020, D("492078.63"), D("80556"), D("411522.63"), D("411522.63")),
        (2021, D("411522.63"), 0, D("411522.63"), 0),
    ]

    waiver = services.waiver_decide(
        initiative=school,
        user=registrar,
        body=ks,
        decided_on=dt.date(2021, 3, 22),
        paragraph="§ 61",
        motivation="Insatsen genomfördes enligt metoden men gav inga mätbara effekter; återföringen efterges.",
        evaluation="Södertörns högskola (2021): utvärdering av Tidiga insatser i skolan. Hög metodtrohet, inga effekter.",
        method_followed=True,
        effects="none",
    )
    assert waiver.waiver.amount == D("823045.26")

    closing = fund_position(fund, dt.date(2021, 12, 31))
    assert closing.capital == D("24000000.00")
    assert closing.paid_out == D("3034567.90")
    assert closing.repaid == D("2211522.64")
    assert closing.available == D("23176954.74")
    assert closing.cash == D("23176954.74")
    assert closing.committed == closing.receivable == closing.overdue == 0
    assert closing.waived == D("823045.26")
    assert closing.capital - closing.paid_out + closing.repaid == closing.cash
    assert Transaction.objects.filter(fund=fund).count() == 15
    assert ledger_check() == []
    school_account = project_account(school, dt.date(2021, 12, 31))
    assert (school_account.granted, school_account.paid, school_account.duty_remaining) == (
        D("1234567.90"),
        D("1234567.90"),
        0,
    )
