"""The calculation spreadsheet's template: sheet names, the general sheet's rows, the line sheets' columns.

Shared by the writer (`workbook_out`) and the reader (`workbook_in`), so that a file
downloaded, checked or edited in Excel, and uploaded again is read by the same layout.
Every heading is Swedish; the reader finds columns by their heading, not position,
so an economist may add columns of their own to the right.
"""

from __future__ import annotations

from typing import Final

GENERAL: Final = "Ramar"
COSTS: Final = "Kostnader"
EFFECTS: Final = "Effekter"
RESULTS: Final = "Resultat"
KPI_SHEET: Final = "KPI"
REPAYMENT: Final = "Återföring"
TYPICAL: Final = "Typfall"

# The general sheet: (row, document key, Swedish label), the value in column B.
GENERAL_ROWS: Final = (
    (1, "title", "Rubrik"),
    (2, "description", "Beskrivning"),
    (3, "start_year", "Startår"),
    (4, "horizon", "Kalkylperiod (antal år)"),
    (5, "discount_rate", "Diskonteringsränta (t.ex. 0,035)"),
    (6, "discount_schedule", "Diskonteringsschema (green_book, eller steg som 1: 0,035; 31: 0,03)"),
    (7, "price_year", "Prisår (tomt: startåret)"),
    (8, "target_group", "Antal personer i målgruppen (för typfall)"),
    (9, "boards", "Nämndernas namn (kod = namn; t.ex. SN = Socialnämnden; UN = Utbildningsnämnden)"),
)
RATE_CELL: Final = f"'{GENERAL}'!$B$5"

# Line sheets: (document key, heading). Years follow as their own columns, headed by the year.
COST_COLUMNS: Final = (
    ("label", "Benämning"),
    ("payer", "Betalas av"),
    ("sector", "Sektor"),
    ("optimism_bias", "Optimismpåslag (andel)"),
    ("price_year", "Prisår"),
    ("kpi_factor", "KPI-faktor (räknas)"),
    ("uncertainty.low", "Osäkerhet lägst"),
    ("uncertainty.high", "Osäkerhet högst"),
    ("note", "Anteckning"),
)
EFFECT_COLUMNS: Final = (
    ("label", "Benämning"),
    ("beneficiary", "Mottagare"),
    ("sector", "Sektor"),
    ("cashable", "Minskar budgeten (ja/nej)"),
    ("unit_value", "Värde per enhet"),
    ("unit_cost", "Enhetskostnad (id i biblioteket)"),
    ("price_year", "Prisår"),
    ("kpi_factor", "KPI-faktor (räknas)"),
    ("deadweight", "Dödvikt (andel)"),
    ("displacement", "Undanträngning (andel)"),
    ("attribution", "Attribution (andel)"),
    ("value_counted", "Räknat värde per enhet (räknas)"),
    ("quantity", "Antal per år (när det avtar)"),
    ("first_year", "Första år"),
    ("duration", "Antal år"),
    ("drop_off", "Avtagande per år (andel)"),
    ("uncertainty.low", "Osäkerhet lägst"),
    ("uncertainty.high", "Osäkerhet högst"),
    ("note", "Anteckning"),
)
TYPICAL_COLUMNS: Final = (
    ("case.name", "Typfall"),
    ("case.share", "Andel av målgruppen"),
    ("case.first_year", "Första år"),
    ("case.note", "Anteckning om typfallet"),
    ("label", "Undviker"),
    ("beneficiary", "Mottagare"),
    ("sector", "Sektor"),
    ("cashable", "Minskar budgeten (ja/nej)"),
    ("unit_value", "Värde per enhet"),
    ("unit_cost", "Enhetskostnad (id i biblioteket)"),
    ("price_year", "Prisår"),
    ("per_year", "Antal per person och år"),
    ("years", "Antal år"),
    ("drop_off", "Avtagande per år (andel)"),
    ("deadweight", "Dödvikt (andel)"),
    ("displacement", "Undanträngning (andel)"),
    ("attribution", "Attribution (andel)"),
    ("uncertainty.low", "Osäkerhet lägst"),
    ("uncertainty.high", "Osäkerhet högst"),
    ("note", "Anteckning"),
)
COMPUTED: Final = frozenset({"kpi_factor", "value_counted"})
COUNTED_SUFFIX: Final = " räknat"  # the heading of a year's counted value: "2016 räknat"

SECTOR_WORDS: Final = {
    "municipal": "kommunen",
    "region": "regionen",
    "state": "staten",
    "individual": "individen",
    "other": "övriga",
}
YES, NO = "ja", "nej"
FUND_WORD: Final = "Fonden"
