"""A grant with a recorded exception from the repayment limits.

The seed: "Kan man visa sådana effekter ska inte återföringskravet vara ett hinder för att
bevilja projektet", and "under särskilda omständigheter" the fund may depart from it. So a
calculation whose savings do not repay in time is a finding (the screening's `repayment`
rule, status `assess`, with the limits it departs from); the preparation group assesses it
and carries it to kommunstyrelsen, which refuses or grants *with a recorded exception*:
which limits, why, by which body, when and under which paragraph. The waiver after the
project (särskild prövning) is a separate decision and stays in `followup`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.audit.services import audit_record
from socialfund.cases.errors import CaseValidationError
from socialfund.cases.models import Decision, Initiative, RepaymentException, RepaymentLimit
from socialfund.core.policy.errors import InputError
from socialfund.record_language import in_record_language

REPAYMENT_RULE = "repayment"


@dataclass(frozen=True)
class RepaymentDeparture:
    """What the screening found: the limits departed from, its message, and the preparation group's note."""

    limits: tuple[str, ...]
    finding: str
    assessed: bool

    @property
    def limit_labels(self) -> list[str]:
        return [str(RepaymentLimit(code).label) if code in RepaymentLimit.values else code for code in self.limits]


def repayment_departure(initiative: Initiative) -> RepaymentDeparture | None:
    """The case's departure from the repayment limits, or None when its calculation keeps them (or cannot be
    screened: then the screening itself says what is missing)."""
    from socialfund.cases.screening import screening_for

    try:
        result = screening_for(initiative)
    except (InputError, LookupError):  # answers that cannot be screened have no departure to decide on
        return None
    finding = result.finding(REPAYMENT_RULE)
    if finding is None or not finding.departures:
        return None
    return RepaymentDeparture(limits=finding.departures, finding=finding.message, assessed=finding.assessed)


def check_exception(*, granted: bool, departure: RepaymentDeparture | None, reason: str) -> None:
    """A grant over a departure needs the decision body's reason; nothing else takes one."""
    if departure is not None and granted and not reason.strip():
        raise CaseValidationError(
            _(
                # Translators: %(limits)s lists repayment limits, e.g. "the whole amount is repaid in time".
                "Beräkningen avviker från återföringskravet (%(limits)s). Ett beviljande kräver ett beslutat "
                "undantag: ange kommunstyrelsens skäl, eller avslå."
            )
            % {"limits": "; ".join(departure.limit_labels).lower()},
            field="exception_reason",
        )
    if reason.strip() and (departure is None or not granted):
        message = (
            _("Beräkningen avviker inte från återföringskravet; inget undantag behövs.")
            if departure is None
            else _("Ett avslag beviljar inget undantag.")
        )
        raise CaseValidationError(message, field="exception_reason")


def repayment_exception_record(
    *, decision: Decision, user: User, departure: RepaymentDeparture, reason: str
) -> RepaymentException:
    """Record the exception as part of the grant decision (call inside `decision_register`'s transaction)."""
    exception = RepaymentException.objects.create(
        decision=decision,
        limits=list(departure.limits),
        finding=departure.finding,
        reason=reason.strip(),
        registered_by=user,
    )
    limits = "; ".join(
        in_record_language(RepaymentLimit(code).label) if code in RepaymentLimit.values else code
        for code in departure.limits
    )
    audit_record(
        actor=user,
        action="repayment_exception_record",
        target=exception,
        initiative=decision.initiative,
        message=(
            f"{decision.body.code} {decision.decided_on.isoformat()} {decision.paragraph}: undantag från "
            f"återföringskravet ({limits.lower()}). Skäl: {reason.strip()}"
        ),
        data={"limits": list(departure.limits), "reason": reason.strip(), "decision": decision.pk},
    )
    return exception


def exception_for(initiative: Initiative) -> RepaymentException | None:
    """The exception kommunstyrelsen recorded with the case's grant, if any (for the ledger and the case page)."""
    return (
        RepaymentException.objects.filter(decision__initiative=initiative)
        .select_related("decision__body", "registered_by")
        .first()
    )
