from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from socialfund.funds.models import Fund, PolicyVersion


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
