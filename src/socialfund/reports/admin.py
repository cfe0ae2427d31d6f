"""The public page setting in the admin: read-only (an administrator switches it on the reports page)."""

from django.contrib import admin

from socialfund.kit.admin import ReadOnlyAdmin
from socialfund.reports.models import PublicPage


@admin.register(PublicPage)
class PublicPageAdmin(ReadOnlyAdmin):
    list_display = ("fund", "enabled", "updated_at")
