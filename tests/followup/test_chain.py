"""The two chains the issue names, with real figures:

1. a measurement → a realised saving through the calculation's effect line → the repayment recomputed;
2. a failed evaluation → special review → kommunstyrelsen's waiver → the obligation written off in the ledger.

And the successful path: implementation plan, anchoring, regular operations, closure.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from socialfund.cases.models import Decision
from socialfund.followup import ledger_bridge, services
from socialfund.followup.models import Indicator, RealisedSaving
from socialfund.followup.selectors import project_outcome
from socialfund.kit.refusals import StateRefusal
from socialfund.ledger import services as ledger
from socialfund.ledger.models import Waiver
from socialfund.organisation.models import Board, DecisionBody
from tests.followup.helpers import pdsa, stored

pytestmark = pytest.mark.django_db


def hvb_indicator(project, user) -> Indicator:
    """Placement days at HVB for the target group in SN: the calculation's effect line 0 (3 201 kr, 25 % deadweight)."""
    spec = services.IndicatorSpec(
        name="Placeringsdygn på HVB, målgruppen",
        unit="dygn",
        direction="lower",
        baseline_value=Decimal(2000),
        baseline_on=dt.date(2016, 5, 2),
        target_value=Decimal(1700),
        effect_index=0,
    )
    return services.indicator_create(project=project, user=user, spec=spec)


def book_grant_and_plan(users, project) -> None:
    decision = Decision.objects.get(initiative=project.initiative)
    ledger.grant_decide(decision=decision, user=users["ekonomi"], acknowledge_warnings=True)
    ledger.repayment_plan_adopt(initiative=project.initiative, user=users["ekonomi"], adopted_on=dt.date(2016, 6, 1))


def pay_out_the_grant(users, project) -> None:
    """Both years' 600 000 kr paid out: a waiver writes off at most what was paid out (issue 20)."""
    for year in (2016, 2017):
        ledger.payout_register(
            initiative=project.initiative,
            user=users["ekonomi"],
            amount=Decimal("600000"),
            paid_on=dt.date(year, 6, 15),
            year=year,
        )


