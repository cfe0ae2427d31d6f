"""Where an outside idea is, in words the actor understands (no stage codes, board names not codes)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from socialfund.cases.codes import Status
from socialfund.cases.models import Initiative
from socialfund.cases.outside_ideas import area_label


def idea_whereabouts(initiative: Initiative) -> str:
    if initiative.status != Status.ACTIVE:
        return _("Idén är avslutad: %(status)s.") % {"status": initiative.get_status_display().lower()}
    if initiative.lead_board is not None:
        return _("%(board)s har tagit ansvar för idén. Den är nu nämndens initiativ och är i steget %(stage)s.") % {
            "board": initiative.lead_board.display_name,
            "stage": initiative.stage_name.lower(),
        }
    if initiative.area_board is not None:
        return _("Idén ligger hos %(area)s, som tar ställning till om nämnden ska ta ansvar för den.") % {
            "area": area_label(initiative.area_board)
        }
    return _("Fondens samordnare väljer vilket område och vilken nämnd idén ska gå till.")


def idea_holder(initiative: Initiative) -> str:
    """Which board has the idea now."""
    board = initiative.lead_board or initiative.area_board
    return board.display_name if board is not None else _("Fondens samordnare (inget område valt ännu)")
