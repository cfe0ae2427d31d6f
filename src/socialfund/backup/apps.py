from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupConfig(AppConfig):
    name = "socialfund.backup"
    verbose_name = _("Export och import")
