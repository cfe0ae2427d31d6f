"""What the April report says about its own date: a past year, a year not yet over, a fund without guidelines."""

from __future__ import annotations

import datetime as dt

import pytest

from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Initiative
from socialfund.documents.model import Paragraph, Table
from socialfund.documents.word import render_docx
from socialfund.reports.april import april_document
from socialfund.reports.april_data import gather

pytestmark = pytest.mark.django_db
APRIL_2026 = dt.date(2026, 4, 15)


def texts(document) -> list[str]:
    return [block.text for block in document.blocks if isinstance(block, Paragraph)]


def table(document, caption: str) -> Table:
    return next(block for block in document.blocks if isinstance(block, Table) and block.caption == caption)


def test_a_grant_decided_after_the_year_is_counted_as_granted_but_said_to_belong_to_the_next_years_projects(granted):
    # Familjecentraler came in 2015-03-01; KS granted it 2016-01-25.
    data = gather(granted.fund, 2015, prepared_on=APRIL_2026, projection_runs=50)
    assert data.as_of == dt.date(2015, 12, 31) and not data.is_preliminary
    assert data.projects == []
    document = april_document(data)
    assert ("Beviljade", 1) in table(document, "Initiativ efter utfall").rows
    assert (
        "Av de beviljade beslutades 1 efter 2015-12-31; de redovisas som projekt i rapporten för det år "
        in " ".join(texts(document))
    )
    assert any("så som det är känt 2026-04-15" in text for text in texts(document))
    # The 2016 report has it among its projects and needs no such sentence.
    later = april_document(gather(granted.fund, 2016, prepared_on=APRIL_2026, projection_runs=50))
    assert not any("redovisas som projekt" in text for text in texts(later))


def test_a_year_not_over_is_reported_as_at_the_day_it_is_drawn_up_and_called_preliminary(granted):
    today = dt.date(2026, 11, 28)
    data = gather(granted.fund, 2026, prepared_on=today, projection_runs=50)
    assert data.is_preliminary and data.as_of == today
    assert data.position_end is not None and data.position_end.on == today
    document = april_document(data)
    assert "Året 2026 är inte slut: rapporten visar läget per 2026-11-28 och är preliminär." in texts(document)
    assert any("visar fondens bokföring per 2026-11-28" in text for text in texts(document))
    assert all("2026-12-31" not in text for text in texts(document))


def test_a_fund_without_guidelines_still_gets_its_report(granted):
    fund = granted.fund
    fund.policy_versions.all().delete()
    Initiative.objects.filter(fund=fund).update(policy_id="")
    data = gather(fund, 2016, prepared_on=APRIL_2026, projection_runs=50)
    assert data.policy is None and data.comparison == []
    document = april_document(data)
    assert "Fonden har inga riktlinjer i systemet: jämförelsen med andra fonder saknas." in texts(document)
    assert render_docx(document)[:2] == b"PK"  # and it is written


def test_initiatives_in_progress_are_counted_by_stage_in_the_process_order(granted):
    # An interest comes before an idea sketch in the process, though "Idéskiss" sorts first by name.
    Initiative.objects.filter(fund=granted.fund, title="Projekt 100").update(stage="interest")
    project_100 = Initiative.objects.get(fund=granted.fund, title="Projekt 100")
    AuditEvent.objects.create(  # the report reads each case's stage on its date from the case's history
        occurred_at=dt.datetime(2016, 1, 1, tzinfo=dt.UTC),
        action="initiative_update",
        target_type="cases.initiative",
        target_id=str(project_100.pk),
        initiative=project_100,
        to_state="active:interest",
    )
    document = april_document(gather(granted.fund, 2016, prepared_on=APRIL_2026, projection_runs=50))
    stages = [row[0] for row in table(document, "Pågående initiativ efter steg").rows]
    # The demo's own case waiting for the city director (demo.director_demo) is not the fund's record: the
    # report leaves it out.
    assert stages == ["Intresseanmälan", "Idéskiss"]
