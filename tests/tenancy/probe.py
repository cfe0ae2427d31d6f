"""The isolation probe: as a user of tenant A, visit every page, API operation, export and search, with ids
and slugs of tenant B's objects where a URL takes them, and report each answer that shows B's marker, each
server error, and each change to B's rows.

Pages: every URL pattern, filled from the links of A's own pages (a crawl from the start page, so that
actions, steps and formats are real ones) with A's ids swapped for their twins in B, and every pattern the
crawl did not reach filled from B's first object. API: every operation of the OpenAPI schema, with B's ids.

The crawl visits each URL pattern, with each distinct action, step, format and set of query keys, at most
`PER_PATTERN` times: the hundredth case page says nothing the first two did not, and a bounded crawl keeps
the probe at a minute instead of ten. What it covers is counted in patterns and API operations, not pages.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from socialfund.organisation.tenancy import ACROSS, entered, tenant_path
from tests.tenancy.conftest import MARKER, TwoTenants

# The model behind an id in a URL, by the URL's namespace (or full name) and the keyword.
ID_MODELS: dict[tuple[str, str], str] = {
    ("cases", "pk"): "cases.Initiative",
    ("actors", "pk"): "cases.Initiative",
    ("reports", "pk"): "cases.Initiative",
    ("ledger", "pk"): "cases.Initiative",
    ("followup", "pk"): "followup.Project",
    ("consultations", "pk"): "consultations.Consultation",
    ("guidelines", "pk"): "guidelines.GuidelineVersion",
    ("records", "pk"): "records.Handling",
    ("*", "attachment_id"): "cases.Attachment",
    ("*", "report_id"): "followup.Report",
    ("*", "indicator_id"): "followup.Indicator",
    ("*", "recipient_id"): "consultations.Recipient",
    ("*", "statement_id"): "consultations.Statement",
    ("*", "initiative_id"): "cases.Initiative",
    ("*", "fund_pk"): "funds.Fund",
}
API_IDS: dict[str, str] = {
    "initiatives": "cases.Initiative",
    "projects": "followup.Project",
    "indicators": "followup.Indicator",
}
SKIPPED = re.compile(r"^/(static/|logga-ut/|i18n/|extern/logga-ut/|admin/logout/|admin/.*(\?|/history/|/delete/))")
"""Not visited: signing out, and the admin's sortings, filters, histories and delete confirmations (the
lists and change pages they come from are)."""
PER_PATTERN = 2
"""Pages visited per URL pattern and distinct action/format/query keys (ids and slugs of objects aside)."""
CRAWL_LIMIT = 1500
"""A guard against a crawl that never ends (a pattern whose every page links to a new kind of page)."""
IDS = frozenset({"slug", "object_id", "token", "token_id", "policy_id", "id", "number", "year"})
"""Keywords that name an object (or a year of it), not an action or a format: pages differing only in them
are the same pattern."""
PUBLISHED = re.compile(r"^(GET|POST) /(api/v1/public/|offentlig/)")
"""What every fund publishes to anyone (calls for proposals, the public page, open data): visited, its
errors counted, but B's published name there is no leak."""


@dataclass
class Findings:
    leaks: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    visited: int = 0
    routes: set[str] = field(default_factory=set)
    """The URL patterns (Django routes) of every page visited."""
    operations: set[tuple[str, str]] = field(default_factory=set)
    """(method, path in the OpenAPI schema) of every API operation called."""
    published_is_no_leak: bool = True
    """B's name on what every fund publishes to anyone is no leak for a signed-in user of A (the published
    pages of every tenant are public), but is one for an anonymous visitor on A's host."""

    def look(self, what: str, response: Any) -> None:
        self.visited += 1
        route = route_of(what.partition(" ")[2])
        if route is not None:
            self.routes.add(route)
        if response.status_code >= 500:
            self.errors.append(f"{what} → {response.status_code}")
        if MARKER in _text(response) and not (self.published_is_no_leak and PUBLISHED.match(what)):
            self.leaks.append(f"{what} → {response.status_code}")


def route_of(url: str) -> str | None:
    try:
        return str(resolve(url.partition("?")[0]).route)
    except Resolver404:
        return None


def pattern_of(url: str) -> str | None:
    """The URL's route with its action, step or format and its query's keys: what one page of a kind shows."""
    path, _, query = url.partition("?")
    try:
        match = resolve(path)
    except Resolver404:
        return None
    kept = sorted(
        (keyword, str(value))
        for keyword, value in match.kwargs.items()
        if not isinstance(value, int) and keyword not in IDS and not keyword.endswith("_id")
    )
    keys = sorted({key for key, _value in parse_qsl(query, keep_blank_values=True)})
    return f"{match.route} {kept} {keys}"


def _text(response: Any) -> str:
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if body[:4] == b"PK\x03\x04":  # xlsx, docx, zip: the marker sits in the XML inside
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist())
    return body.decode("utf-8", "ignore")


