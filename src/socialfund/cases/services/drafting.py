"""Creating a case and editing its draft: a board's own initiative, an outside actor's idea, the saved
draft (optimistically locked on its version).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.cases import permissions as perm
from socialfund.cases.changes import change_record
from socialfund.cases.codes import (
    ApplicantType,
    Status,
)
from socialfund.cases.errors import CaseConflictError, CaseValidationError
from socialfund.cases.models import Initiative
from socialfund.cases.notifications import notify_after_commit
from socialfund.cases.services.common import _check_title_length, _locked, _require, _require_state, _valid_content
from socialfund.cases.services.submission import _applicant_stage
from socialfund.cases.workflow import (
    entry_stages,
    policy_for_fund,
    policy_id_in_force,
)
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board


def initiative_create(
    *,
    fund: Fund,
    user: User,
    title: str,
    summary: str = "",
    initiator_name: str = "",
    initiator_type: str = ApplicantType.BOARD,
    stage: str | None = None,
    partner_boards: list[Board] | None = None,
    content: dict[str, Any] | None = None,
) -> Initiative:
    """A board's official starts a draft for their own board."""
    _require(user.has_role(Role.APPLICANT), _("Bara en sökande handläggare kan skapa ett utkast."))
    _require(user.board_id is not None, _("Du är inte kopplad till någon nämnd; be administratören koppla dig."))
    _require(fund.organisation_id == user.organisation_id, _("Fonden hör till en annan organisation än din."))
    if not title.strip():
        raise CaseValidationError(_("Ange en titel."), field="title")
    _check_title_length(title)
    if initiator_type not in ApplicantType.internal():
        raise CaseValidationError(_("Ett utkast görs av en nämnd eller ett kontor."), field="initiator_type")
    policy = policy_for_fund(fund)
    stage = stage or entry_stages(policy)[0]
    if stage not in entry_stages(policy):
        raise CaseValidationError(
            # Translators: %(stages)s and %(stage)s are stage codes of the guidelines, e.g. "interest, application".
            _("Ett nytt initiativ kan börja som %(stages)s, inte %(stage)s.")
            % {"stages": ", ".join(entry_stages(policy)), "stage": stage},
            field="stage",
        )
    with transaction.atomic():
        initiative = Initiative.objects.create(
            fund=fund,
            title=title.strip(),
            summary=summary,
            initiator_name=initiator_name or (user.board.display_name if user.board else ""),
            initiator_type=initiator_type,
            lead_board_id=user.board_id,
            stage=stage,
            status=Status.DRAFT,
            content=_valid_content(content),
            created_by=user,
        )
        if partner_boards:
            initiative.partner_boards.set(partner_boards)
        audit_record(
            actor=user,
            action="initiative_create",
            target=initiative,
            initiative=initiative,
            to_state=f"{initiative.status}:{initiative.stage}",
            message=f"Utkast skapat: {initiative.title}",
        )
    return initiative


def idea_register_external(
    *,
    fund: Fund,
    title: str,
    summary: str,
    organisation_name: str,
    organisation_type: str,
    contact_name: str,
    contact_email: str,
    area_board: Board | None = None,
) -> Initiative:
    """An association, firm or other outside actor registers an idea (no login).

    It enters at the policy's first stage as an interest registration and goes first to the
    office and board of the area the actor picked (without one, the fund's coordinator assigns
    it): see cases.outside_ideas. It cannot apply: the area's board must sponsor it.
    """
    from socialfund.cases.outside_ideas import check_area

    if organisation_type in ApplicantType.internal():
        raise CaseValidationError(_("Nämnder och kontor lämnar idéer inloggade."), field="organisation_type")
    if organisation_type not in ApplicantType.values:
        raise CaseValidationError(_("Välj vilken sorts organisation ni är."), field="organisation_type")
    check_area(fund, area_board)
    _check_title_length(title)
    policy = policy_for_fund(fund)
    today = timezone.localdate()
    with transaction.atomic():
        initiative = Initiative.objects.create(
            fund=fund,
            area_board=area_board,
            title=title.strip(),
            summary=summary,
            initiator_name=organisation_name.strip(),
            initiator_type=organisation_type,
            contact_name=contact_name.strip(),
            contact_email=contact_email.strip(),
            stage=policy.stages[0].code,
            status=Status.ACTIVE,
            filed_on=today,
            policy_id=policy_id_in_force(fund, today),
        )
        audit_record(
            actor=None,
            action="idea_register_external",
            target=initiative,
            initiative=initiative,
            to_state=f"{initiative.status}:{initiative.stage}",
            message=f"Idé från extern aktör ({initiative.initiator_name}).",
        )
        notify_after_commit(initiative, what="En ny idé har kommit in från en extern aktör.")
    return initiative


def initiative_update_draft(
    *, initiative: Initiative, user: User, expected_version: int | None = None, **fields: Any
) -> Initiative:
    """Save the applicant's answers. With `expected_version`, refuse to overwrite someone else's newer save."""
    allowed = {"title", "summary", "content", "initiator_name", "partner_boards", "draft_inputs"}
    unknown = set(fields) - allowed
    if unknown:
        raise CaseValidationError(_("Fälten %(fields)s kan inte ändras här.") % {"fields": ", ".join(sorted(unknown))})
    if "title" in fields and not str(fields["title"]).strip():
        raise CaseValidationError(_("Ange en titel."), field="title")
    if "title" in fields:
        _check_title_length(str(fields["title"]))
    if "content" in fields:
        fields["content"] = _valid_content(fields["content"], initiative.content)
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(
            perm.acts_for_board(user, initiative), _("Bara den ansvariga nämndens handläggare kan ändra utkastet.")
        )
        _require_state(
            initiative.status == Status.DRAFT or _applicant_stage(initiative),
            _("Initiativet kan inte ändras i det här steget."),
        )
        if expected_version is not None and expected_version != initiative.version:
            who = initiative.updated_by.get_full_name() if initiative.updated_by else _("någon annan")
            when = timezone.localtime(initiative.updated_at).strftime("%Y-%m-%d %H:%M")
            raise CaseConflictError(
                _(
                    # Translators: %(who)s is a person's name (or "someone else"), %(when)s a date and time.
                    "%(who)s sparade utkastet %(when)s, efter att du öppnade det. Dina ändringar är inte sparade: "
                    "jämför med det som nu är sparat och spara igen om du vill skriva över."
                )
                % {"who": who, "when": when},
                current_version=initiative.version,
            )
        boards = fields.pop("partner_boards", None)
        before = {name: getattr(initiative, name) for name in fields}
        after = dict(fields)
        if boards is not None:
            before["partner_boards"] = sorted(initiative.partner_boards.values_list("code", flat=True))
            after["partner_boards"] = sorted(board.code for board in boards)
        for name, value in fields.items():
            setattr(initiative, name, value)
        initiative.version += 1
        initiative.updated_by = user
        initiative.save()
        if boards is not None:
            initiative.partner_boards.set(boards)
        message, changes = change_record(before, after)
        if message:  # a save that changed nothing is not an event in the case's history
            audit_record(
                actor=user,
                action="initiative_update",
                target=initiative,
                initiative=initiative,
                message=message,
                data={"fields": [c["field"] for c in changes], "changes": changes},
            )
    return initiative
