"""Issue 19: the seed's record read off the documents the demo generates.

The counts come from the seed (KS 14-87): the first-year evaluation (8 initiatives to 2014-02-28, 4 in
discussion, 4 withdrawn or closed; both internal initiatives withdrawn with the repayment demand as a main
reason and the evaluation as a reason), the PM 2015-11-04 (5 interests since 2014: 2 in 2014, 3 in 2015;
one formal application, at kommunstyrelsen) and the remissammanställning 2015-05-08 (eleven answers, the
table boards × answer kind). The test reads them off the rendered documents and fails on any difference.
Then it scans every generated document's text for the demo's notes, codes and invented figures.
"""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest

from socialfund.cases.codes import ApplicantType, WithdrawalReason
from socialfund.cases.models import Initiative
from socialfund.consultations.document import compilation_document
from socialfund.consultations.models import Consultation
from socialfund.consultations.selectors import compilation_for
from socialfund.documents.html import render_html
from socialfund.documents.model import Document
from socialfund.funds.models import Fund
from socialfund.reports.april import april_document
from socialfund.reports.april_annex import april_annex_document
from socialfund.reports.april_data import gather, report_date
from socialfund.reports.memo import MemoOptions, memo_document

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 7)


def _html(document: Document) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_html(document))


def _table(tree: lxml.html.HtmlElement, caption: str) -> dict[str, list[str]]:
    """A rendered table by its caption: row header -> the row's other cells, as text."""
    for table in tree.iter("table"):
        found = table.find("caption")
        if found is not None and found.text_content().strip().startswith(caption):
            rows = {}
            for row in table.iter("tr"):
                cells = [c.text_content().strip() for c in row if c.tag in ("td", "th")]
                if cells and row.getparent().tag != "thead":
                    rows[cells[0]] = cells[1:]
            return rows
    raise AssertionError(f"no table {caption!r}")


def _report(year: int) -> lxml.html.HtmlElement:
    fund = Fund.objects.get(slug="sodertalje")
    return _html(april_document(gather(fund, year, prepared_on=report_date(year, TODAY), projection_runs=50)))


def _figure(tree: lxml.html.HtmlElement, label: str) -> int:
    return int(_table(tree, "Nyckeltal")[label][0])


def test_the_april_reports_carry_the_seeds_counts(demo):
    first = _report(2013)  # dated 2014-04-30: the first-year evaluation's summary
    assert _figure(first, "Initiativ sedan fonden inrättades") == 8
    assert _figure(first, "Pågående initiativ") == 4
    outcomes = _table(first, "Initiativ efter utfall")
    closed = sum(int(outcomes[k][0]) for k in outcomes if k not in ("Pågående", "Summa"))
    assert (outcomes["Pågående"], closed, outcomes["Summa"]) == (["4"], 4, ["8"])
    reasons = _table(first, "Skäl till återkallelse")
    assert reasons["Risk att inte kunna återföra medlen"] == ["2"]  # both internal initiatives
    assert reasons["Kraven på uppföljning och utvärdering"] == ["2"]

    second = _report(2014)
    assert _figure(second, "Initiativ som kommit in under året") == 2  # ACT again, and OPUS
    third = _report(2015)
    assert _figure(third, "Initiativ som kommit in under året") == 3  # Ung i Telge, Familjecentraler, Projekt 100
    per_year = _table(third, "Initiativ per år")
    assert int(per_year["2014"][0]) + int(per_year["2015"][0]) == 5  # "5 intresseanmälningar" since 2014
    assert _table(third, "Pågående initiativ efter steg")["Beslut i kommunstyrelsen"] == ["1"]  # one application
    withdrawn = _table(third, "Återkallade av initiativtagaren")
    assert withdrawn["Mobilt team skola"][1] == "Utbildningsnämnden"  # board names, not codes
    assert _table(third, "Regler som avvisade")  # the refusals' rules are aggregated