def owned_by(label: str, organisation_id: int) -> list[Any]:
    model = apps.get_model(label)
    with entered(ACROSS):
        return list(model.objects.filter(**{tenant_path(model): organisation_id}).order_by("pk"))


class Twins:
    """A's object → the object at the same place in B (B is a copy of the same demo)."""

    def __init__(self, two: TwoTenants) -> None:
        self.two = two
        self._cache: dict[str, tuple[list[Any], list[Any]]] = {}

    def lists(self, label: str) -> tuple[list[Any], list[Any]]:
        if label not in self._cache:
            self._cache[label] = (owned_by(label, self.two.a.pk), owned_by(label, self.two.b.pk))
        return self._cache[label]

    def of(self, label: str, pk: int) -> int | None:
        ours, theirs = self.lists(label)
        place = next((n for n, row in enumerate(ours) if row.pk == pk), None)
        if place is None or not theirs:
            return None
        return int(theirs[min(place, len(theirs) - 1)].pk)

    def first(self, label: str) -> int | None:
        theirs = self.lists(label)[1]
        return int(theirs[0].pk) if theirs else None


def _id_model(namespace: str, keyword: str) -> str | None:
    return ID_MODELS.get((namespace, keyword)) or ID_MODELS.get(("*", keyword))


def crawl(client: Client, findings: Findings) -> set[str]:
    """Same-site links reachable from A's pages (GET), each pattern at most PER_PATTERN times; every page
    visited is looked at for B's marker and errors."""
    seen: set[str] = set()
    per_pattern: dict[str | None, int] = {}
    queue = ["/", *_plain_urls()]
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.pop(0)
        if url in seen or SKIPPED.match(url):
            continue
        pattern = pattern_of(url)
        if per_pattern.get(pattern, 0) >= PER_PATTERN:
            continue
        per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
        seen.add(url)
        response = client.get(url)
        findings.look(f"GET {url}", response)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in re.findall(
            r'(?:href|action|hx-get|hx-post)="(/[^"#]*)"', response.content.decode("utf-8", "ignore")
        ):
            link = link.replace("&amp;", "&")
            if link not in seen and not SKIPPED.match(link):
                queue.append(link)
    return seen


