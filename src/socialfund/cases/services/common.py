"""What every case service shares: the role and state checks, the row lock, the validated content, and
the move from one state to the next with its audit event.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from socialfund.accounts.models import User
from socialfund.audit.services import audit_record
from socialfund.cases import machine
from socialfund.cases.codes import SignoffKind
from socialfund.cases.errors import CasePermissionDenied, CaseStateError, CaseValidationError
from socialfund.cases.models import Initiative
from socialfund.cases.workflow import (
    current_stage,
    policy_for,
)
from socialfund.core.application import ApplicationInputError, parse_application
from socialfund.core.casemachine import names_sv

SIGNOFF_NAMES = {SignoffKind.OFFICE_HEAD: "kontorschefens förankring", SignoffKind.BOARD: "nämndens förankring"}


SIGNOFF_REFUSAL_NAMES = {
    SignoffKind.OFFICE_HEAD: gettext_lazy("kontorschefens förankring"),
    SignoffKind.BOARD: gettext_lazy("nämndens förankring"),
    "all_parties": gettext_lazy("underskrift av behörig chef hos varje part"),
}


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise CasePermissionDenied(message)


def _check_title_length(title: str) -> None:
    limit = Initiative._meta.get_field("title").max_length or 200
    if len(title.strip()) > limit:
        # Translators: %(limit)s is a number of characters.
        raise CaseValidationError(_("Titeln får vara högst %(limit)s tecken.") % {"limit": limit}, field="title")


def _require_state(condition: bool, message: str) -> None:
    if not condition:
        raise CaseStateError(message)


def _locked(initiative: Initiative) -> Initiative:
    """Re-read the case under a row lock, so that two steps on it cannot interleave."""
    return Initiative.objects.select_for_update(of=("self",)).select_related("fund", "lead_board").get(pk=initiative.pk)


def _valid_content(content: dict[str, Any] | None, stored: dict[str, Any] | None = None) -> dict[str, Any]:
    """The content, validated as an application: every answer given or changed must be valid.

    An answer stored before validation existed and sent back unchanged is kept as it is (it is
    listed on the draft for correction), so an old draft can still be saved and loses nothing."""
    content = dict(content or {})
    changed = {key: value for key, value in content.items() if (stored or {}).get(key, _ABSENT) != value}
    try:
        parse_application(changed)
    except ApplicationInputError as exc:
        problems = "; ".join(f"{label}: {message}" for label, message in exc.errors)
        # Translators: %(problems)s lists each wrong field by its Swedish label and what is wrong with it.
        raise CaseValidationError(
            _("Ansökan sparades inte: %(problems)s") % {"problems": problems}, field="content"
        ) from exc
    return content


_ABSENT = object()


def _move(initiative: Initiative, *, user: User | None, action: str, message: str, **changes: Any) -> Initiative:
    """Apply field changes and record the transition from the old state to the new."""
    before = f"{initiative.status}:{initiative.stage}"
    for name, value in changes.items():
        setattr(initiative, name, value)
    initiative.version += 1
    initiative.updated_by = user
    initiative.save()
    audit_record(
        actor=user,
        action=action,
        target=initiative,
        initiative=initiative,
        from_state=before,
        to_state=f"{initiative.status}:{initiative.stage}",
        message=message,
    )
    return initiative


def _advance(initiative: Initiative, *, user: User, action: str, message: str = "") -> Initiative:
    """Move an active case to the policy's next stage, after its gate's sign-offs are in."""
    policy = policy_for(initiative)
    position = current_stage(initiative, policy)
    _require_state(position is not None, _("Ärendets steg finns inte i riktlinjerna."))
    assert position is not None
    _require_state(not position.is_last, _("Ärendet är i beslutssteget; registrera beslutet i stället."))
    check = machine.gate_for(initiative)
    if check.missing_signoffs:
        names = ", ".join(str(SIGNOFF_REFUSAL_NAMES.get(m, m)) for m in check.missing_signoffs)
        # Translators: %(names)s lists sign-offs, e.g. "the office head's sign-off, the board's sign-off".
        raise CaseStateError(_("Förankring saknas innan ärendet kan gå vidare: %(names)s.") % {"names": names})
    if check.failing_rules:
        titles = ", ".join(_rule_title(policy, r) for r in check.failing_rules)
        raise CaseStateError(
            # Translators: %(rules)s lists the titles of the guidelines' rules that do not hold.
            _("Riktlinjernas krav för att lämna steget är inte uppfyllda: %(rules)s.") % {"rules": titles}
        )
    if check.missing_opinions:
        # Translators: %(names)s lists committees and boards by name, e.g. "Hållbarhetsutskottet och Socialnämnden".
        raise CaseStateError(_("Yttrande saknas från %(names)s.") % {"names": names_sv(check.missing_opinions)})
    next_stage = policy.stages[position.index + 1]
    return _move(
        initiative,
        user=user,
        action=action,
        message=message or f"Till {next_stage.name_sv.lower()}.",
        stage=next_stage.code,
    )


def _rule_title(policy: Any, rule_id: str) -> str:
    rule = policy.rule(rule_id)
    return rule.display_title if rule is not None else rule_id
