"""The case machine read from each fund's policy: who acts, what is offered, what a gate asks."""

from __future__ import annotations

import pytest

from socialfund.core import casemachine as cm
from socialfund.core.policy import load_policy

KLIPPAN = load_policy("klippan")
GAVLEBORG = load_policy("region-gavleborg")
SODERTALJE = load_policy("sodertalje-2013")
SKANE = load_policy("region-skane")

PREP = cm.Actor(roles=frozenset({"preparation_group"}))
REGISTRAR = cm.Actor(roles=frozenset({"registrar"}))
APPLICANT = cm.Actor(roles=frozenset({"applicant"}), for_board=True, has_board=True)


def codes(policy, state, actor) -> list[str]:
    return [a.code for a in cm.available(policy, state, actor)]


def test_klippans_idea_test_is_the_preparation_groups_step_and_on_its_desk():
    assert cm.acting_role(KLIPPAN, "idea_test") == "preparation_group"
    assert "idea_test" in cm.desk_stages(KLIPPAN, "preparation_group")
    state = cm.CaseState(stage="idea_test", status="active")
    assert cm.on_desk(KLIPPAN, state, "preparation_group")
    assert codes(KLIPPAN, state, PREP)[:2] == ["prepare", "return_for_completion"]


def test_gavleborgs_two_decisions_are_registered_by_the_registrar():
    assert cm.acting_role(GAVLEBORG, "priority_decision") == "registrar"
    assert cm.acting_role(GAVLEBORG, "amount_decision") == "registrar"
    assert cm.desk_stages(GAVLEBORG, "registrar") == ("priority_decision", "amount_decision")
    first = cm.CaseState(stage="priority_decision", status="active")
    assert codes(GAVLEBORG, first, REGISTRAR)[0] == "stage_decision"
    assert cm.next_state(GAVLEBORG, first, "stage_decision").stage == "joint_design"
    last = cm.CaseState(stage="amount_decision", status="active")
    assert codes(GAVLEBORG, last, REGISTRAR)[0] == "decide"
    assert cm.next_state(GAVLEBORG, last, "decide").status == "granted"
    # The applicant has nothing to do while the region decides.
    assert "submit" not in codes(GAVLEBORG, first, APPLICANT)


def test_the_guided_form_follows_the_policys_stages():
    assert cm.stage_form(SODERTALJE, "interest") == "short"
    assert cm.stage_form(SODERTALJE, "idea") == "sketch"
    assert cm.stage_form(SODERTALJE, "application") == "full"
    assert cm.stage_form(KLIPPAN, "needs_analysis") == "sketch"
    assert cm.stage_form(KLIPPAN, "application") == "full"
    assert cm.stage_form(GAVLEBORG, "idea") == "sketch"
    assert cm.stage_form(GAVLEBORG, "joint_design") == "full"


def test_a_gate_reads_the_policys_rules_as_well_as_its_signoffs():
    # Preparation's gate leaves out `rules`: every blocking rule at the stage must hold.
    blocking = cm.gate_rules(SODERTALJE, "preparation")
    assert "target_group" in blocking
    failing = cm.CaseState(
        stage="preparation",
        status="active",
        signoffs=frozenset({"office_head", "board"}),
        findings={"target_group": "fail"},
    )
    check = cm.gate(SODERTALJE, failing)
    assert not check.passes and check.failing_rules == ("target_group",)
    assert not next(a for a in cm.available(SODERTALJE, failing, PREP) if a.code == "prepare").passes
    # The director's step says `rules: []`: a failed rule does not stop it.
    approving = cm.CaseState(
        stage="director_approval", status="active", signoffs=failing.signoffs, findings=failing.findings
    )
    assert cm.gate_rules(SODERTALJE, "director_approval") == ()
    assert cm.gate(SODERTALJE, approving).passes
    # Sign-offs: leaving the application needs the office head's and the board's.
    unsigned = cm.CaseState(stage="application", status="active", signoffs=frozenset({"office_head"}))
    assert cm.gate(SODERTALJE, unsigned).missing_signoffs == ("board",)
    # At an applicant's stage only a failed rule stops the case; what waits for assessment does not.
    waiting = cm.CaseState(
        stage="application", status="active", signoffs=failing.signoffs, findings={"target_group": "assess"}
    )
    assert cm.gate(SODERTALJE, waiting).passes


def test_all_parties_must_sign_where_the_policy_says_so():
    state = cm.CaseState(stage="application", status="active")
    assert cm.gate(SKANE, state).missing_signoffs == ("all_parties",)
    assert cm.gate(
        SKANE, cm.CaseState(stage="application", status="active", signoffs=frozenset({"all_parties"}))
    ).passes


