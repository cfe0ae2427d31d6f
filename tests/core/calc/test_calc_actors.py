"""Results per actor over 1 year, 5 years and the whole period, and typical cases (typfall) as effect lines."""

from __future__ import annotations

import pytest

from socialfund.commands.calc import main as calc_main
from socialfund.core.calc import CalculationInputError, evaluate, parse_calculation, result_to_dict
from socialfund.core.calc.actors import horizon_lengths
from tests.core.calc.builders import cost, document, effect


def by_key(result):
    return {actor.key: actor for actor in result.actors}


def nets(actor):
    return [round(h.net, 6) for h in actor.horizons]


def test_horizons_are_1_5_and_the_whole_period_cut_to_it():
    assert horizon_lengths(10) == (1, 5, 10)
    assert horizon_lengths(5) == (1, 5)
    assert horizon_lengths(3) == (1, 3)
    assert horizon_lengths(1) == (1,)


def test_each_actor_gets_the_costs_it_pays_and_the_effects_it_receives():
    # No discounting, so every figure is a plain sum a reader can check.
    doc = document(
        discount_rate=0.0,
        horizon=8,
        costs=[
            cost(amounts={2015: 600_000, 2016: 100_000}),  # the fund: the municipality
            cost(label="Vårdcentralens tid", payer="Region Sörmland", sector="region", amounts={2015: 50_000}),
        ],
        effects=[
            effect(quantity={2016: 100, 2020: 100}),  # SN: 1 000 kr/unit → 100 000 each year
            effect(beneficiary="Försäkringskassan", sector="state", unit_value=200_000, quantity={2017: 1}),
            effect(beneficiary="Arbetsförmedlingen", sector="state", unit_value=30_000, quantity={2022: 1}),
            effect(beneficiary="Deltagaren", sector="individual", unit_value=10_000, quantity={2015: 1, 2016: 1}),
            effect(beneficiary="Region Sörmland", sector="region", unit_value=80_000, quantity={2018: 1}),
        ],
    )
    actors = by_key(evaluate(parse_calculation(doc)))
    assert list(actors) == [
        "municipal",
        "region",
        "state",
        "Försäkringskassan",
        "Arbetsförmedlingen",
        "individual",
        "society",
    ]
    assert [h.years for h in actors["municipal"].horizons] == [1, 5, 8]
    assert nets(actors["municipal"]) == [-600_000, -600_000, -500_000]
    assert nets(actors["region"]) == [-50_000, 30_000, 30_000]
    assert nets(actors["state"]) == [0, 200_000, 230_000]
    assert nets(actors["Försäkringskassan"]) == [0, 200_000, 200_000]
    assert nets(actors["Arbetsförmedlingen"]) == [0, 0, 30_000]
    assert actors["Arbetsförmedlingen"].part_of == "state"
    assert nets(actors["individual"]) == [10_000, 20_000, 20_000]
    assert nets(actors["society"]) == [-640_000, -350_000, -220_000]
    assert actors["society"].label == "Samhället totalt"
    assert actors["municipal"].horizons[1].costs == 700_000 and actors["municipal"].horizons[1].benefits == 100_000


def test_discounted_and_the_whole_period_equals_the_totals():
    result = evaluate(parse_calculation(document()))
    actors = by_key(result)
    assert actors["society"].horizons[-1].net == pytest.approx(result.totals.npv)
    # All costs are the municipality's here, so its whole-period net is the municipal NPV.
    assert actors["municipal"].horizons[-1].net == pytest.approx(result.totals.npv_municipal)
    assert actors["municipal"].horizons[0].net == -1_000_000  # year 1 is not discounted
    assert actors["municipal"].horizons[1].benefits == pytest.approx(500_000 / 1.035**2 + 500_000 / 1.035**3)


