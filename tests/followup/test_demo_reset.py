"""`socialfund demo --reset` removes follow-up rows too (they protect the cases they follow)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from socialfund.followup import models as fm
from socialfund.followup import services
from tests.followup.helpers import pdsa

pytestmark = pytest.mark.django_db


def test_reset_removes_a_project_with_its_reports_and_review(users, project):
    report = project.reports.order_by("due_on").first()
    services.report_draft_save(report=report, user=users["handlaggare"], **pdsa(), fidelity="full")
    services.report_submit(report=report, user=users["handlaggare"])
    services.report_review(report=report, user=users["beredning"], verdict="approved", effect_finding="none")
    services.special_review_open(project=project, user=users["beredning"], grounds="Inga effekter.")
    services.implementation_plan_save(project=project, user=users["handlaggare"], text="Plan.", responsible="UK")
    services.measurement_record(
        indicator=project.indicators.first(),
        user=users["handlaggare"],
        measured_on=dt.date(2017, 12, 31),
        value=Decimal(1),
    )
    call_command("demo", "--reset")
    for model in (fm.Project, fm.Report, fm.ReportVersion, fm.SpecialReview, fm.Evidence, fm.Measurement):
        assert not model.objects.exists(), model
