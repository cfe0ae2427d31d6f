from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest

from socialfund.accounts.models import User
from socialfund.accounts.services import access_snapshot, user_access_record


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Kommun", {"fields": ("organisation", "board", "office")}),
    )
    list_display = ["username", "first_name", "last_name", "organisation", "board", "is_staff"]
    list_filter = ["organisation", "groups", "is_staff"]

    # Roles are groups, saved with the form's many-to-many data after the user row: the state before
    # the save is read first, and the change recorded once everything is saved (one transaction).
    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        form._access_before = access_snapshot(obj) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        actor = request.user if isinstance(request.user, User) else None
        user_access_record(actor=actor, user=form.instance, before=getattr(form, "_access_before", None))