def test_an_opinion_stage_needs_an_opinion_before_it_moves_on():
    # Örebro's political reference group: the gate names no one, so one opinion is enough.
    orebro = load_policy("orebro")
    state = cm.CaseState(stage="opinions", status="active")
    giver = cm.Actor(roles=frozenset({"opinion_giver"}))
    offered = {a.code: a for a in cm.available(orebro, state, giver)}
    assert set(offered) == {"opinion", "opinions_complete"}
    assert not offered["opinions_complete"].passes
    assert cm.allows(
        orebro, cm.CaseState(stage="opinions", status="active", opinions=1), giver, "opinions_complete"
    ).passes  # type: ignore[union-attr]


SN_AND_KFN = (("UN", "Utbildningsnämnden"), ("SN", "Socialnämnden"), ("KFN", "Kultur- och fritidsnämnden"))


def test_sodertalje_needs_the_committee_and_every_board_the_case_concerns():
    """2013: "Hållbarhetsutskottet och nämnderna behandlar ansökan" – one opinion is not enough."""
    signed = frozenset({"office_head", "board"})
    committee_only = cm.CaseState(
        stage="opinions",
        status="active",
        signoffs=signed,
        opinions=1,
        opinion_bodies=frozenset({"Hållbarhetsutskottet"}),
        affected_boards=SN_AND_KFN,
    )
    check = cm.gate(SODERTALJE, committee_only)
    assert not check.passes
    assert check.missing_opinions == ("Utbildningsnämnden", "Socialnämnden", "Kultur- och fritidsnämnden")
    assert check.reason_sv() == (
        "yttrande saknas från Utbildningsnämnden, Socialnämnden och Kultur- och fritidsnämnden"
    )
    boards_only = cm.CaseState(
        stage="opinions",
        status="active",
        signoffs=signed,
        opinions=3,
        opinion_boards=frozenset({"UN", "SN", "KFN"}),
        affected_boards=SN_AND_KFN,
    )
    assert cm.gate(SODERTALJE, boards_only).missing_opinions == ("Hållbarhetsutskottet",)
    everyone = cm.CaseState(
        stage="opinions",
        status="active",
        signoffs=signed,
        opinions=4,
        opinion_bodies=frozenset({"hållbarhetsutskottet"}),
        opinion_boards=frozenset({"UN", "SN", "KFN"}),
        affected_boards=SN_AND_KFN,
    )
    assert cm.gate(SODERTALJE, everyone).passes


def test_malmo_needs_both_its_committees():
    malmo = load_policy("malmo")
    one = cm.CaseState(
        stage="opinions", status="active", opinions=1, opinion_bodies=frozenset({"Vård- och omsorgsberedningen"})
    )
    assert cm.gate(malmo, one).missing_opinions == ("Kommunstyrelsens arbetsutskott",)


def test_a_returned_case_goes_back_to_the_applicants_latest_stage():
    state = cm.CaseState(stage="preparation", status="active")
    assert cm.next_state(SODERTALJE, state, "return_for_completion").stage == "application"
    assert (
        cm.next_state(KLIPPAN, cm.CaseState(stage="idea_test", status="active"), "return_for_completion").stage
        == "needs_analysis"
    )


def test_an_outside_idea_without_a_board_waits_for_its_areas_board_not_the_preparation_group():
    """DOMAIN.md rule 12: an outside idea goes first to the office and board it concerns."""
    state = cm.CaseState(stage="interest", status="active", has_lead_board=False)
    assert cm.waits_for(SODERTALJE, state) == "applicant"
    assert not cm.on_desk(SODERTALJE, state, "preparation_group")
    assert "sponsor" in codes(SODERTALJE, state, cm.Actor(roles=frozenset({"applicant"}), has_board=True))


@pytest.mark.parametrize("status", ["granted", "rejected", "withdrawn", "refused"])
def test_a_closed_case_offers_nothing(status):
    state = cm.CaseState(stage="decision", status=status)
    for actor in (PREP, REGISTRAR, APPLICANT):
        assert codes(SODERTALJE, state, actor) == []


def test_roles_named_by_each_policy():
    assert cm.roles_named(SODERTALJE) == (
        "applicant",
        "preparation_group",
        "city_director",
        "opinion_giver",
        "registrar",
        "office_head",
    )
    assert cm.roles_named(GAVLEBORG) == ("applicant", "registrar")
