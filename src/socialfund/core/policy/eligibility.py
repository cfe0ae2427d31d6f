"""Who and what a fund accepts: money, target groups, applicants, partnerships, limits and calls."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, Self

from pydantic import Field, field_validator, model_validator

from socialfund.core.policy.base import Amount, FrozenModel, Share, Slug, Text
from socialfund.core.policy.vocabulary import CallMode, FundingModel, PartyType, TargetGroup


class Funding(FrozenModel):
    model: FundingModel | None = None
    capital: Amount | None = None
    """The fund's capital in kronor (fund) or the total of a call."""
    yearly_amount: Amount | None = None
    """Money available each year (yearly pot)."""
    revolving: bool | None = None
    """True when repayments refill the fund."""
    source_of_money: str | None = None
    note: str | None = None


class TargetGroups(FrozenModel):
    groups: tuple[TargetGroup, ...] = Field(min_length=1)
    """The groups the fund is for; 'residents' means every resident."""
    via_adults: bool | None = None
    """Efforts aimed at adults (parents, teachers, staff) are allowed when the goals include effects for the groups."""
    priority: str | None = None
    note: str | None = None


class Applicants(FrozenModel):
    allowed_types: tuple[PartyType, ...] = Field(min_length=1)
    """Who may stand as applicant (huvudsökande)."""
    excluded_types: tuple[PartyType, ...] = ()
    """Who may take no part at all, as applicant or partner (Örebro: profit-making companies)."""
    formal_from: Slug | None = None
    """The first stage at which the applicant must be one of `allowed_types`; before it an outside actor may
    carry the idea (Södertälje: 'application'). Left out: from the first stage."""
    lead_board_required: bool = False
    """An office (förvaltning/kontor) that applies must name the board that owns the initiative."""
    external_ideas: bool | None = None
    """Whether actors outside the organisation may bring ideas."""
    external_role: Literal["partner", "procurement", "apply_directly"] | None = None
    """How an outside actor takes part: as a partner in the project, as a supplier procured by the board,
    or by applying directly."""
    note: str | None = None

    @model_validator(mode="after")
    def _no_overlap(self) -> Self:
        both = set(self.allowed_types) & set(self.excluded_types)
        if both:
            raise ValueError(f"typerna {', '.join(sorted(both))} står både som tillåtna och uteslutna")
        return self


class PartyRequirement(FrozenModel):
    """At least `min` parties of these types; optionally with distinct (or the same) area/board."""

    types: tuple[PartyType, ...] = Field(min_length=1)
    min: int = Field(ge=1)
    distinct: Literal["area", "board"] | None = None
    same: Literal["board"] | None = None


class PartnershipAlternative(FrozenModel):
    label: Text
    """How the guideline says it, in Swedish ('minst två nämnder från olika verksamhetsområden')."""
    requirements: tuple[PartyRequirement, ...] = Field(min_length=1)


class Partnership(FrozenModel):
    """Alternatives: an initiative meets the rule when it meets every requirement of at least one alternative.

    The applicant counts as a party."""

    alternatives: tuple[PartnershipAlternative, ...] = Field(min_length=1)
    note: str | None = None


class DurationRange(FrozenModel):
    min: int | None = Field(default=None, ge=1)
    max: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min får inte vara större än max")
        return self


class Limits(FrozenModel):
    max_per_year: Amount | None = None
    max_per_project: Amount | None = None
    max_share_of_cost: Share | None = None
    """The largest share of the project's cost the fund pays (0.7 = 70 %)."""
    min_cofinancing_share: Share | None = None
    """The smallest share the applicants pay themselves (cash or working time)."""
    duration_months: DurationRange | None = None
    extension_allowed: bool | None = None
    note: str | None = None


_MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


def _real_month_day(text: str) -> bool:
    if not _MONTH_DAY.match(text):
        return False
    month, day = (int(part) for part in text.split("-"))
    try:
        dt.date(2000, month, day)  # a leap year, so that 02-29 is a day
    except ValueError:
        return False
    return True


def yearly_date(month_day: str, year: int) -> dt.date:
    """'06-01' in a year; '02-29' falls on 28 February in other years than leap years."""
    month, day = (int(part) for part in month_day.split("-"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, day - 1)


class Calls(FrozenModel):
    mode: CallMode
    opens: dt.date | None = None
    closes: dt.date | None = None
    """No new applications from this date (Örebro: no new starts from 2023)."""
    deadlines: tuple[dt.date, ...] = ()
    """fixed_deadlines: the last days to apply."""
    yearly_deadline: str | None = None
    """yearly_deadline: 'MM-DD', the same day each year."""
    monthly_cutoff_day: int | None = Field(default=None, ge=1, le=31)
    """monthly_batch: applications in by this day are handled that month."""
    closed_months: tuple[int, ...] = ()
    """Months without handling (Luleå: July)."""
    decision_time: str | None = None
    note: str | None = None

    @field_validator("closed_months")
    @classmethod
    def _months(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(month < 1 or month > 12 for month in value):
            raise ValueError("månader anges som 1–12")
        return value

    @model_validator(mode="after")
    def _mode_has_dates(self) -> Self:
        if self.yearly_deadline is not None and not _real_month_day(self.yearly_deadline):
            raise ValueError(f"yearly_deadline måste vara en dag på året, MM-DD (fick '{self.yearly_deadline}')")
        if self.mode == "fixed_deadlines" and not self.deadlines:
            raise ValueError("fixed_deadlines kräver minst ett datum i deadlines")
        if self.mode == "yearly_deadline" and self.yearly_deadline is None:
            raise ValueError("yearly_deadline kräver yearly_deadline: MM-DD")
        if self.opens is not None and self.closes is not None and self.opens > self.closes:
            raise ValueError("opens måste komma före closes")
        return self
