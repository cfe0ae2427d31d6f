"""Charts drawn with matplotlib: SVG for the PDF, PNG for Word. Axis figures in Swedish formats.

Series are told apart by marker and line style as well as colour, so that a chart read
in greyscale (or by someone who does not see the colours) still says which is which.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from socialfund.core.formatting import format_number
from socialfund.documents.model import Chart

COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0")
MARKERS = ("o", "s", "^", "D", "v")
LINE_STYLES = ("-", "--", "-.", ":", "-")
HATCHES = ("", "//", "..", "\\\\", "--")
MAX_X_LABELS = 10


def _figure(chart: Chart) -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure = Figure(figsize=(7.0, 3.2), dpi=100)
    axes = figure.add_subplot()
    positions = list(range(len(chart.x_labels)))
    if chart.kind == "bar":
        _bars(axes, chart, positions)
    else:
        _lines(axes, chart, positions)
    step = max(1, -(-len(positions) // MAX_X_LABELS))  # every label up to ten, then every other…
    axes.set_xticks(positions[::step], labels=list(chart.x_labels)[::step])
    axes.set_xlabel(chart.x_title)
    unit = " kr" if chart.value_kind == "sek" else ""
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{format_number(float(value))}{unit}"))
    if not any(value for series in chart.series for value in series.values):
        # Nothing but zeros (or no values): matplotlib would spread ±0.05 over five ticks, each '0 kr'.
        axes.set_ylim(-1, 1)
        axes.set_yticks([0])
    else:
        axes.yaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))  # no '0 kr' twice for 0.2 and 0.4
    axes.axhline(0, color="#333333", linewidth=0.8)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="best", fontsize=8, frameon=False)
    figure.tight_layout()
    return figure


def _bars(axes: Any, chart: Chart, positions: list[int]) -> None:
    count = max(len(chart.series), 1)
    width = 0.8 / count
    for index, series in enumerate(chart.series):
        offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
        values = [v or 0.0 for v in series.values]
        axes.bar(
            offsets,
            values,
            width,
            label=series.name,
            color=COLOURS[index % len(COLOURS)],
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor="white",
        )


def _lines(axes: Any, chart: Chart, positions: list[int]) -> None:
    for index, series in enumerate(chart.series):
        points = [(p, v) for p, v in zip(positions, series.values, strict=True) if v is not None]
        axes.plot(
            [p for p, _ in points],
            [v for _, v in points],
            label=series.name,
            color=COLOURS[index % len(COLOURS)],
            marker=MARKERS[index % len(MARKERS)],
            linestyle=LINE_STYLES[index % len(LINE_STYLES)],
            markersize=3,
        )


# Each chart is drawn once for its data and kept: a chart is a frozen value (its title, labels and figures), so the
# same chart asked for again (the report in PDF and then in Word, the annex beside it, the same year asked for
# again while nothing has changed) is the same picture. Drawing was most of the Word report's time (issue 22).
# A few dozen pictures of a few tens of kB each; a chart whose figures change is a new key and is drawn anew.
CHARTS_KEPT = 64


@lru_cache(maxsize=CHARTS_KEPT)
def chart_svg(chart: Chart) -> bytes:
    """The chart as SVG, its text kept as text (so a PDF reader can select and search it)."""
    import matplotlib

    figure = _figure(chart)
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "socialfund"}):
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


@lru_cache(maxsize=CHARTS_KEPT)
def chart_png(chart: Chart, *, dpi: int = 150) -> bytes:
    out = io.BytesIO()
    # The fastest zlib level: a chart's flat colours pack almost as small, and the default level was a third
    # of the charts' time in the Word report (issue 22). The picture is the same, pixel for pixel.
    _figure(chart).savefig(out, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return out.getvalue()
