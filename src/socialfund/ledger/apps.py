from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "socialfund.ledger"
    label = "ledger"
    verbose_name = "Fondens bokföring"
