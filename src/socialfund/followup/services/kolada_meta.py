"""The key figure's metadata when an indicator is linked to Kolada, and the check on every refresh."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.cases.errors import CaseValidationError
from socialfund.core.kolada import KoladaClient
from socialfund.core.kolada_sets import comparison_means, same_title
from socialfund.followup.kolada import kolada_client
from socialfund.followup.models import GroupMean, Indicator, KpiSnapshot
from socialfund.followup.permissions import records_measurements
from socialfund.followup.services.common import locked_project, record, require, require_state


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


def indicator_compare_with_group(
    *, indicator: Indicator, user: User, group_id: str, client: KoladaClient | None = None
) -> list[GroupMean]:
    """Fetch a Kolada municipality group's mean of the indicator's key figure, per year the indicator has
    figures for (every year Kolada has, before the first figure), and keep it beside the indicator: the
    municipality against comparable municipalities. A group asked for again replaces the last answer.

    Kolada is asked before the transaction opens; an unknown group is refused at the field, nothing stored.
    """
    require(records_measurements(user, indicator.project), _("Bara den ansvariga nämnden eller beredningsgruppen."))
    require_state(indicator.is_kolada, _("Indikatorn hämtas inte från Kolada."))
    client = client or kolada_client()
    wanted = group_id.strip().upper()
    group = next((g for g in client.municipality_groups() if g.id.upper() == wanted), None)
    if group is None:
        raise CaseValidationError(
            _("Kolada har ingen kommungrupp %(group)s. Ange gruppens id, t.ex. G36148.") % {"group": wanted or "–"},
            field="group",
        )
    years = sorted({m.measured_on.year for m in indicator.measurements.all()}) or None
    means = comparison_means(client, kpi=indicator.kolada_kpi, group=group, years=years)
    now = timezone.now()
    with transaction.atomic():
        project = locked_project(indicator.project)
        GroupMean.objects.filter(indicator=indicator).delete()
        rows = GroupMean.objects.bulk_create(
            GroupMean(
                indicator=indicator,
                group_id=group.id,
                group_title=group.title[:300],
                members=len(group.members),
                year=year,
                mean=mean,
                fetched_at=now,
            )
            for year, mean in sorted(means.items())
        )
        record(
            project,
            user=user,
            action="indicator_compare",
            target=indicator,
            message=(
                f"{indicator.name} jämförs med kommungruppen {group.title} ({group.id}, {len(group.members)} kommuner) "
                f"i Kolada: {len(rows)} år."
            ),
            data={"group": group.id, "years": [row.year for row in rows]},
        )
    return rows
