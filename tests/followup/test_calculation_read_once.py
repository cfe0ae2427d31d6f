"""A report over many projects reads each project's calculation once (issue 22: the April report parsed
each application and its calculation two or three times per project)."""

from __future__ import annotations

import pytest

from socialfund.cases import content
from socialfund.cases.content import application_of, calculation_of
from socialfund.core.calc import parse
from socialfund.core.calc import parse_calculation as real_parse
from socialfund.followup.services.common import calculations_read_once, project_calculation

pytestmark = pytest.mark.django_db


@pytest.fixture
def parses(monkeypatch) -> list[object]:
    counted: list[object] = []
    real = content.parse_calculation

    def counting(data):
        counted.append(data)
        return real(data)

    monkeypatch.setattr(content, "parse_calculation", counting)
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


def test_a_project_s_calculation_is_parsed_once_not_again_to_check_the_application(project, monkeypatch):
    """Reading the whole application checked its calculation by parsing it, and the calculation was then parsed
    again to be used: twice the lines read for one calculation (issue 22)."""
    lines: list[object] = []
    real_lines = parse._lines

    def counting(*args, **kwargs):
        lines.append(args)
        return real_lines(*args, **kwargs)

    monkeypatch.setattr(parse, "_lines", counting)
    real_parse(project.initiative.content["calculation"])
    once = len(lines)
    lines.clear()
    assert project_calculation(project) is not None
    assert once > 0 and len(lines) == once


@pytest.mark.parametrize(
    "stored",
    ["valid", {"calculation": {"horizon_years": "many"}}, {"calculation": {}}, {"calculation": "text"}, {}, None],
)
def test_the_calculation_read_alone_is_the_one_the_whole_application_holds(project, stored):
    initiative = project.initiative
    if stored != "valid":
        initiative.content = stored
    kept = application_of(initiative).application.calculation
    alone = calculation_of(initiative)
    assert (alone is None) == (not kept)
    if kept:
        assert alone == real_parse(kept)
