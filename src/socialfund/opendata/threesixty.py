"""The fund's grants as a 360Giving data package (standard 1.4): one grant per granted project.

The grant goes to the project's lead board (a part of the municipality), never to a person: an
initiator who is an individual is not named. Organisations without an org-id get the 360Giving
prefix form `360G-<publisher>-…`, as the standard allows until a registered identifier is known.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from socialfund.funds.models import Fund
from socialfund.opendata.public import public_grants

LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"
VERSION = "1.4"


def prefix(fund: Fund) -> str:
    return f"360G-socialfund-{fund.slug}"


def grants_package(fund: Fund, *, base_url: str, today: dt.date) -> dict[str, Any]:
    publisher = fund.organisation
    funder = {"id": f"{prefix(fund)}-FUND", "name": f"{fund.name}, {publisher.name}"}
    grants = []
    for g in public_grants(fund):
        grant: dict[str, Any] = {
            "id": f"{prefix(fund)}-{g.initiative_id}",
            "title": g.title,
            "description": g.summary or g.decision_text or g.title,
            "currency": fund.currency,
            "amountAwarded": float(g.total),
            "amountDisbursed": float(g.paid),
            "awardDate": g.decided_on.isoformat(),
            "recipientOrganization": [
                {
                    "id": f"{prefix(fund)}-ORG-{g.board_code or 'KOMMUN'}",
                    "name": g.board_name or publisher.name,
                    "department": g.board_name,
                    "addressCountry": "SE",
                    "organisationType": "Kommunal nämnd",
                }
            ],
            "fundingOrganization": [funder],
            "grantProgramme": [{"code": fund.slug, "title": fund.name}],
            "url": base_url,
            "dataSource": base_url,
            "dateModified": timezone.now().replace(microsecond=0).isoformat(),
            "disbursementTransaction": [
                {
                    "id": f"{prefix(fund)}-{g.initiative_id}-P{n}",
                    "transactionDate": flow.day.isoformat(),
                    "currency": fund.currency,
                    "value": float(flow.amount),
                }
                for n, flow in enumerate(g.payouts, start=1)
            ],
        }
        if g.project is not None:
            grant["plannedDates"] = [
                {"startDate": g.project.started_on.isoformat(), "endDate": g.project.ends_on.isoformat()}
            ]
        grants.append(grant)
    return {
        "grants": grants,
        "version": VERSION,
        "title": f"{fund.name}: beviljade sociala investeringar",
        "issued": today.isoformat(),
        "publisher": {"name": publisher.name},
        "license": LICENCE,
    }
