"""The demo fund's books: the capital fullmäktige put in it (24 mnkr, KF 2013-02-25 § 7).

Booked through the ledger's own service, once: running the demo again finds the
capital decision and books nothing.
"""

from __future__ import annotations

from socialfund.accounts.models import User
from socialfund.funds.models import Fund
from socialfund.ledger.models import CapitalDecision
from socialfund.ledger.services import capital_decide

CAPITAL_TEXT = "Kommunfullmäktige avsätter medel till en social investeringsfond."


def load_demo_ledger(fund: Fund, users: dict[str, User]) -> None:
    if CapitalDecision.objects.filter(fund=fund, decided_on=fund.decided_on).exists():
        return
    capital_decide(
        fund=fund,
        user=users["registrator"],
        body=fund.decided_by,
        decided_on=fund.decided_on,
        paragraph=fund.decision_paragraph or "–",
        amount=fund.capital,
        registry_number=fund.registry_number,
        text=CAPITAL_TEXT,
    )
