"""What is recorded on the case without changing its state: comments and the registry number."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.cases import permissions as perm
from socialfund.cases import registry
from socialfund.cases.codes import (
    CommentVisibility,
)
from socialfund.cases.errors import CaseValidationError
from socialfund.cases.models import Comment, Initiative
from socialfund.cases.services.common import _locked, _require


def comment_add(*, initiative: Initiative, user: User, text: str, visibility: str) -> Comment:
    with transaction.atomic():
        _require(perm.can_view(user, initiative), _("Du kan inte se det här ärendet."))
        if not text.strip():
            raise CaseValidationError(_("Skriv en kommentar."), field="text")
        if visibility not in CommentVisibility.values:
            raise CaseValidationError(_("Välj vem som ska se kommentaren."), field="visibility")
        if visibility == CommentVisibility.INTERNAL:
            _require(perm.sees_internal_comments(user), _("Du kan bara skriva kommentarer som den sökande ser."))
        comment = Comment.objects.create(initiative=initiative, author=user, text=text.strip(), visibility=visibility)
        audit_record(actor=user, action="comment_add", target=comment, initiative=initiative, message="Kommentar.")
    return comment


def registry_number_set(*, initiative: Initiative, user: User, registry_number: str) -> Initiative:
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.REGISTRAR), _("Bara registrator sätter diarienummer."))
        if not registry_number.strip():
            raise CaseValidationError(_("Ange diarienummer."), field="registry_number")
        old = initiative.registry_number
        taken = (
            Initiative.objects.filter(fund_id=initiative.fund_id, registry_number=registry_number.strip())
            .exclude(pk=initiative.pk)
            .first()
        )
        if taken is not None:
            raise CaseValidationError(
                _("Diarienumret %(number)s har redan ärendet %(title)s.")
                % {"number": registry_number.strip(), "title": taken.title},
                field="registry_number",
            )
        initiative.registry_number = registry_number.strip()
        registry.registry_number_note(
            fund=initiative.fund, on=initiative.filed_on or timezone.localdate(), number=initiative.registry_number
        )
        initiative.save(update_fields=["registry_number", "updated_at"])
        audit_record(
            actor=user,
            action="registry_number_set",
            target=initiative,
            initiative=initiative,
            message=f"Diarienummer {initiative.registry_number}.",
            data={"from": old, "to": initiative.registry_number},
        )
    return initiative
