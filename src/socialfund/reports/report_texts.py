"""The April report's written parts, saved with versions (issue 19).

The official writes lessons, proposals and comments in the system; each save is a new
version and the report is generated with the latest. Each report gets its own registry
number when it is filed (the fund's pattern suggests one); never the fund's own number.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.errors import CasePermissionDenied
from socialfund.cases.services import registry_number_suggest
from socialfund.consultations.permissions import is_staff_of
from socialfund.funds.models import Fund
from socialfund.reports.models import ReportText

WRITERS = (Role.PREPARATION_GROUP, Role.ADMINISTRATOR)


def may_write(user: User, fund: Fund) -> bool:
    return any(user.has_role(role) for role in WRITERS) and is_staff_of(user, fund.organisation_id)


def latest_text(fund: Fund, year: int) -> ReportText | None:
    return ReportText.objects.filter(fund=fund, year=year).order_by("-version").first()


def suggested_registry_number(fund: Fund, on: dt.date) -> str:
    return registry_number_suggest(fund=fund, on=on)


def report_text_save(
    *, fund: Fund, year: int, user: User, registry_number: str, lessons: str, proposals: str, comments: str
) -> ReportText:
    """A new version of the year's written parts; the earlier versions stay as they were."""
    if not may_write(user, fund):
        raise CasePermissionDenied(_("Bara beredningsgruppen och administratören skriver uppföljningens texter."))
    with transaction.atomic():
        Fund.objects.select_for_update().filter(pk=fund.pk).first()  # one version number per save
        last = ReportText.objects.filter(fund=fund, year=year).aggregate(v=Max("version"))["v"] or 0
        return ReportText.objects.create(
            fund=fund,
            year=year,
            version=last + 1,
            registry_number=registry_number.strip(),
            lessons=lessons.strip(),
            proposals=proposals.strip(),
            comments=comments.strip(),
            saved_by=user,
        )
