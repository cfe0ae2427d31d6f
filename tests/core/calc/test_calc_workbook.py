"""The calculation as a spreadsheet: live formulas that LibreOffice recalculates to the engine's figures,
and a workbook read back into the same calculation document."""

from __future__ import annotations

import copy
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from socialfund.core.calc import CalculationInputError, evaluate, parse_calculation
from socialfund.core.calc.loading import parse_yaml_text
from socialfund.core.calc.workbook_in import read_calculation_workbook
from socialfund.core.calc.workbook_out import TOTAL_ROWS, calculation_workbook
from tests.core.calc.builders import cost, document, effect
from tests.core.calc.test_calc_actors import typical

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((REPO / "examples" / "calculations").glob("*.yaml"))
NAMES = {"SN": "Socialnämnden", "UN": "Utbildningsnämnden"}

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None and os.environ.get("CI") != "true",
    reason="LibreOffice saknas (apt-get install libreoffice-calc-nogui)",
)


def examples():
    return {path.name: parse_yaml_text(path.read_text(encoding="utf-8")) for path in EXAMPLES}


def other_documents():
    """What the examples lack: typical cases, a stepped discount schedule, prices of other years, a plan."""
    stepped = document(
        discount_rate=None,
        discount_schedule=[{"from": 1, "rate": 0.04}, {"from": 4, "rate": 0.02}],
        horizon=8,
        price_year=2014,
        costs=[cost(amounts={2015: 400_000, 2016: 123_456.78}, optimism_bias=0.15, price_year=2016)],
        effects=[
            effect(quantity={2016: 40, 2018: 55.5}, deadweight=0.2, displacement=0.1, attribution=0.05),
            effect(
                label='=HYPERLINK("http://example.invalid")',
                beneficiary="Försäkringskassan",
                sector="state",
                cashable=False,
                unit_value=2500,
                price_year=2010,
                quantity=12,
                first_year=2017,
                duration=4,
                drop_off=0.25,
                uncertainty={"low": 0.5, "high": 1.5},
            ),
        ],
        repayment={"schedule": {2017: {"SN": 200_000}, 2018: {"SN": 200_000, "UN": 3}}},
    )
    return {
        "typfall": typical(discount_rate=0.035),
        "trappa-och-prisår": stepped,
        "green-book": document(discount_rate=None, discount_schedule="green_book"),
    }


def all_documents():
    return examples() | other_documents()


@pytest.mark.parametrize("name", sorted(all_documents()))
def test_a_workbook_reads_back_into_the_same_document(name):
    doc = all_documents()[name]
    calc = parse_calculation(doc)
    data = calculation_workbook(doc, calc, names=NAMES)
    assert read_calculation_workbook(data, names=NAMES) == doc
    assert parse_calculation(read_calculation_workbook(data, names=NAMES)) == calc


def test_text_is_stored_as_text_and_codes_as_swedish_words():
    doc = other_documents()["trappa-och-prisår"]
    book = load_workbook(io.BytesIO(calculation_workbook(doc, parse_calculation(doc), names=NAMES)))
    effects = book["Effekter"]
    assert effects["A3"].data_type == "s" and effects["A3"].value.startswith("=HYPERLINK")
    assert [effects["B2"].value, effects["C2"].value, effects["D2"].value] == ["Socialnämnden", "kommunen", "ja"]
    assert book["Kostnader"]["B2"].value == "Fonden"
    assert book["Återföring"]["B2"].value == "Socialnämnden"
    assert str(book["Resultat"]["D3"].value).startswith("=")  # discount factors are formulas


