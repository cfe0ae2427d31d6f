"""Bad policy files: PolicyError with field paths and Swedish messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from socialfund.core.policy import PolicyError, load_policy, parse_policy, policies_dir


def _sodertalje() -> dict:
    return yaml.safe_load((policies_dir() / "sodertalje-2013.yaml").read_text(encoding="utf-8"))


def _errors(data) -> dict[str, str]:
    with pytest.raises(PolicyError) as caught:
        parse_policy(data)
    assert isinstance(caught.value, ValueError)
    return dict(caught.value.errors)


def test_unknown_name():
    with pytest.raises(PolicyError) as caught:
        load_policy("atlantis")
    path, message = caught.value.errors[0]
    assert path == "policy" and message.startswith("okänd policy 'atlantis'; kända: ale, klippan, lulea")


def test_unknown_key_and_wrong_types():
    data = _sodertalje()
    data["colour"] = "blå"
    data["funding"]["capital"] = "mycket"
    data["stages"][0]["actor"] = "mayor"
    errors = _errors(data)
    assert errors["colour"] == "okänt fält"
    assert errors["funding.capital"].startswith("måste vara ett tal")
    assert errors["stages[0].actor"].startswith("okänt värde 'mayor'; tillåtna: applicant, office_head, board")


def test_rule_with_unknown_stage_and_auto_rule_without_a_check():
    data = _sodertalje()
    data["rules"][0]["from_stage"] = "later"
    data["rules"].append({**data["rules"][1], "id": "my_rule", "from_stage": "idea"})
    errors = _errors(data)
    assert errors["rules[0].from_stage"].startswith("okänt steg 'later'; stegen är interest, idea")
    assert errors["rules[13].check"] == "regeln 'my_rule' har ingen automatisk kontroll; ange check: human"


def test_an_automatic_rule_needs_its_section():
    data = _sodertalje()
    data["rules"].append({**data["rules"][0], "id": "amount_cap"})
    errors = _errors(data)
    assert errors["rules[13]"] == (
        "regeln 'amount_cap' kontrolleras automatiskt men policyn saknar limits.max_per_year eller limits.max_per_project"
    )


def test_unset_must_match_what_is_empty():
    data = _sodertalje()
    data["unset"] = [note for note in data["unset"] if note["path"] != "limits"]  # calls, evaluation.… remain
    data["unset"].append({"path": "funding.capital", "reason": "Vet inte."})
    data["unset"].append({"path": "funding.colour", "reason": "Vet inte."})
    with pytest.raises(PolicyError) as caught:
        parse_policy(data)
    errors = caught.value.errors
    assert ("unset[2].path", "'funding.capital' har ett värde; ta bort den ur unset") in errors
    assert ("unset[3].path", "okänd dimension 'funding.colour'") in errors
    for path in ("limits.max_per_year", "limits.max_per_project", "limits.duration_months"):
        assert ("unset", f"'{path}' saknar värde; ange det, eller lägg det i unset med en förklaring") in errors


def test_gate_rules_must_exist_and_apply():
    data = _sodertalje()
    data["stages"][0]["gate"] = {"rules": ["calculation", "nonsense"]}
    with pytest.raises(PolicyError) as caught:
        parse_policy(data)
    assert ("stages[0].gate.rules", "regeln 'calculation' gäller inte i steget 'interest'") in caught.value.errors
    assert ("stages[0].gate.rules", "okänd regel 'nonsense'") in caught.value.errors


def test_default_gate_is_every_blocking_rule_of_the_stage():
    policy = load_policy("sodertalje-2013")
    idea = policy.stage("idea")
    blocking = [rule.id for rule in policy.rules_at("idea") if rule.severity == "block"]
    assert list(idea.gate.rules) == blocking


def test_applicants_cannot_be_both_allowed_and_excluded():
    data = _sodertalje()
    data["applicants"]["excluded_types"] = ["board"]
    assert _errors(data)["applicants"] == "typerna board står både som tillåtna och uteslutna"


def test_calls_need_their_dates():
    data = _sodertalje()
    data["calls"] = {"mode": "fixed_deadlines"}
    data["unset"] = [note for note in data["unset"] if note["path"] != "calls"]
    assert _errors(data)["calls"] == "fixed_deadlines kräver minst ett datum i deadlines"


def test_malformed_file(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nid: y\n", encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(bad)
    assert "nyckeln 'id' förekommer två gånger" in caught.value.errors[0][1]


def test_not_a_mapping(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- 1\n", encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(str(bad))
    assert "mappning" in caught.value.errors[0][1]


def test_a_copy_of_a_shipped_policy_loads_from_a_path(tmp_path: Path):
    copy = tmp_path / "min-fond.yaml"
    copy.write_text((policies_dir() / "orebro.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_policy(copy).id == "orebro"
