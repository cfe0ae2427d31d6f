"""A case's stored answers as the typed application value (read leniently: see `read_application`)."""

from __future__ import annotations

from socialfund.cases.models import Initiative
from socialfund.core.application import ApplicationReading, read_application


def application_of(initiative: Initiative) -> ApplicationReading:
    """The case's content as an Application, with what (in an old draft) does not parse listed apart."""
    return read_application(initiative.content)