def test_the_compilation_carries_the_seeds_eleven_answers(demo):
    consultation = Consultation.objects.get()
    tree = _html(compilation_document(consultation, compilation_for(consultation), on=dt.date(2015, 5, 8)))
    table = _table(tree, "Remissvaren i tabellform")
    header = [c.text_content().strip() for c in next(tree.iter("table")).iter("th")][1:12]
    assert header == ["ALN", "Enh", "KFN", "MN", "OMS", "SBN", "SN", "TN", "UN", "VM", "ÄON"]

    def marked(row: str) -> list[str]:
        return [code for code, cell in zip(header, table[row], strict=True) if cell == "X"]

    assert marked("Biträder förvaltningens utvärdering") == ["ALN", "Enh", "KFN", "MN", "SBN", "TN", "UN", "VM"]
    assert marked("Biträder utvärderingen med avvikande tillägg") == ["OMS", "SN", "ÄON"]
    assert marked("Reservationer, särskilda yttranden") == ["KFN", "OMS", "SN", "TN", "UN", "ÄON"]
    text = tree.text_content()
    assert "Elva remissvar (ALN" in text and "efter sista svarsdag 2015-03-31" in text  # lateness flagged
    assert "Vad remissen gäller" in text and "Nuvarande lydelse: I sådana fall" in text  # what was consulted on
    assert "Föreslagen lydelse: Den nämnd som ska ansvara" in text
    additions = _table(tree, "Tillägg per remissinstans")
    assert additions["OMS"][1].startswith("Att slopa kravet på återbetalning är inte förenligt med konstruktionen")
    assert "Telges styrelser" not in _after(text, "Har inte svarat")  # the seed does not say Telge did not answer
    captions = [c.text_content() for c in tree.iter("caption")]
    headings = [h.text_content() for h in tree.iter("h3")]
    assert not set(captions) & set(headings)  # no "Tillägg / Tillägg"
    x_table = next(t for t in tree.iter("table") if t.find("caption").text_content() == "Remissvaren i tabellform")
    assert "keep-together" in x_table.get("class")  # the X-table is not split across pages


def _after(text: str, heading: str) -> str:
    return text.split(heading, 1)[1]


def _all_documents() -> list[tuple[str, str]]:
    fund = Fund.objects.get(slug="sodertalje")
    documents: list[tuple[str, Document]] = []
    for year in (2013, 2014, 2015, 2016):
        data = gather(fund, year, prepared_on=report_date(year, TODAY), projection_runs=50)
        documents += [(f"uppföljning {year}", april_document(data)), (f"bilaga {year}", april_annex_document(data))]
    consultation = Consultation.objects.get()
    documents.append(
        ("remissammanställning", compilation_document(consultation, compilation_for(consultation), on=TODAY))
    )
    family_centres = Initiative.objects.get(title="Familjecentraler")
    documents.append(("tjänsteskrivelse", memo_document(family_centres, MemoOptions(date=dt.date(2015, 10, 26)))))
    return [(name, _html(document).text_content()) for name, document in documents]


def test_no_demo_note_code_or_invented_figure_appears_in_any_generated_document(demo):
    cases = list(Initiative.objects.all())
    notes = {sentence.strip() for case in cases for sentence in case.demo_note.split(".") if len(sentence) > 20}
    codes = set(WithdrawalReason.values) | {t for t in ApplicantType.values if len(t) > 6}
    codes |= {rule for case in cases for rule in case.failed_rules}
    invented = ["900 000", "1 800 000", "Södertörns högskola", "SN § 31", "Familjecentraler – en kartläggning"]
    for name, text in _all_documents():
        for note in notes:
            assert note not in text, f"{name}: demo note {note!r}"
        for code in codes:
            assert f" {code} " not in f" {text} " and f" {code}," not in text, f"{name}: code {code!r}"
        for figure in invented:
            assert figure not in text.replace("\xa0", " "), f"{name}: invented {figure!r}"
        assert "demons antaganden" not in text and "Inkomstdatum ungefärligt" not in text, name
