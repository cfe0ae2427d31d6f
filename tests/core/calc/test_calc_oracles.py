"""Published numbers the engine must reproduce (reference/socioeconomics.md §2 and §6), and the seed's
"Sänka korttidsfrånvaron" worked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialfund.core.calc import GREEN_BOOK, constant_rate, evaluate, load_calculation_file, parse_calculation

REPO = Path(__file__).resolve().parents[3]
KORTTIDSFRANVARON = REPO / "examples" / "calculations" / "sanka-korttidsfranvaron.yaml"


def test_numpy_financial_npv_example_first_value_undiscounted():
    """npf.npv(0.08, [-40000, 5000, 8000, 12000, 30000]) = 3065.22267: values[0] at t = 0, not discounted."""
    calc = parse_calculation(
        {
            "title": "numpy-financial npv",
            "start_year": 2020,
            "horizon": 5,
            "discount_rate": 0.08,
            "costs": [{"label": "Investering", "payer": "fund", "amounts": {2020: 40000}}],
            "effects": [
                {
                    "label": "Inbetalningar",
                    "beneficiary": "SN",
                    "sector": "municipal",
                    "cashable": True,
                    "unit_value": 1,
                    "quantity": {2021: 5000, 2022: 8000, 2023: 12000, 2024: 30000},
                }
            ],
        }
    )
    totals = evaluate(calc).totals
    assert totals.npv == pytest.approx(3065.22267, abs=1e-5)
    assert totals.npv_municipal == pytest.approx(3065.22267, abs=1e-5)


@pytest.mark.parametrize("t", [0, 1, 5, 10, 20, 30])
def test_green_book_first_thirty_years_are_three_and_a_half_percent(t):
    assert GREEN_BOOK.factors(301)[t] == pytest.approx(1 / 1.035**t, rel=1e-12)


def test_green_book_kinks_at_31_and_76():
    """greenbook tests: DF31 = DF30 / 1.030; DF75 = 1 / (1.035^30 × 1.030^45); DF76 = DF75 / 1.025."""
    df = GREEN_BOOK.factors(301)
    assert df[31] == pytest.approx(df[30] / 1.030, rel=1e-12)
    assert df[75] == pytest.approx(1 / (1.035**30 * 1.030**45), rel=1e-12)
    assert df[76] == pytest.approx(df[75] / 1.025, rel=1e-12)
    assert df[126] == pytest.approx(df[125] / 1.020, rel=1e-12)
    assert df[201] == pytest.approx(df[200] / 1.015, rel=1e-12)
    assert df[301 - 1] == pytest.approx(df[299] / 1.015, rel=1e-12)


@pytest.mark.parametrize(
    ("t", "printed"),
    [(1, 0.9662), (5, 0.8420), (10, 0.7089), (20, 0.5026), (30, 0.3563), (31, 0.3459), (75, 0.0942), (76, 0.0919)],
)
def test_green_book_factors_match_the_reference_table(t, printed):
    """The four-decimal table in socioeconomics.md §2."""
    assert round(float(GREEN_BOOK.factors(100)[t]), 4) == printed


def test_constant_rate_factors_are_the_closed_form():
    assert list(constant_rate(0.035).factors(3)) == [1.0, 1 / 1.035, 1 / 1.035**2]


def test_sroi_example_ratio():
    """60 × 8 500, deadweight 40 %, attribution 30 %, drop-off 30 %, 3.5 %, inputs 250 000 → 1.43628.

    Year 1 (t = 0) 60 × 8 500 × 0.6 × 0.7 = 214 200; year 2 = 214 200 × 0.7 / 1.035 = 144 869.57.
    """
    calc = parse_calculation(
        {
            "title": "SROI",
            "start_year": 2020,
            "horizon": 2,
            "discount_rate": 0.035,
            "costs": [{"label": "Insatser", "payer": "fund", "amounts": {2020: 250000}}],
            "effects": [
                {
                    "label": "Utfall",
                    "beneficiary": "Deltagare",
                    "sector": "individual",
                    "unit_value": 8500,
                    "quantity": 60,
                    "first_year": 2020,
                    "duration": 2,
                    "drop_off": 0.3,
                    "deadweight": 0.4,
                    "attribution": 0.3,
                }
            ],
        }
    )
    result = evaluate(calc)
    assert [row.benefits for row in result.per_year] == pytest.approx([214200.0, 149940.0])
    assert result.totals.pv_benefits == pytest.approx(214200 + 144869.57, abs=0.01)
    assert result.totals.benefit_cost_ratio == pytest.approx(1.43628, abs=5e-6)
    assert result.totals.pv_benefits_municipal == 0.0  # the beneficiaries are individuals


@pytest.fixture(scope="module")
def korttidsfranvaron():
    return evaluate(load_calculation_file(KORTTIDSFRANVARON))


class TestSankaKorttidsfranvaron:
    """The seed's "Sänka korttidsfrånvaron": −20 % short absence = 27 137 more teacher hours a year.

    By hand (examples/calculations/sanka-korttidsfranvaron.yaml):
    - each of the two effect lines (half the hours each) is worth per year
      13 568.5 h × 250 kr × (1 − 0.25) × (1 − 0) × (1 − 0.20) = 13 568.5 × 150 = 2 035 275 kr,
      in 2016, 2017 and 2018 (t = 1, 2, 3);
    - DF(1) = 1/1.035 = 0.966184, DF(2) = 0.933511, DF(3) = 0.901943; sum 2.801637;
    - PV of one line = 2 035 275 × 2.801637 = 5 702 101.71 kr; both lines 11 404 203.41 kr;
    - PV of costs = 1 000 000 + 500 000 / 1.035 = 1 483 091.79 kr;
    - npv_municipal = 11 404 203.41 − 1 483 091.79 = 9 921 111.63 kr; ratio 7.6895;
    - cumulative discounted (cashable − costs): 2015: −1 000 000; 2016: −1 000 000 +
      (2 035 275 − 500 000) / 1.035 = +483 357.49 → payback year 2016;
    - amount due 1 500 000 kr; the first allowed year is 2015 + 2 = 2017, when UN saves
      2 035 275 kr: the whole amount is repaid by UN in 2017.
    """

    def test_yearly_values(self, korttidsfranvaron):
        result = korttidsfranvaron
        assert [row.benefits_municipal_cashable for row in result.per_year] == pytest.approx(
            [0, 2_035_275, 2_035_275, 2_035_275, 0]
        )
        assert [row.benefits for row in result.per_year] == pytest.approx([0, 4_070_550, 4_070_550, 4_070_550, 0])
        assert [row.costs for row in result.per_year] == [1_000_000, 500_000, 0, 0, 0]

    def test_present_values(self, korttidsfranvaron):
        result = korttidsfranvaron
        totals = result.totals
        assert totals.pv_benefits_municipal_cashable == pytest.approx(5_702_101.71, abs=0.01)
        assert totals.pv_benefits_municipal == pytest.approx(11_404_203.41, abs=0.01)
        assert totals.pv_costs == pytest.approx(1_483_091.79, abs=0.01)
        assert totals.npv_municipal == pytest.approx(9_921_111.63, abs=0.01)
        assert totals.benefit_cost_ratio == pytest.approx(7.6895, abs=1e-4)

    def test_payback_year(self, korttidsfranvaron):
        result = korttidsfranvaron
        assert result.per_year[1].cumulative_discounted_net_municipal_cashable == pytest.approx(483_357.49, abs=0.01)
        assert result.totals.payback_year == 2016

    def test_repayment_by_un_in_2017(self, korttidsfranvaron):
        result = korttidsfranvaron
        repayment = result.repayment
        assert repayment.amount_due == 1_500_000
        assert repayment.plan == {2017: {"UN": 1_500_000}}
        assert (repayment.start_year, repayment.end_year, repayment.fully_repaid) == (2017, 2017, True)
        assert repayment.violations == []
