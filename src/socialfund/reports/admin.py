"""The public page setting in the admin: read-only (an administrator switches it on the reports page)."""

from django.contrib import admin

from socialfund.reports.models import PublicPage
from socialfund.web.admin_mixins import ReadOnlyAdmin


@admin.register(PublicPage)
class PublicPageAdmin(ReadOnlyAdmin):
    list_display = ("fund", "enabled", "updated_at")
