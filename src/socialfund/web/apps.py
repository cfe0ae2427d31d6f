from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "socialfund.web"
    verbose_name = _("Webbgränssnitt")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from socialfund.web import accessibility  # noqa: F401 - registers the statement's deploy check
        from socialfund.web.session_renewal import renewed_at_login

        user_logged_in.connect(renewed_at_login, dispatch_uid="socialfund.session_renewed_at_login")
