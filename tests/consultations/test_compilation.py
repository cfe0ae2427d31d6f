"""The demo's consultation compiles to the seed's remissammanställning, cell by cell."""

from __future__ import annotations

import datetime as dt

import pytest

from socialfund.accounts.models import User
from socialfund.consultations.compilation import Signatory, signatories_text
from socialfund.consultations.models import Consultation
from socialfund.consultations.selectors import compilation_for, consultation_detail

# The seed's "Remissvaren i tabellform" (remissammanställning 2015-05-08), transcribed as it stands.
SEED_TABLE = """
	ALN	Enh	KFN	MN	OMS	SBN	SN	TN	UN	VM	ÄON
Biträder förvaltningens utvärdering	X	X	X	X		X		X	X	X	
Biträder utvärderingen med avvikande tillägg					X		X				X
Reservationer, särskilda yttranden			X		X		X	X	X		X
"""


def seed_table() -> list[tuple[str, ...]]:
    return [tuple(line.split("\t")) for line in SEED_TABLE.strip("\n").splitlines()]


@pytest.fixture
def compilation(demo):
    consultation = Consultation.objects.get(decided_on="2014-12-02")
    admin = User.objects.get(username="admin")
    return compilation_for(consultation_detail(user=admin, pk=consultation.pk))


def test_the_table_equals_the_seeds_cell_by_cell(compilation):
    generated = [compilation.header, *compilation.rows]
    expected = seed_table()
    assert len(generated) == len(expected)
    for generated_row, expected_row in zip(generated, expected, strict=True):
        assert list(generated_row) == list(expected_row)


def test_the_identical_additions_of_oms_sn_and_aon_are_summarised_together(compilation):
    assert [code for code, _, _ in compilation.additions] == ["OMS", "SN", "ÄON"]
    assert any(
        line.startswith("Tre remissinstanser (OMS, SN och ÄON) beslutade om identiska tillägg")
        and "Slopa kravet om återbetalning, se över upphandling kring externa aktörer, tillsätt en politisk "
        "referensgrupp."
        in line
        for line in compilation.summary
    )
    assert compilation.summary[0] == "Samtliga remissinstanser som svarat på remissen biträder förslaget."


def test_reservations_and_statements_by_party_and_person(compilation):
    reservations = [(code, s.text) for code, s in compilation.reservations]
    assert reservations[0] == (
        "KFN",
        "Birgitta Rolander (C) och Ida Lagerqvist (FP) reserverar sig mot nämndens beslut att inte bifalla "
        "Birgitta Rolanders tilläggsyrkande. Tilläggsyrkandet:",
    )
    assert reservations[1] == ("SN", "Martin Ahlman (KD) reserverar sig till protokollet.")
    assert [code for code, _ in compilation.separate_statements] == [
        "KFN",
        "OMS",
        "OMS",
        "TN",
        "UN",
        "UN",
        "UN",
        "ÄON",
        "ÄON",
    ]
    assert any(
        line.startswith("I OMS, UN och ÄON: KD – Fondens konstruktion ska göras om.") for line in compilation.summary
    )


def test_telge_is_not_listed_as_not_answered_for_the_seed_does_not_say(compilation):
    # The seed sends the evaluation to Telge's boards and says nothing of their answers (issue 19).
    assert compilation.not_answered == ()


def test_a_recipient_without_a_registered_answer_is_listed_as_not_answered():
    from socialfund.consultations.compilation import RecipientData, compile_answers

    labels = {"supports": "Biträder", "supports_with_additions": "Med tillägg", "statements": "Yttranden"}
    result = compile_answers(
        [RecipientData("SN", "Socialnämnden", "supports"), RecipientData("UN", "Utbildningsnämnden", None)], labels
    )
    assert result.not_answered == ("Utbildningsnämnden",)


def test_answers_after_the_deadline_are_flagged_and_the_administrations_answer_goes_with_the_additions(compilation):
    assert len(compilation.late) == 11 and compilation.deadline == dt.date(2015, 3, 31)
    assert any(
        line.startswith("Elva remissvar (ALN, Enh")
        and line.endswith("kom in 2015-05-04, efter sista svarsdag 2015-03-31.")
        for line in compilation.summary
    )
    assert all(
        answer.startswith("Att slopa kravet på återbetalning är inte förenligt")
        for _, _, answer in compilation.additions
    )


def test_people_of_one_party_share_the_party_mark():
    people = (Signatory("Debora Josefsson", "KD"), Signatory("Elisabeth Schellhase", "KD"))
    assert signatories_text(people) == "Debora Josefsson och Elisabeth Schellhase (KD)"
    mixed = (Signatory("Birgitta Rolander", "C"), Signatory("Ida Lagerqvist", "FP"))
    assert signatories_text(mixed) == "Birgitta Rolander (C) och Ida Lagerqvist (FP)"