def test_unreadable_cells_are_named_by_sheet_row_and_heading():
    doc = examples()["sanka-korttidsfranvaron.yaml"]
    book = load_workbook(io.BytesIO(calculation_workbook(doc, parse_calculation(doc))))
    book["Effekter"]["I2"] = "en fjärdedel"  # deadweight as words
    book["Effekter"]["C3"] = "kommun"
    book["Kostnader"]["J2"] = "mycket"  # the 2015 amount
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(CalculationInputError) as caught:
        read_calculation_workbook(out.getvalue())
    assert caught.value.errors == [
        ("Kostnader, rad 2, 2015", "måste vara ett tal"),
        ("Effekter, rad 2, Dödvikt (andel)", "måste vara ett tal"),
        ("Effekter, rad 3, Sektor", "skriv en av kommunen, regionen, staten, individen, övriga"),
    ]
    with pytest.raises(CalculationInputError, match="ingen Excel-fil"):
        read_calculation_workbook(b"not a workbook")


@needs_soffice
def test_libreoffice_recalculates_the_formulas_to_the_engines_figures(tmp_path):
    """Every example, typical cases, a stepped schedule and converted prices: each year and total to the krona."""
    documents = all_documents()
    sources = []
    for name, doc in documents.items():
        path = tmp_path / "in" / f"{Path(name).stem}.xlsx"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(calculation_workbook(copy.deepcopy(doc), parse_calculation(doc), names=NAMES))
        sources.append(str(path))
    out = tmp_path / "out"
    subprocess.run(
        [
            SOFFICE or "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for name, doc in documents.items():
        result = evaluate(parse_calculation(doc))
        sheet = load_workbook(out / f"{Path(name).stem}.xlsx", data_only=True)["Resultat"]
        horizon = result.calculation.horizon
        for t, row in enumerate(result.per_year):
            cells = [sheet.cell(row=2 + t, column=c).value for c in (1, 4, 5, 6, 8)]
            assert cells[0] == row.year
            assert cells[1] == pytest.approx(row.discount_factor, rel=1e-9), (name, row.year)
            assert cells[2] == pytest.approx(row.costs, abs=0.5), (name, row.year)
            assert cells[3] == pytest.approx(row.benefits, abs=0.5), (name, row.year)
            assert cells[4] == pytest.approx(row.benefits_municipal_cashable, abs=0.5), (name, row.year)
        for key, offset in TOTAL_ROWS.items():
            value = sheet.cell(row=horizon + 3 + offset, column=2).value
            assert value == pytest.approx(getattr(result.totals, key), abs=0.5), (name, key)
        cumulative = sheet.cell(row=horizon + 1, column=11).value
        assert cumulative == pytest.approx(result.totals.npv, abs=0.5), name


def test_typical_cases_written_in_the_empty_typfall_sheet_are_read():
    """The Typfall sheet is always there, so an official can describe typical cases in Excel and upload them."""
    doc = examples()["sanka-korttidsfranvaron.yaml"]
    book = load_workbook(io.BytesIO(calculation_workbook(doc, parse_calculation(doc))))
    sheet = book["Typfall"]
    headings = {cell.value: cell.column for cell in sheet[1]}
    row = {
        "Typfall": "Lärare som annars blir långtidssjuk",
        "Andel av målgruppen": 0.1,
        "Första år": 2016,
        "Undviker": "Vikariekostnad",
        "Mottagare": "UN",
        "Sektor": "kommunen",
        "Minskar budgeten (ja/nej)": "ja",
        "Värde per enhet": 250,
        "Antal per person och år": 40,
        "Antal år": 2,
    }
    for heading, value in row.items():
        sheet.cell(row=2, column=headings[heading], value=value)
    book["Ramar"]["B8"] = 30
    out = io.BytesIO()
    book.save(out)
    read = read_calculation_workbook(out.getvalue())
    assert read["target_group"] == 30
    assert read["typical_cases"] == [
        {
            "name": "Lärare som annars blir långtidssjuk",
            "share": 0.1,
            "first_year": 2016,
            "avoids": [
                {
                    "label": "Vikariekostnad",
                    "beneficiary": "UN",
                    "sector": "municipal",
                    "cashable": True,
                    "unit_value": 250,
                    "per_year": 40,
                    "years": 2,
                }
            ],
        }
    ]
    line = parse_calculation(read).effects[-1]
    assert dict(line.quantity) == {2016: 120.0, 2017: 120.0}  # 30 × 10 % × 40
