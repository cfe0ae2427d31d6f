"""Screening an initiative against a fund's guidelines, rule by rule, with the guideline text cited.

    from socialfund.core.policy import load_policy
    from socialfund.core.screening import load_initiative_file, screen, screening_to_dict

    result = screen(load_initiative_file("act.yaml"), load_policy("sodertalje-2013"))
    result.verdict            # 'eligible' | 'not_eligible' | 'incomplete' | 'needs_assessment'
    result.findings           # one Finding per rule that applies at the stage
    screening_to_dict(result) # JSON-ready

Pure Python; no Django. Semantics in docs/policies.md.
"""

from socialfund.core.screening.engine import screen
from socialfund.core.screening.loading import ScreeningInputError, load_initiative_file, parse_initiative
from socialfund.core.screening.result import (
    STATUS_LABELS,
    VERDICT_LABELS,
    Finding,
    ScreeningResult,
    Status,
    Verdict,
    screening_to_dict,
)
from socialfund.core.screening.screening_input import Party, ScreeningInput

__all__ = [
    "STATUS_LABELS",
    "VERDICT_LABELS",
    "Finding",
    "ScreeningInput",
    "ScreeningInputError",
    "Party",
    "ScreeningResult",
    "Status",
    "Verdict",
    "load_initiative_file",
    "parse_initiative",
    "screen",
    "screening_to_dict",
]
