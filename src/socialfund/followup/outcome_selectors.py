"""Reads for the outcome section of the project page: the outcome metrics and the forecast re-estimated
from the measured outcomes (followup.outcome_forecast), each figure with its source."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from socialfund.core.calc.errors import CalculationInputError
from socialfund.followup import provenance
from socialfund.followup.codes import Gender
from socialfund.followup.models import Indicator, Measurement, OutcomeMetric, Project
from socialfund.followup.outcome_forecast import EffectComparison, Evidence, Reestimate, reestimate
from socialfund.followup.services.common import project_calculation, project_policy
from socialfund.kit.refusals import Refusal


@dataclass(frozen=True)
class OutcomeSection:
    metrics: list[OutcomeMetric]
    reestimate: Reestimate | None
    forecast_source: str
    unit_cost_sources: dict[int, str]
    error: str = ""

    @property
    def effects(self) -> list[tuple[EffectComparison, str]]:
        """Each compared effect line with where its value per unit comes from."""
        if self.reestimate is None:
            return []
        return [(effect, self.unit_cost_sources.get(effect.index, "")) for effect in self.reestimate.effects]


def indicator_evidence(indicator: Indicator) -> Evidence | None:
    """The indicator's totals by year (the latest figure of each year), each with its source line."""
    if indicator.effect_index is None:
        return None
    latest: dict[int, Measurement] = {}
    for measurement in indicator.measurements.all():  # prefetched on the project page
        if measurement.gender != Gender.TOTAL:
            continue
        year = measurement.measured_on.year
        if year not in latest or measurement.measured_on > latest[year].measured_on:
            latest[year] = measurement
    if not latest:
        return None
    return Evidence(
        effect_index=indicator.effect_index,
        indicator=indicator.name,
        baseline=indicator.baseline_value,
        lower_is_better=indicator.lower_is_better,
        quantity_per_unit=indicator.quantity_per_unit,
        measured={
            year: (m.value, f"{provenance.measurement_source(m)} ({provenance.measurement_status(m)})")
            for year, m in latest.items()
        },
    )


def project_reestimate(project: Project) -> Reestimate | None:
    """None without a calculation or without any measured indicator tied to an effect line."""
    calc = project_calculation(project)
    if calc is None:
        return None
    evidence = [e for e in (indicator_evidence(i) for i in project.indicators.all()) if e is not None]
    if not evidence:
        return None
    return reestimate(calc, evidence, rules=project_policy(project).repayment_rules())


def outcome_section(project: Project) -> OutcomeSection:
    metrics = list(OutcomeMetric.objects.filter(project=project).select_related("indicator"))
    try:
        calc = project_calculation(project)
        found = project_reestimate(project)
    except (Refusal, CalculationInputError) as exc:
        message = exc.message if isinstance(exc, Refusal) else str(exc)
        return OutcomeSection(metrics, None, "", {}, error=message)
    sources = {i: provenance.unit_cost_source(effect) for i, effect in enumerate(calc.effects)} if calc else {}
    return OutcomeSection(metrics, found, provenance.forecast_source(project), sources)


@dataclass(frozen=True)
class OutcomeSummary:
    """Forecast against outcome in a few figures, for the April report's project data."""

    forecast_savings: Decimal
    reestimated_savings: Decimal
    forecast_repaid_by: int | None
    reestimated_repaid_by: int | None
    forecast_chance: float | None
    reestimated_chance: float | None
    achievement: tuple[tuple[str, Decimal | None], ...]  # effect line, measured share of the forecast
    sources: tuple[str, ...]  # the source of every measured figure the re-estimate rests on


def outcome_summary(project: Project) -> OutcomeSummary | None:
    """None when the project has no calculation or no measured indicator tied to an effect line."""
    r = project_reestimate(project)
    if r is None or not r.has_evidence:
        return None
    return OutcomeSummary(
        forecast_savings=r.forecast_savings,
        reestimated_savings=r.reestimated_savings,
        forecast_repaid_by=r.forecast_repayment.end_year if r.forecast_repayment.fully_repaid else None,
        reestimated_repaid_by=r.reestimated_repayment.end_year if r.reestimated_repayment.fully_repaid else None,
        forecast_chance=r.forecast_chance,
        reestimated_chance=r.reestimated_chance,
        achievement=tuple((effect.label, effect.achievement) for effect in r.effects),
        sources=tuple(dict.fromkeys(row.source for effect in r.effects for row in effect.years)),
    )
