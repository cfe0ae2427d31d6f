"""Every shipped policy loads, validates, and exposes the contract the web app relies on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from socialfund.core.policy import list_policies, load_policy, policies_dir, policy_in_force, shipped_policy_ids
from socialfund.core.policy.dimensions import DIMENSIONS, effective_empty
from socialfund.core.policy.vocabulary import STANDARD_RULE_IDS, StageActor, codes
from socialfund.core.repayment_rules import RepaymentRules
from socialfund.core.screening.checks import CHECKS

SHIPPED = [
    "ale",
    "klippan",
    "lulea",
    "malmo",
    "norrkoping",
    "nynashamn",
    "orebro",
    "region-gavleborg",
    "region-skane",
    "sodertalje-2013",
    "sodertalje-2015",
    "trelleborg",
]


def test_the_twelve_policies_are_shipped():
    assert shipped_policy_ids() == SHIPPED
    assert [p.id for p in list_policies()] == sorted(SHIPPED, key=lambda i: (load_policy(i).fund.key, i))


@pytest.mark.parametrize("policy_id", SHIPPED)
def test_each_policy_loads_with_identity_sources_and_rules(policy_id):
    policy = load_policy(policy_id)
    assert policy.id == policy_id
    assert policy.fund.name and policy.fund.organisation and policy.sources
    assert policy.fund.kolada_id and policy.fund.kolada_id.isdigit() and len(policy.fund.kolada_id) == 4
    roles = set(codes(StageActor))
    for stage in policy.stages:
        assert stage.actor in roles and stage.name_sv and stage.name_en
    for rule in policy.rules:
        assert rule.clause and rule.explanation and rule.clause_source and rule.stages
        assert rule.check in ("auto", "human") and rule.severity in ("block", "warn")
        if rule.check == "auto":
            assert rule.id in CHECKS, f"{rule.id} has no automatic check"


@pytest.mark.parametrize("policy_id", SHIPPED)
def test_each_policy_says_what_its_sources_are_silent_on(policy_id):
    """Every empty dimension is named in `unset` with a reason (or lies under a named section)."""
    policy = load_policy(policy_id)
    declared = {note.path for note in policy.unset}
    for note in policy.unset:
        assert len(note.reason) > 10
    for dimension in DIMENSIONS:
        if dimension.declare_if_empty and dimension.applies(policy) and effective_empty(policy, dimension.path):
            if any(not effective_empty(policy, other) for other in dimension.declare_unless):
                continue
            assert any(dimension.path == d or dimension.path.startswith(d + ".") for d in declared), dimension.path


def test_standard_rule_ids_are_used_across_the_policies():
    used = {rule.id for policy in list_policies() for rule in policy.rules}
    assert set(STANDARD_RULE_IDS) <= used | {"goals"}  # every standard id appears in some policy
    assert {"needs_analysis", "idea_test", "goal_link", "environmental_certificate"} <= used


def test_sodertalje_stages_actors_and_signoffs():
    policy = load_policy("sodertalje-2013")
    assert policy.stage_codes == (
        "interest",
        "idea",
        "application",
        "preparation",
        "director_approval",
        "opinions",
        "decision",
    )
    assert [s.actor for s in policy.stages] == [
        "applicant",
        "applicant",
        "applicant",
        "preparation_group",
        "city_director",
        "opinion_giver",
        "board",
    ]
    assert policy.required_signoffs == {"idea": ("office_head",), "application": ("office_head", "board")}
    assert policy.decision_body == "Kommunstyrelsen"
    assert policy.opinion_bodies == ("Hållbarhetsutskottet", "berörda nämnder")
    gate = policy.stage("application").gate
    assert "calculation" in gate.rules and "partnership" not in gate.rules  # partnership only warns


def test_sodertalje_repayment_rules_match_the_guidelines():
    assert load_policy("sodertalje-2013").repayment_rules() == RepaymentRules(
        mode="repayment_plan",
        grace_years=2,
        latest_start_offset_years=5,
        max_years_after_first=5,
        waivable=True,
    )


@pytest.mark.parametrize(
    ("policy_id", "mode", "waivable"),
    [
        ("norrkoping", "frame_reduction", True),
        ("orebro", "repayment_plan", False),
        ("trelleborg", "repayment_plan", True),
        ("ale", "repayment_plan", False),  # waiver unknown: the duty stands
        ("nynashamn", "none", False),
        ("lulea", "none", False),
        ("malmo", "repayment_plan", True),
    ],
)
def test_repayment_modes(policy_id, mode, waivable):
    rules = load_policy(policy_id).repayment_rules()
    assert rules is not None and rules.mode == mode and rules.waivable is waivable


@pytest.mark.parametrize("policy_id", ["region-gavleborg", "region-skane", "klippan"])
def test_policies_silent_on_repayment_give_none(policy_id):
    assert load_policy(policy_id).repayment_rules() is None


def test_reporting_month_is_april_from_2015():
    reporting = load_policy("sodertalje-2015").reporting[0]
    assert (reporting.frequency, reporting.month, reporting.responsible) == ("yearly", 4, "Kommunstyrelsens kontor")
    assert load_policy("sodertalje-2013").reporting[0].frequency == "once"


def test_procurement_threshold_through_the_policy():
    policy = load_policy("orebro")
    assert policy.procurement_threshold(dt.date(2014, 3, 1)) == Decimal("271964")
    assert policy.procurement_threshold(dt.date(2022, 2, 1)) == Decimal("700000")


def test_policy_in_force_uses_adoption_dates():
    assert policy_in_force("sodertalje", dt.date(2014, 1, 1)).id == "sodertalje-2013"
    assert policy_in_force("sodertalje", dt.date(2012, 1, 1)) is None
    # The 2015 version is a proposal: only "what if" screenings use it.
    assert policy_in_force("sodertalje", dt.date(2016, 1, 1)).id == "sodertalje-2013"
    assert policy_in_force("sodertalje", dt.date(2016, 1, 1), include_proposals=True).id == "sodertalje-2015"


def test_tracks_replace_the_policys_own_sections():
    lulea = load_policy("lulea")
    assert lulea.track_codes == ("si", "fhi", "kff")
    si, fhi = lulea.for_track("si"), lulea.for_track("fhi")
    assert si.limits.max_share_of_cost == Decimal("0.70") and si.limits.max_per_year == Decimal("1000000")
    assert fhi.limits.max_share_of_cost == Decimal("0.85") and fhi.limits.max_per_project == Decimal("100000")
    assert fhi.calculation.requirement == "none" and si.calculation.requirement == "economic_reasoning"


def test_policy_files_live_in_the_package_data():
    assert (policies_dir() / "sodertalje-2013.yaml").is_file()
