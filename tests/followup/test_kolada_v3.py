"""Kolada v3 against a fake server on 127.0.0.1 (real HTTP, the real getter): paging by next_url, the 25-id
limit, HTTP 429 with Retry-After, a renamed key figure, an unknown key figure, the default set and groups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from socialfund.audit.models import AuditEvent
from socialfund.core import kolada
from socialfund.core.kolada import HttpStatusError, KoladaClient, KoladaNotFound, KoladaUnavailable, parse_retry_after
from socialfund.core.kolada import urllib_getter as real_urllib_getter
from socialfund.core.kolada_sets import BARN_OCH_UNGA, CheckStatus, check_set, comparison_means
from socialfund.followup import provenance, services
from socialfund.followup.models import KpiSnapshot, Measurement
from tests.followup.kolada_fake import Answer, FakeKolada
from tests.followup.test_indicators import kolada_indicator
from tests.followup.test_views import client_for

N15428 = "/data/kpi/N15428/municipality/0181"


@pytest.fixture
def fake():
    server = FakeKolada().start()
    yield server
    server.stop()


def client(fake: FakeKolada, waits: list[float] | None = None, **kwargs: object) -> KoladaClient:
    sleep = waits.append if waits is not None else (lambda seconds: None)
    return KoladaClient(base_url=fake.base, getter=real_urllib_getter, sleep=sleep, **kwargs)  # type: ignore[arg-type]


def serve_n15428(fake: FakeKolada) -> None:
    fake.route(N15428, "N15428-0181-p1.json")
    fake.route(f"{N15428}?page=2&per_page=2", "N15428-0181-p2.json")
    fake.route(f"{N15428}?page=3&per_page=2", "N15428-0181-p3.json")


def test_follows_next_url_across_three_pages(fake):
    serve_n15428(fake)
    series = client(fake).data(kpi="N15428", municipality="0181")
    assert fake.requests == [
        f"/v3{N15428}",
        f"/v3{N15428}?page=2&per_page=2",
        f"/v3{N15428}?page=3&per_page=2",
    ]
    assert series.periods == [2019, 2020, 2021, 2022, 2023]
    assert [v.value for v in series.values_for("T")] == [Decimal(x) for x in ("71.0", "71.8", "72.4", "73.4", "74.1")]
    assert series.values_for("M")[-1].value is None  # Kolada has the year but no figure: None, not 0


def test_more_than_25_ids_go_as_several_requests(fake):
    fake.route("/municipality_groups", "municipality_groups.json")
    api = client(fake)
    (group,) = api.municipality_groups()
    assert len(group.members) == 30
    members = ",".join(group.members[:25])
    fake.route(f"/data/kpi/N15428/municipality/{members}/year/2022,2023", "N15428-group-chunk1.json")
    rest = ",".join(group.members[25:])
    fake.route(f"/data/kpi/N15428/municipality/{rest}/year/2022,2023", "N15428-group-chunk2.json")

    by_member = api.data_for_municipalities(kpi="N15428", municipalities=group.members, years=[2022, 2023])
    data_requests = [r for r in fake.requests if r.startswith("/v3/data/")]
    assert len(data_requests) == 2
    assert [len(r.split("/municipality/")[1].split("/")[0].split(",")) for r in data_requests] == [25, 5]
    assert set(by_member) == set(group.members)
    assert all(len(series.values_for("T")) == 2 for series in by_member.values())
    means = comparison_means(api, kpi="N15428", group=group, years=[2022, 2023])
    assert set(means) == {2022, 2023} and means[2023] - means[2022] == Decimal("0.5")


def test_the_fake_server_refuses_26_ids_as_v3_does(fake):
    """The limit is real: asking for 26 ids in one request is an error, so the splitting above matters."""
    ids = ",".join(f"{1000 + i}" for i in range(26))
    with pytest.raises(HttpStatusError) as error:
        real_urllib_getter(f"{fake.base}/data/kpi/N15428/municipality/{ids}")
    assert error.value.status == 400


def test_more_than_25_years_go_as_two_requests(fake):
    years = list(range(1990, 2020))  # 30 years
    fake.route(f"{N15428}/year/{','.join(map(str, years[:25]))}", "kpi-unknown.json")
    fake.route(f"{N15428}/year/{','.join(map(str, years[25:]))}", "N15428-0181-p3.json")
    series = client(fake).data(kpi="N15428", municipality="0181", years=years)
    assert len(fake.requests) == 2
    assert series.periods == [2023]


def test_429_waits_as_retry_after_says_then_asks_again(fake):
    fake.route(N15428, Answer(status=429, headers={"Retry-After": "2"}), Answer("N15428-0181-p3.json"))
    waits: list[float] = []
    series = client(fake, waits).data(kpi="N15428", municipality="0181")
    assert waits == [2.0]
    assert fake.requests == [f"/v3{N15428}", f"/v3{N15428}"]
    assert series.periods == [2023]


def test_429_asking_too_long_a_wait_gives_up_in_swedish_and_stores_nothing(fake, users, project):
    fake.route("/kpi/N15428", "kpi-N15428.json")
    fake.route(N15428, Answer(status=429, headers={"Retry-After": "3600"}))
    indicator = kolada_indicator(project, users["handlaggare"])
    waits: list[float] = []
    with pytest.raises(KoladaUnavailable, match="HTTP 429") as error:
        services.indicator_refresh_from_kolada(indicator=indicator, client=client(fake, waits))
    assert "3600 sekunder" in error.value.message
    assert waits == [] and not Measurement.objects.exists()


def test_429_without_end_stops_after_the_retries(fake):
    fake.route(N15428, Answer(status=429, headers={"Retry-After": "1"}))
    waits: list[float] = []
    with pytest.raises(KoladaUnavailable):
        client(fake, waits, max_retries=2).data(kpi="N15428", municipality="0181")
    assert waits == [1.0, 1.0] and len(fake.requests) == 3


def test_retry_after_as_an_http_date():
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412480.0) == 30.0
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_linking_snapshots_the_metadata_and_a_changed_title_is_flagged(fake, users, project):
    fake.route("/kpi/N15428", "kpi-N15428.json", "kpi-N15428-renamed.json")
    serve_n15428(fake)
    indicator = kolada_indicator(project, users["handlaggare"])
    api = client(fake)
    snapshot = services.kpi_snapshot_check(indicator=indicator, user=users["handlaggare"], client=api)
    assert snapshot.title == "Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)"
    assert (snapshot.unit, snapshot.divided_by_gender, snapshot.title_changed) == ("%", True, False)

    result = services.indicator_refresh_from_kolada(indicator=indicator, client=api)  # Kolada renamed it
    assert result.created == 14
    snapshot = KpiSnapshot.objects.get(indicator=indicator)
    assert snapshot.title_changed and snapshot.title_changed_at is not None
    assert snapshot.title.endswith("andel (%)") and snapshot.current_title.endswith("(ny definition från 2025)")
    event = AuditEvent.objects.get(action="kpi_title_changed")
    assert "har bytt titel på N15428" in event.message

    services.indicator_refresh_from_kolada(indicator=indicator, client=api)  # the same new title: no new warning
    assert AuditEvent.objects.filter(action="kpi_title_changed").count() == 1

    for url in (
        reverse("followup:indicator", args=[project.pk, indicator.pk]),
        reverse("followup:project", args=[project.pk]),
    ):
        html = client_for("handlaggare").get(url).content.decode()
        assert "Kolada har bytt titel på nyckeltalet." in html
        assert "(ny definition från 2025)" in html and "uppdelat på kön" in html


def test_an_unknown_key_figure_stores_nothing(fake, users, project):
    fake.route("/kpi/N99999", "kpi-unknown.json")
    indicator = kolada_indicator(project, users["handlaggare"], kolada_kpi="N99999")
    with pytest.raises(KoladaNotFound, match="inget nyckeltal N99999"):
        services.indicator_refresh_from_kolada(indicator=indicator, client=client(fake))
    assert not KpiSnapshot.objects.exists() and not Measurement.objects.exists()
    assert not any("/data/" in r for r in fake.requests)  # no data asked for a key figure Kolada does not know


def test_the_default_set_is_checked_against_the_metadata(fake):
    ids = ",".join(entry.kpi for entry in BARN_OCH_UNGA)
    fake.route(f"/kpi/{ids}", "kpi-barn-och-unga.json")
    checks = {check.entry.kpi: check for check in check_set(client(fake), BARN_OCH_UNGA)}
    assert len(fake.requests) == 1
    assert checks["N15428"].status is CheckStatus.OK
    assert checks["N02797"].status is CheckStatus.TITLE_DIFFERS
    assert "UVAS" in checks["N02797"].message
    assert checks["N03942"].status is CheckStatus.UNKNOWN
    assert "känner inte till" in checks["N03942"].message
    assert [c.status for c in checks.values()].count(CheckStatus.OK) == 4


def test_measurements_from_the_fake_server_carry_their_source(fake, users, project):
    fake.route("/kpi/N15428", "kpi-N15428.json")
    serve_n15428(fake)
    indicator = kolada_indicator(project, users["handlaggare"])
    services.indicator_refresh_from_kolada(indicator=indicator, client=client(fake))
    figure = indicator.measurements.get(measured_on=dt.date(2022, 12, 31), gender="T")
    assert figure.value == Decimal("73.4") and figure.source_note == "Källa: Kolada, N15428, 0181, 2022"
    today = timezone.localdate().isoformat()
    assert provenance.measurement_source(figure) == f"Källa: Kolada, N15428, 0181, 2022, hämtad {today}"
    html = client_for("handlaggare").get(reverse("followup:indicator", args=[project.pk, indicator.pk])).content
    assert f"Källa: Kolada, N15428, 0181, 2022, hämtad {today}" in html.decode()


def test_the_command_checks_the_default_set(fake, settings, capsys, monkeypatch):
    settings.KOLADA_BASE_URL = fake.base
    fake.route(f"/kpi/{','.join(entry.kpi for entry in BARN_OCH_UNGA)}", "kpi-barn-och-unga.json")
    monkeypatch.setattr(kolada, "urllib_getter", real_urllib_getter)  # only the fake server on 127.0.0.1
    with pytest.raises(CommandError, match="2 nyckeltal i barn-och-unga"):
        call_command("kolada", "check-set", "barn-och-unga")
    out, err = capsys.readouterr()
    assert "4 av 6 nyckeltal stämmer" in out and "N03942: Kolada känner inte till" in err


def test_importing_the_default_set_adds_only_what_checked_out(fake, users, project, settings, monkeypatch, capsys):
    settings.KOLADA_BASE_URL = fake.base
    monkeypatch.setattr(kolada, "urllib_getter", real_urllib_getter)
    fake.route(f"/kpi/{','.join(entry.kpi for entry in BARN_OCH_UNGA)}", "kpi-barn-och-unga.json")
    fake.route("/kpi/N15428", "kpi-N15428.json")
    fake.route(N15428, "N15428-0181-early.json")  # 2014 and 2015: before the project's start in 2016
    for kpi in ("N15505", "N17473", "N17445"):  # known and titled as expected, but no figure for 0181
        fake.route(f"/data/kpi/{kpi}/municipality/0181", "kpi-unknown.json")
    call_command("kolada", "import-set", "barn-och-unga", "--project", str(project.pk), "--user", "handlaggare")
    out, err = capsys.readouterr()
    (indicator,) = project.indicators.filter(source="kolada")
    assert (indicator.kolada_kpi, indicator.kolada_municipality, indicator.direction) == ("N15428", "0181", "higher")
    assert (indicator.baseline_value, indicator.baseline_on) == (Decimal("69.1"), dt.date(2015, 12, 31))
    assert KpiSnapshot.objects.get(indicator=indicator).unit == "%"
    assert "1 indikatorer tillagda, 5 inte" in out
    assert "N02797" in err and "N03942: Kolada känner inte till" in err  # renamed and unknown: not imported
    assert "N15505: Kolada har inget värde för 0181 före projektstarten." in err
    call_command("kolada", "import-set", "barn-och-unga", "--project", str(project.pk), "--user", "handlaggare")
    assert "N15428: projektet följer redan nyckeltalet." in capsys.readouterr().err
    assert project.indicators.filter(source="kolada").count() == 1


def test_the_command_compares_the_municipality_with_its_group(fake, settings, monkeypatch, capsys, demo):
    settings.KOLADA_BASE_URL = fake.base
    monkeypatch.setattr(kolada, "urllib_getter", real_urllib_getter)
    fake.route("/municipality_groups", "municipality_groups.json")
    serve_n15428(fake)
    members = [f"{1400 + i * 3:04d}" for i in range(29)] + ["0181"]
    fake.route(f"/data/kpi/N15428/municipality/{','.join(members[:25])}/year/2022,2023", "N15428-group-chunk1.json")
    fake.route(f"/data/kpi/N15428/municipality/{','.join(members[25:])}/year/2022,2023", "N15428-group-chunk2.json")
    fake.route(f"{N15428}/year/2022,2023", "N15428-0181-p2.json")
    call_command("kolada", "compare", "N15428", "--group", "G0000", "--years", "2022,2023")
    out = capsys.readouterr().out
    assert "N15428: 0181 mot Jämförelsegrupp barn och unga (exempel) (30 kommuner)" in out
    assert "2022: 73,4 mot " in out and out.rstrip().endswith("Källa: Kolada")
    with pytest.raises(CommandError, match="ingen kommungrupp G9999"):
        call_command("kolada", "compare", "N15428", "--group", "G9999")
