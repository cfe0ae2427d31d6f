"""Everything a rule's check may read: the initiative, the policy (resolved for the initiative's track),
the stage, the screening date, and the calculation's result, computed once when a check first asks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from socialfund.core.calc import CalculationInputError
from socialfund.core.policy import Policy
from socialfund.core.policy.vocabulary import CIVIL_SOCIETY_TYPES, FOR_PROFIT_TYPES, MUNICIPAL_TYPES
from socialfund.core.screening.calculation_check import CalcSummary, summarise
from socialfund.core.screening.result import Outcome
from socialfund.core.screening.screening_input import Party, ScreeningInput


@dataclass(frozen=True)
class CalcState:
    """The calculation's result, or why there is none."""

    summary: CalcSummary | None = None
    errors: tuple[tuple[str, str], ...] = ()
    absent: bool = False


@dataclass
class Context:
    initiative: ScreeningInput
    policy: Policy
    stage: str
    on_date: dt.date
    track_unresolved: bool = False
    """The policy has tracks and the initiative chose none."""

    @property
    def formal(self) -> bool:
        """Whether the initiative has reached the stage from which it is a formal application."""
        applicants = self.policy.applicants
        start = applicants.formal_from if applicants else None
        return start is None or self.policy.stage_index(self.stage) >= self.policy.stage_index(start)

    @property
    def own_sector(self) -> str:
        """The calculation sector whose savings stay inside the organisation that runs the fund."""
        return "region" if self.policy.fund.organisation_type == "region" else "municipal"

    def is_inside(self, party: Party) -> bool:
        if self.policy.fund.organisation_type == "region":
            return party.type == "region_unit"
        return party.type in MUNICIPAL_TYPES

    def is_outside_actor(self, party: Party) -> bool:
        """An outside actor in the guidelines' sense: civil society or a firm. Other public bodies (a region,
        a state agency, a university) collaborate as public partners, not as suppliers to be procured."""
        return not self.is_inside(party) and party.type in CIVIL_SOCIETY_TYPES | FOR_PROFIT_TYPES

    @property
    def idea_author(self) -> Party | None:
        """Who brought the idea: the initiator when named, else the applicant."""
        return self.initiative.initiator or self.initiative.applicant

    def section_missing(self, what: str) -> Outcome:
        """The policy has no such section here; with unchosen tracks that means: choose a track."""
        if self.track_unresolved:
            choices = ", ".join(self.policy.track_codes)
            return Outcome(
                "missing", f"Välj spår (funding.track: {choices}); kraven på {what} skiljer sig mellan spåren."
            )
        return Outcome("assess", f"Policyn anger inga krav på {what}; beredningsgruppen bedömer.")

    @cached_property
    def calc(self) -> CalcState:
        document = self.initiative.calculation
        if document is None:
            return CalcState(absent=True)
        try:
            return CalcState(summary=summarise(document, self.policy.repayment_rules()))
        except CalculationInputError as exc:
            return CalcState(errors=tuple(exc.errors))
