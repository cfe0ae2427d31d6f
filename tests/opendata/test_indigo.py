"""The INDIGO export of the demo fund: what it holds, and that it publishes nothing personal.

INDIGO 4.1.0's published schemas are not shipped: the standard's repository states no licence, so its
files cannot be redistributed here until Government Outcomes Lab confirms the terms. Validation against
them is left open (issue 27); the export's field names follow the standard's schema documentation."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from socialfund.opendata.indigo import indigo_export
from tests.opendata.conftest import REPAID

BASE = "https://fond.example.se/offentlig/sodertalje/"


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
