"""Issue 19: a real Word table of contents, sheet names cut between words."""

from __future__ import annotations

import io

from socialfund.documents.model import Contents, Document, Heading, Paragraph
from socialfund.documents.spreadsheet import sheet_name
from socialfund.documents.word import render_docx


def test_sheet_names_are_shortened_between_words_not_mid_word():
    taken: set[str] = set()
    name = sheet_name("Projektens medel och återföring per 2015-12-31", taken)
    assert name == "Projektens medel och återföring"
    again = sheet_name("Projektens medel och återföring per 2015-12-31", taken)
    assert again == "Projektens medel och (2)" and len(again) <= 31


def test_word_contents_is_a_list_of_linked_entries_not_one_placeholder_line():
    import docx

    document = Document(
        title="Test",
        blocks=(
            Contents(),
            Heading("Sammanfattning"),
            Paragraph("Text."),
            Heading("Initiativ"),
            Heading("Återkallade", 2),
        ),
    )
    word = docx.Document(io.BytesIO(render_docx(document)))
    entries = [(p.style.name, p.text) for p in word.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    assert entries == [("TOC 1", "Sammanfattning"), ("TOC 1", "Initiativ"), ("TOC 2", "Återkallade")]
    xml = word.element.xml
    assert xml.count("<w:hyperlink") == 3 and xml.count("<w:bookmarkStart") == 3
    assert 'fldCharType="begin"' in xml and "TOC \\o" in xml
