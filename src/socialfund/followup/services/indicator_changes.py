"""Changing an indicator, correcting or removing a hand-entered measurement, and removing an unused indicator.

Follow-up figures are not the ledger: a wrong figure is corrected in place. What it was, who changed it and
why stays in the audit log (shown in the case's activity log), and each change needs a reason. Figures from
Kolada are Kolada's: they are revised by the next refresh, never by hand. When a change touches a figure that
realised savings were derived from, the service says which years to derive again; it does not re-derive them
itself, because that is finance's step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.followup.codes import SavingBasis
from socialfund.followup.errors import FollowupStateError, FollowupValidationError
from socialfund.followup.models import Indicator, Measurement, Project, RealisedSaving
from socialfund.followup.permissions import records_measurements
from socialfund.followup.privacy import refuse_personal_data
from socialfund.followup.services.common import locked_project, record, require, require_state, require_text
from socialfund.followup.services.indicators import IndicatorSpec, check_figure, checked_indicator_fields
from socialfund.record_language import in_record_language

# The fields an edit may change. The source and Kolada's ids are not among them: measurements already
# stored came from that source, so another source is another indicator.
EDITABLE_FIELDS = (
    "name",
    "unit",
    "direction",
    "baseline_value",
    "baseline_on",
    "target_value",
    "target_on",
    "effect_index",
    "effect_label",
    "quantity_per_unit",
    "note",
)
# Changing one of these changes what a derived saving would come to.
DERIVATION_FIELDS = {"direction", "baseline_value", "effect_index", "quantity_per_unit"}


@dataclass(frozen=True)
class ChangeResult:
    """What changed, and the years whose derived savings rest on the old figures."""

    changed: list[str]
    rederive_years: list[int]


def _still_there[M: models.Model](rows: models.QuerySet[M], pk: int, what: str) -> M:
    """The row, re-read inside the transaction; someone else may have removed it since the form was shown."""
    try:
        return rows.get(pk=pk)
    except ObjectDoesNotExist as exc:
        raise FollowupStateError(
            _("%(what)s har tagits bort av någon annan sedan sidan visades.") % {"what": what}
        ) from exc


def _locked_indicator(indicator: Indicator, project: Project) -> Indicator:
    found = _still_there(Indicator.objects.select_for_update().filter(project=project), indicator.pk, _("Indikatorn"))
    found.project = project
    return found


def _allowed(indicator: Indicator, user: User) -> None:
    require(
        records_measurements(user, indicator.project),
        _("Bara den ansvariga nämndens handläggare eller beredningsgruppen."),
    )
    require_state(indicator.project.is_running, _("Projektet är avslutat."))


def _reason(reason: str) -> str:
    reason = require_text(reason, "reason", _("Skriv varför du ändrar."))
    refuse_personal_data(reason=reason)
    return reason


def _derived_years(indicator: Indicator, *, year: int | None = None) -> list[int]:
    """Years with a saving derived from this indicator (optionally only one year)."""
    savings = RealisedSaving.objects.filter(project=indicator.project, basis=SavingBasis.DERIVED)
    if year is not None:
        savings = savings.filter(year=year)
    years = {
        saving.year
        for saving in savings
        if saving.indicator_id == indicator.pk
        or any(part.get("indicator_id") == str(indicator.pk) for part in saving.basis_data.get("parts", []))
    }
    return sorted(years)


def _field_label(model: type[models.Model], name: str) -> Promise | str:
    """The field's name, lazy: str() gives it in the reader's language, in_record_language in the records'."""
    field = model._meta.get_field(name)
    label: Promise | str = getattr(field, "verbose_name", name)
    return label


