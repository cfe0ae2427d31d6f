"""The books in the admin: shown, never changed (every change is a service and a verification)."""

from django.contrib import admin

from socialfund.kit.admin import ReadOnlyAdmin
from socialfund.ledger.models import (
    Account,
    CapitalDecision,
    Entry,
    FundLedger,
    PayoutOrder,
    Repayment,
    RepaymentPlan,
    Transaction,
    Waiver,
)


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = ["number", "fund", "booked_on", "kind", "text", "created_by"]
    list_filter = ["fund", "kind"]
    search_fields = ["text"]


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ["transaction", "account", "amount_ore"]


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["key", "fund", "kind", "initiative", "board", "year", "balance_ore"]
    list_filter = ["fund", "kind"]


@admin.register(FundLedger)
class FundLedgerAdmin(ReadOnlyAdmin):
    list_display = ["fund", "next_number", "closed_through"]


for model in (CapitalDecision, PayoutOrder, RepaymentPlan, Repayment, Waiver):
    admin.site.register(model, ReadOnlyAdmin)
