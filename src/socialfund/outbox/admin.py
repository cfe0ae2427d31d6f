"""Staff see every mail's state in the admin: waiting, sent, or given up, with the last error."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from socialfund.kit.admin import ReadOnlyAdmin
from socialfund.outbox.models import MailState, OutboxMail
from socialfund.outbox.services import mail_retry


@admin.register(OutboxMail)
class OutboxMailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "subject", "state", "attempts", "next_attempt_at", "sent_at", "last_error"]
    list_filter = ["state"]
    search_fields = ["subject"]
    actions = ["retry"]

    @admin.action(description=_("Försök skicka igen"))
    def retry(self, request: HttpRequest, queryset: QuerySet[OutboxMail]) -> None:
        mails = list(queryset.exclude(state=MailState.SENT))
        for mail in mails:
            mail_retry(mail=mail)
        self.message_user(request, _("%(count)d meddelanden köade igen.") % {"count": len(mails)}, messages.SUCCESS)
