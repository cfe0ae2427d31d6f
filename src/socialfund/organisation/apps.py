from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "socialfund.organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        from socialfund.organisation.models import Organisation
        from socialfund.organisation.tenancy import forget_codes, on_connection_created

        connection_created.connect(on_connection_created, dispatch_uid="socialfund_tenant_on_connect")
        post_save.connect(forget_codes, sender=Organisation, dispatch_uid="socialfund_tenant_codes_save")
        post_delete.connect(forget_codes, sender=Organisation, dispatch_uid="socialfund_tenant_codes_delete")
