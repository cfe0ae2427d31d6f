"""{{ value|figure }}: an indicator's value in Swedish, with the decimals it has (at most four);
{{ measurement|figure_source }} and {{ measurement|figure_status }}: where it comes from and how far it is checked."""

from __future__ import annotations

from decimal import Decimal

from django import template

from socialfund.followup import provenance
from socialfund.followup.charts import format_figure
from socialfund.followup.models import Measurement

register = template.Library()


@register.filter
def figure(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return "–"
    return format_figure(Decimal(value))


@register.filter
def figure_source(measurement: Measurement) -> str:
    """Where a measured figure comes from: "Källa: Kolada, N15428, 0181, 2023, hämtad 2026-12-07"."""
    return provenance.measurement_source(measurement)


@register.filter
def figure_status(measurement: Measurement) -> str:
    """Uppskattat, rapporterat or validerat (by whom)."""
    return provenance.measurement_status(measurement)
