"""A default indicator set (KKiK's "Barn och unga") imported as a project's Kolada indicators, checked first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from socialfund.accounts.models import User
from socialfund.core.kolada import KoladaClient
from socialfund.core.kolada_sets import CheckStatus, SetEntry, check_set
from socialfund.followup.codes import IndicatorSource
from socialfund.followup.kolada import kolada_client
from socialfund.followup.models import Indicator, Project
from socialfund.followup.services.indicators import IndicatorSpec, indicator_create
from socialfund.followup.services.kolada_meta import kpi_snapshot_check


@dataclass(frozen=True)
class SetImport:
    created: list[Indicator]
    skipped: list[str]  # one Swedish line per key figure not imported, saying why


def indicator_set_import(
    *, project: Project, user: User, entries: Sequence[SetEntry], client: KoladaClient | None = None
) -> SetImport:
    """A default set (e.g. KKiK "Barn och unga") as Kolada indicators of the project, checked first.

    Only key figures Kolada knows under the expected title are imported; the baseline is the
    municipality's latest total up to the project's start. Each indicator is created by
    `indicator_create` and snapshotted, so the import is what a user adding them one by one does.
    """
    client = client or kolada_client()
    municipality = project.initiative.fund.organisation.code
    have = set(project.indicators.filter(source=IndicatorSource.KOLADA).values_list("kolada_kpi", flat=True))
    created: list[Indicator] = []
    skipped: list[str] = []
    for check in check_set(client, entries):
        if check.status is not CheckStatus.OK or check.kpi is None:
            skipped.append(check.message)
            continue
        if check.kpi.id in have:
            skipped.append(f"{check.kpi.id}: projektet följer redan nyckeltalet.")
            continue
        totals = [
            v
            for v in client.data(kpi=check.kpi.id, municipality=municipality).values_for("T")
            if v.value is not None and v.period <= project.started_on.year
        ]
        if not totals:
            skipped.append(f"{check.kpi.id}: Kolada har inget värde för {municipality} före projektstarten.")
            continue
        baseline = totals[-1]
        spec = IndicatorSpec(
            name=check.kpi.title[:200],
            unit=check.kpi.unit[:40],
            direction=check.entry.direction,
            baseline_value=baseline.value or Decimal(0),
            baseline_on=dt.date(baseline.period, 12, 31),
            source=IndicatorSource.KOLADA,
            kolada_kpi=check.kpi.id,
            kolada_municipality=municipality,
        )
        indicator = indicator_create(project=project, user=user, spec=spec)
        kpi_snapshot_check(indicator=indicator, user=user, client=client)
        created.append(indicator)
    return SetImport(created=created, skipped=skipped)
