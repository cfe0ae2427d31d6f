"""Outcome metrics (definition, target population, target, validation method, data source, validator), the
status of each measured figure, every figure's source, and the project page's forecast against outcome."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from socialfund.audit.models import AuditEvent
from socialfund.followup import provenance, services
from socialfund.followup.models import MeasurementStatus, OutcomeMetric
from socialfund.followup.outcome_selectors import outcome_section
from socialfund.kit.refusals import InputRefusal, PermissionRefusal
from tests.followup.test_views import client_for

METRIC = {
    "name": "Färre placeringsdygn",
    "definition": "Placeringsdygn på HVB för barn 10–15 år i målgruppen, per kalenderår.",
    "target_population": "Elever i åk 4–7 med hög frånvaro i de tre deltagande skolorna.",
    "target": "300 färre dygn per år från 2018.",
    "validation_method": "Socialtjänstens verksamhetssystem, årsuttag, granskat mot fakturor.",
    "data_source": "Socialtjänstens statistik över placeringsdygn.",
    "validator_organisation": "Stadsrevisionen",
}


def hvb_indicator(project, user):
    spec = services.IndicatorSpec(
        name="HVB-dygn i målgruppen",
        unit="dygn",
        direction="lower",
        baseline_value=Decimal(2000),
        baseline_on=dt.date(2016, 12, 31),
        target_value=Decimal(1700),
        effect_index=0,
    )
    return services.indicator_create(project=project, user=user, spec=spec)


def test_an_outcome_metric_has_every_part_and_is_logged(users, project):
    metric = services.outcome_metric_save(
        project=project, user=users["handlaggare"], spec=services.OutcomeMetricSpec(**METRIC)
    )
    assert OutcomeMetric.objects.get(pk=metric.pk).validator_organisation == "Stadsrevisionen"
    assert AuditEvent.objects.filter(action="outcome_metric_create", initiative=project.initiative).exists()


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("validation_method", " ", "Beskriv hur effekten valideras."),
        ("validator_organisation", "", "Ange vilken organisation som validerar."),
        ("target_population", "Eleven 850101-1234 och hennes klass", "personnummer"),
    ],
)
def test_a_missing_or_personal_part_is_refused_at_its_field(users, project, field, value, expected):
    with pytest.raises(InputRefusal) as error:
        services.outcome_metric_save(
            project=project, user=users["handlaggare"], spec=services.OutcomeMetricSpec(**{**METRIC, field: value})
        )
    assert error.value.field == field and expected in error.value.message
    assert not OutcomeMetric.objects.exists()


def test_the_same_name_twice_and_another_role_are_refused(users, project):
    services.outcome_metric_save(project=project, user=users["handlaggare"], spec=services.OutcomeMetricSpec(**METRIC))
    with pytest.raises(InputRefusal, match="redan ett effektmått"):
        services.outcome_metric_save(
            project=project, user=users["beredning"], spec=services.OutcomeMetricSpec(**METRIC)
        )
    with pytest.raises(PermissionRefusal):
        services.outcome_metric_save(
            project=project, user=users["ekonomi"], spec=services.OutcomeMetricSpec(**{**METRIC, "name": "Annat"})
        )
    assert OutcomeMetric.objects.count() == 1


def test_a_figure_is_reported_until_marked_and_only_the_group_validates(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    figure = services.measurement_record(
        indicator=indicator,
        user=users["handlaggare"],
        measured_on=dt.date(2018, 12, 31),
        value=Decimal(1850),
        source_note="socialtjänstens statistik",
    )
    assert provenance.measurement_status(figure) == "rapporterat"
    with pytest.raises(PermissionRefusal):
        services.measurement_status_set(
            measurement=figure, user=users["handlaggare"], status="validated", validated_by="Stadsrevisionen"
        )
    with pytest.raises(InputRefusal) as error:
        services.measurement_status_set(measurement=figure, user=users["beredning"], status="validated")
    assert error.value.field == "validated_by"
    assert not MeasurementStatus.objects.exists()
    services.measurement_status_set(
        measurement=figure, user=users["beredning"], status="validated", validated_by="Stadsrevisionen"
    )
    figure.refresh_from_db()
    assert provenance.measurement_status(figure) == "validerat av Stadsrevisionen"
    event = AuditEvent.objects.get(action="measurement_status")
    assert (event.from_state, event.to_state) == ("reported", "validated")


def test_every_figure_says_where_it_comes_from(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    figure = services.measurement_record(
        indicator=indicator,
        user=users["handlaggare"],
        measured_on=dt.date(2018, 12, 31),
        value=Decimal(1850),
        source_note="socialtjänstens statistik",
    )
    today = timezone.localdate().isoformat()
    who = users["handlaggare"].get_full_name() or users["handlaggare"].username
    assert provenance.measurement_source(figure) == f"Källa: socialtjänstens statistik, inmatad {today} av {who}"
    section = outcome_section(project)
    assert section.forecast_source.startswith("Källa: ansökans kalkyl (")
    assert section.unit_cost_sources[0].startswith("Källa: ")


def test_the_project_page_shows_forecast_against_outcome_with_sources(users, project):
    services.outcome_metric_save(project=project, user=users["handlaggare"], spec=services.OutcomeMetricSpec(**METRIC))
    indicator = hvb_indicator(project, users["handlaggare"])
    services.measurement_record(
        indicator=indicator,
        user=users["handlaggare"],
        measured_on=dt.date(2018, 12, 31),
        value=Decimal(1850),
        source_note="socialtjänstens statistik",
    )
    html = client_for("handlaggare").get(reverse("followup:project", args=[project.pk])).content.decode()
    for text in (
        "Effektmått",
        "Stadsrevisionen",
        "Prognos mot utfall",
        "Uppmätt hittills: 50 % av prognosen.",
        "360\xa0113\xa0kr",
        "Källa: socialtjänstens statistik, inmatad",
        "Källa: ansökans kalkyl (",
        "Chans att återföra i tid",
    ):
        assert text in html, text


def test_the_april_report_data_carries_forecast_against_outcome(users, project, fund):
    from socialfund.reports.april_data import gather

    indicator = hvb_indicator(project, users["handlaggare"])
    services.measurement_record(
        indicator=indicator,
        user=users["handlaggare"],
        measured_on=dt.date(2018, 12, 31),
        value=Decimal(1850),
        source_note="socialtjänstens statistik",
    )
    data = gather(fund, 2018, prepared_on=dt.date(2019, 3, 15), projection_runs=50)
    (line,) = [p for p in data.projects if p.initiative_id == project.initiative_id]
    assert line.followup is not None
    summary = line.followup.outcome_forecast
    assert summary is not None
    assert summary.forecast_savings - summary.reestimated_savings == 4 * (720225 - 360113)
    assert summary.achievement == (("Färre placeringsdygn på HVB", Decimal("0.5")),)
    assert summary.forecast_repaid_by == 2019 and summary.reestimated_repaid_by is not None
    assert summary.sources[0].startswith("Källa: socialtjänstens statistik, inmatad ")
