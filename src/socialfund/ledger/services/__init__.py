"""One service per event that reaches the fund's books.

Each checks the user's role, runs in one transaction holding the fund's books, books
through `socialfund.ledger.posting.post` (which audits) and raises a `LedgerError` with a
Swedish message when it refuses; a refused event leaves the books unchanged.

    capital_decide            registrar: fullmäktige puts capital in the fund
    grant_decide              finance: kommunstyrelsen's grant becomes commitments per year
    payout_register           finance: money paid to the project, within its commitment and the fund's money
    repayment_plan_adopt      finance: the boards' duties per year, from the calculation or agreed
    repayment_register        finance: a board repays
    frame_reduction_register  finance: a board's budget frame is reduced instead (Norrköping)
    waiver_decide             registrar: särskild prövning writes off what remains
    transaction_reverse       finance: a correction, linked to what it corrects
    period_close              finance: no more bookings on or before a date
    board_succession_decide   registrar: a board ends; its duties move to the successor or lapse (the owner)
    handover_create           finance: a period's payouts, repayments and waivers to the municipality (SIE 4i)
"""

from socialfund.ledger.services.corrections import period_close, transaction_reverse
from socialfund.ledger.services.grants import capital_decide, grant_decide, payout_register
from socialfund.ledger.services.handover import handover_create
from socialfund.ledger.services.repayments import (
    frame_reduction_register,
    repayment_plan_adopt,
    repayment_register,
    waiver_decide,
)
from socialfund.ledger.services.succession import board_succession_decide

__all__ = [
    "board_succession_decide",
    "capital_decide",
    "frame_reduction_register",
    "grant_decide",
    "handover_create",
    "payout_register",
    "period_close",
    "repayment_plan_adopt",
    "repayment_register",
    "transaction_reverse",
    "waiver_decide",
]
