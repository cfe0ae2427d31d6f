"""The projection's chart, made on the server as SVG: P10–P90 bands and the P50 line per scenario.

The page shows the same numbers in a table; the chart adds nothing the table lacks. The
scenarios differ by line style (solid, dashed) as well as by colour, and the zero line
(where the fund runs dry) is labelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from socialfund.core.formatting import format_number
from socialfund.core.projection import ProjectionResult

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 92, 16, 16, 40
STYLES = (("#1d5fa8", ""), ("#a8461d", "6 4"))


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    first_year: int
    last_year: int

    def x(self, year: int) -> float:
        span = max(self.last_year - self.first_year, 1)
        return LEFT + (year - self.first_year) / span * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return TOP + (self.high - value) / span * (HEIGHT - TOP - BOTTOM)


def band_chart(scenarios: Sequence[tuple[str, ProjectionResult]], *, title: str, chart_id: str) -> str:
    """SVG markup; every text in it is escaped."""
    values = [v for _, r in scenarios for v in (*r.p10, *r.p90)] + [0.0]
    years = scenarios[0][1].years
    scale = Scale(min(values), max(values), years[0], years[-1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-table">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        *axes(scale),
    ]
    for (name, result), (colour, dash) in zip(scenarios, STYLES, strict=False):
        upper = " ".join(f"{scale.x(y):.1f},{scale.y(v):.1f}" for y, v in zip(result.years, result.p90, strict=True))
        lower = " ".join(
            f"{scale.x(y):.1f},{scale.y(v):.1f}" for y, v in reversed(list(zip(result.years, result.p10, strict=True)))
        )
        median = " ".join(f"{scale.x(y):.1f},{scale.y(v):.1f}" for y, v in zip(result.years, result.p50, strict=True))
        parts.append(f'<polygon points="{upper} {lower}" fill="{colour}" fill-opacity="0.15" stroke="none"/>')
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<polyline points="{median}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}>')
        parts.append(f"<title>{escape(name)}: P50</title></polyline>")
    parts.append("</svg>")
    return "".join(parts)


def axes(scale: Scale) -> list[str]:
    zero = scale.y(0.0)
    out = [
        f'<line x1="{LEFT}" y1="{zero:.1f}" x2="{WIDTH - RIGHT}" y2="{zero:.1f}" stroke="#222" stroke-width="1.5"/>',
        f'<text x="{LEFT - 6}" y="{zero + 4:.1f}" text-anchor="end" font-size="12">0 kr</text>',
    ]
    for value in (scale.high, scale.low):
        if abs(value) > 0:
            out.append(
                f'<text x="{LEFT - 6}" y="{scale.y(value) + 4:.1f}" text-anchor="end" font-size="12">'
                f"{escape(format_number(value / 1_000_000, 0))} mnkr</text>"
            )
    step = max(1, (scale.last_year - scale.first_year) // 6)
    for year in range(scale.first_year, scale.last_year + 1, step):
        out.append(f'<text x="{scale.x(year):.1f}" y="{HEIGHT - 14}" text-anchor="middle" font-size="12">{year}</text>')
    return out
