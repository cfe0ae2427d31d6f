"""Indicators and measurements: aggregates only, by hand or from Kolada (recorded answers, never the network)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from socialfund.audit.models import AuditEvent
from socialfund.core import kolada
from socialfund.core.kolada import KoladaClient, KoladaNotFound
from socialfund.followup import services
from socialfund.followup.models import Indicator, Measurement
from socialfund.kit.refusals import InputRefusal, PermissionRefusal, StateRefusal
from tests.followup.conftest import BASE, N15428_KPI_URL, N15428_ROUTES, N15428_URL, RecordedKolada
from tests.followup.helpers import stored

pytestmark = pytest.mark.django_db


def kolada_indicator(project, user, **changes) -> Indicator:
    fields = {
        "name": "Behöriga till yrkesprogram",
        "unit": "andel (%)",
        "direction": "higher",
        "baseline_value": Decimal("72.4"),
        "baseline_on": dt.date(2021, 12, 31),
        "target_value": Decimal("78"),
        "source": "kolada",
        "kolada_kpi": "n15428",
    }
    spec = services.IndicatorSpec(**{**fields, **changes})
    return services.indicator_create(project=project, user=user, spec=spec)


def test_a_kolada_indicator_takes_the_funds_municipality(users, project):
    indicator = kolada_indicator(project, users["handlaggare"])
    assert (indicator.kolada_kpi, indicator.kolada_municipality) == ("N15428", "0181")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kolada_kpi": ""}, "kolada_kpi"),
        ({"kolada_municipality": "Södertälje"}, "kolada_municipality"),
        ({"effect_index": 7}, "effect_index"),
        ({"effect_index": 0, "quantity_per_unit": Decimal(0)}, "quantity_per_unit"),
        ({"name": "Elev 20050505-1234"}, "name"),
        ({"direction": "sideways"}, "direction"),
    ],
)
def test_indicator_input_is_checked_and_nothing_stored(users, project, changes, field):
    before = stored()
    with pytest.raises(InputRefusal) as error:
        kolada_indicator(project, users["handlaggare"], **changes)
    assert error.value.field == field
    assert stored() == before


def test_a_measurement_by_hand(users, project):
    indicator = project.indicators.get(name="Placeringsdygn på HVB")
    measurement = services.measurement_record(
        indicator=indicator,
        user=users["handlaggare"],
        measured_on=dt.date(2017, 12, 31),
        value=Decimal("1850"),
        source_note="Verksamhetssystemet, SN",
    )
    assert (measurement.gender, measurement.source, measurement.entered_by) == ("T", "manual", users["handlaggare"])
    assert AuditEvent.objects.filter(action="measurement_record", initiative=project.initiative).count() == 1


@pytest.mark.parametrize(
    "text", ["Gäller 19121212-1212", "pnr 121212-1212", "201212121212 hade hög frånvaro", "samordningsnr 701263+2391"]
)
def test_text_that_looks_like_a_personal_number_is_refused(users, project, text):
    indicator = project.indicators.get(name="Placeringsdygn på HVB")
    before = stored()
    with pytest.raises(InputRefusal) as error:
        services.measurement_record(
            indicator=indicator,
            user=users["handlaggare"],
            measured_on=dt.date(2017, 12, 31),
            value=Decimal(1),
            note=text,
        )
    assert error.value.field == "note"
    assert "personnummer" in error.value.message and "sammanräknade" in error.value.message
    assert stored() == before


def test_numbers_that_are_not_personal_numbers_pass(users, project):
    indicator = project.indicators.get(name="Placeringsdygn på HVB")
    services.measurement_record(
        indicator=indicator,
        user=users["handlaggare"],
        measured_on=dt.date(2017, 12, 31),
        value=Decimal(1850),
        note="1 850 dygn, kostnad 5 922 000 kr, 2017-12-31, dnr KS 14-87",
    )


def test_measurements_refused(users, project):
    manual = project.indicators.get(name="Placeringsdygn på HVB")
    from_kolada = kolada_indicator(project, users["handlaggare"])
    services.measurement_record(
        indicator=manual, user=users["handlaggare"], measured_on=dt.date(2017, 12, 31), value=Decimal(1850)
    )
    before = stored()
    with pytest.raises(InputRefusal, match="redan ett värde"):
        services.measurement_record(
            indicator=manual, user=users["handlaggare"], measured_on=dt.date(2017, 12, 31), value=Decimal(1)
        )
    with pytest.raises(InputRefusal, match="framtiden"):
        services.measurement_record(
            indicator=manual, user=users["handlaggare"], measured_on=dt.date(2999, 1, 1), value=Decimal(1)
        )
    with pytest.raises(StateRefusal, match="Kolada"):
        services.measurement_record(
            indicator=from_kolada, user=users["handlaggare"], measured_on=dt.date(2017, 12, 31), value=Decimal(1)
        )
    with pytest.raises(PermissionRefusal):
        services.measurement_record(
            indicator=manual, user=users["ekonomi"], measured_on=dt.date(2016, 12, 31), value=Decimal(1)
        )
    assert stored() == before


def test_refresh_from_kolada_stores_every_gender_and_then_only_revisions(users, project):
    indicator = kolada_indicator(project, users["handlaggare"])
    first = KoladaClient(base_url=BASE, getter=RecordedKolada(N15428_ROUTES))
    result = services.indicator_refresh_from_kolada(indicator=indicator, user=users["handlaggare"], client=first)
    assert (result.created, result.revised, result.unchanged) == (8, 0, 0)  # 9 figures, one still missing
    rows = list(indicator.measurements.order_by("measured_on", "gender").values_list("measured_on", "gender", "value"))
    assert rows[:3] == [
        (dt.date(2021, 12, 31), "K", Decimal("75.2")),
        (dt.date(2021, 12, 31), "M", Decimal("69.8")),
        (dt.date(2021, 12, 31), "T", Decimal("72.4")),
    ]
    assert indicator.measurements.get(measured_on=dt.date(2023, 12, 31), gender="T").source_note == (
        "Källa: Kolada, N15428, 0181, 2023"
    )

    revised = KoladaClient(
        base_url=BASE,
        getter=RecordedKolada({N15428_KPI_URL: "kpi-N15428.json", N15428_URL: "N15428-0181-revised.json"}),
    )
    result = services.indicator_refresh_from_kolada(indicator=indicator, client=revised)
    assert (result.created, result.revised, result.unchanged) == (1, 1, 7)
    changed = indicator.measurements.get(measured_on=dt.date(2022, 12, 31), gender="T")
    assert (changed.value, changed.kolada_status) == (Decimal("73.6"), "Reviderad")
    event = AuditEvent.objects.get(action="measurement_revise")
    assert event.actor is None and "73.4000 → 73.6000" in event.message


def test_kolada_404_stores_nothing(users, project):
    indicator = kolada_indicator(project, users["handlaggare"])
    before = stored()
    with pytest.raises(KoladaNotFound):
        services.indicator_refresh_from_kolada(
            indicator=indicator, client=KoladaClient(base_url=BASE, getter=RecordedKolada({}))
        )
    assert stored() == before


def test_the_command_refreshes_every_indicator_of_a_key_figure(users, project, monkeypatch, settings, capsys):
    settings.KOLADA_BASE_URL = "https://api.kolada.se/v3"
    v3 = "https://api.kolada.se/v3/data/kpi/N15428/municipality/0181"
    v3_kpi = "https://api.kolada.se/v3/kpi/N15428"
    getter = RecordedKolada({v3_kpi: "kpi-N15428.json", v3: "N15428-0181-revised.json"})
    monkeypatch.setattr(kolada, "urllib_getter", getter)
    kolada_indicator(project, users["handlaggare"])
    call_command("kolada", "refresh", "N15428")
    assert getter.calls == [v3_kpi, v3]
    assert Measurement.objects.filter(source="kolada").count() == 9
    out = capsys.readouterr().out
    assert "9 nya, 0 reviderade, 0 oförändrade" in out and "Källa: Kolada" in out
    call_command("kolada", "refresh", "N15428")  # the second run reads the cache
    assert getter.calls == [v3_kpi, v3]
    assert "0 nya, 0 reviderade, 9 oförändrade" in capsys.readouterr().out


def test_the_command_reports_kolada_errors_and_unknown_keys(users, project, monkeypatch):
    monkeypatch.setattr(kolada, "urllib_getter", RecordedKolada({}))
    indicator = kolada_indicator(project, users["handlaggare"])
    with pytest.raises(CommandError, match="1 av 1"):
        call_command("kolada", "refresh", str(indicator.pk))
    with pytest.raises(CommandError, match="N00000"):
        call_command("kolada", "refresh", "N00000")
    assert not Measurement.objects.exists()
