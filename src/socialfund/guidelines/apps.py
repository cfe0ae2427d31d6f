from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidelinesConfig(AppConfig):
    name = "socialfund.guidelines"
    verbose_name = _("Riktlinjearbete")

    def ready(self) -> None:
        # Proposed and adopted versions made in the editor load by id like the shipped files do.
        from socialfund.core.policy.registry import register_policy_source
        from socialfund.guidelines.selectors import stored_document

        register_policy_source(stored_document)
