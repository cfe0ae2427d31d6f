"""The Södertälje demo: the seed's facts, and idempotent loading."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.models import Initiative
from socialfund.demo import director_demo
from socialfund.funds.models import Fund
from socialfund.ledger.models import Transaction
from socialfund.organisation.models import Board, DecisionBody, Office, Organisation

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, object]:
    """Everything the demo writes, as comparable values (ids excluded)."""
    return {
        "organisations": sorted(Organisation.objects.values_list("code", "name", "kind")),
        "bodies": sorted(DecisionBody.objects.values_list("code", "name", "kind", "parent__code")),
        "boards": sorted(Board.objects.values_list("code", "name", "area")),
        "offices": sorted(
            (
                o.code,
                o.name,
                o.parent.code if o.parent else None,
                o.head.username if o.head else None,
                tuple(sorted(o.boards.values_list("code", flat=True))),
            )
            for o in Office.objects.all()
        ),
        "funds": sorted(Fund.objects.values_list("slug", "capital", "decided_on", "decision_paragraph")),
        "policies": sorted(Fund.objects.values_list("policy_versions__policy_id", "policy_versions__adopted_on")),
        "users": sorted(
            (u.username, u.board.code if u.board else None, tuple(sorted(u.role_codes))) for u in User.objects.all()
        ),
        "initiatives": sorted(
            (
                i.title,
                i.stage,
                i.status,
                i.withdrawal_reason,
                tuple(i.failed_rules),
                i.lead_board.code if i.lead_board else None,
                tuple(sorted(i.partner_boards.values_list("code", flat=True))),
            )
            for i in Initiative.objects.all()
        ),
        "ledger": sorted(
            (
                t.fund.slug,
                t.number,
                t.kind,
                t.booked_on,
                t.text,
                tuple(sorted((e.account.kind, e.amount_ore) for e in t.entries.all())),
            )
            for t in Transaction.objects.select_related("fund").prefetch_related("entries__account")
        ),
        **documents_snapshot(),
    }


def documents_snapshot() -> dict[str, object]:
    """The consultation of 2014–2015 with its answers and statements, and the public page."""
    from socialfund.consultations.models import Answer, Consultation, Recipient, Statement
    from socialfund.reports.models import PublicPage

    return {
        "consultations": sorted(
            (c.title, c.decided_on, c.deadline, tuple(c.questions), c.sent_by.code) for c in Consultation.objects.all()
        ),
        "recipients": sorted(Recipient.objects.values_list("consultation__title", "code", "name", "kind", "order")),
        "answers": sorted(Answer.objects.values_list("recipient__code", "position", "additions", "received_on")),
        "statements": sorted(
            (s.answer.recipient.code, s.order, s.kind, repr(s.signatories), s.wording, s.summary)
            for s in Statement.objects.select_related("answer__recipient")
        ),
        "public_pages": sorted(PublicPage.objects.values_list("fund__slug", "enabled", "intro")),
    }


def test_demo_holds_the_seeds_consultation(demo):
    from socialfund.consultations.models import Answer, Statement

    assert Answer.objects.count() == 11
    with_additions = Answer.objects.filter(position="supports_with_additions")
    assert sorted(with_additions.values_list("recipient__code", flat=True)) == ["OMS", "SN", "ÄON"]
    assert Statement.objects.filter(kind="reservation").count() == 3
    assert Statement.objects.filter(kind="separate_statement").count() == 9


def test_demo_holds_the_seeds_facts(demo):
    fund = Fund.objects.get(slug="sodertalje")
    assert fund.capital == Decimal("24000000.00")
    assert fund.decision_reference == "KF 2013-02-25 § 7"
    assert fund.organisation.code == "0181"
    assert sorted(Board.objects.values_list("code", flat=True)) == sorted(
        ["ALN", "Enh", "KFN", "MN", "OMS", "SBN", "SN", "TN", "UN", "VM", "ÄON", "KS"]
    )
    assert Board.objects.get(code="UN").name == "Utbildningsnämnden"
    assert Board.objects.get(code="SN").name == "Socialnämnden"
    assert DecisionBody.objects.get(code="HU").parent.code == "KS"
    # The seed's thirteen cases (ACT twice: the 2013 idea sketch and the 2014 interest), and the demo's own
    # case at the city director's step (demo.director_demo).
    assert Initiative.objects.exclude(title=director_demo.TITLE).count() == 13
    assert Initiative.objects.count() == 14
    assert Initiative.objects.filter(title__startswith="ACT").count() == 2
    for title in ("Mobilt team skola", "Sänka korttidsfrånvaron hos medarbetare inom utbildningskontoret"):
        assert Initiative.objects.get(title=title).withdrawal_reasons == ["repayment_risk", "evaluation_burden"]
    sick_leave = Initiative.objects.get(title__startswith="Sänka korttidsfrånvaron")
    assert list(sick_leave.partner_boards.values_list("code", flat=True)) == ["KS"]
    assert "skuld" not in Initiative.objects.get(title="Mobilt team skola").outcome_note.split(".")[0]
    assert "Beredningsgruppen: riktade sig" in Initiative.objects.get(title="Mobilt team skola").outcome_note
    opus = Initiative.objects.get(title="OPUS")
    assert (opus.stage, opus.initiator_type) == ("interest", "unknown")
    assert Initiative.objects.get(title="Tjejhuset").failed_rules == ["purpose"]
    assert Initiative.objects.get(title="Körkortsutbildning för ungdomar").status == "advised_against"
    assert Initiative.objects.get(title="Familjecentraler").stage == "decision"
    capital = Transaction.objects.get(fund=fund, number=1)
    assert (capital.kind, capital.booked_on, str(capital.capital_decision)) == (
        "capital",
        fund.decided_on,
        "KF 2013-02-25 § 7",
    )
    assert sorted((e.account.kind, e.amount) for e in capital.entries.all()) == [
        ("available", Decimal("24000000.00")),
        ("capital", Decimal("-24000000.00")),
    ]


def test_one_demo_user_per_role(demo):
    roles = {code for user in User.objects.all() for code in user.role_codes if not user.is_superuser}
    assert roles | {Role.ADMINISTRATOR} == set(Role.values)
    assert [login.username for login in demo.logins] == [u.username for u in User.objects.order_by("pk")]
    for login in demo.logins:
        assert User.objects.get(username=login.username).check_password(login.password)


def test_policy_in_force_follows_adoption_dates(demo):
    import datetime as dt

    fund = Fund.objects.get(slug="sodertalje")
    assert fund.policy_in_force(dt.date(2012, 12, 31)) is None
    assert fund.policy_in_force(dt.date(2015, 3, 1)).policy_id == "sodertalje-2013"
    # The seed records no adoption of the 2015 proposal: the 2013 guidelines stay in force (issue 18).
    assert fund.policy_in_force(dt.date(2016, 6, 1)).policy_id == "sodertalje-2013"
    assert fund.policy_in_force(dt.date(2026, 6, 1)).policy_id == "sodertalje-2013"
    proposal = fund.policy_versions.get(policy_id="sodertalje-2015")
    assert proposal.adopted_on is None and proposal.is_proposal


def test_running_the_demo_twice_gives_the_same_data(capsys):
    call_command("demo")
    first = snapshot()
    call_command("demo")
    assert snapshot() == first
    call_command("demo", "--reset")
    assert snapshot() == first
    assert "demo-beredning" in capsys.readouterr().out


def test_if_empty_leaves_a_database_with_data_alone(capsys):
    call_command("demo")
    Initiative.objects.filter(title="Projekt 100").update(stage="application")
    call_command("demo", "--if-empty")
    assert Initiative.objects.get(title="Projekt 100").stage == "application"
    assert "laddas inte om" in capsys.readouterr().out
