"""The key figure's metadata when an indicator is linked to Kolada, and the check on every refresh."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.core.kolada import KoladaClient
from socialfund.core.kolada_sets import same_title
from socialfund.followup.kolada import kolada_client
from socialfund.followup.models import Indicator, KpiSnapshot
from socialfund.followup.services.common import locked_project, record


def kpi_snapshot_check(
    *, indicator: Indicator, user: User | None = None, client: KoladaClient | None = None
) -> KpiSnapshot:
    """Take the snapshot the first time; afterwards compare Kolada's title with it and warn once per change.

    Kolada is asked before the transaction opens. An unknown key figure raises
    KoladaNotFound and nothing is stored.
    """
    kpi = (client or kolada_client()).kpi(indicator.kolada_kpi)
    now = timezone.now()
    with transaction.atomic():
        project = locked_project(indicator.project)
        snapshot = KpiSnapshot.objects.select_for_update().filter(indicator=indicator).first()
        if snapshot is None or snapshot.kpi != kpi.id:
            snapshot, _created = KpiSnapshot.objects.update_or_create(
                indicator=indicator,
                defaults={
                    "kpi": kpi.id,
                    "title": kpi.title[:500],
                    "unit": kpi.unit[:40],
                    "divided_by_gender": kpi.is_divided_by_gender,
                    "taken_at": now,
                    "current_title": kpi.title[:500],
                    "checked_at": now,
                    "title_changed_at": None,
                },
            )
            record(
                project,
                user=user,
                action="kpi_snapshot",
                target=snapshot,
                message=f"{indicator.name}: Kolada {kpi.id} \u201d{kpi.title}\u201d ({kpi.unit}).",
            )
            return snapshot
        news = not same_title(snapshot.current_title, kpi.title)
        snapshot.current_title, snapshot.checked_at = kpi.title[:500], now
        if news and not same_title(snapshot.title, kpi.title):
            snapshot.title_changed_at = now
            record(
                project,
                user=user,
                action="kpi_title_changed",
                target=snapshot,
                message=(
                    f"{indicator.name}: Kolada har bytt titel på {kpi.id} från \u201d{snapshot.title}\u201d "
                    f"till \u201d{kpi.title}\u201d."
                ),
            )
        elif not snapshot.title_changed:
            snapshot.title_changed_at = None
        snapshot.save(update_fields=["current_title", "checked_at", "title_changed_at"])
    return snapshot
