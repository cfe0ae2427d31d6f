"""The Kolada client on recorded answers: paging, gender codes, caching, and Swedish errors for 404 and garbage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socialfund.core import kolada
from socialfund.core.kolada import (
    HttpStatusError,
    KoladaClient,
    KoladaError,
    KoladaNotFound,
    KoladaResponseError,
    KoladaUnavailable,
    MemoryCache,
)
from socialfund.core.kolada import urllib_getter as real_urllib_getter
from tests.followup.conftest import BASE, N15428_ROUTES, N15428_URL, RecordedKolada


def client(routes: dict[str, str], **kwargs: object) -> tuple[KoladaClient, RecordedKolada]:
    getter = RecordedKolada(routes)
    return KoladaClient(base_url=BASE, getter=getter, **kwargs), getter  # type: ignore[arg-type]


def test_follows_next_page_and_reads_every_gender():
    api, getter = client(N15428_ROUTES)
    series = api.data(kpi="N15428", municipality="0181")
    assert getter.calls == [N15428_URL, f"{N15428_URL}?page=2&per_page=2"]
    assert series.periods == [2021, 2022, 2023]
    assert series.genders == ["T", "K", "M"]
    assert [(v.period, v.value) for v in series.values_for("T")] == [
        (2021, Decimal("72.4")),
        (2022, Decimal("73.4")),
        (2023, Decimal("74.1")),
    ]
    assert [(v.period, v.value) for v in series.values_for("K")] == [
        (2021, Decimal("75.2")),
        (2022, Decimal("76.1")),
        (2023, Decimal("77.0")),
    ]
    # Kolada has 2023 for boys but no figure yet: kept as None, not as 0.
    assert [(v.period, v.value) for v in series.values_for("M")] == [
        (2021, Decimal("69.8")),
        (2022, Decimal("70.9")),
        (2023, None),
    ]
    assert len(series.values) == 9
    assert {v.kpi for v in series.values} == {"N15428"}
    assert {v.municipality for v in series.values} == {"0181"}


def test_years_go_into_the_route():
    url = f"{BASE}/data/kpi/N15428/municipality/0181/year/2022,2023"
    api, getter = client({url: "N15428-0181-page2.json"})
    series = api.data(kpi="N15428", municipality="0181", years=[2023, 2022, 2023])
    assert getter.calls == [url]
    assert series.source_url == url


def test_v3_has_the_same_shape():
    v3 = "https://api.kolada.se/v3"
    page1 = f"{v3}/data/kpi/N15428/municipality/0181"
    getter = RecordedKolada({page1: "N15428-0181-revised.json"})
    series = KoladaClient(base_url=v3 + "/", getter=getter).data(kpi="N15428", municipality="0181")
    assert getter.calls == [page1]
    assert [v.value for v in series.values_for("T")] == [Decimal("72.4"), Decimal("73.6"), Decimal("74.1")]
    assert series.values_for("T")[1].status == "Reviderad"


def test_kpi_metadata():
    api, _ = client({f"{BASE}/kpi/N15428": "kpi-N15428.json"})
    kpi = api.kpi("N15428")
    assert kpi.title == "Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)"
    assert kpi.is_divided_by_gender is True
    assert kpi.unit == "%"


def test_404_says_in_swedish_what_to_check():
    api, _ = client({})
    with pytest.raises(KoladaNotFound) as error:
        api.data(kpi="N99999", municipality="0181")
    assert "HTTP 404" in error.value.message
    assert "N15428" in error.value.message and "KOLADA_BASE_URL" in error.value.message
    assert error.value.url == f"{BASE}/data/kpi/N99999/municipality/0181"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("not-json.html", "Kolada svarade inte med JSON"),
        ("wrong-shape.json", "utan listan values"),
        ("unknown-gender.json", "okänd könskod 'X' (väntade T, K eller M)"),
    ],
)
def test_garbage_is_a_response_error(name, expected):
    api, _ = client({N15428_URL: name})
    with pytest.raises(KoladaResponseError) as error:
        api.data(kpi="N15428", municipality="0181")
    assert expected in error.value.message


def test_server_errors_and_bad_ids():
    def failing(url: str) -> bytes:
        raise HttpStatusError(503, url)

    with pytest.raises(KoladaUnavailable, match="tillfälligt fel"):
        KoladaClient(base_url=BASE, getter=failing).data(kpi="N15428", municipality="0181")
    with pytest.raises(KoladaError, match="Ogiltigt nyckeltal"):
        KoladaClient(base_url=BASE, getter=failing).data(kpi="N15428/../x", municipality="0181")


def test_next_page_never_leaves_kolada_and_never_loops():
    elsewhere = b'{"values": [], "next_page": "https://evil.example/steal"}'
    loop = b'{"values": [], "next_page": "' + N15428_URL.encode() + b'"}'
    for body, expected in ((elsewhere, "annan värd"), (loop, "pekar tillbaka")):
        api = KoladaClient(base_url=BASE, getter=lambda url, body=body: body)
        with pytest.raises(KoladaResponseError, match=expected):
            api.data(kpi="N15428", municipality="0181")


def test_answers_are_cached_and_garbage_is_not():
    now = [0.0]
    cache = MemoryCache(ttl_seconds=60, clock=lambda: now[0])
    api, getter = client(N15428_ROUTES, cache=cache)
    api.data(kpi="N15428", municipality="0181")
    api.data(kpi="N15428", municipality="0181")
    assert len(getter.calls) == 2  # two pages, fetched once
    now[0] = 61.0
    api.data(kpi="N15428", municipality="0181")
    assert len(getter.calls) == 4  # stale after the time to live

    bad, bad_getter = client({N15428_URL: "not-json.html"}, cache=MemoryCache())
    for _ in range(2):
        with pytest.raises(KoladaResponseError):
            bad.data(kpi="N15428", municipality="0181")
    assert len(bad_getter.calls) == 2


def test_the_default_getter_is_never_called(monkeypatch):
    """The client uses the getter it is given; the standard-library getter is not touched."""
    called: list[str] = []
    monkeypatch.setattr(kolada, "urllib_getter", lambda url, **kw: called.append(url) or b"")
    api, getter = client(N15428_ROUTES)
    api.data(kpi="N15428", municipality="0181")
    assert called == []
    assert len(getter.calls) == 2


def test_the_default_getter_refuses_other_schemes():
    # The real getter, imported before the no_network fixture replaced it; it stops before any I/O.
    with pytest.raises(KoladaError, match="https://"):
        real_urllib_getter("file:///etc/passwd")
