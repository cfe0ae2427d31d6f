"""A report over many projects reads each project's calculation once (issue 22: the April report parsed
each application and its calculation two or three times per project)."""

from __future__ import annotations

import pytest

from socialfund.followup.services import common
from socialfund.followup.services.common import calculations_read_once, project_calculation

pytestmark = pytest.mark.django_db


@pytest.fixture
def parses(monkeypatch) -> list[object]:
    counted: list[object] = []
    real = common.parse_calculation

    def counting(data):
        counted.append(data)
        return real(data)

    monkeypatch.setattr(common, "parse_calculation", counting)
    return counted


def test_within_a_report_the_calculation_is_parsed_once(project, parses):
    with calculations_read_once():
        first = project_calculation(project)
        again = project_calculation(project)
    assert first is not None and again is first
    assert len(parses) == 1


def test_outside_a_report_each_call_reads_the_stored_application_anew(project, parses):
    # A service that changes the application must see the change: no memory outside the block.
    project_calculation(project)
    project_calculation(project)
    assert len(parses) == 2
