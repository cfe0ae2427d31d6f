from django.contrib import admin

from socialfund.organisation.models import Board, DecisionBody, Office, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "code", "kind"]


@admin.register(DecisionBody)
class DecisionBodyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "kind", "organisation"]
    list_filter = ["organisation", "kind"]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "area", "organisation"]
    list_filter = ["organisation"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "parent", "head", "organisation"]
    list_filter = ["organisation"]
    filter_horizontal = ["boards"]
