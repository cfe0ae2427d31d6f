"""Follow-up in the admin: shown, never changed (services own every state change)."""

from django.contrib import admin

from socialfund.followup.models import (
    Indicator,
    Measurement,
    Project,
    RealisedSaving,
    ReminderSent,
    Report,
    ReportReview,
    ReportVersion,
    SpecialReview,
)
from socialfund.kit.admin import ReadOnlyAdmin


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "status", "started_on", "ends_on", "closed_on", "closure_outcome"]
    list_filter = ["status"]
    search_fields = ["initiative__title"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["name", "project", "source", "kolada_kpi", "direction", "baseline_value", "target_value"]
    list_filter = ["source"]


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "measured_on", "gender", "value", "source", "entered_by"]
    list_filter = ["source", "gender"]


@admin.register(RealisedSaving)
class RealisedSavingAdmin(ReadOnlyAdmin):
    list_display = ["project", "board", "year", "amount", "basis"]
    list_filter = ["basis", "year"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "project", "kind", "due_on", "status"]
    list_filter = ["status", "kind"]


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ["report", "number", "fidelity", "saved_by", "saved_at"]


@admin.register(ReportReview)
class ReportReviewAdmin(ReadOnlyAdmin):
    list_display = ["report", "verdict", "effect_finding", "reviewed_by", "reviewed_at"]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["report", "offset_days", "sent_on", "recipient_count"]


@admin.register(SpecialReview)
class SpecialReviewAdmin(ReadOnlyAdmin):
    list_display = ["project", "status", "effects", "decided_on", "waived_amount", "ledger_reference"]
    list_filter = ["status"]
