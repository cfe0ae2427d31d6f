"""Consultations in the admin: read-only (answers are registered through the services)."""

from django.contrib import admin

from socialfund.consultations.models import Answer, Consultation, Recipient, Reminder, Statement
from socialfund.kit.admin import ReadOnlyAdmin


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ("title", "sent_by", "decided_on", "deadline", "registry_number")
    list_filter = ("organisation",)


@admin.register(Recipient)
class RecipientAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "kind", "consultation")


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ("recipient", "position", "received_on")


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ("answer", "kind", "wording")


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ("recipient", "sent_on", "sent_by")
