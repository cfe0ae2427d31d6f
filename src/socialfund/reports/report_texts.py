"""The April report's written parts, saved with versions (issue 19).

The official writes lessons, proposals and comments in the system; each save is a new
version and the report is generated with the latest. Each report gets its own registry
number when it is filed: the next in the fund's series (`cases.registry`, which the cases' and the
outside ideas' numbers share, so a report never gets a case's number), or one the official types, which
no case and no other year's report may already have; never the fund's own number.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.errors import CasePermissionDenied, CaseValidationError
from socialfund.cases.models import Initiative
from socialfund.cases.registry import registry_number_note, registry_number_peek, registry_number_take
from socialfund.consultations.permissions import is_staff_of
from socialfund.funds.models import Fund
from socialfund.reports.models import ReportText

WRITERS = (Role.PREPARATION_GROUP, Role.ADMINISTRATOR)


def may_write(user: User, fund: Fund) -> bool:
    return any(user.has_role(role) for role in WRITERS) and is_staff_of(user, fund.organisation_id)


def latest_text(fund: Fund, year: int) -> ReportText | None:
    return ReportText.objects.filter(fund=fund, year=year).order_by("-version").first()


def next_registry_number(fund: Fund, on: dt.date) -> str:
    """The number the report would get if saved now without one (shown, not reserved)."""
    return registry_number_peek(fund=fund, on=on)


def _registry_number(fund: Fund, year: int, typed: str, on: dt.date) -> str:
    """The report's number: as typed (when no case and no other year's report has it), else the one it
    has, else the next in the fund's series."""
    if typed:
        case = Initiative.objects.filter(fund=fund, registry_number=typed).first()
        other = ReportText.objects.filter(fund=fund, registry_number=typed).exclude(year=year).first()
        if case is not None or other is not None:
            holder = case.title if case is not None else _("uppföljningen %(year)s") % {"year": other.year}  # type: ignore[union-attr]
            raise CaseValidationError(
                _("Diarienumret %(number)s har redan %(holder)s. Lämna fältet tomt så får rapporten nästa nummer.")
                % {"number": typed, "holder": holder},
                field="registry_number",
            )
        registry_number_note(fund=fund, on=on, number=typed)
        return typed
    given = (
        ReportText.objects.filter(fund=fund, year=year)
        .exclude(registry_number="")
        .order_by("-version")
        .values_list("registry_number", flat=True)
        .first()
    )
    return given or registry_number_take(fund=fund, on=on)


def report_text_save(
    *, fund: Fund, year: int, user: User, registry_number: str, lessons: str, proposals: str, comments: str
) -> ReportText:
    """A new version of the year's written parts; the earlier versions stay as they were."""
    if not may_write(user, fund):
        raise CasePermissionDenied(_("Bara beredningsgruppen och administratören skriver uppföljningens texter."))
    with transaction.atomic():
        Fund.objects.select_for_update(no_key=True).filter(pk=fund.pk).first()  # one version number per save
        last = ReportText.objects.filter(fund=fund, year=year).aggregate(v=Max("version"))["v"] or 0
        number = _registry_number(fund, year, registry_number.strip(), timezone.localdate())
        return ReportText.objects.create(
            fund=fund,
            year=year,
            version=last + 1,
            registry_number=number,
            lessons=lessons.strip(),
            proposals=proposals.strip(),
            comments=comments.strip(),
            saved_by=user,
        )
