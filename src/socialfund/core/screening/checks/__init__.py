"""The checks behind each rule id. A rule id without a check here is judged by a human."""

from __future__ import annotations

from collections.abc import Callable

from socialfund.core.screening.checks.economics import check_calculation, check_repayment
from socialfund.core.screening.checks.eligibility import (
    check_applicant,
    check_equal_treatment,
    check_needs_analysis,
    check_partnership,
    check_purpose,
    check_target_group,
)
from socialfund.core.screening.checks.limits import check_amount_cap, check_cofinancing, check_deadline, check_duration
from socialfund.core.screening.checks.procurement import check_procurement
from socialfund.core.screening.checks.quality import (
    check_anchoring,
    check_evaluation,
    check_evidence,
    check_goals,
    check_implementation,
)
from socialfund.core.screening.context import Context
from socialfund.core.screening.result import Outcome

Check = Callable[[Context], Outcome]

CHECKS: dict[str, Check] = {
    "target_group": check_target_group,
    "purpose": check_purpose,
    "equal_treatment": check_equal_treatment,
    "applicant": check_applicant,
    "partnership": check_partnership,
    "anchoring": check_anchoring,
    "evidence": check_evidence,
    "goals": check_goals,
    "evaluation": check_evaluation,
    "calculation": check_calculation,
    "repayment": check_repayment,
    "implementation": check_implementation,
    "procurement": check_procurement,
    "amount_cap": check_amount_cap,
    "cofinancing": check_cofinancing,
    "duration": check_duration,
    "deadline": check_deadline,
    "needs_analysis": check_needs_analysis,
}


def human_only(ctx: Context) -> Outcome:
    """A rule the engine cannot check: the preparation group judges it."""
    return Outcome("assess", "Beredningsgruppen bedömer detta krav.")


def check_for(rule_id: str) -> Check:
    return CHECKS.get(rule_id, human_only)
