"""The fund's open-data catalogue in DCAT-AP-SE 3.0.1 (Sweden's profile of DCAT-AP), for dataportal.se to harvest.

Three datasets, each with its distribution at a stable URL: the grant decisions (CSV), the grants
(360Giving JSON) and the aggregate outcomes (INDIGO JSON). The catalogue and every distribution
carry the licence (CC0 1.0); titles and descriptions are in Swedish with an English translation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from socialfund.funds.models import Fund

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")

FORMATS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("xml", "application/rdf+xml; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json; charset=utf-8"),
}


@dataclass(frozen=True)
class DatasetSpec:
    key: str
    url_name: str
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    media_type: str
    conforms_to: str = ""
    keywords: tuple[str, ...] = ()


DATASETS = (
    DatasetSpec(
        "beslut",
        "opendata:decisions",
        "Beslut om sociala investeringar",
        "Decisions on social investments",
        "Kommunstyrelsens beviljade ansökningar ur den sociala investeringsfonden: projekt, nämnd, beslut, "
        "diarienummer och belopp per år.",
        "The executive board's granted applications from the social investment fund: project, board, decision, "
        "registration number and amount per year.",
        "text/csv",
        keywords=("social investeringsfond", "beslut", "kommun"),
    ),
    DatasetSpec(
        "bidrag",
        "opendata:grants",
        "Beviljade medel ur den sociala investeringsfonden (360Giving)",
        "Grants from the social investment fund (360Giving)",
        "Varje beviljat projekt som ett bidrag enligt 360Giving Data Standard: belopp, beslutsdag, mottagande nämnd "
        "och utbetalningar.",
        "Each granted project as a grant in the 360Giving Data Standard: amount, award date, receiving board and "
        "disbursements.",
        "application/json",
        conforms_to="https://standard.threesixtygiving.org/en/latest/",
        keywords=("360Giving", "bidrag", "social investeringsfond"),
    ),
    DatasetSpec(
        "effekter",
        "opendata:indigo",
        "Effektmått och utfall för sociala investeringar (INDIGO)",
        "Outcome metrics and results of social investments (INDIGO)",
        "Projektens effektmått med definition, målgrupp, mål, valideringsmetod och validerande organisation, "
        "sammanräknade utfall per period med källa, utbetalningar och återföringar, enligt INDIGO 4.1. "
        "Innehåller inga personuppgifter.",
        "The projects' outcome metrics with definition, target population, target, validation method and "
        "validating organisation, aggregate results per period with their sources, payments and repayments, "
        "in INDIGO 4.1. Contains no personal data.",
        "application/json",
        conforms_to="https://indigo-data-standard.readthedocs.io/en/4.1/",
        keywords=("INDIGO", "effektmått", "utfall", "social investeringsfond"),
    ),
)


def catalogue(fund: Fund, *, absolute: Callable[[str], str], today: dt.date) -> Graph:
    """The catalogue graph; `absolute` turns a path into a full URL (the request's host)."""
    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("dcterms", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("vcard", VCARD)
    page = absolute(reverse("reports:public", args=[fund.slug]))
    catalog, publisher, contact = URIRef(page + "#katalog"), URIRef(page + "#utgivare"), URIRef(page + "#kontakt")
    organisation = fund.organisation

    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(organisation.name, lang="sv")))
    g.add((publisher, DCTERMS.type, LOCAL_AUTHORITY))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(f"{fund.name}, {organisation.name}", lang="sv")))
    g.add((contact, VCARD.hasURL, URIRef(page)))

    g.add((catalog, RDF.type, DCAT.Catalog))
    _texts(g, catalog, DCTERMS.title, f"Öppna data: {fund.name}", f"Open data: {fund.name}")
    _texts(
        g,
        catalog,
        DCTERMS.description,
        f"Öppna data från {fund.name} i {organisation.name}: beslut, beviljade medel och sammanräknade effekter. "
        "Inga personuppgifter.",
        f"Open data from {fund.name} in {organisation.name}: decisions, grants and aggregate outcomes. "
        "No personal data.",
    )
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, DCTERMS.license, CC0))
    g.add((catalog, DCTERMS.language, URIRef(EU + "language/SWE")))
    g.add((catalog, FOAF.homepage, URIRef(page)))
    g.add((catalog, DCTERMS.modified, Literal(today.isoformat(), datatype=XSD.date)))

    for spec in DATASETS:
        dataset = URIRef(f"{page}#{spec.key}")
        g.add((catalog, DCAT.dataset, dataset))
        _dataset(g, spec, dataset, absolute(reverse(spec.url_name, args=[fund.slug])), page, publisher, contact, today)
    return g


def _dataset(
    g: Graph,
    spec: DatasetSpec,
    dataset: URIRef,
    url: str,
    page: str,
    publisher: URIRef,
    contact: URIRef,
    today: dt.date,
) -> None:
    """One dataset with its one distribution (the download at `url`)."""
    distribution = URIRef(f"{url}#distribution")
    g.add((dataset, RDF.type, DCAT.Dataset))
    _texts(g, dataset, DCTERMS.title, spec.title_sv, spec.title_en)
    _texts(g, dataset, DCTERMS.description, spec.description_sv, spec.description_en)
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.contactPoint, contact))
    g.add((dataset, DCAT.theme, URIRef(EU + "data-theme/GOVE")))
    g.add((dataset, DCAT.theme, URIRef(EU + "data-theme/SOCI")))
    g.add((dataset, DCTERMS.accessRights, URIRef(EU + "access-right/PUBLIC")))
    g.add((dataset, DCTERMS.modified, Literal(today.isoformat(), datatype=XSD.date)))
    g.add((dataset, DCAT.landingPage, URIRef(page)))
    for word in spec.keywords:
        g.add((dataset, DCAT.keyword, Literal(word, lang="sv")))
    if spec.conforms_to:
        g.add((dataset, DCTERMS.conformsTo, URIRef(spec.conforms_to)))
        g.add((URIRef(spec.conforms_to), RDF.type, DCTERMS.Standard))
    g.add((dataset, DCAT.distribution, distribution))
    g.add((distribution, RDF.type, DCAT.Distribution))
    _texts(g, distribution, DCTERMS.title, spec.title_sv, spec.title_en)
    g.add((distribution, DCAT.accessURL, URIRef(url)))
    g.add((distribution, DCAT.downloadURL, URIRef(url)))
    # DCAT-AP-SE writes the format as the media type, a literal ("text/csv"), not an EU file-type URI.
    g.add((distribution, DCTERMS.format, Literal(spec.media_type)))
    g.add((distribution, DCTERMS.license, CC0))


def _texts(g: Graph, subject: URIRef, predicate: URIRef, swedish: str, english: str) -> None:
    g.add((subject, predicate, Literal(swedish, lang="sv")))
    g.add((subject, predicate, Literal(english, lang="en")))
