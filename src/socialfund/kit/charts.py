"""Small server-made SVG charts. Each chart is shown with its data table, so no figure is only in the picture.

Costs are drawn below the zero line and savings above it: the meaning is in the
position and the legend's words, not in the colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from socialfund.core.formatting import format_number


@dataclass(frozen=True)
class Bar:
    label: str
    up: float  # drawn above the axis (savings)
    down: float  # drawn below the axis (costs)


def costs_and_savings_svg(bars: Sequence[Bar], *, title: str, up_name: str, down_name: str) -> str:
    """A bar chart with one pair of bars per year; returns SVG markup (escaped, safe to mark safe)."""
    width, height, pad = 640, 260, 44
    if not bars:
        return ""
    top = max(max(b.up for b in bars), 1.0)
    bottom = max(max(b.down for b in bars), 1.0)
    scale = (height - 2 * pad) / (top + bottom)
    axis_y = pad + top * scale
    slot = (width - 2 * pad) / len(bars)
    bar_w = max(slot * 0.35, 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title" class="chart">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<line x1="{pad}" y1="{axis_y:.1f}" x2="{width - pad}" y2="{axis_y:.1f}" class="chart-axis"/>',
    ]
    for i, bar in enumerate(bars):
        x = pad + i * slot + slot * 0.1
        up_h, down_h = bar.up * scale, bar.down * scale
        parts.append(
            f'<rect x="{x:.1f}" y="{axis_y - up_h:.1f}" width="{bar_w:.1f}" height="{up_h:.1f}" class="chart-up">'
            f"<title>{escape(bar.label)}: {escape(up_name)} {format_number(bar.up)} kr</title></rect>"
        )
        parts.append(
            f'<rect x="{x + bar_w:.1f}" y="{axis_y:.1f}" width="{bar_w:.1f}" height="{down_h:.1f}" class="chart-down">'
            f"<title>{escape(bar.label)}: {escape(down_name)} {format_number(bar.down)} kr</title></rect>"
        )
        parts.append(
            f'<text x="{x + bar_w:.1f}" y="{height - 8}" text-anchor="middle" class="chart-label">{escape(bar.label)}</text>'
        )
    parts.append(
        f'<text x="{pad}" y="16" class="chart-legend">▲ {escape(up_name)} (ovanför linjen)   '
        f"▼ {escape(down_name)} (under linjen)</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
