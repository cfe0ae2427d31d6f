"""The DCAT-AP-SE catalogue of the demo fund: it parses as RDF (Turtle, RDF/XML, JSON-LD) and has every property
DCAT-AP-SE 3.0.1 makes mandatory, read from the profile's own template bundle (diggsweden/DCAT-AP-SE, shipped in
tests/opendata/schemas), with the kind of value (URI or literal) and the most values the profile allows."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from tests.opendata.schemas import SCHEMAS

BUNDLE = SCHEMAS / "dcat-ap-se-3.0.1" / "bundle.json"
PREFIXES = {
    "dcat": str(DCAT),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "adms": "http://www.w3.org/ns/adms#",
    "dcatap": "http://data.europa.eu/r5r/",
    "odrs": "http://schema.theodi.org/odrs#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
CLASSES = {"dcat:Catalog": DCAT.Catalog, "dcat:Dataset": DCAT.Dataset, "dcat:Distribution": DCAT.Distribution}


def expand(curie: str) -> URIRef:
    prefix, local = curie.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


def mandatory_rules() -> dict[str, list[tuple[list[dict[str, Any]], dict[str, int]]]]:
    """Per class: the mandatory (templates, cardinality); a group's templates are its alternatives."""
    templates = {t["id"]: t for t in json.loads(BUNDLE.read_text(encoding="utf-8"))["templates"]}

    def leaves(template: dict[str, Any]) -> list[dict[str, Any]]:
        if template.get("property"):
            return [template]
        return [leaf for item in template.get("items", []) for leaf in leaves(resolve(item)[0])]

    def resolve(item: str | dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
        if isinstance(item, str):
            template = templates[item]
            return template, template.get("cardinality", {})
        base = templates.get(item.get("id") or item.get("extends") or "", {})
        merged = {**base, **item}
        return merged, item.get("cardinality") or base.get("cardinality", {})

    rules: dict[str, list[tuple[list[dict[str, Any]], dict[str, int]]]] = {}
    for name in CLASSES:
        for item in templates[name]["items"]:
            template, cardinality = resolve(item)
            if cardinality.get("min", 0) >= 1:
                rules.setdefault(name, []).append((leaves(template), cardinality))
    return rules


def problems(graph: Graph) -> list[str]:
    found = []
    for name, rules in mandatory_rules().items():
        subjects = list(graph.subjects(RDF.type, CLASSES[name]))
        if not subjects:
            found.append(f"ingen {name}")
        for subject in subjects:
            for leaves, cardinality in rules:
                values = [(leaf, o) for leaf in leaves for o in graph.objects(subject, expand(leaf["property"]))]
                label = "/".join(sorted({leaf["property"] for leaf in leaves}))
                if not cardinality.get("min", 0) <= len({o for _, o in values}) <= cardinality.get("max", 10**6):
                    found.append(f"{name} {subject}: {label} har {len(values)} värden, {cardinality}")
                for leaf, value in values:
                    kind = leaf.get("nodetype", "")
                    if kind == "URI" and not isinstance(value, URIRef):
                        found.append(f"{name} {subject}: {label} ska vara en URI")
                    if kind in ("LITERAL", "ONLY_LITERAL") and not isinstance(value, Literal):
                        found.append(f"{name} {subject}: {label} ska vara en literal")
                    if kind == "RESOURCE" and not isinstance(value, URIRef | BNode):
                        found.append(f"{name} {subject}: {label} ska vara en resurs")
                    pattern = leaf.get("pattern")
                    if pattern and isinstance(value, Literal) and not re.match(pattern, str(value)):
                        found.append(f"{name} {subject}: {label} {value!r} följer inte {pattern}")
    return found


@pytest.fixture
def published(fund, users, followed):
    from socialfund.reports.public import public_page_set

    public_page_set(fund=fund, user=users["admin"], enabled=True, intro="")
    return fund


@pytest.mark.parametrize(("fmt", "syntax"), [("ttl", "turtle"), ("rdf", "xml"), ("jsonld", "json-ld")])
def test_the_catalogue_parses_and_has_every_mandatory_property(published, fmt, syntax):
    response = Client().get(reverse("opendata:catalogue", args=[published.slug, fmt]))
    assert response.status_code == 200
    graph = Graph().parse(data=response.content.decode(), format=syntax)
    assert problems(graph) == []
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert len(list(graph.objects(catalog, DCAT.dataset))) == 3
    publisher = graph.value(catalog, DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) is not None  # the agent is named (the profile's label property)
    titles = {lit.language for lit in graph.objects(catalog, DCTERMS.title)}
    assert titles == {"sv", "en"}


def test_the_mandatory_rules_are_read_and_a_gap_is_caught(published):
    """The check can fail: the bundle yields the rules, and a catalogue without a licence breaks one."""
    rules = mandatory_rules()
    catalog_props = {leaf["property"] for leaves, _ in rules["dcat:Catalog"] for leaf in leaves}
    assert {
        "dcterms:title",
        "dcterms:description",
        "dcterms:publisher",
        "dcterms:license",
        "dcat:dataset",
    } <= catalog_props
    assert {leaf["property"] for leaves, _ in rules["dcat:Distribution"] for leaf in leaves} >= {"dcat:accessURL"}
    response = Client().get(reverse("opendata:catalogue", args=[published.slug, "ttl"]))
    graph = Graph().parse(data=response.content.decode(), format="turtle")
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    graph.remove((catalog, DCTERMS.license, None))
    assert any("dcterms:license" in p for p in problems(graph))


def test_every_distribution_url_answers(published):
    client = Client()
    response = client.get(reverse("opendata:catalogue", args=[published.slug, "ttl"]))
    graph = Graph().parse(data=response.content.decode(), format="turtle")
    urls = [str(u) for u in graph.objects(None, DCAT.downloadURL)]
    assert len(urls) == 3
    for url in urls:
        path = url.split("testserver", 1)[1]
        answer = client.get(path)
        assert answer.status_code == 200, url
        assert answer["Access-Control-Allow-Origin"] == "*"
