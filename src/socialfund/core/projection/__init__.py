"""Will the fund survive? Projections of a fund's money: pure Python and numpy, no Django.

    from socialfund.core.projection import ProjectionInput, ExistingProject, project

    result = project(ProjectionInput(start_year=2026, years=30, opening_available=24e6), runs=10_000, seed=1)
    result.p50[-1], result.dry_share, result.median_dry_year

`cover` answers the deterministic question a commitment raises (can the fund still pay
everything it has promised, year by year?) in exact Decimal kronor. The model and its
assumptions are in docs/ledger.md.
"""

from socialfund.core.projection.cover import CoverShortfall, cash_cover
from socialfund.core.projection.model import (
    ExistingProject,
    Outcomes,
    Pipeline,
    ProjectionInput,
    ProjectionInputError,
    ProjectionResult,
    RepaymentTerms,
)
from socialfund.core.projection.montecarlo import MAX_RUNS, MAX_YEARS, project
from socialfund.core.projection.terms import repays, terms_from_rules

__all__ = [
    "MAX_RUNS",
    "MAX_YEARS",
    "CoverShortfall",
    "ExistingProject",
    "Outcomes",
    "Pipeline",
    "ProjectionInput",
    "ProjectionInputError",
    "ProjectionResult",
    "RepaymentTerms",
    "cash_cover",
    "project",
    "repays",
    "terms_from_rules",
]
