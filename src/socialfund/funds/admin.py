from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from socialfund.accounts.models import User
from socialfund.funds.models import Fund, PolicyVersion
from socialfund.funds.services import fund_settings_record, fund_snapshot


class PolicyVersionInline(admin.TabularInline):  # type: ignore[type-arg]
    """A fund's guidelines: at least one version, for every case is judged by the version in force."""

    model = PolicyVersion
    extra = 0
    min_num = 1

    def get_formset(self, request: HttpRequest, obj: Fund | None = None, **kwargs: Any) -> Any:
        # The admin shows `min_num` forms but does not enforce it unless told to.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "organisation", "capital", "decided_by", "decided_on"]
    inlines = [PolicyVersionInline]

    # The fund row is saved before its guideline versions (the inline): the state before is read
    # first, and the change recorded once everything is saved (one transaction).
    def save_model(self, request: HttpRequest, obj: Fund, form: Any, change: bool) -> None:
        form._fund_before = fund_snapshot(obj) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        actor = request.user if isinstance(request.user, User) else None
        fund_settings_record(actor=actor, fund=form.instance, before=getattr(form, "_fund_before", None))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a fund's history (cases, books, audit) is never deleted through the admin
