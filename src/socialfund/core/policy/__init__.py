"""Fund guidelines (riktlinjer) as data: the policy schema, the shipped policies and their comparison.

    from socialfund.core.policy import load_policy, list_policies, Policy, PolicyError

    policy = load_policy("sodertalje-2013")        # a shipped id, or a path to a YAML file
    policy.rules_at("application")                  # the rules checked at that stage
    policy.repayment_rules()                        # RepaymentRules for the calculation engine, or None
    policy.procurement_threshold(date(2014, 3, 1))  # Decimal('271964')

Pure Python and pydantic; no Django. See docs/policies.md for the file format.
"""

from socialfund.core.policy.errors import InputError, PolicyError
from socialfund.core.policy.registry import (
    list_policies,
    load_policy,
    load_policy_file,
    parse_policy,
    policies_dir,
    policy_in_force,
    shipped_policy_ids,
)
from socialfund.core.policy.schema import Policy
from socialfund.core.policy.thresholds import ThresholdUnknownError
from socialfund.core.policy.workflow import Gate, Rule, Stage, Track

__all__ = [
    "Gate",
    "InputError",
    "Policy",
    "PolicyError",
    "Rule",
    "Stage",
    "ThresholdUnknownError",
    "Track",
    "list_policies",
    "load_policy",
    "load_policy_file",
    "parse_policy",
    "policies_dir",
    "policy_in_force",
    "shipped_policy_ids",
]
