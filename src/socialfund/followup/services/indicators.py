"""Indicators and their measurements: entered by hand, or fetched from Kolada. Aggregates only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.core.kolada import SOURCE_LABEL, KoladaClient, KoladaSeries
from socialfund.followup.codes import Direction, Gender, IndicatorSource
from socialfund.followup.errors import FollowupValidationError
from socialfund.followup.kolada import kolada_client
from socialfund.followup.models import Indicator, Measurement, Project
from socialfund.followup.permissions import records_measurements
from socialfund.followup.privacy import refuse_personal_data
from socialfund.followup.services.common import (
    locked_project,
    project_calculation,
    record,
    require,
    require_past,
    require_state,
    require_text,
)
from socialfund.followup.services.kolada_meta import kpi_snapshot_check

FIGURE_LIMIT = Decimal("1e13")
FIGURE_PLACES = Decimal("0.0001")


def check_figure(value: Decimal, field: str) -> Decimal:
    """A figure the table can hold: finite, below 10^13, four decimals."""
    if not value.is_finite() or abs(value) >= FIGURE_LIMIT:
        raise FollowupValidationError(_("Värdet är orimligt stort."), field=field)
    return value.quantize(FIGURE_PLACES)


SHARE_UNITS = ("%", "andel", "procent")


def is_share(unit: str) -> bool:
    """A share indicator (unit "andel", "%", "procent"…): its values lie between 0 and 100."""
    text = unit.strip().lower()
    return "%" in text or text.startswith(SHARE_UNITS)


def check_share(unit: str, value: Decimal, field: str) -> Decimal:
    if is_share(unit) and not Decimal(0) <= value <= Decimal(100):
        raise FollowupValidationError(_("En andel ska vara mellan 0 och 100 %."), field=field)
    return value


@dataclass(frozen=True)
class IndicatorSpec:
    """What an indicator is; the form fills it, `indicator_create` checks it."""

    name: str
    unit: str
    direction: str
    baseline_value: Decimal
    baseline_on: dt.date
    target_value: Decimal | None = None
    target_on: dt.date | None = None
    source: str = IndicatorSource.MANUAL
    kolada_kpi: str = ""
    kolada_municipality: str = ""
    effect_index: int | None = None
    quantity_per_unit: Decimal = Decimal(1)
    note: str = ""


def indicator_create(*, project: Project, user: User, spec: IndicatorSpec) -> Indicator:
    with transaction.atomic():
        project = locked_project(project)
        require(
            records_measurements(user, project), _("Bara den ansvariga nämndens handläggare eller beredningsgruppen.")
        )
        require_state(project.is_running, _("Projektet är avslutat."))
        fields = checked_indicator_fields(project, spec)
        indicator = Indicator.objects.create(project=project, created_by=user, **fields)
        record(
            project, user=user, action="indicator_create", target=indicator, message=f"Ny indikator: {indicator.name}."
        )
    return indicator


def checked_indicator_fields(
    project: Project, spec: IndicatorSpec, *, editing: Indicator | None = None
) -> dict[str, Any]:
    """The indicator's stored fields from the spec, every one checked; raises on the first bad one.

    `editing` is the indicator being changed: its own name is not a clash.
    """
    name = require_text(spec.name, "name", _("Ge indikatorn ett namn."))
    refuse_personal_data(name=name, unit=spec.unit, note=spec.note)
    if spec.direction not in Direction.values:
        raise FollowupValidationError(_("Välj om högre eller lägre värden är bättre."), field="direction")
    if spec.source not in IndicatorSource.values:
        raise FollowupValidationError(_("Välj källa."), field="source")
    kpi, municipality = _kolada_ids(project, spec)
    if not spec.quantity_per_unit.is_finite() or not 0 < spec.quantity_per_unit < FIGURE_LIMIT:
        raise FollowupValidationError(
            _("Mängden per indikatorenhet ska vara större än noll."), field="quantity_per_unit"
        )
    effect_label = _effect_label(project, spec)
    clashes = project.indicators.filter(name=name)
    if editing is not None:
        clashes = clashes.exclude(pk=editing.pk)
    if clashes.exists():
        raise FollowupValidationError(_("Projektet har redan en indikator med det namnet."), field="name")
    return {
        "name": name,
        "unit": spec.unit.strip(),
        "direction": spec.direction,
        "baseline_value": check_share(spec.unit, check_figure(spec.baseline_value, "baseline_value"), "baseline_value"),
        "baseline_on": spec.baseline_on,
        "target_value": (
            check_share(spec.unit, check_figure(spec.target_value, "target_value"), "target_value")
            if spec.target_value is not None
            else None
        ),
        "target_on": spec.target_on,
        "source": spec.source,
        "kolada_kpi": kpi,
        "kolada_municipality": municipality,
        "effect_index": spec.effect_index,
        "effect_label": effect_label,
        "quantity_per_unit": spec.quantity_per_unit,
        "note": spec.note.strip(),
    }


def _kolada_ids(project: Project, spec: IndicatorSpec) -> tuple[str, str]:
    if spec.source != IndicatorSource.KOLADA:
        return "", ""
    kpi = spec.kolada_kpi.strip().upper()
    if not kpi or not kpi.isalnum():
        raise FollowupValidationError(_("Ange Kolada-nyckeltalets id, t.ex. N15428."), field="kolada_kpi")
    municipality = spec.kolada_municipality.strip() or project.initiative.fund.organisation.code
    if not municipality.isdigit():
        raise FollowupValidationError(_("Kommun-id i Kolada är fyra siffror, t.ex. 0181."), field="kolada_municipality")
    return kpi, municipality


def _effect_label(project: Project, spec: IndicatorSpec) -> str:
    if spec.effect_index is None:
        return ""
    calc = project_calculation(project)
    if calc is None or not 0 <= spec.effect_index < len(calc.effects):
        raise FollowupValidationError(_("Kalkylen har ingen sådan effektrad."), field="effect_index")
    return calc.effects[spec.effect_index].label[:200]


def measurement_record(
    *,
    indicator: Indicator,
    user: User,
    measured_on: dt.date,
    value: Decimal,
    source_note: str = "",
    note: str = "",
) -> Measurement:
    """A hand-entered aggregate figure. Text that points out a person is refused."""
    with transaction.atomic():
        project = locked_project(indicator.project)
        require(
            records_measurements(user, project), _("Bara den ansvariga nämndens handläggare eller beredningsgruppen.")
        )
        require_state(project.is_running, _("Projektet är avslutat."))
        require_state(
            not indicator.is_kolada,
            _("Indikatorn hämtas från Kolada; dess värden uppdateras med 'socialfund kolada refresh'."),
        )
        require_past(measured_on, "measured_on", fund=project.initiative.fund)
        refuse_personal_data(source_note=source_note, note=note)
        value = check_share(indicator.unit, check_figure(value, "value"), "value")
        if indicator.measurements.filter(measured_on=measured_on, gender=Gender.TOTAL).exists():
            raise FollowupValidationError(_("Det finns redan ett värde för det datumet."), field="measured_on")
        measurement = Measurement.objects.create(
            indicator=indicator,
            measured_on=measured_on,
            gender=Gender.TOTAL,
            value=value,
            source=IndicatorSource.MANUAL,
            source_note=source_note.strip()[:300],
            note=note.strip(),
            entered_by=user,
        )
        record(
            project,
            user=user,
            action="measurement_record",
            target=measurement,
            message=f"{indicator.name} {measured_on.isoformat()}: {value}.",
        )
    return measurement


@dataclass(frozen=True)
class RefreshResult:
    indicator: Indicator
    created: int
    revised: int
    unchanged: int


def indicator_refresh_from_kolada(
    *,
    indicator: Indicator,
    user: User | None = None,
    client: KoladaClient | None = None,
    years: list[int] | None = None,
) -> RefreshResult:
    """Fetch the key figure's values (every gender) and store new and revised ones.

    Kolada is asked before the transaction opens, so a slow answer holds no lock. A
    figure Kolada has revised is updated and the change is in the audit log. `user`
    None means a scheduled command.
    """
    if user is not None:
        require(records_measurements(user, indicator.project), _("Bara den ansvariga nämnden eller beredningsgruppen."))
    require_state(indicator.is_kolada, _("Indikatorn hämtas inte från Kolada."))
    client = client or kolada_client()
    # The key figure's metadata first: an unknown key figure stops here, a renamed one is flagged.
    kpi_snapshot_check(indicator=indicator, user=user, client=client)
    series = client.data(kpi=indicator.kolada_kpi, municipality=indicator.kolada_municipality, years=years)
    with transaction.atomic():
        project = locked_project(indicator.project)
        require_state(project.is_running, _("Projektet är avslutat."))
        result = _store_series(indicator, series, user)
        record(
            project,
            user=user,
            action="indicator_refresh",
            target=indicator,
            message=(
                f"{indicator.name} från Kolada ({indicator.kolada_kpi}, {indicator.kolada_municipality}): "
                f"{result.created} nya, {result.revised} reviderade, {result.unchanged} oförändrade."
            ),
            data={"url": series.source_url},
        )
    return result


def _store_series(indicator: Indicator, series: KoladaSeries, user: User | None) -> RefreshResult:
    existing = {(m.measured_on, m.gender): m for m in indicator.measurements.all()}
    created = revised = unchanged = 0
    for item in series.values:
        if item.value is None:
            continue  # Kolada has the period but no figure (yet)
        value = check_figure(item.value, "value")
        day = dt.date(item.period, 12, 31)
        note = f"{SOURCE_LABEL}, {item.kpi}, {item.municipality}, {item.period}"
        current = existing.get((day, item.gender))
        if current is None:
            Measurement.objects.create(
                indicator=indicator,
                measured_on=day,
                gender=item.gender,
                value=value,
                source=IndicatorSource.KOLADA,
                source_note=note,
                kolada_status=item.status[:40],
                entered_by=user,
            )
            created += 1
        elif current.value != value:
            old = current.value
            current.value, current.kolada_status = value, item.status[:40]
            current.save(update_fields=["value", "kolada_status"])
            record(
                indicator.project,
                user=user,
                action="measurement_revise",
                target=current,
                message=f"Kolada reviderade {indicator.name} {item.period} ({item.gender}): {old} → {value}.",
            )
            revised += 1
        else:
            unchanged += 1
    return RefreshResult(indicator=indicator, created=created, revised=revised, unchanged=unchanged)
