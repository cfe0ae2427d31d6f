"""The INDIGO export of the demo fund validates against INDIGO 4.1.0's published schemas (shipped in
tests/opendata/schemas), strictly: no field the standard does not define, every codelist and enum kept."""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client
from django.urls import reverse

from socialfund.opendata.indigo import indigo_export
from tests.opendata.conftest import REPAID
from tests.opendata.schemas import errors, indigo_validator

BASE = "https://fond.example.se/offentlig/sodertalje/"


def test_the_demo_export_validates_against_the_published_schemas(fund, followed):
    export = indigo_export(fund, base_url=BASE, today=dt.date(2026, 12, 7))
    assert errors(indigo_validator("fund"), export["fund"]["data"]) == []
    for organisation in export["organisations"]:
        assert errors(indigo_validator("organisation"), organisation["data"]) == [], organisation["id"]
    assert export["projects"]
    for project in export["projects"]:
        assert errors(indigo_validator("project"), project["data"]) == [], project["id"]


def test_the_export_holds_metrics_results_grants_and_repayments(fund, followed):
    export = indigo_export(fund, base_url=BASE, today=dt.date(2026, 12, 7))
    (project,) = [p["data"] for p in export["projects"] if p["data"]["name"]["value"] == "Familjecentraler"]
    (metric,) = project["outcome_metrics"]
    assert metric["outcome_validation_method"]["value"].startswith("Besöksstatistik")
    assert metric["data_source_for_outcome_validation"]["value"].startswith("Familjecentralens")
    assert metric["target_population"]["value"] == "Familjer med barn 0–5 år i Hovsjö och Ronna."
    result = project["results"][0]
    assert result["outcome_metric_id"]["value"] == metric["id"]
    validator = result["outcomes_validator_organisation_ids"]["value"]
    assert validator in {o["id"] for o in export["organisations"]}
    assert "validerat av FoU Södertörn" in result["notes"]
    kinds = [(t["transaction_type"]["value"], t["money"]["amount"]["value"]) for t in project["transactions"]]
    assert ("Grant", 900000.0) in kinds and ("Capital Repayment", float(REPAID)) in kinds
    # Every source_ids points at a source of the project.
    ids = {s["id"] for s in project["sources"]}
    pointers = [t["source_ids"] for t in project["transactions"]] + [r["source_ids"] for r in project["results"]]
    assert pointers and set(pointers) <= ids


def test_a_wrong_field_fails_the_strict_validation(fund, followed):
    """The check can fail: a misspelt field or a value outside a codelist is caught."""
    export = indigo_export(fund, base_url=BASE, today=dt.date(2026, 12, 7))
    project = json.loads(json.dumps(export["projects"][0]["data"]))
    project["outcome_metrics_typo"] = []
    project["transactions"][0]["transaction_type"]["value"] = "Gift"
    found = errors(indigo_validator("project"), project)
    assert any("outcome_metrics_typo" in e for e in found) and any("Gift" in e for e in found)


def test_no_personal_data_and_the_public_url(fund, followed, users):
    from socialfund.reports.public import public_page_set

    client = Client()
    url = reverse("opendata:indigo", args=[fund.slug])
    public_page_set(fund=fund, user=users["admin"], enabled=False, intro="")
    assert client.get(url).status_code == 404  # nothing is published while the fund's public page is off
    public_page_set(fund=fund, user=users["admin"], enabled=True, intro="")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    body = response.content.decode()
    for initiative in fund.initiatives.all():
        if initiative.contact_email:
            assert initiative.contact_email not in body
        if initiative.contact_name:
            assert initiative.contact_name not in body
    assert "INTERN BEREDNINGSANTECKNING" not in body
