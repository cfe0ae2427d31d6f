from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """Public records: the register of handlings (diarium), e-archive packages and retention."""

    name = "socialfund.records"
    verbose_name = _("Diarium och arkiv")

    def ready(self) -> None:
        # One central hook: every audited action that brings in or produces a document registers it.
        from socialfund.records import hooks  # noqa: F401
