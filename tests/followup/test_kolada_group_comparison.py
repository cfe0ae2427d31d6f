"""Comparison groups on the indicator page (issue 27): the municipality's own figure beside the mean of a
Kolada municipality group, with where the mean comes from. Against the fake Kolada v3 server (no network)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from socialfund.audit.models import AuditEvent
from socialfund.core import kolada
from socialfund.core.kolada import urllib_getter as real_urllib_getter
from socialfund.core.kolada_sets import comparison_means
from socialfund.followup import services
from socialfund.followup.models import GroupMean
from socialfund.followup.selectors import group_comparison
from socialfund.kit.refusals import InputRefusal, PermissionRefusal
from tests.followup.test_indicators import kolada_indicator
from tests.followup.test_kolada_v3 import client, fake, serve_n15428  # noqa: F401 (fake is a fixture)
from tests.followup.test_views import client_for

pytestmark = pytest.mark.django_db

MEMBERS = [f"{1400 + i * 3:04d}" for i in range(29)] + ["0181"]
YEARS = "2019,2020,2021,2022,2023"


@pytest.fixture
def linked(fake, users, project):  # noqa: F811
    fake.route("/kpi/N15428", "kpi-N15428.json")
    fake.route("/municipality_groups", "municipality_groups.json")
    serve_n15428(fake)
    fake.route(f"/data/kpi/N15428/municipality/{','.join(MEMBERS[:25])}/year/{YEARS}", "N15428-group-chunk1.json")
    fake.route(f"/data/kpi/N15428/municipality/{','.join(MEMBERS[25:])}/year/{YEARS}", "N15428-group-chunk2.json")
    indicator = kolada_indicator(project, users["handlaggare"])
    services.indicator_refresh_from_kolada(indicator=indicator, client=client(fake))
    return indicator


def test_the_group_mean_is_kept_beside_the_municipalitys_figure(fake, users, project, linked):  # noqa: F811
    rows = services.indicator_compare_with_group(
        indicator=linked, user=users["handlaggare"], group_id="g0000", client=client(fake)
    )
    group = next(g for g in client(fake).municipality_groups() if g.id == "G0000")
    expected = comparison_means(client(fake), kpi="N15428", group=group, years=[2019, 2020, 2021, 2022, 2023])
    assert {row.year: row.mean for row in rows} == expected
    assert {(row.group_id, row.members) for row in rows} == {("G0000", 30)}
    comparison = group_comparison(linked)
    assert comparison is not None
    own_2022 = linked.measurements.get(measured_on__year=2022, gender="T").value
    [row_2022] = [r for r in comparison.rows if r.year == 2022]
    assert (row_2022.own, row_2022.mean) == (own_2022, expected[2022])
    assert AuditEvent.objects.filter(action="indicator_compare").count() == 1


def test_the_indicator_page_shows_the_comparison_with_its_source(fake, users, project, linked, settings, monkeypatch):  # noqa: F811
    settings.KOLADA_BASE_URL = fake.base
    monkeypatch.setattr(kolada, "urllib_getter", real_urllib_getter)  # only the fake server on 127.0.0.1
    page_url = reverse("followup:indicator", args=[project.pk, linked.pk])
    browser = client_for("handlaggare")
    assert 'data-testid="group-comparison"' not in browser.get(page_url).content.decode()
    response = browser.post(
        reverse("followup:indicator_action", args=[project.pk, linked.pk, "compare"]), {"compare-group": "G0000"}
    )
    assert response.status_code == 302
    html = browser.get(page_url).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")
    assert "Jämförelse med liknande kommuner" in text
    assert "Kommunen mot Jämförelsegrupp barn och unga (exempel) (30 kommuner)" in text
    today = timezone.localdate().isoformat()
    assert (
        f"Källa: Kolada, N15428, kommungrupp G0000 (30 kommuner, ovägt medelvärde av kommunernas totalvärden), "
        f"hämtad {today}" in text
    )
    mean_2022 = GroupMean.objects.get(indicator=linked, year=2022).mean
    assert re.search(rf"2022 73,4 {re.escape(format(mean_2022.normalize(), 'f').replace('.', ','))}", text)


def test_an_unknown_group_is_refused_at_the_field_and_nothing_is_stored(fake, users, project, linked):  # noqa: F811
    with pytest.raises(InputRefusal) as refused:
        services.indicator_compare_with_group(
            indicator=linked, user=users["handlaggare"], group_id="G9999", client=client(fake)
        )
    assert refused.value.field == "group"
    assert refused.value.message == "Kolada har ingen kommungrupp G9999. Ange gruppens id, t.ex. G36148."
    assert not GroupMean.objects.exists()


def test_only_those_who_record_the_projects_figures_may_fetch_it(fake, users, project, linked):  # noqa: F811

    with pytest.raises(PermissionRefusal):
        services.indicator_compare_with_group(
            indicator=linked, user=users["stadsdirektor"], group_id="G0000", client=client(fake)
        )
    assert not GroupMean.objects.exists()
