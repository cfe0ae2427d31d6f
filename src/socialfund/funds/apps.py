from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "socialfund.funds"
    verbose_name = _("Fonder")
