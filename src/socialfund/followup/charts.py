"""A small line chart of an indicator as coordinates for an SVG drawn by the template. Pure Python.

The template draws the shapes (no markup is built here, so nothing needs marking
safe) and every chart has its data table beside it: the chart is a picture of the
table, not the only way to the figures (WCAG 1.1.1). The line labels follow the
user's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from socialfund.core.formatting import format_number

WIDTH, HEIGHT = 320, 140
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 56, 12, 12, 28


def _coord(value: float) -> str:
    """SVG wants a dot: a coordinate is text, so the Swedish decimal comma never reaches the markup."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class ChartPoint:
    x: str
    y: str
    label: str


@dataclass(frozen=True)
class ChartLine:
    y: str
    label: str


@dataclass(frozen=True)
class Chart:
    """Every coordinate is a preformatted string; the template only places them."""

    width: str
    height: str
    points: list[ChartPoint]
    baseline: ChartLine | None
    target: ChartLine | None
    y_top: ChartLine
    y_bottom: ChartLine
    first_label: str
    last_label: str
    left: str
    right: str
    bottom: str
    axis_label_x: str
    axis_label_top_y: str
    date_label_y: str

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


def format_figure(value: Decimal) -> str:
    """74.1000 -> '74,1', 2000.0000 -> '2 000', 0.125 -> '0,125': the decimals the figure has, at most four."""
    exponent = value.normalize().as_tuple().exponent
    decimals = min(-exponent, 4) if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, decimals)


def line_chart(
    series: Sequence[tuple[dt.date, Decimal]], *, baseline: Decimal | None = None, target: Decimal | None = None
) -> Chart | None:
    """Points in time order, with the baseline and the target as horizontal lines; None without data."""
    if not series:
        return None
    ordered = sorted(series)
    values = [v for _day, v in ordered] + [v for v in (baseline, target) if v is not None]
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    # A little air above and below, so a baseline or target line never hides in an axis.
    margin = (high - low) * Decimal("0.08")
    low, high = low - margin, high + margin
    first, last = ordered[0][0], ordered[-1][0]
    span_days = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM

    def x_of(day: dt.date) -> float:
        if len(ordered) == 1:
            return PAD_LEFT + plot_w / 2
        return PAD_LEFT + plot_w * (day - first).days / span_days

    def y_of(value: Decimal) -> float:
        return PAD_TOP + plot_h * float((high - value) / (high - low))

    return Chart(
        width=str(WIDTH),
        height=str(HEIGHT),
        points=[
            ChartPoint(_coord(x_of(d)), _coord(y_of(v)), f"{d.isoformat()}: {format_figure(v)}") for d, v in ordered
        ],
        # Translators: the baseline line of an indicator's chart; %(value)s is a figure, e.g. "2 000".
        baseline=ChartLine(_coord(y_of(baseline)), _("Utgångsvärde %(value)s") % {"value": format_figure(baseline)})
        if baseline is not None
        else None,
        # Translators: the target line of an indicator's chart; %(value)s is a figure, e.g. "1 700".
        target=ChartLine(_coord(y_of(target)), _("Mål %(value)s") % {"value": format_figure(target)})
        if target is not None
        else None,
        y_top=ChartLine(_coord(PAD_TOP), format_figure(high)),
        y_bottom=ChartLine(_coord(PAD_TOP + plot_h), format_figure(low)),
        first_label=first.isoformat(),
        last_label=last.isoformat(),
        left=_coord(PAD_LEFT),
        right=_coord(WIDTH - PAD_RIGHT),
        bottom=_coord(PAD_TOP + plot_h),
        axis_label_x=_coord(PAD_LEFT - 4),
        axis_label_top_y=_coord(PAD_TOP + 4),
        date_label_y=_coord(HEIGHT - 8),
    )
