"""Where every figure on the follow-up pages comes from, as the line a reader sees under it.

    Källa: Kolada, N15428, 0181, 2023, hämtad 2026-12-07
    Källa: elevhälsans statistik, inmatad 2026-11-03 av Anna Handläggare
    Källa: ansökans kalkyl (KS 2025/118), beviljad 2025-06-10
    Källa: Socialstyrelsen, Kostnad per brukare, prisår 2024

Kolada's terms ask every use to cite "Källa: Kolada" (core.kolada.SOURCE_LABEL). A Kolada
figure is dated by the last time Kolada confirmed it (the last refresh), a hand-entered one
by when it was entered. INDIGO's status (estimated, reported, validated) is shown beside it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.core.calc.model import EffectLine
from socialfund.core.kolada import SOURCE_LABEL
from socialfund.followup.codes import IndicatorSource
from socialfund.followup.models import Measurement, MeasurementStatus, Project, ResultStatus


def _day(moment: dt.datetime) -> str:
    return timezone.localtime(moment).date().isoformat()


def measurement_source(measurement: Measurement) -> str:
    indicator = measurement.indicator
    if measurement.source == IndicatorSource.KOLADA:
        try:
            fetched = indicator.kpi_snapshot.checked_at
        except ObjectDoesNotExist:
            fetched = measurement.entered_at
        fetched = max(fetched, measurement.entered_at)
        return _("%(source)s, %(kpi)s, %(municipality)s, %(year)s, hämtad %(day)s") % {
            "source": SOURCE_LABEL,
            "kpi": indicator.kolada_kpi,
            "municipality": indicator.kolada_municipality,
            "year": measurement.measured_on.year,
            "day": _day(fetched),
        }
    where = measurement.source_note or _("uppgift från projektet")
    who = measurement.entered_by.get_full_name() or measurement.entered_by.username if measurement.entered_by else ""
    if who:
        return _("Källa: %(where)s, inmatad %(day)s av %(who)s") % {
            "where": where,
            "day": _day(measurement.entered_at),
            "who": who,
        }
    return _("Källa: %(where)s, inmatad %(day)s") % {"where": where, "day": _day(measurement.entered_at)}


def measurement_status(measurement: Measurement) -> str:
    """ "rapporterat" unless someone set it; a validated figure names its validator."""
    # A reverse one-to-one without a row raises a subclass of AttributeError: getattr's default covers it.
    row: MeasurementStatus | None = getattr(measurement, "result_status", None)
    if row is None:
        return str(ResultStatus.REPORTED.label)
    label = str(ResultStatus(row.status).label)
    return _("%(status)s av %(who)s") % {"status": label, "who": row.validated_by} if row.validated_by else label


def forecast_source(project: Project) -> str:
    initiative = project.initiative
    reference = initiative.registry_number or _("ärende %(number)s") % {"number": initiative.pk}
    return _("Källa: ansökans kalkyl (%(reference)s), projektstart %(day)s") % {
        "reference": reference,
        "day": project.started_on.isoformat(),
    }


def unit_cost_source(effect: EffectLine) -> str:
    cost = effect.unit_cost
    if cost is None:
        return _("Källa: sökandens egen uppgift i kalkylen")
    if cost.price_year:
        return _("Källa: %(source)s, prisår %(year)s") % {"source": cost.source, "year": cost.price_year}
    return _("Källa: %(source)s") % {"source": cost.source}
