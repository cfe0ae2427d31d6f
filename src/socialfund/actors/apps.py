from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    """Outside actors: receipts and status links for ideas, e-legitimation login, co-applicants."""

    name = "socialfund.actors"
    label = "actors"
    verbose_name = _("Externa aktörer")
