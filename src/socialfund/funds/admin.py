from django.contrib import admin

from socialfund.funds.models import Fund, PolicyVersion


class PolicyVersionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PolicyVersion
    extra = 0


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "organisation", "capital", "decided_by", "decided_on"]
    inlines = [PolicyVersionInline]
