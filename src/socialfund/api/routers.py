"""The API's endpoints. Each write calls the same service as the web app; reads use the same selectors."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Body, Field, Path, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from socialfund.api.auth import current_user
from socialfund.api.errors import problem_error, problem_response
from socialfund.api.schemas import (
    BoardOut,
    FundOut,
    InitiativeIn,
    InitiativeListOut,
    InitiativeOut,
    PolicySummaryOut,
    Problems,
    ScreeningOut,
    WithdrawIn,
)
from socialfund.cases import services
from socialfund.cases.content import application_of
from socialfund.cases.errors import CaseValidationError
from socialfund.cases.models import Initiative
from socialfund.cases.permissions import can_view
from socialfund.cases.screening import screening_for
from socialfund.cases.selectors import InitiativeFilter, initiative_detail, initiative_list
from socialfund.cases.workflow import entry_stages, policy_for_fund
from socialfund.core.application import application_content
from socialfund.core.calc import CalculationInputError, evaluate, parse_calculation, result_to_dict
from socialfund.core.policy import PolicyError, list_policies, load_policy
from socialfund.core.screening import ScreeningInputError, parse_initiative
from socialfund.funds.models import Fund
from socialfund.funds.selectors import funds_visible_to
from socialfund.organisation.models import Board

router = Router()
ERRORS: dict[int, type[Schema]] = {
    400: Problems,
    401: Problems,
    403: Problems,
    404: Problems,
    409: Problems,
    422: Problems,
}


def _fund_out(fund: Fund) -> dict[str, Any]:
    return {
        "id": fund.pk,
        "slug": fund.slug,
        "name": fund.name,
        "organisation": fund.organisation.name,
        "organisation_code": fund.organisation.code,
        "capital": fund.capital,
        "currency": fund.currency,
        "decision": fund.decision_reference,
        "policy_versions": [{"policy_id": v.policy_id, "adopted_on": v.adopted_on} for v in fund.policy_versions.all()],
    }


@router.get("/funds", response={200: list[FundOut], **ERRORS}, tags=["fonder"], summary="Fonder")
def funds(request: HttpRequest) -> list[dict[str, Any]]:
    return [_fund_out(f) for f in funds_visible_to(user=current_user(request)).prefetch_related("policy_versions")]


@router.get("/boards", response={200: list[BoardOut], **ERRORS}, tags=["organisation"], summary="Nämnder")
def boards(request: HttpRequest) -> list[Board]:
    user = current_user(request)
    rows = Board.objects.order_by("code")
    return list(rows.filter(organisation_id=user.organisation_id) if user.organisation_id else rows.none())


@router.get("/policies", response={200: list[PolicySummaryOut], **ERRORS}, tags=["riktlinjer"], summary="Riktlinjer")
def policies(request: HttpRequest) -> list[dict[str, Any]]:
    return [{"id": p.id, "title": p.title, "status": p.adopted.status} for p in list_policies()]


@router.get("/policies/{policy_id}", response={200: dict[str, Any], **ERRORS}, tags=["riktlinjer"])
def policy(request: HttpRequest, policy_id: str = Path(..., max_length=100)) -> dict[str, Any]:  # type: ignore[type-arg]
    if not policy_id.replace("-", "").isalnum():
        raise Http404
    try:
        return load_policy(policy_id).model_dump(mode="json")
    except PolicyError as exc:
        raise Http404 from exc


BIGINT = 2**63 - 1  # the largest key a database row can have


class BoundedPagination(LimitOffsetPagination):
    """Pages of at most 100 rows; offsets a database can take (a huge one would overflow SQLite)."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=100)
        offset: int = Field(0, ge=0, le=BIGINT)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=100, **kwargs)


class InitiativeQuery(Schema):
    fund: int | None = Field(None, ge=1, le=BIGINT)
    stage: str = Field("", max_length=40)
    status: str = Field("", max_length=20)
    board: int | None = Field(None, ge=1, le=BIGINT)
    year: int | None = Field(None, ge=1900, le=2200)
    q: str = Field("", max_length=200)


@router.get("/initiatives", response={200: list[InitiativeListOut], **ERRORS}, tags=["ärenden"], summary="Ärenden")
@paginate(BoundedPagination)
def initiatives(request: HttpRequest, filters: Query[InitiativeQuery]) -> list[dict[str, Any]]:
    rows = initiative_list(
        user=current_user(request),
        filters=InitiativeFilter(
            fund_id=filters.fund,
            stage=filters.stage[:40],
            status=filters.status[:20],
            board_id=filters.board,
            year=filters.year if filters.year and 1900 < filters.year < 2200 else None,
            query=filters.q[:200],
        ),
    )
    return rows  # type: ignore[return-value]  # paginate slices the queryset and serialises each row


def _visible(request: HttpRequest, pk: int) -> Initiative:
    try:
        initiative = initiative_detail(initiative_id=pk)
    except Initiative.DoesNotExist as exc:
        raise Http404 from exc
    if not can_view(current_user(request), initiative):
        raise Http404
    return initiative


