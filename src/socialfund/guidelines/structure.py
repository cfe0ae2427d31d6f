"""The services that add, remove and move a draft's stages and rules: each checks who may, applies the
change to a copy, validates the whole version with the shipped files' checks and stores it with an audit
event, or refuses with a Swedish message at the field and stores nothing."""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.audit.services import audit_record
from socialfund.cases.codes import Status
from socialfund.cases.errors import CaseStateError
from socialfund.cases.models import Initiative
from socialfund.guidelines import outline
from socialfund.guidelines.document import Document
from socialfund.guidelines.models import GuidelineVersion
from socialfund.guidelines.services import GuidelineError, _locked, _require_administrator, _settle_unset

OPEN = (Status.DRAFT, Status.ACTIVE, Status.ON_HOLD)


def _apply(
    *, user: User, version: GuidelineVersion, change: Callable[[Document], Document], action: str, message: str
) -> GuidelineVersion:
    _require_administrator(user, version.fund.organisation_id)
    version = _locked(version)
    if not version.is_editable:
        raise CaseStateError(_("Versionen är inte ett utkast längre och kan inte ändras."))
    try:
        document = change(copy.deepcopy(version.document))
    except outline.OutlineRefusal as refusal:
        raise GuidelineError(refusal.message, field=refusal.field) from refusal
    policy, problems = _settle_unset(document)
    if policy is None:
        raise GuidelineError(_("Ändringen går inte ihop med resten av riktlinjerna."), problems=problems)
    version.document = document
    version.updated_at = timezone.now()
    version.save(update_fields=["document", "updated_at"])
    audit_record(actor=user, action=action, target=version, message=message)
    return version


def stage_add(*, user: User, version: GuidelineVersion, new: outline.NewStage) -> GuidelineVersion:
    return _apply(
        user=user,
        version=version,
        change=lambda document: outline.stage_added(document, new),
        action="guideline_stage_add",
        message=f"Steget ”{new.name_sv.strip()}” tillagt i utkastet till riktlinjer.",
    )


def stage_remove(*, user: User, version: GuidelineVersion, index: int) -> GuidelineVersion:
    stages = version.document.get("stages") or []
    stage = stages[index] if 0 <= index < len(stages) else {}
    # Cases that sit in the stage now, under any version of the fund's guidelines.
    waiting = Initiative.objects.filter(fund=version.fund, stage=stage.get("code"), status__in=OPEN).count()
    return _apply(
        user=user,
        version=version,
        change=lambda document: outline.stage_removed(document, index, waiting),
        action="guideline_stage_remove",
        message=f"Steget ”{stage.get('name_sv', '')}” borttaget ur utkastet till riktlinjer.",
    )


def stage_move(*, user: User, version: GuidelineVersion, index: int, step: int) -> GuidelineVersion:
    stages = version.document.get("stages") or []
    name = stages[index].get("name_sv", "") if 0 <= index < len(stages) else ""
    return _apply(
        user=user,
        version=version,
        change=lambda document: outline.stage_moved(document, index, step),
        action="guideline_stage_move",
        message=f"Steget ”{name}” flyttat {'tidigare' if step < 0 else 'senare'} i utkastet till riktlinjer.",
    )


def rule_add(*, user: User, version: GuidelineVersion, new: outline.NewRule) -> GuidelineVersion:
    return _apply(
        user=user,
        version=version,
        change=lambda document: outline.rule_added(document, new),
        action="guideline_rule_add",
        message="En regel tillagd i utkastet till riktlinjer: "
        + (new.title.strip() or outline.rule_title({"id": new.kind}))
        + ".",
    )


def rule_remove(*, user: User, version: GuidelineVersion, index: int) -> GuidelineVersion:
    rules = version.document.get("rules") or []
    title = outline.rule_title(rules[index]) if 0 <= index < len(rules) else ""
    return _apply(
        user=user,
        version=version,
        change=lambda document: outline.rule_removed(document, index),
        action="guideline_rule_remove",
        message=f"Regeln ”{title}” borttagen ur utkastet till riktlinjer.",
    )
