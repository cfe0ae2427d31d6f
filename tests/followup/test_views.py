"""The pages: the portfolio, the project page (charts with data tables, savings against forecast, deadline),
the report page; every step a POST to a service, refusals shown in Swedish with nothing stored."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from socialfund.accounts.models import User
from socialfund.core import kolada
from socialfund.core.kolada import KoladaClient
from socialfund.followup import services
from socialfund.followup.models import Project, ReportVersion
from tests.followup.conftest import BASE, N15428_ROUTES, RecordedKolada
from tests.followup.helpers import pdsa, stored

pytestmark = pytest.mark.django_db


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_registrar_starts_the_follow_up_from_the_portfolio(users, granted):
    client = client_for("registrator")
    page = client.get(reverse("followup:portfolio"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Beviljade initiativ utan uppföljning" in html and granted.title in html
    response = client.post(reverse("followup:start", args=[granted.pk]), {})
    project = Project.objects.get(initiative=granted)
    assert response.status_code == 302 and response.url == reverse("followup:project", args=[project.pk])
    rows = client.get(reverse("followup:portfolio")).content.decode()
    assert f'data-project="{project.pk}"' in rows and "Lägesrapport 2017" in rows


def test_the_project_page(users, project):
    indicator = project.indicators.get(name="Placeringsdygn på HVB")
    for year, value in ((2016, 2000), (2017, 1850)):
        services.measurement_record(
            indicator=indicator, user=users["handlaggare"], measured_on=dt.date(year, 12, 31), value=Decimal(value)
        )
    kpi = services.indicator_create(
        project=project,
        user=users["handlaggare"],
        spec=services.IndicatorSpec(
            name="Behöriga till yrkesprogram",
            unit="%",
            direction="higher",
            baseline_value=Decimal("72.4"),
            baseline_on=dt.date(2021, 12, 31),
            source="kolada",
            kolada_kpi="N15428",
        ),
    )
    services.indicator_refresh_from_kolada(
        indicator=kpi, client=KoladaClient(base_url=BASE, getter=RecordedKolada(N15428_ROUTES))
    )
    html = client_for("handlaggare").get(reverse("followup:project", args=[project.pk])).content.decode()
    # Each indicator: a chart (an image with a title) and its data table with a caption and headers.
    assert html.count('role="img"') == 2
    assert ">Placeringsdygn på HVB: mätvärden</caption>" in html
    assert '<th scope="col" class="num">Kvinnor</th>' in html  # Kolada's gender breakdown
    assert "Källa: Kolada, N15428, 0181, 2023" in html and '<p class="source">Källa: Kolada</p>' in html
    # SVG coordinates use a dot even in Swedish.
    assert not re.search(r'(cx|cy|y1|y2)="\d+,\d', html)
    assert "1\xa0850" in html
    assert 'data-testid="next-deadline"' in html and "Lägesrapport 2017</a>, 2017-04-30" in html
    assert "(försenad)" in html  # 2017 has passed
    assert "Besparingar mot kalkylen" in html and "720\xa0225\xa0kr" in html
    assert "Registrera ett mätvärde" in html and "Bara sammanräknade uppgifter" in html


def test_a_reader_sees_the_page_but_no_steps(project):
    html = client_for("lasare").get(reverse("followup:project", args=[project.pk])).content.decode()
    assert "Vad du kan göra" not in html
    assert client_for("lasare").get(reverse("followup:project", args=[999999])).status_code == 404


def test_a_personal_number_in_the_measurement_form_is_refused(users, project):
    indicator = project.indicators.get(name="Placeringsdygn på HVB")
    before = stored()
    response = client_for("handlaggare").post(
        reverse("followup:action", args=[project.pk, "measurement"]),
        {
            "measurement-indicator": indicator.pk,
            "measurement-measured_on": "2017-12-31",
            "measurement-value": "1850",
            "measurement-note": "Gäller 20051224-1234",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Texten ser ut att innehålla ett personnummer" in html
    assert 'aria-invalid="true"' in html and "Det finns fel att rätta" in html
    assert stored() == before


def test_a_role_refusal_is_403_and_a_kolada_404_is_shown(users, project, monkeypatch):
    before = stored()
    response = client_for("ekonomi").post(
        reverse("followup:action", args=[project.pk, "close"]),
        {"close-closed_on": "2018-09-01", "close-outcome": "implemented"},
    )
    assert response.status_code == 403 and "Bara beredningsgruppen avslutar" in response.content.decode()
    services.indicator_create(
        project=project,
        user=users["handlaggare"],
        spec=services.IndicatorSpec(
            name="Okänt nyckeltal",
            unit="%",
            direction="higher",
            baseline_value=Decimal(1),
            baseline_on=dt.date(2021, 12, 31),
            source="kolada",
            kolada_kpi="N00000",
        ),
    )
    monkeypatch.setattr(kolada, "urllib_getter", RecordedKolada({}))
    before = stored()
    indicator = project.indicators.get(name="Okänt nyckeltal")
    response = client_for("handlaggare").post(
        reverse("followup:action", args=[project.pk, "kolada"]), {"kolada-indicator": indicator.pk}
    )
    assert response.status_code == 502
    assert "Kolada hittar inte det som efterfrågades (HTTP 404)" in response.content.decode()
    assert stored() == before


def test_writing_and_reviewing_a_report_on_its_page(users, project):
    report = project.reports.order_by("due_on").first()
    url = reverse("followup:report", args=[project.pk, report.pk])
    writer = client_for("handlaggare")
    page = writer.get(url).content.decode()
    assert "Planera" in page and "Göra" in page and "Studera" in page and "Agera" in page
    data = {f"draft-{k}": v for k, v in pdsa().items()}
    assert (
        writer.post(reverse("followup:report_action", args=[project.pk, report.pk, "draft"]), data).status_code == 302
    )
    data["draft-study"] = "Frånvaron har minskat något."
    writer.post(reverse("followup:report_action", args=[project.pk, report.pk, "draft"]), data)
    assert list(ReportVersion.objects.filter(report=report).values_list("number", "study")) == [
        (1, pdsa()["study"]),
        (2, "Frånvaron har minskat något."),
    ]
    assert writer.post(reverse("followup:report_action", args=[project.pk, report.pk, "submit"])).status_code == 302
    reviewer = client_for("beredning")
    response = reviewer.post(
        reverse("followup:report_action", args=[project.pk, report.pk, "review"]),
        {"review-verdict": "approved", "review-effect_finding": "positive"},
    )
    assert response.status_code == 302
    html = reviewer.get(url).content.decode()
    assert 'data-testid="report-status">Godkänd<' in html and "Sparade versioner" in html
    # An approved report takes no more drafts: the service says so on the page, and nothing is stored.
    before = stored()
    response = writer.post(reverse("followup:report_action", args=[project.pk, report.pk, "draft"]), data)
    assert response.status_code == 400 and "Rapporten är inlämnad eller avslutad." in response.content.decode()
    assert stored() == before


def test_the_portfolio_reads_a_fixed_number_of_queries(users, fund, project):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from socialfund.followup.selectors import portfolio
    from tests.followup.conftest import grant

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            rows = portfolio(user=users["beredning"], today=dt.date(2017, 5, 1))
        return len(captured), len(rows)

    one = queries()
    services.project_start(initiative=grant(users, fund, title="Mobilt team skola 3"), user=users["registrator"])
    two = queries()
    assert (one[1], two[1]) == (1, 2)
    assert one[0] == two[0]


def test_only_the_registrar_and_the_preparation_group_see_the_start_buttons(granted):
    assert "Starta uppföljningen" in client_for("beredning").get(reverse("followup:portfolio")).content.decode()
    html = client_for("handlaggare").get(reverse("followup:portfolio")).content.decode()
    assert "Starta uppföljningen" not in html
    response = client_for("handlaggare").post(reverse("followup:start", args=[granted.pk]), {})
    assert response.status_code == 403 and not Project.objects.exists()
    assert "Bara registrator eller beredningsgruppen startar" in response.content.decode()
