"""Prices in one level: values in another year's prices converted with KPI, and the conversion reported."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from socialfund.commands.kpi import main as kpi_main
from socialfund.core.calc import CalculationInputError, evaluate, parse_calculation, result_to_dict
from socialfund.core.calc.kpi_file import parse_scb_csv
from socialfund.core.calc.prices import load_price_index, parse_price_index
from socialfund.core.calc.text import format_text
from tests.core.calc.builders import cost, document, effect

# Round figures, so that every converted value can be checked by hand: 2010 → 2015 is × 1.1.
INDEX = parse_price_index("year,kpi,status\n2010,300,\n2014,320,\n2015,330,\n2016,333,osäker\n")


def parsed(**overrides):
    return parse_calculation(document(**overrides), price_index=INDEX)


def test_the_shipped_index_holds_scbs_yearly_averages_with_their_source():
    index = load_price_index()
    assert index.values[2010] == Decimal("302.47")
    assert index.values[2015] == Decimal("313.35")
    assert index.factor(2010, 2015) == Decimal("313.35") / Decimal("302.47")
    assert set(range(2000, 2025)) <= set(index.values)
    assert "SCB, KPI, fastställda tal, årsmedeltal (1980=100)" in index.note
    assert {2021, 2022, 2023, 2024} == set(index.uncertain)  # the years entered without a check, marked


def test_an_effects_unit_value_in_another_years_prices_is_converted_and_reported():
    calc = parsed(effects=[effect(unit_value=1000, price_year=2010, quantity={2016: 10})])
    assert calc.price_year == 2015
    assert calc.effects[0].unit_value == pytest.approx(1100.0, abs=1e-9)
    (conversion,) = calc.price_conversions
    assert (conversion.kind, conversion.index, conversion.from_year, conversion.to_year) == ("effect", 0, 2010, 2015)
    assert conversion.factor == pytest.approx(1.1)
    assert (conversion.before, conversion.after) == (1000.0, pytest.approx(1100.0))
    result = evaluate(calc)
    assert result.per_year[1].benefits == pytest.approx(11_000.0)
    assert result_to_dict(result)["price_conversions"] == [
        {
            "kind": "effect",
            "index": 0,
            "label": "Effekt",
            "from_year": 2010,
            "to_year": 2015,
            "factor": pytest.approx(1.1),
            "before": 1000.0,
            "after": pytest.approx(1100.0),
        }
    ]
    assert (
        "Effekt 1 (Effekt): värde per enhet 1\u00a0000\u00a0kr i 2010 års priser → 1\u00a0100\u00a0kr i 2015 års "
        "priser, faktor 1,1000 (KPI 2015 / KPI 2010)"
    ) in format_text(result)


def test_a_cost_lines_amounts_are_converted_to_the_ore():
    calc = parsed(costs=[cost(amounts={2015: 100_000, 2016: 333}, price_year=2014)])
    # 100 000 × 330/320 = 103 125; 333 × 330/320 = 343.40625 → 343.41
    assert dict(calc.costs[0].amounts) == {2015: Decimal("103125.00"), 2016: Decimal("343.41")}
    (conversion,) = calc.price_conversions
    assert (conversion.kind, conversion.before, conversion.after) == ("cost", 100_333.0, 103_468.41)


def test_a_library_unit_cost_is_converted_from_its_own_price_year():
    line = effect(unit_cost="introduktionsprogram_plats_ar_2018", quantity={2016: 1})
    del line["unit_value"]
    calc = parse_calculation(document(effects=[line]))  # the shipped index
    index = load_price_index()
    expected = float(Decimal("111148") * index.values[2015] / index.values[2018])
    assert calc.effects[0].unit_value == pytest.approx(expected, rel=1e-12)
    assert round(expected) == 106_054
    assert calc.price_conversions[0].from_year == 2018
    assert evaluate(calc).warnings == []  # converted, no longer a warning to re-price by hand


def test_a_unit_cost_without_a_price_year_is_named_in_swedish_and_left_alone():
    line = effect(unit_cost="institution_barn_dygn_lagst", quantity={2016: 1})
    del line["unit_value"]
    result = evaluate(parse_calculation(document(effects=[line])))
    assert result.calculation.price_conversions == ()
    assert result.warnings == [
        "Effekt 1 (Effekt): enhetskostnaden ”Institutionsvård för barn och unga, lägsta kostnad i spannet mellan "
        "kommuner” saknar prisår och har inte räknats om; kontrollera prisnivån."
    ]


def test_an_explicit_price_year_is_the_level_and_values_in_it_stay():
    calc = parsed(price_year=2010, effects=[effect(unit_value=1000, price_year=2010)], costs=[cost(price_year=2015)])
    assert calc.price_year == 2010
    assert calc.effects[0].unit_value == 1000
    assert calc.costs[0].amounts[2015] == Decimal("90909.09")  # 100 000 × 300/330


def test_a_start_year_after_the_last_kpi_year_counts_in_the_last_years_prices_and_says_so():
    calc = parsed(
        start_year=2017, effects=[effect(price_year=2010, quantity={2018: 1})], costs=[cost(amounts={2017: 1})]
    )
    assert calc.price_year == 2016
    assert calc.effects[0].unit_value == pytest.approx(1110.0)
    assert calc.price_notes[0].startswith("Startåret 2017 har ännu inget fastställt KPI; kalkylen räknas i 2016 års")
    assert any("KPI för 2016 är inte kontrollerat mot SCB" in note for note in calc.price_notes)


def test_a_year_missing_from_the_index_is_an_error_at_the_field():
    with pytest.raises(CalculationInputError) as caught:
        parsed(effects=[effect(price_year=1999)], costs=[cost(price_year=2012)])
    assert caught.value.errors == [
        (
            "costs[0].price_year",
            "KPI för 2012 saknas (indexet har åren 2010–2016); uppdatera KPI med kommandot socialfund kpi uppdatera",
        ),
        (
            "effects[0].price_year",
            "KPI för 1999 saknas (indexet har åren 2010–2016); uppdatera KPI med kommandot socialfund kpi uppdatera",
        ),
    ]


def test_price_year_with_a_library_unit_cost_is_refused():
    line = effect(unit_cost="bbic_utredning_2015", price_year=2010)
    del line["unit_value"]
    with pytest.raises(CalculationInputError) as caught:
        parsed(effects=[line])
    assert caught.value.errors[0][0] == "effects[0].price_year"


def test_scb_csv_long_and_wide_forms():
    long = '"Konsumentprisindex (KPI)"\n"år";"KPI, fastställda tal"\n"1980";"100,0"\n"2015";"313,35"\n'
    assert parse_scb_csv(long) == {1980: Decimal("100.0"), 2015: Decimal("313.35")}
    wide = '"tabellinnehåll","1980","2014","2015"\n"KPI, fastställda tal",100,313.49,313.35\n'
    assert parse_scb_csv(wide) == {1980: Decimal(100), 2014: Decimal("313.49"), 2015: Decimal("313.35")}
    with pytest.raises(CalculationInputError):
        parse_scb_csv('"år";"KPI"\n"1980";"113,2"\n')  # another base year


def test_kpi_update_command_writes_a_file_the_engine_reads(tmp_path, capsys):
    source = tmp_path / "scb.csv"
    source.write_text('"år";"KPI"\n"2010";"302,47"\n"2015";"313,35"\n', encoding="utf-8")
    target = tmp_path / "kpi.csv"
    assert kpi_main(["uppdatera", str(source), "--till", str(target)]) == 0
    assert "KPI uppdaterat: 2 år (2010–2015)" in capsys.readouterr().out
    index = load_price_index(target)
    assert index.values == {2010: Decimal("302.47"), 2015: Decimal("313.35")}
    assert index.uncertain == frozenset()
    assert "SCB, KPI, fastställda tal, årsmedeltal (1980=100)" in index.note
    bad = tmp_path / "bad.csv"
    bad.write_text("inget här\n", encoding="utf-8")
    assert kpi_main(["uppdatera", str(bad), "--till", str(target)]) == 2
    assert "inga år med KPI-värden" in capsys.readouterr().err
    assert load_price_index(target).values == index.values  # nothing overwritten


def test_json_says_the_price_year(tmp_path):
    data = result_to_dict(evaluate(parsed()))
    assert json.loads(json.dumps(data))["price_year"] == 2015
    assert data["price_conversions"] == []
