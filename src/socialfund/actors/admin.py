"""The administrator reads outside organisations, co-applicants and representatives; changes go through the
pages and services (invitations, signatures), so the admin only reads them."""

from __future__ import annotations

from django.contrib import admin

from socialfund.actors.models import CoApplicant, OutsideOrganisation, Representative
from socialfund.kit.admin import ReadOnlyAdmin


@admin.register(OutsideOrganisation)
class OutsideOrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "number", "kind", "created_at"]
    search_fields = ["name", "number"]


@admin.register(CoApplicant)
class CoApplicantAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "board", "organisation", "invited_at", "signed_at", "signer_name"]
    list_select_related = ["initiative", "board", "organisation"]


@admin.register(Representative)
class RepresentativeAdmin(ReadOnlyAdmin):
    # The recognition key is a keyed hash; it is of no use to a reader and is left out.
    list_display = ["name", "organisation", "last_login_at"]
    exclude = ["subject_key"]
