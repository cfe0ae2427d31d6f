"""Input validation: every error found at once, each with its field path and a Swedish message."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from socialfund.core.calc import (
    GREEN_BOOK,
    CalculationInputError,
    load_calculation_file,
    load_unit_costs,
    parse_calculation,
)

from .builders import cost, document, effect

DATA = Path(__file__).parent / "data"


def errors_of(doc, **kwargs):
    with pytest.raises(CalculationInputError) as caught:
        parse_calculation(doc, **kwargs)
    return dict(caught.value.errors)


def test_valid_document_parses_to_lines():
    calc = parse_calculation(document())
    assert (calc.start_year, calc.end_year, list(calc.years)[:2]) == (2015, 2024, [2015, 2016])
    assert calc.costs[0].amounts == {2015: Decimal(1_000_000)}
    assert calc.effects[0].quantity == {2017: 500.0, 2018: 500.0}
    assert calc.repayment_schedule is None


def test_error_message_names_the_field_and_the_problem():
    doc = document(effects=[effect(), effect(deadweight=1.5)])
    with pytest.raises(CalculationInputError) as caught:
        parse_calculation(doc)
    assert caught.value.errors == [("effects[1].deadweight", "måste vara mellan 0 och 1")]
    assert str(caught.value) == "Effekt 2, dödvikt: måste vara mellan 0 och 1"  # in words: shown to people
    assert isinstance(caught.value, ValueError)


def test_all_errors_are_collected_not_just_the_first():
    doc = document(
        horizon=0,
        costs=[cost(amounts={2015: -5})],
        effects=[effect(attribution=-0.1, displacement="mycket")],
        colour="blå",
    )
    errors = errors_of(doc)
    assert errors == {
        "horizon": "måste vara mellan 1 och 500",
        "costs[0].amounts.2015": "får inte vara negativt",
        "effects[0].attribution": "måste vara mellan 0 och 1",
        "effects[0].displacement": "måste vara ett tal",
        "colour": errors["colour"],
    }
    assert errors["colour"].startswith("okänd nyckel; tillåtna är: title, start_year")
    assert len(str(CalculationInputError(list(errors.items()))).splitlines()) == 5


def test_unknown_keys_in_lines_are_caught():
    errors = errors_of(document(effects=[effect(deadwieght=0.2)], costs=[cost(optimismbias=0.1)]))
    assert set(errors) == {"effects[0].deadwieght", "costs[0].optimismbias"}


def test_missing_required_keys():
    errors = errors_of({"effects": [{"label": "X"}]})
    assert {path for path, message in errors.items() if message == "saknas"} == {
        "title",
        "start_year",
        "horizon",
        "effects[0].beneficiary",
        "effects[0].sector",
        "effects[0].quantity",
    }
    assert errors["discount_rate"] == "ange antingen en diskonteringsränta eller ett diskonteringsschema (inte båda)"
    assert (
        errors["effects[0].unit_value"]
        == "ange antingen ett värde per enhet eller en enhetskostnad ur listan (inte båda)"
    )


def test_years_outside_the_horizon():
    errors = errors_of(
        document(
            costs=[cost(amounts={2014: 1, 2025: 2})],
            effects=[effect(quantity=10, first_year=2022, duration=5)],
            repayment={"schedule": {2030: {"SN": 100}}},
        )
    )
    assert errors == {
        "costs[0].amounts.2014": "år 2014 ligger utanför kalkylperioden 2015–2024",
        "costs[0].amounts.2025": "år 2025 ligger utanför kalkylperioden 2015–2024",
        "effects[0].duration": "effekten varar till 2026, efter kalkylperiodens sista år 2024",
        "repayment.schedule.2030": "år 2030 ligger utanför kalkylperioden 2015–2024",
    }


def test_unknown_unit_cost_id():
    errors = errors_of(document(effects=[effect_without_unit_value(unit_cost="finns_inte")]))
    assert errors == {
        "effects[0].unit_cost": "okänd enhetskostnad ”finns_inte”; välj en ur listan över enhetskostnader"
    }


def effect_without_unit_value(**fields):
    line = effect(**fields)
    del line["unit_value"]
    return line


def test_unit_cost_from_the_shipped_library():
    calc = parse_calculation(document(effects=[effect_without_unit_value(unit_cost="helsingborg_vardygn_ungdom_2015")]))
    assert calc.effects[0].unit_value == 3201  # priced in 2015, the start year: nothing to convert
    assert calc.effects[0].unit_cost is not None and calc.effects[0].unit_cost.price_year == 2015


def test_unit_cost_from_a_given_library():
    library = load_unit_costs(DATA / "enhetskostnader.csv")
    calc = parse_calculation(document(effects=[effect_without_unit_value(unit_cost="testdygn")]), unit_costs=library)
    # 2 000 kr in 2020 prices, moved to the start year's (2015) with KPI: 2 000 × 313,35 / 335,02.
    assert calc.effects[0].unit_value == pytest.approx(2000 * 313.35 / 335.02, rel=1e-12)
    errors = errors_of(
        document(effects=[effect_without_unit_value(unit_cost="bbic_utredning_2015")]), unit_costs=library
    )
    assert list(errors) == ["effects[0].unit_cost"]


def test_unit_value_and_unit_cost_together_is_an_error():
    errors = errors_of(document(effects=[effect(unit_cost="bbic_utredning_2015")]))
    assert list(errors) == ["effects[0].unit_value"]


def test_generated_quantity_with_drop_off():
    calc = parse_calculation(document(effects=[effect(quantity=100, first_year=2016, duration=3, drop_off=0.2)]))
    assert calc.effects[0].quantity == pytest.approx({2016: 100.0, 2017: 80.0, 2018: 64.0})


def test_generated_quantity_needs_first_year_and_duration_and_map_refuses_them():
    errors = errors_of(document(effects=[effect(quantity=100), effect(drop_off=0.1)]))
    assert errors == {
        "effects[0].first_year": "saknas (krävs när antalet är ett enda tal)",
        "effects[0].duration": "saknas (krävs när antalet är ett enda tal)",
        "effects[1].drop_off": "får bara anges när antalet är ett enda tal (inte ett antal per år)",
    }


def test_sector_must_be_known_and_consistent_per_party():
    errors = errors_of(
        document(
            effects=[
                effect(beneficiary="Försäkringskassan", sector="state"),
                effect(beneficiary="Försäkringskassan", sector="municipal"),
                effect(sector="kommun"),
            ]
        )
    )
    assert errors == {
        "effects[1].sector": "Försäkringskassan har redan sektorn stat i Effekt 1",
        "effects[2].sector": "måste vara en av municipal, region, state, individual, other",
    }


def test_the_fund_is_not_a_beneficiary_and_has_no_sector():
    errors = errors_of(document(effects=[effect(beneficiary="fund")], costs=[cost(sector="municipal")]))
    assert set(errors) == {"effects[0].beneficiary", "costs[0].sector"}


def test_uncertainty_range_must_contain_one():
    errors = errors_of(document(effects=[effect(uncertainty={"low": 1.2, "high": 0.8})]))
    assert errors == {
        "effects[0].uncertainty.low": "måste vara mellan 0 och 1",
        "effects[0].uncertainty.high": "måste vara mellan 1 och 100",
    }


def test_optimism_bias_bounds_and_booleans_and_nan():
    errors = errors_of(
        document(costs=[cost(optimism_bias=7)], effects=[effect(cashable="ja", unit_value=float("nan"))])
    )
    assert errors == {
        "costs[0].optimism_bias": "måste vara mellan 0 och 5",
        "effects[0].cashable": "måste vara true eller false",
        "effects[0].unit_value": "måste vara ett ändligt tal",
    }


def test_discount_schedule_by_name_and_custom_steps():
    assert parse_calculation(document(discount_rate=None, discount_schedule="green_book")).discount == GREEN_BOOK
    calc = parse_calculation(
        document(discount_rate=None, discount_schedule=[{"from": 1, "rate": 0.04}, {"from": 4, "rate": 0.02}])
    )
    assert calc.discount.factors(5)[4] == pytest.approx(1 / (1.04**3 * 1.02))
    errors = errors_of(document(discount_rate=None, discount_schedule=[{"from": 2, "rate": 0.04}]))
    assert errors == {"discount_schedule": "första steget måste gälla från år 1"}
    assert list(errors_of(document(discount_schedule="okänd"))) == ["discount_rate"]
    assert list(errors_of(document(discount_rate=None, discount_schedule="okänd"))) == ["discount_schedule"]


def test_repayment_schedule_whole_kronor_and_boards():
    errors = errors_of(document(repayment={"schedule": {2018: {"SN": 100.5, "fund": 10, True: 5}}}))
    assert errors == {
        "repayment.schedule.2018.SN": "måste vara hela kronor",
        "repayment.schedule.2018.fund": "måste vara en nämnd (fonden återför inte till sig själv)",
        "repayment.schedule.2018.True": "nämndkoden lästes som true/false; sätt citattecken runt den",
    }
    calc = parse_calculation(document(repayment={"schedule": {2018: {"SN": 600_000}, "2017": {"SN": 400_000.0}}}))
    assert calc.repayment_schedule == {2017: {"SN": 400_000}, 2018: {"SN": 600_000}}


def test_top_level_must_be_a_mapping():
    with pytest.raises(CalculationInputError) as caught:
        parse_calculation(["inte", "en", "mappning"])  # type: ignore[arg-type]
    assert caught.value.errors == [("<fil>", "måste vara en mappning (nyckel: värde)")]


def test_malformed_yaml_names_the_line():
    with pytest.raises(CalculationInputError) as caught:
        load_calculation_file(DATA / "trasig.yaml")
    [(path, message)] = caught.value.errors
    assert path == "<fil>"
    assert message.startswith("ogiltig YAML på rad 6, kolumn 11:")


def test_duplicate_yaml_key_is_an_error():
    with pytest.raises(CalculationInputError) as caught:
        load_calculation_file(DATA / "dubbel-nyckel.yaml")
    [(path, message)] = caught.value.errors
    assert (path, message) == ("<fil>", "ogiltig YAML på rad 3, kolumn 1: nyckeln 'start_year' förekommer två gånger")


def test_missing_file_and_bad_json(tmp_path):
    with pytest.raises(CalculationInputError, match="finns inte"):
        load_calculation_file(tmp_path / "saknas.yaml")
    broken = tmp_path / "trasig.json"
    broken.write_text('{"title": "x",}', encoding="utf-8")
    with pytest.raises(CalculationInputError, match=r"ogiltig JSON på rad 1, kolumn 15"):
        load_calculation_file(broken)
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("title: Sänka".encode("latin-1"))
    with pytest.raises(CalculationInputError, match="inte UTF-8"):
        load_calculation_file(latin1)


def test_json_file_with_string_year_keys():
    calc = load_calculation_file(DATA / "liten.json")
    assert calc.costs[0].amounts == {2020: Decimal(300_000)}
    assert calc.effects[0].unit_value == pytest.approx(3201 * 335.02 / 313.35, rel=1e-12)  # 2015 prices → 2020
    assert calc.repayment_schedule == {2022: {"SN": 150_000}, 2023: {"SN": 150_000}}


def test_float_amounts_stay_the_decimal_written():
    calc = parse_calculation(document(costs=[cost(amounts={2015: 1200000.1})]))
    assert calc.costs[0].amounts[2015] == Decimal("1200000.1")


def test_a_year_given_twice_as_number_and_text():
    errors = errors_of(
        document(costs=[cost(amounts={2015: 1, "2015": 2})], effects=[effect(quantity={2017: 1, "2017": 2})])
    )
    assert errors == {
        "costs[0].amounts.2015": "året 2015 förekommer två gånger",
        "effects[0].quantity.2017": "året 2017 förekommer två gånger",
    }


def test_absurdly_large_numbers_are_refused():
    errors = errors_of(document(effects=[effect(unit_value=10**400, quantity={2017: 1e16})]))
    assert errors == {
        "effects[0].unit_value": "måste vara ett ändligt tal",
        "effects[0].quantity.2017": "är orimligt stort (högst 10^15)",
    }


def test_yaml_booleans_where_text_belongs(tmp_path):
    path = tmp_path / "on.yaml"
    path.write_text(
        "title: T\nstart_year: 2015\nhorizon: 3\ndiscount_rate: 0\n"
        "costs: [{label: K, payer: ON, amounts: {2015: 1}}]\n",
        encoding="utf-8",
    )
    with pytest.raises(CalculationInputError) as caught:
        load_calculation_file(path)
    assert caught.value.errors == [("costs[0].payer", "lästes som true/false; sätt citattecken runt texten")]


def test_a_unicode_digit_is_no_year_and_no_crash():
    """'²' passes str.isdigit() but int() refuses it: it was a ValueError, now an error at the field."""
    errors = errors_of(document(costs=[cost(amounts={"²": 100, "2015": 5})]))
    assert errors == {"costs[0].amounts.²": "måste vara ett årtal"}