def _patterns(resolvers: list[Any] | None = None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace


def _plain_urls() -> list[str]:
    return ["/" + p for p, _ns in _patterns() if "<" not in p and "(" not in p and "^" not in p]


def swapped(url: str, twins: Twins) -> str | None:
    """`url` of A with every id and slug of A's objects replaced by B's twin; None if nothing of A's is in it."""
    path, _, query = url.partition("?")
    try:
        match = resolve(path)
    except Resolver404:
        return None
    namespace = match.namespace.split(":")[-1] if match.namespace else ""
    changed = False
    new_path = path
    kwargs = dict(match.kwargs)
    if match.url_name and match.url_name.endswith("_change") and "object_id" in kwargs:
        label = _admin_label(match.url_name)
        twin = twins.of(label, int(kwargs["object_id"])) if label and label in _tenant_labels() else None
        if twin is None:
            return None
        return path.replace(f"/{kwargs['object_id']}/", f"/{twin}/", 1)
    for keyword, value in kwargs.items():
        if keyword == "slug" and value == twins.two.fund_a.slug:
            new_path = new_path.replace(f"/{value}/", f"/{twins.two.fund_b.slug}/", 1)
            changed = True
            continue
        label = _id_model(namespace, keyword) if isinstance(value, int) else None
        if label:
            twin = twins.of(label, value)
            if twin is not None:
                new_path = re.sub(rf"/{value}(?=[/.\-])", f"/{twin}", new_path, count=1)
                changed = True
    if not changed:
        return None
    return new_path + ("?" + query if query else "")


def _tenant_labels() -> set[str]:
    from socialfund.organisation.tenancy import TENANT_PARENTS

    return set(TENANT_PARENTS)


def _admin_label(url_name: str) -> str | None:
    stem = url_name.removesuffix("_change")
    for model in apps.get_models():
        if f"{model._meta.app_label}_{model._meta.model_name}" == stem:
            return model._meta.label
    return None


def unreached(crawled: set[str], twins: Twins) -> list[str]:
    """Every pattern with parameters that the crawl did not reach, filled from B's first objects."""
    reached = set()
    for url in crawled:
        try:
            match = resolve(url.partition("?")[0])
        except Resolver404:
            continue
        reached.add(match.route)
    urls = []
    for route, namespace in _patterns():
        if "<" not in route or route in reached or route.startswith("admin/"):
            continue
        urls.extend(_filled(route, namespace, twins))
    return urls


def _filled(route: str, namespace: str, twins: Twins) -> list[str]:
    parts = re.findall(r"<(?:(\w+):)?(\w+)>", route)
    values: dict[str, list[str]] = {}
    for _converter, keyword in parts:
        label = _id_model(namespace, keyword)
        if label:
            first = twins.first(label)
            values[keyword] = [str(first)] if first is not None else []
        elif keyword == "slug":
            values[keyword] = [twins.two.fund_b.slug]
        elif keyword == "fmt":
            values[keyword] = ["csv", "xlsx", "pdf", "docx", "json", "ttl", "html"]
        elif keyword in {"year"}:
            values[keyword] = ["2015", "2016"]
        elif keyword == "number":
            handovers = twins.lists("ledger.Handover")[1]
            values[keyword] = [str(h.number) for h in handovers[:1]] or ["1"]
        elif keyword == "code":
            values[keyword] = ["UN"]
        else:
            values[keyword] = ["x"]
    urls = ["/" + route]
    for _converter, keyword in parts:
        urls = [u.replace(re.search(rf"<(?:\w+:)?{keyword}>", u).group(0), v) for u in urls for v in values[keyword]]  # type: ignore[union-attr]
    return urls


def api_operations(client: Client, twins: Twins) -> list[tuple[str, str, str]]:
    """(method, path in the schema, path with B's ids, slug and board code) of every API operation."""
    schema = client.get("/api/v1/openapi.json").json()
    operations = []
    for path, methods in schema["paths"].items():
        filled = path.replace("{slug}", twins.two.fund_b.slug).replace("{code}", "UN")
        filled = filled.replace("{policy_id}", "sodertalje-2013")
        if "{pk}" in filled:
            collection = filled.split("/{pk}")[0].rsplit("/", 1)[-1]
            filled = filled.replace("{pk}", str(twins.first(API_IDS[collection])))
        filled = filled.replace("{initiative_id}", str(twins.first("cases.Initiative")))
        filled = re.sub(r"\{code\}|\{\w+\}", "x", filled)
        for method in methods:
            if method in {"get", "post", "put", "patch", "delete"}:
                operations.append((method, path, filled))
    return operations


def b_state(twins: Twins) -> dict[str, Any]:
    """What B holds: every tenant table's rows (pk and, where there is one, status and stage)."""
    state: dict[str, Any] = {}
    for label in sorted(_tenant_labels()):
        rows = owned_by(label, twins.two.b.pk)
        state[label] = [(r.pk, getattr(r, "status", None), getattr(r, "stage", None)) for r in rows]
    return state


def probe(client: Client, token: str | None, twins: Twins, *, lists_only: bool = False) -> Findings:
    """`lists_only`: the pages without parameters, the searches and the API's lists (no crawl, no B ids).
    `token` None: the API without a key, as an anonymous visitor calls it."""
    findings = Findings(published_is_no_leak=token is not None)
    before = b_state(twins)
    searches = [
        f"/arenden/?q={MARKER.lower()}",  # lower case: a page echoing the term is no leak (exact check)
        "/arenden/?q=Familjecentraler",
        "/arenden/?q=0013",
        f"/admin/cases/initiative/?q={MARKER.lower()}",
    ]
    if lists_only:
        crawled, b_urls = set(_plain_urls()), set()
        for url in sorted(crawled):
            if not SKIPPED.match(url):
                findings.look(f"GET {url}", client.get(url))
    else:
        crawled = crawl(client, findings)
        b_urls = {u for u in (swapped(url, twins) for url in crawled) if u}
        b_urls |= set(unreached(crawled, twins))
    for url in sorted(b_urls | set(searches)):
        if SKIPPED.match(url) and url not in searches:
            continue
        findings.look(f"GET {url}", client.get(url))
    for url in sorted(b_urls):  # an action on B's object: refused, nothing of B changes (checked below)
        findings.look(f"POST {url}", client.post(url, {}))
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    api = Client(raise_request_exception=False, HTTP_HOST=client.defaults.get("HTTP_HOST", "testserver"), **headers)
    operations = api_operations(client, twins) + [
        ("get", "/api/v1/initiatives", f"/api/v1/initiatives?q={MARKER.lower()}")
    ]
    if lists_only:
        operations = [(m, s, p) for m, s, p in operations if m == "get" and "{" not in s]
    for method, schema_path, path in operations:
        if method == "get":
            response = api.get(path)
        else:
            response = getattr(api, method)(path, data="{}", content_type="application/json")
        findings.operations.add((method, schema_path))
        findings.look(f"{method.upper()} {path}", response)
    if b_state(twins) != before:
        findings.leaks.append("tenant B's rows changed")
    return findings


def must_visit() -> set[str]:
    """The routes a full probe visits: every one outside the admin but signing out and the language switch;
    in the admin its index and each model's list and add page (the change pages follow from the lists' rows)."""
    routes = set()
    for route, _namespace in _patterns():
        if route.startswith("admin/"):
            if not re.search(r"[<^(]", route) and not SKIPPED.match("/" + route):
                routes.add(route)
        elif not SKIPPED.match("/" + route):
            routes.add(route)
    return routes


def schema_operations(client: Client) -> set[tuple[str, str]]:
    schema = client.get("/api/v1/openapi.json").json()
    return {
        (method, path)
        for path, methods in schema["paths"].items()
        for method in methods
        if method in {"get", "post", "put", "patch", "delete"}
    }
