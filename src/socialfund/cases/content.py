"""A case's stored answers as the typed application value (read leniently: see `read_application`).

This is the one module of the web side that reads `Initiative.content`: every page, form, service, the
API and the initiative file go through `application_of` (the typed value) or `stored_calculation`.
"""

from __future__ import annotations

from typing import Any

from socialfund.cases.models import Initiative
from socialfund.core.application import ApplicationReading, read_application
from socialfund.core.calc import Calculation, CalculationInputError, parse_calculation


def application_of(initiative: Initiative) -> ApplicationReading:
    """The case's content as an Application, with what (in an old draft) does not parse listed apart."""
    return read_application(initiative.content)


def stored_calculation(initiative: Initiative) -> dict[str, Any] | None:
    """The calculation document to show in the calculator: the typed application's, or, when the stored one
    does not parse (an old draft), that one as stored, so that the grid shows it with its errors and a save
    never drops what the user typed."""
    reading = application_of(initiative)
    if "calculation" in reading.rejected:
        raw = (initiative.content or {}).get("calculation")
        return raw if isinstance(raw, dict) and raw else None
    return reading.application.calculation or None


def calculation_of(initiative: Initiative) -> Calculation | None:
    """The application's calculation, parsed: the one `application_of(initiative).application.calculation`
    holds (None when there is none or, read leniently as there, when it does not parse). Read alone and parsed
    once: reading the whole application checks the calculation by parsing it, and a caller then parsed it a
    second time to use it (the April report did so for each of its projects, issue 22)."""
    data = (initiative.content or {}).get("calculation") if isinstance(initiative.content, dict) else None
    if not data or not isinstance(data, dict):
        return None
    try:
        return parse_calculation(data)
    except CalculationInputError:
        return None


def implementation_plan_in(content: dict[str, Any]) -> object | None:
    """The implementation plan as the application reads it, from stored answers (a case's, or the official
    record's copy of them), read alone. The lenient read keeps or drops each field on its own, so this field
    alone gives what the whole application gives, without validating its calculation (most of a parse's cost;
    the April report asks this of every project)."""
    if "implementation_plan" not in content:
        return None
    return read_application({"implementation_plan": content["implementation_plan"]}).application.implementation_plan
