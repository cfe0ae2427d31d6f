"""A small client for Kolada, the municipal key-figure database (api.kolada.se): pure Python, no Django.

    client = KoladaClient(base_url="https://api.kolada.se/v3")
    series = client.data(kpi="N15428", municipality="0181", years=[2022, 2023])
    series.values_for("T")    # the totals; "K" kvinnor/flickor, "M" män/pojkar

Kolada v3 answers `{"count": n, "values": [...], "next_url": "<url>"}` with at most 5000
items a page; the client follows `next_url` (v2 called it `next_page`, still read) until
there is none. Every value comes back with its gender code (T, K or M), its period (a
year) and Kolada's status. v3 takes at most 25 ids or years in one request: longer lists
are split into several requests (`MAX_IDS_PER_REQUEST`). An HTTP 429 is waited out as
its `Retry-After` asks (up to `max_wait_seconds`), then asked again.

The HTTP getter is injectable (tests pass recorded responses and never touch the
network) and answers are cached by URL. Errors carry a Swedish message a user can
act on: an unknown key figure (404) and an answer that is not Kolada's shape are
told apart. Kolada's terms ask every use of its figures to cite "Källa: Kolada";
`SOURCE_LABEL` is that text.
"""

from __future__ import annotations

import email.utils
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, Protocol, cast

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
SOURCE_LABEL = "Källa: Kolada"
GENDERS: tuple[Literal["T", "K", "M"], ...] = ("T", "K", "M")
GENDER_NAMES = {"T": "Totalt", "K": "Kvinnor", "M": "Män"}
# A runaway chain of next_page links (or one that loops) stops here rather than never.
MAX_PAGES = 200
DEFAULT_TIMEOUT_SECONDS = 20.0
# Kolada v3 refuses a request naming more than 25 ids (key figures, municipalities) or years.
MAX_IDS_PER_REQUEST = 25
# HTTP 429: how many times to wait and ask again, and the longest wait the client accepts.
MAX_RETRIES = 3
MAX_WAIT_SECONDS = 60.0
DEFAULT_CACHE_SECONDS = 6 * 60 * 60

Gender = Literal["T", "K", "M"]


