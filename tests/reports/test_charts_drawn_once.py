"""A chart is drawn once for its figures (issue 22: drawing was most of the Word report's time): the same chart
asked for again, by the report in PDF and Word or by the same year asked for again, is the kept picture; a
chart whose figures changed is drawn anew."""

from __future__ import annotations

from socialfund.documents import charts
from socialfund.documents.model import Chart, Series


def _chart(last: float) -> Chart:
    return Chart(
        title="Fondens flöden",
        x_title="År",
        x_labels=("2015", "2016", "2017"),
        series=(Series("Utbetalt", (100_000.0, 250_000.0, last)), Series("Återfört", (0.0, 50_000.0, None))),
    )


def test_the_same_chart_is_drawn_once_per_format_and_changed_figures_are_drawn_anew(monkeypatch):
    charts.chart_png.cache_clear()
    charts.chart_svg.cache_clear()
    drawn: list[Chart] = []
    figure = charts._figure

    def drawing(chart):
        drawn.append(chart)
        return figure(chart)

    monkeypatch.setattr(charts, "_figure", drawing)
    png = charts.chart_png(_chart(300_000.0))
    assert charts.chart_png(_chart(300_000.0)) == png and png.startswith(b"\x89PNG")
    svg = charts.chart_svg(_chart(300_000.0))
    assert charts.chart_svg(_chart(300_000.0)) == svg and b"<svg" in svg
    assert len(drawn) == 2  # once as the Word report's picture, once as the PDF's vector drawing
    changed = charts.chart_png(_chart(310_000.0))
    assert len(drawn) == 3 and changed != png
