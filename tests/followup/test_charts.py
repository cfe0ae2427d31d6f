"""The indicator chart's geometry: time on x, value on y (up is higher), the baseline and target as lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from socialfund.followup.charts import format_figure, line_chart


def test_points_baseline_and_target():
    chart = line_chart(
        [(dt.date(2017, 12, 31), Decimal(1850)), (dt.date(2016, 12, 31), Decimal(2000))],
        baseline=Decimal(2000),
        target=Decimal(1700),
    )
    assert chart is not None
    first, last = chart.points
    assert (first.label, last.label) == ("2016-12-31: 2\xa0000", "2017-12-31: 1\xa0850")
    assert float(first.x) < float(last.x) and float(first.y) < float(last.y)  # 2 000 is higher up than 1 850
    assert chart.baseline.y == first.y and chart.target.label == "Mål 1\xa0700"
    assert float(chart.y_top.y) < float(chart.baseline.y) < float(chart.target.y) < float(chart.bottom)
    assert "," not in chart.polyline.replace(" ", "").replace(",", "", len(chart.points))


def test_no_data_no_chart_and_a_single_point_in_the_middle():
    assert line_chart([]) is None
    chart = line_chart([(dt.date(2023, 12, 31), Decimal("74.1"))])
    assert chart is not None and chart.points[0].x == "182.0"


def test_figures_keep_the_decimals_they_have():
    assert [format_figure(Decimal(v)) for v in ("74.1000", "2000.0000", "0.1250", "-3")] == [
        "74,1",
        "2\xa0000",
        "0,125",
        "\u22123",
    ]
