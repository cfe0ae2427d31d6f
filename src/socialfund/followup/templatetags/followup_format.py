"""{{ value|figure }}: an indicator's value in Swedish, with the decimals it has (at most four)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from socialfund.followup.charts import format_figure

register = template.Library()


@register.filter
def figure(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return "–"
    return format_figure(Decimal(value))
