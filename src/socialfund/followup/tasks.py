"""The follow-up's background tasks: the daily report reminders and the Kolada fetches (which wait on an
outside service, so they belong to the worker, not to a request)."""

from __future__ import annotations

import logging

from django.tasks import task
from django.utils import timezone

from socialfund.core.kolada import KoladaError
from socialfund.followup.codes import IndicatorSource, ProjectStatus
from socialfund.followup.models import Indicator
from socialfund.followup.services import indicator_refresh_from_kolada, reminders_send
from socialfund.kit.refusals import Refusal

logger = logging.getLogger(__name__)


@task
def reminders_send_task() -> int:
    return len(reminders_send(today=timezone.localdate()))


@task
def kolada_refresh_task(kpi: str, years: list[int] | None = None) -> dict[str, int]:
    """Fetch one key figure for every running project's indicator that follows it; a failure of one indicator
    is logged and the others are still fetched (the next run tries it again)."""
    indicators = Indicator.objects.filter(
        source=IndicatorSource.KOLADA, project__status=ProjectStatus.RUNNING, kolada_kpi=kpi.strip().upper()
    ).select_related("project__initiative")
    fetched = failed = 0
    for indicator in indicators.order_by("pk"):
        try:
            indicator_refresh_from_kolada(indicator=indicator, years=years)
        except (KoladaError, Refusal) as exc:
            failed += 1
            logger.warning("kolada %s, indicator %s: %s", kpi, indicator.pk, exc.message)
            continue
        fetched += 1
    return {"fetched": fetched, "failed": failed}
