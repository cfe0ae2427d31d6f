"""The seed's guideline revision (KS 14-87) as a version in the guideline editor.

The tjänsteskrivelse (2015-10-26) and the PM (2015-11-04) propose changes of the 2013 guidelines to
kommunfullmäktige, after the consultation whose eleven answers the remissammanställning compiles. The
seed records no adoption, so the demo shows the revision as a proposal: compared rule by rule with the
2013 guidelines, with its PM and tjänsteskrivelse, never in force.
"""

from __future__ import annotations

from collections.abc import Iterable

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.consultations.models import Consultation
from socialfund.funds.models import Fund
from socialfund.guidelines.models import GuidelineVersion
from socialfund.guidelines.services import proposal_register

TITLE = "Förändringar av riktlinjer för Södertälje kommuns sociala investeringsfond"


def load_demo_guidelines(fund: Fund, users: dict[str, User]) -> GuidelineVersion:
    consultation = Consultation.objects.filter(fund=fund, registry_number=fund.registry_number).order_by("pk").first()
    return proposal_register(
        user=users["admin"],
        fund=fund,
        policy_id="sodertalje-2015",
        title=TITLE,
        based_on="sodertalje-2013",
        consultation=consultation,
    )


def remove_demo_guidelines(funds: Iterable[Fund]) -> None:
    """Before the consultations and the funds they point at. The versions' audit events go with them: the
    demo's own history is the one the audit log lets go (as the loader does for the demo's cases)."""
    versions = GuidelineVersion.objects.filter(fund__in=list(funds))
    ids = [str(pk) for pk in versions.values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(target_type=GuidelineVersion._meta.label_lower, target_id__in=ids)
    events._raw_delete(AuditEvent.objects.db)
    versions.delete()