def _shown(value: object) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def indicator_update(*, indicator: Indicator, user: User, spec: IndicatorSpec, reason: str) -> ChangeResult:
    """Change what the indicator is (not its source). Every changed field is logged as old → new."""
    with transaction.atomic():
        project = locked_project(indicator.project)
        indicator = _locked_indicator(indicator, project)
        _allowed(indicator, user)
        if spec.source != indicator.source:
            raise FollowupValidationError(
                _("Källan kan inte ändras: lägg till en ny indikator med den nya källan."), field="source"
            )
        reason = _reason(reason)
        same_source = replace(spec, kolada_kpi=indicator.kolada_kpi, kolada_municipality=indicator.kolada_municipality)
        fields = checked_indicator_fields(project, same_source, editing=indicator)
        changes = {
            name: (getattr(indicator, name), fields[name])
            for name in EDITABLE_FIELDS
            if getattr(indicator, name) != fields[name]
        }
        if not changes:
            raise FollowupValidationError(_("Inget är ändrat."))
        for name, (_old, new) in changes.items():
            setattr(indicator, name, new)
        indicator.save(update_fields=list(changes))
        names = [_field_label(Indicator, name) for name in changes]
        labels = [str(name) for name in names]
        recorded = ", ".join(in_record_language(name) for name in names)
        record(
            project,
            user=user,
            action="indicator_update",
            target=indicator,
            message=f"Indikatorn {indicator.name} ändrad ({recorded}): {reason}",
            data={
                "reason": reason,
                "changes": {name: [_shown(old), _shown(new)] for name, (old, new) in changes.items()},
            },
        )
        rederive = _derived_years(indicator) if DERIVATION_FIELDS & set(changes) else []
    return ChangeResult(changed=labels, rederive_years=rederive)


def _manual_measurement(measurement: Measurement, user: User) -> tuple[Measurement, Indicator]:
    """The measurement re-read under the project's lock; refused for Kolada's figures."""
    project = locked_project(measurement.indicator.project)
    measurement = _still_there(Measurement.objects.select_related("indicator"), measurement.pk, _("Mätvärdet"))
    indicator = measurement.indicator
    indicator.project = project
    _allowed(indicator, user)
    require_state(
        not indicator.is_kolada,
        _("Värdet kommer från Kolada och rättas där; nästa hämtning tar med Koladas revidering."),
    )
    return measurement, indicator


def measurement_correct(*, measurement: Measurement, user: User, value: Decimal, reason: str) -> ChangeResult:
    """A hand-entered figure that was wrong gets its right value; the old one stays in the audit log."""
    with transaction.atomic():
        measurement, indicator = _manual_measurement(measurement, user)
        reason = _reason(reason)
        value = check_figure(value, "value")
        if value == measurement.value:
            raise FollowupValidationError(_("Det nya värdet är detsamma som det gamla."), field="value")
        old = measurement.value
        measurement.value = value
        measurement.save(update_fields=["value"])
        day = measurement.measured_on.isoformat()
        record(
            indicator.project,
            user=user,
            action="measurement_correct",
            target=measurement,
            message=f"{indicator.name} {day} rättat: {_shown(old)} → {_shown(value)}. {reason}",
            data={"reason": reason, "old": _shown(old), "new": _shown(value)},
        )
        rederive = _derived_years(indicator, year=measurement.measured_on.year)
    return ChangeResult(changed=[str(_field_label(Measurement, "value"))], rederive_years=rederive)


def measurement_remove(*, measurement: Measurement, user: User, reason: str) -> ChangeResult:
    """A hand-entered figure that should not be there (wrong date, wrong indicator) is removed."""
    with transaction.atomic():
        measurement, indicator = _manual_measurement(measurement, user)
        reason = _reason(reason)
        day, value = measurement.measured_on, measurement.value
        record(
            indicator.project,
            user=user,
            action="measurement_remove",
            target=indicator,
            message=f"{indicator.name} {day.isoformat()} borttaget (värdet var {_shown(value)}). {reason}",
            data={"reason": reason, "measured_on": day.isoformat(), "value": _shown(value)},
        )
        measurement.delete()
        rederive = _derived_years(indicator, year=day.year)
    return ChangeResult(changed=[], rederive_years=rederive)


def indicator_remove(*, indicator: Indicator, user: User, reason: str) -> None:
    """An indicator added by mistake goes, if nothing rests on it: no measurements, no savings derived from it.

    One with measurements stays, as the project's history; change its note to say it is no longer used.
    """
    with transaction.atomic():
        project = locked_project(indicator.project)
        indicator = _locked_indicator(indicator, project)
        _allowed(indicator, user)
        reason = _reason(reason)
        require_state(
            not indicator.measurements.exists(),
            _(
                "Indikatorn har mätvärden och finns kvar som en del av projektets historik. "
                "Skriv i anmärkningen att den inte längre används, eller rätta värdena."
            ),
        )
        require_state(
            not _derived_years(indicator),
            _("Besparingar har härletts ur indikatorn; den finns kvar som deras underlag."),
        )
        name = indicator.name
        record(
            project,
            user=user,
            action="indicator_remove",
            target=project,
            message=f"Indikatorn {name} borttagen. {reason}",
            data={"reason": reason, "indicator": name},
        )
        indicator.delete()