def typical(**overrides):
    doc = document(
        discount_rate=0.0,
        target_group=40,
        effects=None,
        typical_cases=[
            {
                "name": "Anna, 15 år",
                "share": 0.1,
                "first_year": 2016,
                "avoids": [
                    {
                        "label": "Placeringsdygn",
                        "beneficiary": "SN",
                        "sector": "municipal",
                        "cashable": True,
                        "unit_value": 3000,
                        "per_year": 60,
                        "years": 3,
                        "deadweight": 0.25,
                    }
                ],
            },
            {
                "name": "Bo",
                "share": 0.25,
                "first_year": 2017,
                "avoids": [
                    {
                        "label": "Sjukpenning",
                        "beneficiary": "Försäkringskassan",
                        "sector": "state",
                        "unit_value": 100_000,
                        "per_year": 0.5,
                        "years": 2,
                        "drop_off": 0.5,
                    }
                ],
            },
        ],
    )
    doc.update(overrides)
    return doc


def test_typical_cases_become_effect_lines_shown_as_such():
    calc = parse_calculation(typical())
    anna, bo = calc.effects
    assert anna.label == "Placeringsdygn (från typfall ”Anna, 15 år”)"
    assert anna.typical_case == "Anna, 15 år"
    assert dict(anna.quantity) == {2016: 240.0, 2017: 240.0, 2018: 240.0}  # 40 × 10 % × 60 days
    assert dict(bo.quantity) == {2017: 5.0, 2018: 2.5}  # 40 × 25 % × 0,5, falling by half
    result = evaluate(calc)
    assert [row.benefits for row in result.per_year[:4]] == [0, 540_000, 1_040_000, 790_000]
    assert nets(by_key(result)["state"]) == [0, 750_000, 750_000]  # 2017–2018, inside five years
    data = result_to_dict(result)
    assert data["sensitivity"][0]["label"] == "Placeringsdygn (från typfall ”Anna, 15 år”)"


def test_typical_case_errors_are_reported_under_the_keys_written():
    doc = typical(target_group=0)
    doc["typical_cases"][0]["share"] = 0.9
    doc["typical_cases"][1]["avoids"][0]["years"] = 20
    doc["typical_cases"][1]["avoids"][0]["per_year"] = -1
    with pytest.raises(CalculationInputError) as caught:
        parse_calculation(doc)
    assert dict(caught.value.errors) == {
        "target_group": "måste vara mellan 1 och 10000000",
        "typical_cases[1].avoids[0].per_year": "får inte vara negativt",
        "typical_cases": "andelarna av målgruppen summerar till 115\u00a0%, mer än 100 %",
    }
    doc = typical()
    doc["typical_cases"][1]["avoids"][0]["years"] = 20
    del doc["target_group"]
    with pytest.raises(CalculationInputError) as caught:
        parse_calculation(doc)
    assert dict(caught.value.errors) == {"target_group": "saknas (antalet personer i målgruppen; krävs med typfall)"}
    doc["target_group"] = 40
    with pytest.raises(CalculationInputError) as caught:
        parse_calculation(doc)
    assert caught.value.errors == [
        ("typical_cases[1].avoids[0].years", "effekten varar till 2036, efter kalkylperiodens sista år 2024")
    ]


def test_cli_shows_actors_and_horizons(tmp_path, capsys):
    import yaml

    path = tmp_path / "typfall.yaml"
    path.write_text(yaml.safe_dump(typical(), allow_unicode=True), encoding="utf-8")
    assert calc_main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "Per aktör (nuvärde, nyttor − kostnader)" in out
    assert "Hela perioden (10 år)" in out
    assert "Placeringsdygn (från typfall ”Anna, 15 år”)" in out
    assert calc_main([str(path), "--json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    society = data["actors"][-1]
    assert society["label"] == "Samhället totalt"
    assert [h["years"] for h in society["horizons"]] == [1, 5, 10]
    assert society["horizons"][-1]["net"] == pytest.approx(data["totals"]["npv"])
