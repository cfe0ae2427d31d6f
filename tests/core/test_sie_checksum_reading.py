"""What `#KSUMMA` covers, record by record (issue 20).

The SIE 4B specification (SIE-gruppen, utgåva 4B 2008-09-30, section "Kontrollsummering") could not be read
here: only its table of contents was found. These cases pin our reading, which agrees with how independent
SIE readers describe the rule: CRC-32 (zlib's) over each record's label and field contents, without the
spaces between fields, the quotation marks around a field, the braces of an object list or line ends; an
escaped quotation mark inside a field counts as the character itself. No official example file with a
checksum was found to test against, so the agreement with the specification itself is not verified.
"""

from __future__ import annotations

from socialfund.core import sie


def test_a_quoted_field_counts_its_content_and_an_escaped_quote_as_a_quote():
    record = ("#KONTO", ("1915", sie.Quoted('Kassa "special"')))
    assert sie.render(record) == '#KONTO 1915 "Kassa \\"special\\""'
    assert sie.checksum_text(record) == '#KONTO1915Kassa "special"'


def test_an_object_list_counts_dimension_and_object_without_braces_or_quotes():
    record = ("#TRANS", ("7010", (("1", "456"),), "13200.00"))
    assert sie.render(record) == '#TRANS 7010 {1 "456"} 13200.00'
    assert sie.checksum_text(record) == "#TRANS7010145613200.00"
