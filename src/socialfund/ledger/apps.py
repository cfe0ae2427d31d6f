from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "socialfund.ledger"
    label = "ledger"
    verbose_name = _("Fondens bokföring")

    def ready(self) -> None:
        from socialfund.cases.events import inbox_wanted
        from socialfund.ledger.inbox import due_work

        inbox_wanted.connect(due_work, dispatch_uid="ledger-due-work-in-inbox")
