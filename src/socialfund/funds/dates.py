"""Dates that must fall within the fund's life: not before the fund was decided, not after today.

A KS decision dated 0001-01-01 or a measurement on 1970-01-01 was stored because only "not in
the future" was checked. Every service that takes a date of something done in the fund asks here; the
services that register a body's decision (in cases and in the ledger) ask `decision_date_problem`.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.funds.models import Fund


def outside_fund_life(fund: Fund, day: dt.date) -> str | None:
    """A Swedish message when `day` lies before the fund's decision or after today; None when it is fine."""
    if day < fund.decided_on:
        # Translators: %(date)s is the date the fund was decided, e.g. 2013-02-25.
        return _("Datumet ligger före fondens start (%(date)s).") % {"date": fund.decided_on.isoformat()}
    if day > timezone.localdate():
        return _("Datumet kan inte ligga i framtiden.")
    return None


def decision_date_problem(fund: Fund | None, decided_on: dt.date) -> str | None:
    """A Swedish message when a body's decision cannot carry this date: after today ("Beslutsdatumet …", the
    words every decision form uses), or, given the fund, before the fund was decided; None when it is fine."""
    if decided_on > timezone.localdate():
        return _("Beslutsdatumet kan inte ligga i framtiden.")
    return outside_fund_life(fund, decided_on) if fund is not None else None
