"""`socialfund policy list --fund SLUG`: a fund's versions with status and dates, from the database.

The rest of `socialfund policy` runs without Django; this one listing needs the fund's registered and
edited versions, so it sets Django up itself."""

from __future__ import annotations

import os


def fund_version_rows(slug: str) -> list[list[str]]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialfund.settings")
    import django

    django.setup()
    from django.utils import timezone

    from socialfund.core.policy import PolicyError
    from socialfund.funds.models import Fund
    from socialfund.guidelines.status import all_versions

    fund = Fund.objects.filter(slug=slug).first()
    if fund is None:
        known = ", ".join(Fund.objects.order_by("slug").values_list("slug", flat=True)) or "inga"
        raise PolicyError([("--fund", f"okänd fond '{slug}'; kända: {known}")])
    rows = [["version", "status", "föreslagen", "beslut", "gäller från"]]
    for row in all_versions(fund, timezone.localdate()):
        state = row.state
        rows.append(
            [
                row.name,
                state.label.lower(),
                state.proposed_on.isoformat() if state.proposed_on else "–",
                state.decision or "–",
                state.in_force_from.isoformat() if state.in_force_from else "–",
            ]
        )
    return rows
