"""The repo's own *Mobilt team skola* example reaches kommunstyrelsen despite its repayment shortfall, and KS
grants it with a recorded exception, or refuses it, as KS decides (DOMAIN.md rule 8)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.urls import reverse

from socialfund.audit.models import AuditEvent
from socialfund.cases import services
from socialfund.cases.errors import CaseStateError, CaseValidationError
from socialfund.cases.models import Initiative, RepaymentException
from socialfund.cases.repayment_exceptions import repayment_departure
from socialfund.cases.screening import screening_for
from socialfund.organisation.models import Board, DecisionBody
from tests.cases.conftest import give_every_opinion, walk_to_preparation

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# Who and where come from the case's own rows, not from the file.
CASE_KEYS = {"title", "stage", "submitted", "applicant", "lead_board", "partners", "anchoring", "assessments"}


def mobilt_team_content() -> dict[str, Any]:
    """examples/initiatives/mobilt-team-skola.yaml as a case's content, its calculation file inlined."""
    document = yaml.safe_load((EXAMPLES / "initiatives" / "mobilt-team-skola.yaml").read_text(encoding="utf-8"))
    content = {key: value for key, value in document.items() if key not in CASE_KEYS}
    calculation = EXAMPLES / "initiatives" / document["calculation"]
    content["calculation"] = yaml.safe_load(calculation.read_text(encoding="utf-8"))
    content["funding"]["requested"] = {str(year): amount for year, amount in content["funding"]["requested"].items()}
    return content


def at_kommunstyrelsen(users, fund) -> Initiative:
    """The example walks: anchored, prepared (the shortfall assessed, an exception proposed), approved, opinions."""
    draft = services.initiative_create(
        fund=fund,
        user=users["handlaggare"],
        title="Mobilt team skola",
        stage="idea",
        partner_boards=[Board.objects.get(code="SN"), Board.objects.get(code="KFN")],
        content=mobilt_team_content(),
    )
    initiative = walk_to_preparation(draft, users)
    repayment = screening_for(initiative).finding("repayment")
    assert repayment is not None and repayment.status == "assess"
    assert repayment.departures == ("repayment_incomplete",)
    with pytest.raises(CaseStateError, match="repayment"):
        services.preparation_complete(initiative=initiative, user=users["beredning"], memo="Förslag: bevilja.")
    services.assessment_record(
        initiative=initiative,
        user=users["beredning"],
        rule_id="repayment",
        verdict="warn",
        note="Effekterna på placeringar kan visas; 458 263 kr återstår 2024. Föreslår undantag.",
    )
    services.preparation_complete(
        initiative=initiative, user=users["beredning"], memo="Föreslår att KS beviljar med undantag från återföringen."
    )
    initiative.refresh_from_db()
    assert initiative.stage == "director_approval"
    services.director_approve(initiative=initiative, user=users["stadsdirektor"])
    give_every_opinion(initiative, users, dt.date(2015, 3, 2))
    services.opinions_complete(initiative=initiative, user=users["yttrande"])
    initiative.refresh_from_db()
    assert initiative.stage == "decision"
    return initiative


def decide(initiative, users, **kwargs):
    base = {
        "initiative": initiative,
        "user": users["registrator"],
        "body": DecisionBody.objects.get(code="KS"),
        "decided_on": dt.date(2015, 4, 13),
        "paragraph": "§ 88",
        "text": "Kommunstyrelsen beslutar.",
    }
    return services.decision_register(**{**base, **kwargs})


GRANT = {"outcome": "granted", "amounts": {2015: Decimal(1800000), 2016: Decimal(1800000), 2017: Decimal(1800000)}}


def test_mobilt_team_is_granted_with_a_recorded_exception(users, fund):
    initiative = at_kommunstyrelsen(users, fund)
    with pytest.raises(CaseValidationError, match="kräver ett beslutat undantag") as refused:
        decide(initiative, users, **GRANT)
    assert refused.value.field == "exception_reason"
    assert not RepaymentException.objects.exists()

    reason = "Särskilda omständigheter: effekterna för barnen kommer långt efter insatsen."
    decision = decide(initiative, users, exception_reason=reason, **GRANT)
    exception = decision.repayment_exception
    assert exception.limits == ["repayment_incomplete"]
    assert exception.reason == reason
    assert "458\u00a0263\u00a0kr återstår" in exception.finding
    assert (exception.decision.body.code, exception.decision.decided_on, exception.decision.paragraph) == (
        "KS",
        dt.date(2015, 4, 13),
        "§ 88",
    )
    event = AuditEvent.objects.get(initiative=initiative, action="repayment_exception_record")
    assert event.actor == users["registrator"]
    assert "KS 2015-04-13 § 88: undantag från återföringskravet" in event.message and reason in event.message
    initiative.refresh_from_db()
    assert initiative.status == "granted"


def test_mobilt_team_is_refused_without_an_exception(users, fund):
    initiative = at_kommunstyrelsen(users, fund)
    with pytest.raises(CaseValidationError, match="Ett avslag beviljar inget undantag"):
        decide(initiative, users, outcome="rejected", exception_reason="Särskilda omständigheter.")
    decide(initiative, users, outcome="rejected")
    initiative.refresh_from_db()
    assert initiative.status == "rejected"
    assert not RepaymentException.objects.exists()


def test_a_case_that_keeps_the_limits_takes_no_exception(users, fund, draft):
    initiative = walk_to_preparation(draft, users)
    assert repayment_departure(initiative) is None


def test_the_ledger_and_the_april_report_show_the_exception(users, fund, login):
    from socialfund.documents.model import Paragraph, Table
    from socialfund.reports.april import april_document
    from socialfund.reports.april_data import gather

    initiative = at_kommunstyrelsen(users, fund)
    reason = "Särskilda omständigheter: effekterna kommer långt efter insatsen."
    decide(initiative, users, exception_reason=reason, **GRANT)

    page = login("ekonomi").get(reverse("ledger:project", args=[fund.slug, initiative.pk])).content.decode()
    assert "Undantag från återföringskravet" in page
    assert "Hela beloppet återförs i tid ur besparingarna" in page and reason in page
    assert "Kommunstyrelsen 2015-04-13 § 88" in page

    document = april_document(gather(fund, 2015, prepared_on=dt.date(2016, 4, 15), projection_runs=20))
    paragraphs = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert "1 projekt har beviljats med undantag från återföringskravet (särskilda omständigheter)." in paragraphs
    exceptions = next(b for b in document.blocks if isinstance(b, Table) and b.caption.startswith("Beviljade med"))
    assert exceptions.rows == (
        ("Mobilt team skola", "KS 2015-04-13 § 88", "Hela beloppet återförs i tid ur besparingarna", reason),
    )
    key_figures = next(b for b in document.blocks if isinstance(b, Table) and b.caption.startswith("Nyckeltal"))
    assert ("varav med undantag från återföringskravet", 1, None) in key_figures.rows


def test_a_reason_without_a_departure_is_refused(users, fund, draft):
    initiative = walk_to_preparation(draft, users)
    services.preparation_complete(initiative=initiative, user=users["beredning"], memo="Uppfyller riktlinjerna.")
    services.director_approve(initiative=initiative, user=users["stadsdirektor"])
    give_every_opinion(initiative, users, dt.date(2016, 4, 5))
    services.opinions_complete(initiative=initiative, user=users["yttrande"])
    with pytest.raises(CaseValidationError, match="inget undantag behövs"):
        decide(initiative, users, outcome="granted", amounts={2016: Decimal(600000)}, exception_reason="Skäl.")
