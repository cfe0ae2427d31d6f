"""Outcome metrics (INDIGO's outcome metric) and the status of each measured figure."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.followup.errors import FollowupValidationError
from socialfund.followup.models import Indicator, Measurement, MeasurementStatus, OutcomeMetric, Project, ResultStatus
from socialfund.followup.permissions import records_measurements, steers_followup
from socialfund.followup.privacy import refuse_personal_data
from socialfund.followup.services.common import locked_project, record, require, require_state, require_text


@dataclass(frozen=True)
class OutcomeMetricSpec:
    name: str
    definition: str
    target_population: str
    target: str
    validation_method: str
    data_source: str
    validator_organisation: str
    indicator: Indicator | None = None


def outcome_metric_save(
    *, project: Project, user: User, spec: OutcomeMetricSpec, metric: OutcomeMetric | None = None
) -> OutcomeMetric:
    """Create an outcome metric, or change `metric`; every part is required, none may point out a person."""
    with transaction.atomic():
        project = locked_project(project)
        require(
            records_measurements(user, project), _("Bara den ansvariga nämndens handläggare eller beredningsgruppen.")
        )
        require_state(project.is_running, _("Projektet är avslutat."))
        fields = _checked(project, spec, metric)
        if metric is None:
            metric = OutcomeMetric.objects.create(project=project, created_by=user, **fields)
            action, message = "outcome_metric_create", f"Nytt effektmått: {metric.name}."
        else:
            if metric.project_id != project.pk:
                raise FollowupValidationError(_("Effektmåttet hör inte till projektet."), field="name")
            before = {name: str(getattr(metric, name)) for name in fields}
            for name, value in fields.items():
                setattr(metric, name, value)
            metric.save()
            action, message = "outcome_metric_update", f"Effektmåttet {metric.name} ändrades."
            record(project, user=user, action=action, target=metric, message=message, data={"before": before})
            return metric
        record(project, user=user, action=action, target=metric, message=message)
    return metric


def _checked(project: Project, spec: OutcomeMetricSpec, editing: OutcomeMetric | None) -> dict[str, object]:
    texts = {
        "name": (spec.name, _("Ge effektmåttet ett namn.")),
        "definition": (spec.definition, _("Beskriv vad som räknas som effekten.")),
        "target_population": (spec.target_population, _("Beskriv målgruppen (en grupp, aldrig en person).")),
        "target": (spec.target, _("Ange målet.")),
        "validation_method": (spec.validation_method, _("Beskriv hur effekten valideras.")),
        "data_source": (spec.data_source, _("Ange vilka data valideringen bygger på.")),
        "validator_organisation": (spec.validator_organisation, _("Ange vilken organisation som validerar.")),
    }
    fields: dict[str, object] = {name: require_text(value, name, message) for name, (value, message) in texts.items()}
    if len(str(fields["name"])) > 200 or len(str(fields["validator_organisation"])) > 200:
        field = "name" if len(str(fields["name"])) > 200 else "validator_organisation"
        raise FollowupValidationError(_("Högst 200 tecken."), field=field)
    refuse_personal_data(**{name: str(value) for name, value in fields.items()})
    if spec.indicator is not None and spec.indicator.project_id != project.pk:
        raise FollowupValidationError(_("Indikatorn hör inte till projektet."), field="indicator")
    clashes = OutcomeMetric.objects.filter(project=project, name=fields["name"])
    if editing is not None:
        clashes = clashes.exclude(pk=editing.pk)
    if clashes.exists():
        raise FollowupValidationError(_("Projektet har redan ett effektmått med det namnet."), field="name")
    fields["indicator"] = spec.indicator
    return fields


def measurement_status_set(
    *, measurement: Measurement, user: User, status: str, validated_by: str = "", note: str = ""
) -> MeasurementStatus:
    """Mark a figure estimated, reported or validated. Only the preparation group records a validation,
    and a validation names the organisation that validated it."""
    with transaction.atomic():
        project = locked_project(measurement.indicator.project)
        require(
            records_measurements(user, project), _("Bara den ansvariga nämndens handläggare eller beredningsgruppen.")
        )
        if status not in ResultStatus.values:
            raise FollowupValidationError(_("Välj uppskattat, rapporterat eller validerat."), field="status")
        validated_by = validated_by.strip()
        if status == ResultStatus.VALIDATED:
            require(steers_followup(user, project), _("Bara beredningsgruppen registrerar att ett värde är validerat."))
            if not validated_by:
                raise FollowupValidationError(
                    _("Ange vilken organisation som validerade värdet."), field="validated_by"
                )
        elif validated_by:
            raise FollowupValidationError(
                _("Bara ett validerat värde har en validerande organisation."), field="validated_by"
            )
        if len(validated_by) > 200:
            raise FollowupValidationError(_("Högst 200 tecken."), field="validated_by")
        refuse_personal_data(validated_by=validated_by, note=note)
        previous = MeasurementStatus.objects.filter(measurement=measurement).first()
        before = previous.status if previous else ResultStatus.REPORTED
        row, _created = MeasurementStatus.objects.update_or_create(
            measurement=measurement,
            defaults={"status": status, "validated_by": validated_by, "note": note.strip()[:300], "set_by": user},
        )
        label = ResultStatus(status).label
        record(
            project,
            user=user,
            action="measurement_status",
            target=measurement,
            message=f"{measurement.indicator.name} {measurement.measured_on.isoformat()}: {label}"
            + (f" ({validated_by})" if validated_by else "")
            + ".",
            from_state=str(before),
            to_state=status,
        )
    return row