def _initiative_out(initiative: Initiative) -> dict[str, Any]:
    decision = getattr(initiative, "decision", None) if hasattr(initiative, "decision") else None
    return {
        "id": initiative.pk,
        "fund": initiative.fund.slug,
        "title": initiative.title,
        "summary": initiative.summary,
        "initiator_name": initiative.initiator_name,
        "initiator_type": initiative.initiator_type,
        "lead_board": initiative.lead_board.code if initiative.lead_board else None,
        "partner_boards": [b.code for b in initiative.partner_boards.all()],
        "stage": initiative.stage,
        "status": initiative.status,
        "policy_id": initiative.policy_id,
        "filed_on": initiative.filed_on,
        "registry_number": initiative.registry_number,
        "withdrawal_reason": initiative.withdrawal_reason,
        "failed_rules": list(initiative.failed_rules or []),
        "outcome_note": initiative.outcome_note,
        "version": initiative.version,
        "content": application_content(application_of(initiative).application),
        "signoffs": [
            {"kind": s.kind, "signed_on": s.signed_on, "reference": s.reference} for s in initiative.signoffs.all()
        ],
        "decision": None
        if decision is None
        else {
            "body": decision.body.code,
            "decided_on": decision.decided_on,
            "paragraph": decision.paragraph,
            "outcome": decision.outcome,
            "text": decision.text,
            "conditions": decision.conditions,
            "amounts": [{"year": a.year, "amount": a.amount} for a in decision.amounts.all()],
        },
    }


@router.get("/initiatives/{pk}", response={200: InitiativeOut, **ERRORS}, tags=["ärenden"])
def initiative(request: HttpRequest, pk: int = Path(..., ge=1, le=BIGINT)) -> dict[str, Any]:  # type: ignore[type-arg]
    return _initiative_out(_visible(request, pk))


@router.post("/initiatives", response={201: InitiativeOut, **ERRORS}, tags=["ärenden"], summary="Skapa utkast")
def initiative_create(request: HttpRequest, payload: InitiativeIn) -> Status[dict[str, Any]]:
    user = current_user(request)
    fund = funds_visible_to(user=user).filter(slug=payload.fund).first()
    if fund is None:
        raise CaseValidationError(f"Okänd fond: {payload.fund}.", field="fund")
    if not payload.stage:
        payload.stage = entry_stages(policy_for_fund(fund))[0]
    _validate_content(payload)
    created = services.initiative_create(
        fund=fund,
        user=user,
        title=payload.title,
        summary=payload.summary,
        stage=payload.stage,
        initiator_type=payload.initiator_type,
        partner_boards=_partner_boards(fund, payload.partner_boards),
        content=payload.content,
    )
    return Status(201, _initiative_out(initiative_detail(initiative_id=created.pk)))


def _partner_boards(fund: Fund, codes: list[str]) -> list[Board]:
    boards = list(Board.objects.filter(organisation_id=fund.organisation_id, code__in=codes))
    unknown = sorted(set(codes) - {board.code for board in boards})
    if unknown:
        raise CaseValidationError(f"Okända nämnder: {', '.join(unknown)}.", field="partner_boards")
    return boards


def _validate_content(payload: InitiativeIn) -> None:
    """The content must be a valid initiative file (the same check as `socialfund screen`)."""
    system = {"title", "stage", "submitted", "applicant", "initiator", "lead_board", "anchoring", "assessments"}
    sent = set(payload.content) & system
    if sent:
        raise CaseValidationError(
            f"Fälten {', '.join(sorted(sent))} sätts av systemet, inte i content.", field="content"
        )
    document = {"title": payload.title, "stage": payload.stage, **payload.content}
    try:
        parse_initiative(document)
    except ScreeningInputError as exc:
        path, message = exc.errors[0] if exc.errors else ("content", str(exc))
        raise CaseValidationError(message, field=f"content.{path}") from exc


@router.post("/initiatives/{pk}/submit", response={200: InitiativeOut, **ERRORS}, tags=["ärenden"])
def initiative_submit(request: HttpRequest, pk: int = Path(..., ge=1, le=BIGINT)) -> dict[str, Any]:  # type: ignore[type-arg]
    services.initiative_submit(initiative=_visible(request, pk), user=current_user(request))
    return _initiative_out(initiative_detail(initiative_id=pk))


@router.post("/initiatives/{pk}/withdraw", response={200: InitiativeOut, **ERRORS}, tags=["ärenden"])
def initiative_withdraw(
    request: HttpRequest,
    payload: WithdrawIn,
    pk: int = Path(..., ge=1, le=BIGINT),  # type: ignore[type-arg]
) -> dict[str, Any]:
    services.initiative_withdraw(
        initiative=_visible(request, pk), user=current_user(request), reason=payload.reason, note=payload.note
    )
    return _initiative_out(initiative_detail(initiative_id=pk))


@router.get("/initiatives/{pk}/screening", response={200: ScreeningOut, **ERRORS}, tags=["ärenden"])
def initiative_screening(request: HttpRequest, pk: int = Path(..., ge=1, le=BIGINT)) -> dict[str, Any]:  # type: ignore[type-arg]
    result = screening_for(_visible(request, pk))
    return {
        "verdict": result.verdict,
        "findings": [
            {"rule": f.rule, "status": f.status, "message": f.message, "clause": f.clause} for f in result.findings
        ],
    }


@router.post(
    "/calculations/evaluate",
    response={200: dict[str, Any], **ERRORS},
    tags=["kalkyl"],
    summary="Räkna en socioekonomisk kalkyl (samma svar som socialfund calc --json)",
)
def calculation_evaluate(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    try:
        calculation = parse_calculation(payload)
    except CalculationInputError as exc:
        return problem_response(400, [problem_error(path, message) for path, message in exc.errors])
    return result_to_dict(evaluate(calculation))
