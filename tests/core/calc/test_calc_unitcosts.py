"""The shipped unit-cost library: every figure from reference/socioeconomics.md §4, each with its source."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialfund.core.calc import CalculationInputError, load_unit_costs
from socialfund.core.calc.unitcosts import CONFIDENCE_LEVELS

DATA = Path(__file__).parent / "data"


def test_shipped_library_loads_with_sources():
    library = load_unit_costs()
    assert len(library) >= 25
    for cost in library.values():
        assert cost.source and cost.label_sv and cost.unit and cost.bearer
        assert cost.confidence in CONFIDENCE_LEVELS
        assert cost.value > 0


@pytest.mark.parametrize(
    ("cost_id", "value", "price_year"),
    [
        ("helsingborg_vardygn_ungdom_2015", 3201, 2015),
        ("helsingborg_institution_barn_dygn_2014", 3001, 2014),
        ("sis_vardavgift_lvu_lasbar_2020", 5400, 2020),
        ("ekonomiskt_bistand_hushall_riket_2020", 60225, 2020),
        ("bbic_utredning_2015", 30561, 2015),
        ("introduktionsprogram_plats_ar_2018", 111148, 2018),
        ("norrkoping_konsulentstott_familjehem_dygn_2016", 2052, 2016),
        ("institution_barn_dygn_hogst", 8400, None),
    ],
)
def test_figures_match_the_reference_table(cost_id, value, price_year):
    cost = load_unit_costs()[cost_id]
    assert (cost.value, cost.price_year) == (value, price_year)


def test_a_library_of_ones_own():
    library = load_unit_costs(DATA / "enhetskostnader.csv")
    assert list(library) == ["testdygn"]
    assert library["testdygn"].value == 2000


def test_bad_rows_are_reported_by_row_and_column():
    with pytest.raises(CalculationInputError) as caught:
        load_unit_costs(DATA / "trasiga-enhetskostnader.csv")
    assert caught.value.errors == [
        ("trasiga-enhetskostnader.csv:rad 2.value", "måste vara ett tal (punkt som decimaltecken)"),
        ("trasiga-enhetskostnader.csv:rad 2.price_year", "måste vara ett årtal eller tomt"),
        ("trasiga-enhetskostnader.csv:rad 2.confidence", "måste vara en av high, medium, low"),
        ("trasiga-enhetskostnader.csv:rad 3.id", "saknas"),
    ]


def test_missing_library_file(tmp_path):
    with pytest.raises(CalculationInputError, match="kan inte läsas"):
        load_unit_costs(tmp_path / "saknas.csv")
