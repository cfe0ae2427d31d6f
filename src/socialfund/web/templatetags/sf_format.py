"""Template filters for Swedish amounts and dates: {{ amount|sek }}, {{ amount|mnkr }}, {{ day|isodate }}."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template

from socialfund.core import formatting

register = template.Library()


@register.filter
def sek(value: Decimal | int | float | None) -> str:
    """1 234 567 kr."""
    if value is None or value == "":
        return "–"
    return formatting.format_sek(value)


@register.filter
def mnkr(value: Decimal | int | float | None) -> str:
    """24 mnkr."""
    if value is None or value == "":
        return "–"
    return formatting.format_mnkr(value)


@register.filter
def number(value: Decimal | int | float | None) -> str:
    """1 234 567."""
    if value is None or value == "":
        return "–"
    return formatting.format_number(value)


@register.filter
def isodate(value: dt.date | dt.datetime | None) -> str:
    """2015-10-26."""
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        value = value.date()
    return formatting.format_date(value)


@register.filter
def percent(value: Decimal | float | None) -> str:
    """78 % for 0.7772."""
    if value is None or value == "":
        return "–"
    return formatting.format_percent(value)
