from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from socialfund.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Kommun", {"fields": ("organisation", "board", "office")}),
    )
    list_display = ["username", "first_name", "last_name", "organisation", "board", "is_staff"]
    list_filter = ["organisation", "groups", "is_staff"]
