"""Which version of a fund's guidelines is in force, which are proposals, and why: for the fund's pages.

A version is in force only from an adoption date the data states (`PolicyVersion.adopted_on`). A version
without one is a proposal: shown, never applied (Södertälje's 2015 changes, whose adoption by
kommunfullmäktige the seed does not record).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

from socialfund.core.policy import Policy, PolicyError, load_policy
from socialfund.funds.models import Fund, PolicyVersion


@lru_cache(maxsize=64)
def _policy(policy_id: str) -> Policy:
    """Shipped policies are immutable data; load each once per process."""
    return load_policy(policy_id)


@dataclass(frozen=True)
class GuidelineRow:
    version: PolicyVersion
    name: str
    state: str
    """in_force, superseded, adopted_later or proposal."""
    state_label: str
    why: str


def _name(version: PolicyVersion) -> str:
    """The guidelines' year as their sources give it: the adoption or, for a proposal, the proposal date."""
    try:
        adopted = _policy(version.policy_id).adopted
    except (LookupError, PolicyError):
        return version.policy_id
    dated = adopted.date or adopted.proposal_date or version.adopted_on
    # Translators: %(year)s is the year of a version of the guidelines, e.g. "Riktlinjer 2013".
    return _("Riktlinjer %(year)s") % {"year": dated.year} if dated else _("Riktlinjer")


def _decision(version: PolicyVersion) -> str:
    assert version.adopted_on is not None
    parts = [version.decided_by.name if version.decided_by else "", version.adopted_on.isoformat()]
    return " ".join(part for part in [*parts, version.decision_paragraph] if part)


def guideline_rows(fund: Fund, on: dt.date) -> list[GuidelineRow]:
    """The fund's versions, adopted ones by date and then proposals, each with its state on `on`."""
    versions = list(fund.policy_versions.select_related("decided_by"))
    adopted = sorted((v for v in versions if v.adopted_on is not None), key=lambda v: v.adopted_on or on)
    in_force = fund.policy_in_force(on)
    rows = []
    for index, version in enumerate(adopted):
        assert version.adopted_on is not None
        decision = _decision(version)
        if in_force is not None and version.pk == in_force.pk:
            state, label = "in_force", _("Gäller")
            why = _("Antagna av %(decision)s; inga senare riktlinjer är antagna.") % {"decision": decision}
        elif version.adopted_on > on:
            state, label = "adopted_later", _("Antagna, gäller senare")
            why = _("Antagna av %(decision)s; gäller från det datumet.") % {"decision": decision}
        else:
            following = adopted[index + 1]
            assert following.adopted_on is not None
            state, label = "superseded", _("Ersatta")
            why = _("Ersatta av riktlinjerna antagna %(date)s.") % {"date": following.adopted_on.isoformat()}
        rows.append(GuidelineRow(version, _name(version), state, label, why))
    for version in versions:
        if version.adopted_on is None:
            why = version.note or _("Inget beslut om att anta förslaget är registrerat.")
            rows.append(GuidelineRow(version, _name(version), "proposal", _("Förslag – gäller inte"), why))
    return rows