class KoladaError(Exception):
    """Kolada could not give the figures asked for; `message` is Swedish and says why."""

    def __init__(self, message: str, *, url: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.url = url


class KoladaNotFound(KoladaError):
    """Kolada answered 404: the route, key figure or municipality does not exist (or the API version moved)."""


class KoladaResponseError(KoladaError):
    """Kolada answered, but not with JSON in its documented shape."""


class KoladaUnavailable(KoladaError):
    """The service could not be reached, or answered with a server error."""


class HttpStatusError(Exception):
    """What a getter raises for an HTTP answer other than 200."""

    def __init__(self, status: int, url: str, *, retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status} för {url}")
        self.status = status
        self.url = url
        self.retry_after = retry_after


def parse_retry_after(raw: str | None, *, now: float | None = None) -> float | None:
    """`Retry-After` as seconds: either a number of seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(when.timestamp() - current, 0.0)


Getter = Callable[[str], bytes]
"""Fetch a URL and return the body; raise HttpStatusError for a non-200 answer."""


class Cache(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def set(self, key: str, value: bytes) -> None: ...


@dataclass
class MemoryCache:
    """A per-process cache with a time to live; `clock` is injectable for tests."""

    ttl_seconds: float = DEFAULT_CACHE_SECONDS
    clock: Callable[[], float] = time.monotonic
    _store: dict[str, tuple[float, bytes]] = field(default_factory=dict)

    def get(self, key: str) -> bytes | None:
        hit = self._store.get(key)
        if hit is None:
            return None
        stored_at, value = hit
        if self.clock() - stored_at > self.ttl_seconds:
            del self._store[key]
            return None
        return value

    def set(self, key: str, value: bytes) -> None:
        self._store[key] = (self.clock(), value)


def urllib_getter(url: str, *, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> bytes:
    """The default getter: the standard library, HTTPS only."""
    if urllib.parse.urlsplit(url).scheme not in ("https", "http"):
        raise KoladaError(f"Kolada-adressen måste börja med https:// ({url}).", url=url)
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "socialfund"})  # noqa: S310 - scheme checked above
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as exc:
        retry_after = parse_retry_after(exc.headers.get("Retry-After") if exc.headers else None)
        raise HttpStatusError(exc.code, url, retry_after=retry_after) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise KoladaUnavailable(f"Kolada kunde inte nås ({exc}). Försök igen senare.", url=url) from exc


@dataclass(frozen=True)
class KoladaValue:
    """One figure: a key figure for a municipality, a period (year) and a gender (T, K or M)."""

    kpi: str
    municipality: str
    period: int
    gender: Gender
    value: Decimal | None
    status: str = ""
    count: int = 1


@dataclass(frozen=True)
class KoladaSeries:
    kpi: str
    municipality: str
    values: tuple[KoladaValue, ...]
    source_url: str

    def values_for(self, gender: Gender) -> list[KoladaValue]:
        """The figures of one gender in period order."""
        return sorted((v for v in self.values if v.gender == gender), key=lambda v: v.period)

    @property
    def periods(self) -> list[int]:
        return sorted({v.period for v in self.values})

    @property
    def genders(self) -> list[Gender]:
        return [g for g in GENDERS if any(v.gender == g for v in self.values)]


@dataclass(frozen=True)
class KoladaKpi:
    id: str
    title: str
    description: str = ""
    unit: str = ""
    is_divided_by_gender: bool = False


@dataclass(frozen=True)
class KoladaGroup:
    """A municipality group (e.g. SKR's "Liknande kommuner, barn och unga"): a comparison group."""

    id: str
    title: str
    members: tuple[str, ...]


def chunked(ids: Sequence[str], size: int = MAX_IDS_PER_REQUEST) -> list[list[str]]:
    """The ids in groups of at most `size`, in order: one request each."""
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


class KoladaClient:
    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        getter: Getter | None = None,
        cache: Cache | None = None,
        max_pages: int = MAX_PAGES,
        sleep: Callable[[float], None] = time.sleep,
        max_retries: int = MAX_RETRIES,
        max_wait_seconds: float = MAX_WAIT_SECONDS,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._getter: Getter = getter if getter is not None else urllib_getter
        self._cache = cache
        self._max_pages = max_pages
        self._sleep = sleep
        self._max_retries = max_retries
        self._max_wait = max_wait_seconds

    # -- public reads ----------------------------------------------------------------------------------

    def data(self, *, kpi: str, municipality: str, years: Sequence[int] | None = None) -> KoladaSeries:
        """A key figure for one municipality, every page, every gender; all years when `years` is None.

        More than 25 years go as several requests; `source_url` is the first.
        """
        kpi_id, municipality_id = _checked_id(kpi, "nyckeltal"), _checked_id(municipality, "kommun-id")
        urls = self._data_urls(kpi_id, [municipality_id], years)
        values = [
            parsed
            for url in urls
            for page in self._pages(url)
            for item in _items(page)
            for parsed in _parse_data_item(item, url)
        ]
        return KoladaSeries(kpi=kpi_id, municipality=municipality_id, values=tuple(values), source_url=urls[0])

    def data_for_municipalities(
        self, *, kpi: str, municipalities: Sequence[str], years: Sequence[int] | None = None
    ) -> dict[str, KoladaSeries]:
        """A key figure for many municipalities (a comparison group): at most 25 ids per request."""
        kpi_id = _checked_id(kpi, "nyckeltal")
        ids = list(dict.fromkeys(_checked_id(m, "kommun-id") for m in municipalities))
        found: dict[str, list[KoladaValue]] = {m: [] for m in ids}
        first_url: dict[str, str] = {}
        for chunk in chunked(ids):
            for url in self._data_urls(kpi_id, chunk, years):
                for page in self._pages(url):
                    for item in _items(page):
                        for value in _parse_data_item(item, url):
                            found.setdefault(value.municipality, []).append(value)
                for m in chunk:
                    first_url.setdefault(m, url)
        return {
            m: KoladaSeries(kpi=kpi_id, municipality=m, values=tuple(values), source_url=first_url.get(m, ""))
            for m, values in found.items()
        }

    def kpi(self, kpi_id: str) -> KoladaKpi:
        """The key figure's title, description and unit as Kolada names them."""
        checked = _checked_id(kpi_id, "nyckeltal")
        found = self.kpis([checked])
        if checked not in found:
            raise KoladaNotFound(f"Kolada har inget nyckeltal {checked}.", url=f"{self.base_url}/kpi/{checked}")
        return found[checked]

    def kpis(self, kpi_ids: Sequence[str]) -> dict[str, KoladaKpi]:
        """Many key figures' metadata, 25 ids per request; an id Kolada does not know is simply absent."""
        ids = list(dict.fromkeys(_checked_id(k, "nyckeltal") for k in kpi_ids))
        found: dict[str, KoladaKpi] = {}
        for chunk in chunked(ids):
            url = f"{self.base_url}/kpi/{','.join(chunk)}"
            for page in self._pages(url):
                for item in _items(page):
                    if isinstance(item, Mapping) and item.get("id") in chunk:
                        kpi = _parse_kpi(item, url)
                        found[kpi.id] = kpi
        return found

    def municipality_groups(self) -> list[KoladaGroup]:
        """Kolada's municipality groups with their members (the comparison groups)."""
        url = f"{self.base_url}/municipality_groups"
        return [_parse_group(item, url) for page in self._pages(url) for item in _items(page)]

    # -- paging, caching, parsing ----------------------------------------------------------------------

    def _data_urls(self, kpi_id: str, municipalities: list[str], years: Sequence[int] | None) -> list[str]:
        base = f"{self.base_url}/data/kpi/{kpi_id}/municipality/{','.join(municipalities)}"
        if not years:
            return [base]
        ordered = [str(year) for year in sorted({int(year) for year in years})]
        return [f"{base}/year/{','.join(chunk)}" for chunk in chunked(ordered)]

    def _pages(self, first_url: str) -> Iterator[Mapping[str, Any]]:
        url: str | None = first_url
        seen: set[str] = set()
        while url is not None:
            if url in seen or len(seen) >= self._max_pages:
                raise KoladaResponseError(
                    f"Kolada svarade med fler än {self._max_pages} sidor eller en sida som pekar tillbaka; "
                    "hämtningen avbröts.",
                    url=first_url,
                )
            seen.add(url)
            page = self._get_json(url)
            yield page
            url = self._next_page(page, url)

    def _next_page(self, page: Mapping[str, Any], url: str) -> str | None:
        # v3 says next_url; v2 said next_page. Either may be absent, null or "" on the last page.
        raw = page.get("next_url", page.get("next_page"))
        if raw in (None, ""):
            return None
        if not isinstance(raw, str):
            raise KoladaResponseError("Kolada svarade med en next_url som inte är en adress.", url=url)
        following = urllib.parse.urljoin(url, raw)
        # Follow only links to Kolada's own host: a page cannot send the client elsewhere.
        if urllib.parse.urlsplit(following).netloc != urllib.parse.urlsplit(self.base_url).netloc:
            raise KoladaResponseError(f"Kolada pekade nästa sida till en annan värd ({following}).", url=url)
        return following

    def _get_json(self, url: str) -> Mapping[str, Any]:
        body = self._cache.get(url) if self._cache is not None else None
        fresh = body is None
        if body is None:
            body = self._fetch(url)
        page = _decode(body, url)
        # Cache only what parsed: garbage is never served twice.
        if fresh and self._cache is not None:
            self._cache.set(url, body)
        return page

    def _fetch(self, url: str) -> bytes:
        for attempt in range(self._max_retries + 1):
            try:
                return self._getter(url)
            except HttpStatusError as exc:
                if exc.status != 429:
                    raise _status_error(exc.status, url) from exc
                # Kolada asks us to slow down: wait what Retry-After says (or 1, 2, 4 s without one).
                wait = exc.retry_after if exc.retry_after is not None else float(2**attempt)
                if attempt == self._max_retries or wait > self._max_wait:
                    raise KoladaUnavailable(
                        f"Kolada tar emot för många frågor just nu (HTTP 429) och bad oss vänta "
                        f"{wait:.0f} sekunder. Försök igen senare.",
                        url=url,
                    ) from exc
                self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def _status_error(status: int, url: str) -> KoladaError:
    if status == 404:
        return KoladaNotFound(
            "Kolada hittar inte det som efterfrågades (HTTP 404). Kontrollera nyckeltalets id (t.ex. N15428), "
            "kommunens id (t.ex. 0181) och att KOLADA_BASE_URL pekar på rätt version av API:t (v3).",
            url=url,
        )
    if status == 400:
        return KoladaResponseError(f"Kolada underkände frågan (HTTP 400): {url}", url=url)
    if status >= 500:
        return KoladaUnavailable(f"Kolada har ett tillfälligt fel (HTTP {status}). Försök igen senare.", url=url)
    return KoladaResponseError(f"Kolada svarade med HTTP {status}.", url=url)


def _decode(body: bytes, url: str) -> Mapping[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KoladaResponseError(
            "Kolada svarade inte med JSON; svaret kan inte läsas som nyckeltal. Kontrollera KOLADA_BASE_URL.",
            url=url,
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise KoladaResponseError("Kolada svarade med JSON utan listan values; svaret har fel form.", url=url)
    return cast(Mapping[str, Any], data)


def _items(page: Mapping[str, Any]) -> list[Any]:
    return list(cast(list[Any], page["values"]))


def _checked_id(value: str, what: str) -> str:
    cleaned = value.strip()
    if not cleaned or not cleaned.isascii() or not cleaned.replace("_", "").isalnum():
        raise KoladaError(f"Ogiltigt {what}: {value!r} (bara bokstäver och siffror, t.ex. N15428 eller 0181).")
    return cleaned


def _parse_data_item(item: Any, url: str) -> list[KoladaValue]:
    """One {kpi, municipality, period, values: [{gender, value, status, count}]} as a value per gender."""
    if not isinstance(item, Mapping):
        raise KoladaResponseError("Kolada svarade med ett värde som inte är ett objekt.", url=url)
    try:
        kpi, municipality = str(item["kpi"]), str(item["municipality"])
        period = int(str(item["period"]))
        by_gender = item["values"]
    except (KeyError, TypeError, ValueError) as exc:
        raise KoladaResponseError(
            f"Kolada svarade med ett värde utan kpi, municipality, period eller values ({exc}).", url=url
        ) from exc
    if not isinstance(by_gender, list):
        raise KoladaResponseError("Kolada svarade med values som inte är en lista.", url=url)
    return [_parse_gender_value(raw, kpi, municipality, period, url) for raw in by_gender]


def _parse_gender_value(raw: Any, kpi: str, municipality: str, period: int, url: str) -> KoladaValue:
    if not isinstance(raw, Mapping):
        raise KoladaResponseError(f"{kpi} {period}: ett värde är inte ett objekt.", url=url)
    gender = raw.get("gender")
    if gender not in GENDERS:
        raise KoladaResponseError(f"{kpi} {period}: okänd könskod {gender!r} (väntade T, K eller M).", url=url)
    return KoladaValue(
        kpi=kpi,
        municipality=municipality,
        period=period,
        gender=cast(Gender, gender),
        value=_decimal(raw.get("value"), f"{kpi} {period} {gender}", url),
        status=str(raw.get("status") or ""),
        count=_count(raw.get("count", 1), f"{kpi} {period} {gender}", url),
    )


def _decimal(raw: Any, where: str, url: str) -> Decimal | None:
    """Kolada sends floats; repr() gives the shortest text that reads back the same, so 74.1 stays 74.1."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise KoladaResponseError(f"{where}: värdet {raw!r} är inte ett tal.", url=url)
    try:
        value = Decimal(repr(raw) if isinstance(raw, float) else str(raw))
    except InvalidOperation as exc:
        raise KoladaResponseError(f"{where}: värdet {raw!r} är inte ett tal.", url=url) from exc
    if not value.is_finite():
        raise KoladaResponseError(f"{where}: värdet {raw!r} är inte ett ändligt tal.", url=url)
    return value


def _count(raw: Any, where: str, url: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise KoladaResponseError(f"{where}: count {raw!r} är inte ett heltal.", url=url)
    return raw


def _parse_kpi(item: Mapping[str, Any], url: str) -> KoladaKpi:
    title = item.get("title")
    if not isinstance(title, str) or not title:
        raise KoladaResponseError("Kolada svarade med ett nyckeltal utan titel.", url=url)
    return KoladaKpi(
        id=str(item["id"]),
        title=title,
        description=str(item.get("description") or ""),
        unit=str(item.get("unit") or ""),
        is_divided_by_gender=bool(item.get("is_divided_by_gender")),
    )


def _parse_group(item: Any, url: str) -> KoladaGroup:
    if not isinstance(item, Mapping) or not isinstance(item.get("id"), str) or not item.get("title"):
        raise KoladaResponseError("Kolada svarade med en kommungrupp utan id eller titel.", url=url)
    members = item.get("members") or []
    if not isinstance(members, list):
        raise KoladaResponseError(f"Kommungruppen {item['id']}: members är inte en lista.", url=url)
    ids = tuple(str(m["id"]) for m in members if isinstance(m, Mapping) and "id" in m)
    return KoladaGroup(id=item["id"], title=str(item["title"]), members=ids)


__all__ = [
    "DEFAULT_BASE_URL",
    "MAX_IDS_PER_REQUEST",
    "GENDERS",
    "GENDER_NAMES",
    "SOURCE_LABEL",
    "Cache",
    "Gender",
    "Getter",
    "HttpStatusError",
    "KoladaClient",
    "KoladaError",
    "KoladaGroup",
    "KoladaKpi",
    "KoladaNotFound",
    "KoladaResponseError",
    "KoladaSeries",
    "KoladaUnavailable",
    "KoladaValue",
    "MemoryCache",
    "chunked",
    "parse_retry_after",
    "urllib_getter",
]
