from django.contrib import admin

from socialfund.cases.models import Initiative
from socialfund.kit.admin import ReadOnlyAdmin


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["title", "fund", "stage", "status", "initiator_name", "lead_board", "filed_on"]
    list_filter = ["fund", "status", "stage"]
    search_fields = ["title", "initiator_name", "registry_number"]
