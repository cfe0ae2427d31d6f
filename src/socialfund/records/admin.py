from django.contrib import admin

from socialfund.kit.admin import ReadOnlyAdmin
from socialfund.records.models import Classification, CullingLogEntry, DiariumDelivery, Handling, RetentionRule


@admin.register(Classification)
class ClassificationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["fund", "code", "title"]
    list_filter = ["fund"]


@admin.register(RetentionRule)
class RetentionRuleAdmin(ReadOnlyAdmin):
    """Changed through `records.retention.retention_rule_set`, which refuses culling what must be kept."""

    list_display = ["fund", "record_type", "keep_forever", "years", "from_event", "decision_reference"]
    list_filter = ["fund"]


@admin.register(Handling)
class HandlingAdmin(ReadOnlyAdmin):
    list_display = ["number", "registered_on", "direction", "record_type", "counterpart", "title", "secrecy_paragraph"]
    list_filter = ["fund", "direction", "record_type"]
    search_fields = ["number", "title", "counterpart"]


@admin.register(DiariumDelivery)
class DiariumDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["handling", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status"]


@admin.register(CullingLogEntry)
class CullingLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["ran_at", "fund", "record_type", "case_number", "removed", "rule"]
    list_filter = ["fund", "record_type"]
