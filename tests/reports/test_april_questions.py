"""The report's answers to the evaluation's questions read each granted project's application once, with its
row in `gather` (issue 22: the implementation and method sections read every application again), and count
what the applications say as the full reading does."""

from __future__ import annotations

import datetime as dt

import pytest

from socialfund.cases.content import application_of
from socialfund.cases.models import Initiative
from socialfund.core import application as application_module
from socialfund.documents.model import Paragraph, Table
from socialfund.reports.april import april_document
from socialfund.reports.april_data import gather
from socialfund.reports.official import official_record

pytestmark = pytest.mark.django_db


def _with_plan_by_full_reading(data) -> int:
    cases = Initiative.objects.filter(pk__in=[p.initiative_id for p in data.projects])
    return sum(1 for c in cases if application_of(official_record(c)).application.implementation_plan)


def test_each_application_is_validated_once_and_the_counts_are_those_of_the_full_reading(granted, monkeypatch):
    content = dict(granted.content or {})
    content["implementation_plan"] = "Verksamheten tar över familjecentralerna efter tre år."
    content["evaluation"] = {**(content.get("evaluation") or {}), "external_party": "FoU Södertörn"}
    Initiative.objects.filter(pk=granted.pk).update(content=content, demo_assumed=[])
    validated: list[object] = []
    check = application_module.calculation_errors

    def counting(value):
        validated.append(value)
        return check(value)

    monkeypatch.setattr(application_module, "calculation_errors", counting)
    data = gather(granted.fund, 2016, prepared_on=dt.date(2017, 4, 30))
    document = april_document(data)
    with_calculation = sum(
        1 for p in data.projects if Initiative.objects.get(pk=p.initiative_id).content.get("calculation")
    )
    assert len(validated) <= with_calculation  # the follow-up's forecast reads it; the questions do not again

    paragraphs = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    expected = (
        f"{_with_plan_by_full_reading(data)} av {len(data.projects)} beviljade projekt har en plan för implementering."
    )
    assert expected == "1 av 1 beviljade projekt har en plan för implementering."
    assert expected in paragraphs
    methods = next(b for b in document.blocks if isinstance(b, Table) and b.sheet == "Metod och utvärdering")
    assert ("Extern part: FoU Södertörn", 1) in methods.rows
