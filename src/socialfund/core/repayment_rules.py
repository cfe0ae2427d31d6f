"""The limits a fund's guidelines put on repayment (återföring).

Shared by the calculation engine (which proposes and checks a repayment plan) and
the policies (which say what the limits are). Years are offsets from the project's
first year (start_year, t = 0). Södertälje 2013: "återbetalningen ska börja senast
fem år från projektstarten. Insatsen ska vara helt återbetald senast fem år efter
det att återbetalningen påbörjats", and a board "kan arbeta i minst två år för att
sänka kostnaderna innan återföring ska ske": a grace period that is the board's right,
not a ban. A board that repays earlier breaks no rule; the duty to repay starts after
the grace period, so a proposed plan starts there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RepaymentMode = Literal["none", "repayment_plan", "frame_reduction"]


@dataclass(frozen=True)
class RepaymentRules:
    """Repayment limits; each bound is inclusive.

    - the duty to repay starts at `start_year + grace_years` (the board's grace period; it may repay earlier)
    - the first repayment year is at the latest `start_year + latest_start_offset_years`
    - the last repayment year is at the latest `first repayment year + max_years_after_first`
    """

    mode: RepaymentMode = "repayment_plan"
    grace_years: int | None = 2
    latest_start_offset_years: int | None = 5
    max_years_after_first: int | None = 5
    waivable: bool = True


SODERTALJE_DEFAULT = RepaymentRules()
