from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "socialfund.reports"
    verbose_name = _("Rapporter och handlingar")
