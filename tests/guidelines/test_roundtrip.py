"""Every shipped policy, imported through the editor's import and exported again, is the same policy."""

from __future__ import annotations

import json

import pytest

from socialfund.core.policy import load_policy, shipped_policy_ids
from socialfund.core.policy.registry import policies_dir
from socialfund.guidelines.document import document_of, export_yaml, import_yaml


def test_twelve_policies_are_shipped() -> None:
    assert len(shipped_policy_ids()) == 12


@pytest.mark.parametrize("policy_id", shipped_policy_ids())
def test_import_export_import_keeps_rules_limits_and_stages(policy_id: str) -> None:
    text = (policies_dir() / f"{policy_id}.yaml").read_text(encoding="utf-8")
    imported, problems = import_yaml(text)
    assert problems == []
    assert imported is not None
    document = document_of(imported)
    # The stored document survives the database's JSON, and the export reads back to the same policy.
    exported = export_yaml(json.loads(json.dumps(document)), header=f"Exporterad från {policy_id}")
    again, problems = import_yaml(exported)
    assert problems == []
    assert again is not None
    original = load_policy(policy_id)
    assert again.rules == original.rules
    assert again.limits == original.limits
    assert again.stages == original.stages
    assert again.repayment == original.repayment
    assert again == original


def test_import_reports_a_broken_file_in_swedish() -> None:
    text = (policies_dir() / "sodertalje-2013.yaml").read_text(encoding="utf-8")
    broken = text.replace("grace_years: 2", "grace_years: -1", 1)
    assert broken != text
    policy, problems = import_yaml(broken)
    assert policy is None
    assert ("repayment.grace_years", "måste vara minst 0") in problems


def test_import_refuses_a_key_given_twice() -> None:
    policy, problems = import_yaml("id: a\nid: b\n")
    assert policy is None
    assert problems == [("<fil>", "ogiltig YAML på rad 2, kolumn 1: nyckeln 'id' förekommer två gånger")]
