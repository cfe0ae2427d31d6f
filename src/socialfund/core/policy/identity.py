"""Who a policy belongs to, when it was adopted, where its text comes from, and what the sources leave open."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, field_validator

from socialfund.core.policy.base import FrozenModel, Slug, Text


def _year_as_text(value: Any) -> Any:
    """YAML reads `started: 2009` as a number; a start may be a year or a year-month, so keep it as text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class FundInfo(FrozenModel):
    key: Slug
    """The fund across its policy versions ('sodertalje' for sodertalje-2013 and sodertalje-2015)."""
    name: Text
    organisation: Text
    short_name: str | None = None
    """The place as a table heading ('Norrköping' for 'Norrköpings kommun'); by default the organisation's
    name without ' kommun' or ' stad'."""
    organisation_type: Literal["municipality", "region"]
    kolada_id: str | None = None
    """Quote it in YAML ("0021" unquoted is an octal number). Kolada's id: the municipality code ('0181') or, for a region, '00' + county code ('0021')."""
    scb_code: str | None = None
    """SCB's code: kommunkod ('0181') or länskod ('21')."""
    started: str | None = None
    """When the fund started: a year or year-month as the sources give it ('2013-02', '2009')."""

    @field_validator("started", mode="before")
    @classmethod
    def numbers_as_text(cls, value: Any) -> Any:
        return _year_as_text(value)


class Adoption(FrozenModel):
    status: Literal["adopted", "proposed", "described"]
    """adopted: the decision is known; proposed: a proposal in the sources, adoption not recorded;
    described: the rules as public pages describe them, the decision itself not read."""
    date: dt.date | None = None
    body: str | None = None
    paragraph: str | None = None
    registry_number: str | None = None
    proposal_date: dt.date | None = None
    described_year: int | None = None
    """For a described version: the year its sources describe (a comparison for that year may use it)."""
    note: str | None = None

    @property
    def known_from(self) -> dt.date | None:
        """From when the version is known to hold: its adoption date, or the first day of the year its
        description is from; None when neither is known (a proposal, an undated description)."""
        if self.status == "adopted":
            return self.date
        if self.status == "described" and self.described_year:
            return self.date or dt.date(self.described_year, 1, 1)
        return None


class Source(FrozenModel):
    key: Text
    title: Text
    url: str | None = None
    location: str | None = None
    """Where in the source (page, section), when it matters."""
    note: str | None = None


class UnsetNote(FrozenModel):
    """A dimension the sources are silent on, left unset on purpose, and why."""

    path: Text
    reason: Text = Field(description="Varför dimensionen lämnas osatt (på svenska).")
