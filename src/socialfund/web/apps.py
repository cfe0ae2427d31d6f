from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "socialfund.web"
    verbose_name = _("Webbgränssnitt")

    def ready(self) -> None:
        from socialfund.web import accessibility  # noqa: F401 - registers the statement's deploy check
