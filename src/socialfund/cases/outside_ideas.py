"""Outside ideas go to the office and board of their area first (DOMAIN.md rule 12).

The 2014 evaluation found that ideas not anchored with the office head and the board were
stopped late, after much work ("kontorscheferna kommer in för sent"), and the PM says that
turning them away was outside the preparation group's mandate. So an outside actor's idea
goes first to the office and board of the area the actor picks (or that the fund's
coordinator assigns), lands on that office head's list and that board's officials' list,
and reaches the preparation group only once the board sponsors it: the sponsor action
makes it the board's own initiative.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.codes import Status
from socialfund.cases.errors import CasePermissionDenied, CaseStateError, CaseValidationError
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board
from socialfund.organisation.tenancy import scoped

# Who assigns an area when the actor did not pick one: the fund's coordinator (the preparation group's
# coordinating unit) or the registrar.
COORDINATORS = (Role.PREPARATION_GROUP, Role.REGISTRAR)


def area_boards(fund: Fund | None = None) -> QuerySet[Board]:
    """The boards an idea can be sent to: those with an area of work (of the fund's organisation)."""
    boards = scoped(Board.objects.exclude(area="")).prefetch_related("offices").order_by("code")
    return boards.filter(organisation_id=fund.organisation_id) if fund is not None else boards


def area_label(board: Board) -> str:
    """The board and the offices that work for it, as a person would name the area: "UN (Utbildningskontoret)"."""
    offices = ", ".join(office.name for office in board.offices.all())
    return f"{board.accessible_name} ({offices})" if offices else board.accessible_name


def awaits_sponsor(initiative: Initiative) -> bool:
    """An outside idea that no board has taken on yet."""
    return initiative.status == Status.ACTIVE and initiative.lead_board_id is None


def idea_actors(initiative: Initiative) -> QuerySet[User]:
    """Who must act on an idea awaiting a sponsor: the area's board officials and office heads, or, without
    an area, the fund's coordinators, who assign one."""
    users = User.objects.filter(is_active=True)
    if initiative.fund.organisation_id:
        users = users.filter(Q(organisation_id=initiative.fund.organisation_id) | Q(organisation__isnull=True))
    if initiative.area_board_id is None:
        return users.filter(groups__name__in=[str(role) for role in COORDINATORS]).distinct()
    officials = Q(groups__name=Role.APPLICANT, board_id=initiative.area_board_id)
    heads = Q(groups__name=Role.OFFICE_HEAD, offices_headed__boards__id=initiative.area_board_id)
    return users.filter(officials | heads).distinct()


def heads_area_office(user: User, initiative: Initiative) -> bool:
    return (
        user.has_role(Role.OFFICE_HEAD)
        and initiative.area_board_id is not None
        and user.offices_headed.filter(boards__id=initiative.area_board_id).exists()
    )


def sponsoring_board(user: User, initiative: Initiative) -> Board | None:
    """The board the user may make the idea's lead: the area's board, for its official or its office head.
    An idea without an area waits for the coordinator to assign one."""
    if initiative.area_board_id is None:
        return None
    if user.has_role(Role.APPLICANT) and user.board_id == initiative.area_board_id:
        return initiative.area_board
    if heads_area_office(user, initiative):
        return initiative.area_board
    return None


def may_sponsor(user: User, initiative: Initiative) -> bool:
    return awaits_sponsor(initiative) and sponsoring_board(user, initiative) is not None


def may_assign_area(user: User, initiative: Initiative) -> bool:
    return awaits_sponsor(initiative) and any(user.has_role(role) for role in COORDINATORS)


def check_area(fund: Fund, board: Board | None) -> None:
    if board is not None and not area_boards(fund).filter(pk=board.pk).exists():
        raise CaseValidationError(_("Välj ett område i fondens kommun."), field="area_board")


def idea_sponsor(*, initiative: Initiative, user: User) -> Initiative:
    """The area's board takes the idea on: it becomes the board's initiative and may go on to apply."""
    from socialfund.cases.notifications import notify_after_commit
    from socialfund.cases.services import _locked, _move

    with transaction.atomic():
        initiative = _locked(initiative)
        _require_state(initiative.status == Status.ACTIVE, _("Bara pågående idéer kan tas över."))
        _require_state(initiative.lead_board_id is None, _("Idén har redan en ansvarig nämnd."))
        _require_state(
            initiative.area_board_id is not None,
            _("Idén har inget område ännu; fondens samordnare väljer område först."),
        )
        board = sponsoring_board(user, initiative)
        if board is None:
            raise CasePermissionDenied(
                _("Bara områdets nämnd (dess handläggare eller kontorschef) kan ta ansvar för idén.")
            )
        initiative = _move(
            initiative,
            user=user,
            action="initiative_sponsor",
            message=f"{board.display_name} tar ansvar för idén: den är nu nämndens initiativ och kan bli en ansökan.",
            lead_board=board,
        )
        notify_after_commit(initiative, what=f"{board.display_name} har tagit ansvar för idén.")
    return initiative


def idea_area_assign(*, initiative: Initiative, user: User, board: Board) -> Initiative:
    """The fund's coordinator (or the registrar) sends an idea to an area's office and board."""
    from socialfund.cases.notifications import notify_after_commit
    from socialfund.cases.services import _locked, _move

    with transaction.atomic():
        initiative = _locked(initiative)
        if not any(user.has_role(role) for role in COORDINATORS):
            raise CasePermissionDenied(_("Bara fondens samordnare eller registrator väljer område för en idé."))
        _require_state(awaits_sponsor(initiative), _("Idén har redan en ansvarig nämnd."))
        check_area(initiative.fund, board)
        initiative = _move(
            initiative,
            user=user,
            action="idea_area_assign",
            message=f"Idén skickas till {area_label(board)}.",
            area_board=board,
        )
        notify_after_commit(initiative, what=f"En extern idé har kommit in inom {board.display_name}s område.")
    return initiative


def _require_state(condition: bool, message: str) -> None:
    if not condition:
        raise CaseStateError(message)
