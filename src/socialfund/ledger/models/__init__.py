"""The ledger's tables: the books themselves (core) and the records that books refer to (sources)."""

from socialfund.ledger.models.core import Account, Entry, FundLedger, Transaction
from socialfund.ledger.models.handover import HandedOver, Handover, PayoutInstalment
from socialfund.ledger.models.origins import (
    BoardSuccession,
    CapitalDecision,
    PayoutOrder,
    Repayment,
    RepaymentPlan,
    Waiver,
)

__all__ = [
    "Account",
    "BoardSuccession",
    "CapitalDecision",
    "Entry",
    "FundLedger",
    "HandedOver",
    "Handover",
    "PayoutInstalment",
    "PayoutOrder",
    "Repayment",
    "RepaymentPlan",
    "Transaction",
    "Waiver",
]
