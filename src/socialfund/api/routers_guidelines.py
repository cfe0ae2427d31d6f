"""The API's view of a fund's guideline versions: status and dates, as the fund page shows them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Path, Router, Schema

from socialfund.api.auth import current_user
from socialfund.api.routers import ERRORS
from socialfund.funds.selectors import funds_visible_to
from socialfund.guidelines.status import all_versions

router = Router()


class GuidelineVersionOut(Schema):
    policy_id: str
    name: str
    status: str
    """draft, proposed, adopted or superseded."""
    status_label: str
    proposed_on: dt.date | None
    decided_on: dt.date | None
    in_force_from: dt.date | None
    decision: str


@router.get(
    "/funds/{slug}/guidelines",
    response={200: list[GuidelineVersionOut], **ERRORS},
    tags=["riktlinjer"],
    summary="Fondens riktlinjeversioner med status och datum",
)
def fund_guidelines(request: HttpRequest, slug: str = Path(..., max_length=60)) -> list[dict[str, Any]]:  # type: ignore[type-arg]
    fund = funds_visible_to(user=current_user(request)).filter(slug=slug).first()
    if fund is None:
        raise Http404("Fonden finns inte.")
    return [
        {
            "policy_id": row.policy_id,
            "name": row.name,
            "status": row.state.status,
            "status_label": row.state.label,
            "proposed_on": row.state.proposed_on,
            "decided_on": row.state.decided_on,
            "in_force_from": row.state.in_force_from,
            "decision": row.state.decision,
        }
        for row in all_versions(fund, timezone.localdate())
    ]