def test_from_a_measurement_to_the_repayments_feasibility(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    assert indicator.effect_label == "Färre placeringsdygn på HVB"
    services.measurement_record(
        indicator=indicator, user=users["handlaggare"], measured_on=dt.date(2018, 12, 31), value=Decimal(1800)
    )
    derived = services.realised_savings_derive(project=project, user=users["ekonomi"], year=2018)
    assert [(s.board.code, s.year, s.amount, s.basis) for s in derived.saved] == [
        ("SN", 2018, Decimal("480150.00"), "derived")
    ]
    part = derived.saved[0].basis_data["parts"][0]
    assert (part["change"], part["value_per_unit"], part["amount"]) == ("200.0000", "2400.75", "480150")

    outcome = project_outcome(project)
    assert outcome.falls_short and outcome.shortfall == Decimal(240075)
    assert outcome.feasibility.plan == {2018: {"SN": 480150}, 2019: {"SN": 550072, "UN": 169778}}
    assert outcome.feasibility.feasible

    # With the plan on the books (the ledger's repayment_plan_adopt), that is the plan held against the savings.
    book_grant_and_plan(users, project)
    assert ledger_bridge.adopted_plan(project) == {2018: {"SN": 720225}, 2019: {"SN": 366619, "UN": 113156}}
    outcome = project_outcome(project)
    assert [v.message for v in outcome.feasibility.decided_plan_problems] == [
        "SN ska ha återfört 720\xa0225\xa0kr till och med 2018 men har då bara 480\xa0150\xa0kr i kassamässiga besparingar."
    ]

    # 2019: 1 950 days, 50 fewer than the baseline: 50 × 2 400,75 = 120 037,50 → 120 038 kr.
    services.measurement_record(
        indicator=indicator, user=users["handlaggare"], measured_on=dt.date(2019, 12, 31), value=Decimal(1950)
    )
    services.realised_savings_derive(project=project, user=users["ekonomi"], year=2019)
    outcome = project_outcome(project)
    assert outcome.feasibility.plan == {
        2018: {"SN": 480150},
        2019: {"SN": 120038, "UN": 222296},
        # 1 200 000 − 480 150 − 342 334 = 377 516 kr, split 720 225 : 222 296.
        2020: {"SN": 288478, "UN": 89038},
    }
    assert (outcome.feasibility.planned, outcome.feasibility.repaid_by) == (1200000, 2020)

    # Finance's own figure wins over a derived one, and a new derivation leaves it alone.
    services.realised_saving_record(
        project=project, user=users["ekonomi"], board=Board.objects.get(code="SN"), year=2019, amount=Decimal(0)
    )
    result = services.realised_savings_derive(project=project, user=users["ekonomi"], year=2019)
    assert result.saved == [] and "inmatad besparing" in result.skipped[0]
    assert RealisedSaving.objects.get(year=2019, board__code="SN").basis == "entered"


def test_deriving_without_figures_stores_nothing(users, project):
    hvb_indicator(project, users["handlaggare"])
    before = stored()
    with pytest.raises(StateRefusal, match="inget mätvärde för 2018"):
        services.realised_savings_derive(project=project, user=users["ekonomi"], year=2018)
    assert stored() == before


def approve_first_report(users, project, *, finding: str, fidelity: str = "full"):
    report = project.reports.order_by("due_on").first()
    services.report_draft_save(report=report, user=users["handlaggare"], **pdsa(), fidelity=fidelity)
    services.report_submit(report=report, user=users["handlaggare"])
    return services.report_review(report=report, user=users["beredning"], verdict="approved", effect_finding=finding)


def decide(users, review, outcome="waive"):
    return services.special_review_decide(
        review=review,
        user=users["registrator"],
        body=DecisionBody.objects.get(code="KS"),
        decided_on=dt.date(2019, 3, 4),
        paragraph="§ 45",
        outcome=outcome,
        text="Insatsen genomfördes enligt metoden men gav inga effekter. Kravet på återföring upphävs.",
    )


def test_from_a_failed_evaluation_to_a_waived_obligation_in_the_ledger(users, project):
    book_grant_and_plan(users, project)
    pay_out_the_grant(users, project)
    assert ledger_bridge.repayment_status(project).remaining == Decimal("1200000.00")
    approve_first_report(users, project, finding="none")

    review = services.special_review_open(
        project=project, user=users["beredning"], grounds="Inga effekter efter ett år."
    )
    assert [(e.kind, e.report_version.fidelity) for e in review.evidence.all()] == [("report", "full")]
    review = services.special_review_submit(review=review, user=users["beredning"])
    review = decide(users, review)

    assert (review.status, review.waived_amount) == ("waived", Decimal("1200000.00"))
    assert review.ledger_reference.startswith("verifikation ")
    waiver = Waiver.objects.get(initiative=project.initiative)
    assert (waiver.amount, waiver.effects, waiver.method_followed, waiver.paragraph) == (
        Decimal("1200000.00"),
        "none",
        True,
        "§ 45",
    )
    assert "Lägesrapport 2017 (version 1)" in waiver.evaluation
    status = ledger_bridge.repayment_status(project)
    assert (status.planned, status.waived, status.remaining) == (Decimal("1200000.00"), Decimal("1200000.00"), 0)

    # The project can now close without implementation: the final report is skipped with a reason.
    final = project.reports.get(kind="final")
    services.report_skip(report=final, user=users["beredning"], reason="Avslutat efter särskild prövning.")
    closed = services.project_close(
        project=project,
        user=users["beredning"],
        closed_on=dt.date(2019, 3, 31),
        outcome="not_implemented",
        note="Metoden gav inga effekter.",
    )
    assert (closed.status, closed.closure_outcome) == ("closed", "not_implemented")


def test_a_waiver_the_books_refuse_leaves_the_review_undecided(users, project):
    # No grant or plan on the books: there is no obligation to write off.
    approve_first_report(users, project, finding="negative")
    review = services.special_review_open(project=project, user=users["beredning"], grounds="Negativa effekter.")
    review = services.special_review_submit(review=review, user=users["beredning"])
    before = stored()
    with pytest.raises(StateRefusal, match="ingen återstående återföringsskyldighet"):
        decide(users, review)
    assert stored() == before
    review.refresh_from_db()
    assert (review.status, review.ledger_reference) == ("submitted", "")
    assert not Waiver.objects.exists()


def test_special_review_needs_a_failed_evaluation_and_evidence_of_the_method(users, project):
    before = stored()
    with pytest.raises(StateRefusal, match="inga eller negativa effekter"):
        services.special_review_open(project=project, user=users["beredning"], grounds="Tidigt.")
    assert stored() == before
    approve_first_report(users, project, finding="none", fidelity="partly")
    review = services.special_review_open(project=project, user=users["beredning"], grounds="Inga effekter.")
    before = stored()
    with pytest.raises(StateRefusal, match="metodtroheten"):
        services.special_review_submit(review=review, user=users["beredning"])
    assert stored() == before
    services.special_review_evidence_add(
        review=review,
        user=users["handlaggare"],
        kind="external_evaluation",
        description="Södertörns högskola: metoden följdes i alla tre skolorna.",
        reference="KS 14-87",
    )
    assert services.special_review_submit(review=review, user=users["beredning"]).status == "submitted"
    decided = decide(users, review, outcome="maintain")
    assert (decided.status, decided.waived_amount, decided.ledger_reference) == ("maintained", None, "")


def test_a_successful_project_is_implemented_before_it_closes(users, project):
    approve_first_report(users, project, finding="positive")
    final = project.reports.get(kind="final")
    services.report_draft_save(report=final, user=users["handlaggare"], **pdsa(act="Metoden förs in i elevhälsan."))
    services.report_submit(report=final, user=users["handlaggare"])
    services.report_review(report=final, user=users["beredning"], verdict="approved", effect_finding="positive")
    before = stored()
    with pytest.raises(StateRefusal, match="implementeringsplan ska fastställas och förankras"):
        services.project_close(
            project=project, user=users["beredning"], closed_on=dt.date(2018, 9, 1), outcome="implemented"
        )
    assert stored() == before

    services.implementation_plan_save(
        project=project, user=users["handlaggare"], text="Teamet blir en del av elevhälsan.", responsible="Rektorerna"
    )
    services.implementation_plan_save(
        project=project, user=users["handlaggare"], text="Teamet blir en del av elevhälsan 2019.", responsible="UK"
    )
    with pytest.raises(StateRefusal, match="förankrad"):
        services.regular_operations_decide(
            project=project, user=users["registrator"], decided_on=dt.date(2018, 6, 1), paragraph="§ 9", text="Införs."
        )
    services.implementation_anchor(
        project=project, user=users["kontorschef"], kind="office_head", signed_on=dt.date(2018, 3, 1)
    )
    services.implementation_anchor(
        project=project, user=users["handlaggare"], kind="board", signed_on=dt.date(2018, 4, 1), reference="UN § 30"
    )
    with pytest.raises(StateRefusal, match="kan inte ändras"):
        services.implementation_plan_save(project=project, user=users["handlaggare"], text="Ny.", responsible="UK")
    decision = services.regular_operations_decide(
        project=project, user=users["registrator"], decided_on=dt.date(2018, 6, 1), paragraph="§ 9", text="Införs."
    )
    assert decision.board.code == "UN"
    closed = services.project_close(
        project=project, user=users["beredning"], closed_on=dt.date(2018, 9, 1), outcome="implemented"
    )
    assert (closed.status, closed.closed_on, closed.implementation_plan.revision) == ("closed", dt.date(2018, 9, 1), 2)
