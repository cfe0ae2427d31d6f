"""The PM and the tjänsteskrivelse set out each change with its current and proposed wording."""

from __future__ import annotations

import datetime as dt

from socialfund.core.policy import load_policy
from socialfund.documents.model import Heading, Paragraph
from socialfund.documents.pdf import render_pdf
from socialfund.documents.word import render_docx
from socialfund.guidelines.comparison import Versions, example_effects, wording_changes
from socialfund.guidelines.paper import Proposal, pm_document, tjansteskrivelse_document


def _proposal() -> Proposal:
    current, proposed = load_policy("sodertalje-2013"), load_policy("sodertalje-2015")
    return Proposal(
        fund_name="Södertälje kommuns sociala investeringsfond",
        organisation="Södertälje kommun",
        title="Förändringar av riktlinjer för sociala investeringsfonden",
        registry_number="KS 14-87",
        on=dt.date(2015, 11, 4),
        current_name="Riktlinjer 2013 (KF 2013-02-25 § 7)",
        adopting_body="Kommunfullmäktige",
        changes=tuple(wording_changes(current, proposed)),
        effects=tuple(example_effects(current, Versions.of(proposed))),
    )


def test_the_pm_gives_current_and_proposed_wording_of_each_change() -> None:
    proposal = _proposal()
    document = pm_document(proposal)
    texts = [block.text for block in document.blocks if isinstance(block, Paragraph | Heading)]
    assert texts.count("Nuvarande lydelse") == len(proposal.changes) == texts.count("Föreslagen lydelse")
    prep = next(change for change in proposal.changes if change.heading == "Beredning")
    assert prep.current in texts and prep.proposed in texts
    assert render_pdf(document).startswith(b"%PDF")
    assert render_docx(document).startswith(b"PK")


def test_the_tjansteskrivelse_proposes_the_change_to_the_adopting_body() -> None:
    document = tjansteskrivelse_document(_proposal())
    texts = [block.text for block in document.blocks if isinstance(block, Paragraph | Heading)]
    assert "Förvaltningens förslag till kommunfullmäktige" in texts
    assert any(text.startswith("Kommunfullmäktige antar förändringar av riktlinjer") for text in texts)
    assert document.kind == "Tjänsteskrivelse" and document.registry_number == "KS 14-87"
