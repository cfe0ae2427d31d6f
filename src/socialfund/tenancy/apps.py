from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    """Row-level security and the app role: the database's half of the tenant scope (docs/tenancy.md)."""

    name = "socialfund.tenancy"
    verbose_name = _("Organisationernas åtskillnad")

    def ready(self) -> None:
        from django.contrib import admin

        from socialfund.tenancy.admin_scope import scope_the_admin

        scope_the_admin(admin.site)  # the last app: every other app's admin is registered by now
