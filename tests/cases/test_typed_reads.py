"""Every reader of a case's answers goes through the typed application (issue 17): the guided forms'
prefill, the ledger's plan, follow-up, the API's content and the initiative file. Only `cases/content.py`
reads the stored dict; a grep keeps it so, and each reader is checked to give what the typed value says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from socialfund.cases.content import application_of
from socialfund.cases.guided.forms import FORMS
from socialfund.cases.models import Initiative
from socialfund.cases.screening import initiative_as_file

SRC = Path(__file__).resolve().parents[2] / "src" / "socialfund"
RAW_READ = re.compile(r"content or \{\}\)\.get\(|\.content\.get\(|content\[\"[a-z_]+\"\](?!\s*=)")
# Where the stored dict may still be read: the typed reader itself, and the memo, whose goals table shows a
# value with the decimals the applicant typed ("0,20"), which the typed float no longer has.
ALLOWED = {"cases/content.py", "cases/screening.py", "reports/memo.py"}

pytestmark = pytest.mark.django_db


def test_no_module_reads_the_stored_answers_by_key():
    offenders = []
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC).as_posix()
        if relative in ALLOWED or "/migrations/" in relative:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if RAW_READ.search(line) and "response" not in line:
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def _case_with_answers(demo) -> Initiative:
    return Initiative.objects.exclude(content={}).exclude(content__isnull=True).order_by("pk").first()


def test_every_step_form_prefills_from_the_typed_answers(demo):
    initiative = _case_with_answers(demo)
    application = application_of(initiative).application
    for form_class in FORMS.values():
        initial = form_class.initial_for(initiative)
        assert initial["version"] == initiative.version
    goals = FORMS["mal"].initial_for(initiative)["goals"]
    assert goals.count("\n") + 1 == len(application.goals) or not application.goals
    for goal in application.goals:
        assert goal.indicator in goals


def test_the_initiative_file_carries_the_typed_answers(demo):
    initiative = _case_with_answers(demo)
    application = application_of(initiative).application
    data = initiative_as_file(initiative)
    assert [g["indicator"] for g in data.get("goals", [])] == [g.indicator for g in application.goals]
    if application.funding.requested:
        # Money as exact decimal strings, from the typed value.
        assert data["funding"]["requested"] == {str(y): str(a) for y, a in application.funding.requested.items()}


def test_the_screening_and_the_calculator_name_boards_not_codes(demo):
    """The engine's messages in the screening and on the calculator name a board ("Socialnämnden ska ha
    återfört …"), from the organisation's boards; the stored document keeps the codes."""
    from socialfund.cases.guided.calc_grid import run_calculation

    initiative = Initiative.objects.filter(content__has_key="calculation").order_by("pk").first()
    data = initiative_as_file(initiative)
    assert data["calculation"]["boards"]["SN"] == "Socialnämnden"
    document = {
        "title": "Plan",
        "start_year": 2015,
        "horizon": 3,
        "discount_rate": 0.035,
        "costs": [{"label": "K", "payer": "fund", "amounts": {2015: 100000}}],
        "effects": [
            {
                "label": "E",
                "beneficiary": "SN",
                "sector": "municipal",
                "cashable": True,
                "unit_value": 1000,
                "quantity": {2016: 10},
            }
        ],
        "repayment": {"schedule": {2016: {"SN": 100000}}},
    }
    state = run_calculation(document, None, [], {"SN": "Socialnämnden", "fund": "Fonden"})
    messages = [v.message for v in state.result.repayment.violations]
    assert any(m.startswith("Socialnämnden ska ha återfört") for m in messages), messages
    assert "boards" not in state.document
