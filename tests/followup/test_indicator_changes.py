"""Changing an indicator, correcting or removing a hand-entered figure, removing an unused indicator: each with
a reason, each logged with the old value, each refused with nothing stored when it may not be done."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.followup import services
from socialfund.followup.models import Indicator, Measurement, Project
from socialfund.kit.refusals import InputRefusal, PermissionRefusal, StateRefusal
from tests.followup.conftest import grant
from tests.followup.helpers import stored
from tests.followup.test_chain import hvb_indicator
from tests.followup.test_indicators import kolada_indicator

pytestmark = pytest.mark.django_db

DAY = dt.date(2018, 12, 31)


def spec_of(indicator: Indicator, **changes: object) -> services.IndicatorSpec:
    spec = services.IndicatorSpec(
        name=indicator.name,
        unit=indicator.unit,
        direction=indicator.direction,
        baseline_value=indicator.baseline_value,
        baseline_on=indicator.baseline_on,
        target_value=indicator.target_value,
        target_on=indicator.target_on,
        source=indicator.source,
        kolada_kpi=indicator.kolada_kpi,
        kolada_municipality=indicator.kolada_municipality,
        effect_index=indicator.effect_index,
        quantity_per_unit=indicator.quantity_per_unit,
        note=indicator.note,
    )
    return dataclasses.replace(spec, **changes)


def measure(indicator, user, value, day=DAY) -> Measurement:
    return services.measurement_record(indicator=indicator, user=user, measured_on=day, value=Decimal(value))


def test_an_edit_changes_the_fields_and_logs_old_and_new(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    result = services.indicator_update(
        indicator=indicator,
        user=users["handlaggare"],
        spec=spec_of(indicator, target_value=Decimal(1650), note="Målet skärpt av nämnden."),
        reason="Nämnden beslutade ett nytt mål 2017-03-01.",
    )
    indicator.refresh_from_db()
    assert (indicator.target_value, indicator.note) == (Decimal(1650), "Målet skärpt av nämnden.")
    assert result.changed == ["målvärde", "anmärkning"] and result.rederive_years == []
    event = AuditEvent.objects.get(action="indicator_update")
    assert event.initiative == project.initiative and event.actor == users["handlaggare"]
    assert event.data["changes"] == {"target_value": ["1700", "1650"], "note": ["–", "Målet skärpt av nämnden."]}
    assert event.data["reason"] == "Nämnden beslutade ett nytt mål 2017-03-01."


def test_an_edit_that_touches_derived_savings_names_the_years_to_derive_again(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    measure(indicator, users["handlaggare"], 1800)
    services.realised_savings_derive(project=project, user=users["ekonomi"], year=2018)
    result = services.indicator_update(
        indicator=indicator,
        user=users["beredning"],
        spec=spec_of(indicator, baseline_value=Decimal(2100)),
        reason="Utgångsvärdet var fel avläst.",
    )
    assert result.rederive_years == [2018]
    # The saving itself is finance's to derive again; the edit leaves it as it was.
    assert project.realised_savings.get(year=2018).amount == Decimal("480150.00")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({}, None, "Inget är ändrat"),
        ({"name": " "}, "name", "namn"),
        ({"name": "Elev 20050505-1234"}, "name", "personnummer"),
        ({"direction": "sideways"}, "direction", "högre eller lägre"),
        ({"effect_index": 9}, "effect_index", "effektrad"),
        ({"quantity_per_unit": Decimal(0)}, "quantity_per_unit", "större än noll"),
        ({"baseline_value": Decimal("1e20")}, "baseline_value", "orimligt"),
        ({"source": "kolada"}, "source", "Källan kan inte ändras"),
    ],
)
def test_a_bad_edit_is_refused_and_nothing_changes(users, project, changes, field, message):
    indicator = hvb_indicator(project, users["handlaggare"])
    before = stored()
    with pytest.raises(InputRefusal) as error:
        services.indicator_update(
            indicator=indicator, user=users["handlaggare"], spec=spec_of(indicator, **changes), reason="Rättelse."
        )
    assert error.value.field == field and message in error.value.message
    assert stored() == before
    indicator.refresh_from_db()
    assert indicator.baseline_value == Decimal(2000)


def test_an_edit_needs_a_reason_and_a_unique_name(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    other = project.indicators.exclude(pk=indicator.pk).first()
    assert other is not None
    with pytest.raises(InputRefusal) as no_reason:
        services.indicator_update(
            indicator=indicator, user=users["handlaggare"], spec=spec_of(indicator, unit="st"), reason="  "
        )
    assert no_reason.value.field == "reason"
    with pytest.raises(InputRefusal, match="redan en indikator"):
        services.indicator_update(
            indicator=indicator, user=users["handlaggare"], spec=spec_of(indicator, name=other.name), reason="Byte."
        )


def test_only_the_lead_board_and_the_preparation_group_change_a_running_projects_indicators(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    for username in ("ekonomi", "lasare", "registrator"):
        with pytest.raises(PermissionRefusal):
            services.indicator_update(
                indicator=indicator, user=users[username], spec=spec_of(indicator, unit="st"), reason="Försök."
            )
    # Closed (the closing step's own conditions are tested in test_projects).
    Project.objects.filter(pk=project.pk).update(status="closed", closed_on=dt.date(2019, 1, 31))
    indicator.refresh_from_db()
    with pytest.raises(StateRefusal, match="avslutat"):
        services.indicator_update(
            indicator=indicator, user=users["beredning"], spec=spec_of(indicator, unit="st"), reason="Sent."
        )


def test_a_wrong_figure_is_corrected_and_the_old_one_stays_in_the_log(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    measurement = measure(indicator, users["handlaggare"], 1080)
    services.realised_savings_derive(project=project, user=users["ekonomi"], year=2018)
    result = services.measurement_correct(
        measurement=measurement, user=users["handlaggare"], value=Decimal(1800), reason="Siffrorna omkastade."
    )
    measurement.refresh_from_db()
    assert measurement.value == Decimal(1800)
    assert result.rederive_years == [2018]
    event = AuditEvent.objects.get(action="measurement_correct")
    assert (event.data["old"], event.data["new"]) == ("1080", "1800")
    assert "1080 → 1800" in event.message and "Siffrorna omkastade." in event.message


def test_corrections_refused(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    measurement = measure(indicator, users["handlaggare"], 1800)
    from_kolada = kolada_indicator(project, users["handlaggare"])
    kolada_figure = Measurement.objects.create(
        indicator=from_kolada, measured_on=DAY, value=Decimal("72.4"), source="kolada", entered_by=None
    )
    before = stored()
    with pytest.raises(InputRefusal, match="detsamma"):
        services.measurement_correct(
            measurement=measurement, user=users["handlaggare"], value=Decimal(1800), reason="Ingen ändring."
        )
    with pytest.raises(InputRefusal) as no_reason:
        services.measurement_correct(measurement=measurement, user=users["handlaggare"], value=Decimal(1), reason="")
    assert no_reason.value.field == "reason"
    with pytest.raises(InputRefusal, match="personnummer"):
        services.measurement_correct(
            measurement=measurement, user=users["handlaggare"], value=Decimal(1), reason="Gällde 121212-1212"
        )
    with pytest.raises(StateRefusal, match="Kolada"):
        services.measurement_correct(
            measurement=kolada_figure, user=users["handlaggare"], value=Decimal(70), reason="Fel."
        )
    with pytest.raises(PermissionRefusal):
        services.measurement_correct(measurement=measurement, user=users["ekonomi"], value=Decimal(1), reason="Fel.")
    with pytest.raises(StateRefusal, match="Kolada"):
        services.measurement_remove(measurement=kolada_figure, user=users["handlaggare"], reason="Fel.")
    assert stored() == before
    measurement.refresh_from_db()
    assert measurement.value == Decimal(1800)


def test_a_figure_entered_on_the_wrong_date_is_removed(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    measurement = measure(indicator, users["handlaggare"], 1800, day=dt.date(2018, 6, 30))
    services.measurement_remove(measurement=measurement, user=users["handlaggare"], reason="Fel datum.")
    assert not indicator.measurements.exists()
    event = AuditEvent.objects.get(action="measurement_remove")
    assert event.data == {"reason": "Fel datum.", "measured_on": "2018-06-30", "value": "1800"}


def test_only_an_indicator_nothing_rests_on_can_be_removed(users, project):
    unused = hvb_indicator(project, users["handlaggare"])
    services.indicator_remove(indicator=unused, user=users["handlaggare"], reason="Lades till av misstag.")
    assert not Indicator.objects.filter(pk=unused.pk).exists()
    assert AuditEvent.objects.get(action="indicator_remove").data["indicator"] == unused.name

    measured = hvb_indicator(project, users["handlaggare"])
    measure(measured, users["handlaggare"], 1800)
    before = stored()
    with pytest.raises(StateRefusal, match="historik"):
        services.indicator_remove(indicator=measured, user=users["handlaggare"], reason="Behövs inte.")
    with pytest.raises(PermissionRefusal):
        services.indicator_remove(indicator=measured, user=users["lasare"], reason="Behövs inte.")
    assert stored() == before


# -- the page ---------------------------------------------------------------------------------------------


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_indicator_page_and_its_steps(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    measurement = measure(indicator, users["handlaggare"], 1080)
    url = reverse("followup:indicator", args=[project.pk, indicator.pk])
    official = client_for("handlaggare")

    project_page = official.get(reverse("followup:project", args=[project.pk])).content.decode()
    assert url in project_page

    html = official.get(url).content.decode()
    assert "<h1" in html and indicator.name in html
    for title in ("Ändra indikatorn", "Rätta ett mätvärde", "Ta bort ett mätvärde"):
        assert title in html
    assert 'value="Placeringsdygn på HVB, målgruppen"' in html  # the edit form is prefilled
    assert "2018-12-31: 1\xa0080" in html  # measurements shown as date and Swedish figure

    response = official.post(
        reverse("followup:indicator_action", args=[project.pk, indicator.pk, "correct"]),
        {"correct-measurement": measurement.pk, "correct-value": "1 800", "correct-reason": "Omkastade siffror."},
    )
    assert response.status_code == 302 and response.url == url
    measurement.refresh_from_db()
    assert measurement.value == Decimal(1800)


def test_a_refused_step_on_the_page_shows_the_error_and_keeps_the_input(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    before = stored()
    response = client_for("handlaggare").post(
        reverse("followup:indicator_action", args=[project.pk, indicator.pk, "edit"]),
        {
            "edit-name": "Placeringsdygn på HVB, målgruppen",
            "edit-direction": "lower",
            "edit-baseline_value": "2 000",
            "edit-baseline_on": "2016-05-02",
            "edit-target_value": "1 700",
            "edit-effect_index": "0",
            "edit-quantity_per_unit": "1",
            "edit-reason": "",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and "edit-reason-error" in html
    assert stored() == before


def test_a_reader_sees_the_indicator_but_no_steps_and_a_stranger_gets_404(users, project, fund):
    indicator = hvb_indicator(project, users["handlaggare"])
    measurement = measure(indicator, users["handlaggare"], 1800)
    url = reverse("followup:indicator", args=[project.pk, indicator.pk])
    html = client_for("lasare").get(url).content.decode()
    assert indicator.name in html and "Ändra indikatorn" not in html
    before = stored()
    valid = {"correct-measurement": measurement.pk, "correct-value": "1 700", "correct-reason": "Försök."}
    response = client_for("lasare").post(
        reverse("followup:indicator_action", args=[project.pk, indicator.pk, "correct"]), valid
    )
    assert response.status_code == 403  # a valid form, refused by the service: the reader may not
    assert stored() == before
    assert client_for("handlaggare").get(reverse("followup:indicator", args=[project.pk, 999_999])).status_code == 404
    # An indicator of another project, under this project's address: not found, whoever asks.
    other = services.project_start(initiative=grant(users, fund, title="Ett annat projekt"), user=users["registrator"])
    other_indicator = other.indicators.first()
    assert other_indicator is not None
    assert (
        client_for("handlaggare").get(reverse("followup:indicator", args=[project.pk, other_indicator.pk])).status_code
        == 404
    )


def test_a_figure_someone_else_removed_is_refused_not_a_crash(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    measurement = measure(indicator, users["handlaggare"], 1800)
    services.measurement_remove(measurement=measurement, user=users["beredning"], reason="Fel datum.")
    with pytest.raises(StateRefusal, match="tagits bort av någon annan"):
        services.measurement_correct(measurement=measurement, user=users["handlaggare"], value=Decimal(1), reason="X.")
    services.indicator_remove(indicator=indicator, user=users["beredning"], reason="Misstag.")
    with pytest.raises(StateRefusal, match="tagits bort av någon annan"):
        services.indicator_update(
            indicator=indicator, user=users["handlaggare"], spec=spec_of(indicator, unit="st"), reason="X."
        )


@pytest.mark.parametrize("change", ["remove the figure", "unlink the effect line"])
def test_deriving_again_removes_a_saving_nothing_supports_any_more(users, project, change):
    indicator = hvb_indicator(project, users["handlaggare"])
    measurement = measure(indicator, users["handlaggare"], 1800)
    services.realised_savings_derive(project=project, user=users["ekonomi"], year=2018)
    assert project.realised_savings.get(year=2018).amount == Decimal("480150.00")
    if change == "remove the figure":
        result = services.measurement_remove(measurement=measurement, user=users["handlaggare"], reason="Fel år.")
    else:
        result = services.indicator_update(
            indicator=indicator,
            user=users["handlaggare"],
            spec=spec_of(indicator, effect_index=None),
            reason="Fel rad.",
        )
    assert result.rederive_years == [2018]
    derived = services.realised_savings_derive(project=project, user=users["ekonomi"], year=2018)
    assert derived.removed == ["SN 480150.00 kr"] and derived.saved == []
    assert not project.realised_savings.filter(year=2018).exists()
    event = AuditEvent.objects.get(action="realised_saving_remove")
    assert event.data["amount"] == "480150.00" and event.initiative == project.initiative


def test_an_english_reader_writes_swedish_records(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    with translation.override("en"):
        result = services.indicator_update(
            indicator=indicator, user=users["handlaggare"], spec=spec_of(indicator, unit="st"), reason="Fel enhet."
        )
    assert result.changed == ["unit"]  # the reader's language, for the page
    assert AuditEvent.objects.get(action="indicator_update").message.startswith(
        f"Indikatorn {indicator.name} ändrad (enhet)"
    )
