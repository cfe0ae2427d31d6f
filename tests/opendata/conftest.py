"""The demo fund with Familjecentraler granted, paid, followed up (tests/reports/conftest.py), plus an outcome
metric measured by its first indicator, a validated figure and a repayment: everything the open data shows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from socialfund.followup import services
from socialfund.followup.models import Project
from tests.reports.conftest import fund, granted, users  # noqa: F401 - fixtures used by name

REPAID = Decimal("100000.00")


@pytest.fixture
def followed(users, granted):  # noqa: F811 - the imported fixtures
    from socialfund.ledger.services import repayment_register

    project = Project.objects.get(initiative=granted)
    indicator = project.indicators.order_by("pk").first()
    assert indicator is not None, "the demo application has indicators"
    services.outcome_metric_save(
        project=project,
        user=users["beredning"],
        spec=services.OutcomeMetricSpec(
            name="Fler familjer nås tidigt",
            definition="Andel av familjerna i området som besökt familjecentralen under året.",
            target_population="Familjer med barn 0–5 år i Hovsjö och Ronna.",
            target="Minst 40 % av familjerna 2018.",
            validation_method="Besöksstatistik per år, granskad av FoU-enheten.",
            data_source="Familjecentralens besöksregister (sammanräknat).",
            validator_organisation="FoU Södertörn",
            indicator=indicator,
        ),
    )
    figure = indicator.measurements.order_by("measured_on").first()
    services.measurement_status_set(
        measurement=figure, user=users["beredning"], status="validated", validated_by="FoU Södertörn"
    )
    board = granted.lead_board
    repayment_register(
        initiative=granted, board=board, user=users["ekonomi"], amount=REPAID, received_on=dt.date(2018, 3, 1)
    )
    return project
