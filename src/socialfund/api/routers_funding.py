"""API endpoints for the money and the follow-up: the fund's position, a board's obligations,
projects, their indicators, and recording a measurement (through the follow-up service)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from socialfund.api.auth import current_user
from socialfund.api.schemas import Problems
from socialfund.api.types import DecimalText, IsoDate
from socialfund.cases.models import Initiative
from socialfund.followup.models import Indicator, Project
from socialfund.followup.permissions import can_view_project, visible_projects
from socialfund.followup.services import measurement_record
from socialfund.funds.models import Fund
from socialfund.funds.selectors import funds_visible_to
from socialfund.ledger.duty import project_duty
from socialfund.ledger.errors import LedgerPermissionDenied
from socialfund.ledger.permissions import may_read_books
from socialfund.ledger.position import board_obligations, fund_position
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
BIGINT = 2**63 - 1
ORE = Decimal("0.01")


def kr(value: Decimal) -> Decimal:
    """Money in the API always has two decimals: '0.00', not '0'."""
    return value.quantize(ORE)


class OnDate(Schema):
    on: IsoDate | None = Field(None, description="Dagen ställningen gäller (ÅÅÅÅ-MM-DD); i dag om den utelämnas.")


class FundPositionOut(Schema):
    fund: str
    on: dt.date
    capital: Decimal
    committed: Decimal
    paid_out: Decimal
    available: Decimal
    receivable: Decimal
    overdue: Decimal
    repaid: Decimal
    frame_reduced: Decimal
    waived: Decimal


class DutyOut(Schema):
    initiative_id: int
    initiative: str
    year: int
    planned: Decimal
    settled: Decimal
    waived: Decimal
    remaining: Decimal
    overdue: bool


class BoardYearOut(Schema):
    year: int
    planned: Decimal
    settled: Decimal
    waived: Decimal
    remaining: Decimal
    overdue: Decimal


class ObligationsOut(Schema):
    fund: str
    board: str
    on: dt.date
    years: list[BoardYearOut]
    duties: list[DutyOut]


class ProjectDutyOut(Schema):
    fund: str
    initiative_id: int
    on: dt.date
    granted: Decimal
    paid: Decimal
    planned: Decimal
    settled: Decimal
    waived: Decimal
    moved: Decimal
    lapsed: Decimal
    remaining: Decimal
    overdue: Decimal
    state: str = Field(..., description="none, open, settled eller waived (efterskänkt eller upphörd).")
    exception: str | None = Field(
        None, description="Beviljad med undantag från återföringskravet: beslutet och gränserna, som sidorna visar."
    )


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    direction: str
    baseline_value: Decimal
    baseline_on: dt.date
    target_value: Decimal | None
    source: str
    kolada_kpi: str


class ProjectOut(Schema):
    id: int
    initiative_id: int
    title: str
    status: str
    started_on: dt.date
    ends_on: dt.date
    indicators: list[IndicatorOut]


class MeasurementIn(Schema):
    measured_on: IsoDate
    value: DecimalText = Field(..., max_digits=18, decimal_places=4, allow_inf_nan=False)
    source_note: str = Field("", max_length=300)
    note: str = Field("", max_length=2000)


class MeasurementOut(Schema):
    id: int
    indicator_id: int
    measured_on: dt.date
    value: Decimal
    source: str
    source_note: str


def _ledger_fund(request: HttpRequest, slug: str) -> Fund:
    user = current_user(request)
    if not may_read_books(user):
        raise LedgerPermissionDenied("Fondens bokföring visas för ekonomi, registrator, läsare och administratör.")
    fund = funds_visible_to(user=user).filter(slug=slug).first()
    if fund is None:
        raise Http404
    return fund


@router.get("/funds/{slug}/position", response={200: FundPositionOut, **ERRORS}, tags=["bokföring"])
def position(request: HttpRequest, slug: str = Path(..., max_length=60), q: Query[OnDate] = None) -> dict[str, Any]:  # type: ignore[type-arg,assignment]
    fund = _ledger_fund(request, slug)
    at = fund_position(fund, (q.on if q and q.on else None) or timezone.localdate())
    return {
        "fund": fund.slug,
        "on": at.on,
        "capital": kr(at.capital),
        "committed": kr(at.committed),
        "paid_out": kr(at.paid_out),
        "available": kr(at.available),
        "receivable": kr(at.receivable),
        "overdue": kr(at.overdue),
        "repaid": kr(at.repaid),
        "frame_reduced": kr(at.frame_reduced),
        "waived": kr(at.waived),
    }


@router.get("/funds/{slug}/projects/{initiative_id}/duty", response={200: ProjectDutyOut, **ERRORS}, tags=["bokföring"])
def project_duty_get(
    request: HttpRequest,
    slug: str = Path(..., max_length=60),  # type: ignore[type-arg]
    initiative_id: int = Path(..., ge=1, le=BIGINT),  # type: ignore[type-arg]
    q: Query[OnDate] = None,  # type: ignore[assignment]
) -> dict[str, Any]:
    """A project's repayment duty as every page shows it (the ledger's one computation)."""
    fund = _ledger_fund(request, slug)
    initiative = Initiative.objects.filter(fund=fund, pk=initiative_id).first()
    if initiative is None:
        raise Http404
    on = (q.on if q and q.on else None) or timezone.localdate()
    duty = project_duty(initiative, on)
    figures = ("granted", "paid", "planned", "settled", "waived", "moved", "lapsed", "remaining", "overdue")
    exception = duty.exception.note if duty.exception else None
    return {
        "fund": fund.slug,
        "initiative_id": initiative.pk,
        "on": on,
        "state": duty.state,
        "exception": exception,
    } | {name: kr(getattr(duty, name)) for name in figures}


@router.get("/funds/{slug}/boards/{code}/obligations", response={200: ObligationsOut, **ERRORS}, tags=["bokföring"])
def obligations(
    request: HttpRequest,
    slug: str = Path(..., max_length=60),  # type: ignore[type-arg]
    code: str = Path(..., max_length=20),  # type: ignore[type-arg]
    q: Query[OnDate] = None,  # type: ignore[assignment]
) -> dict[str, Any]:
    fund = _ledger_fund(request, slug)
    board = Board.objects.filter(organisation_id=fund.organisation_id, code=code).first()
    if board is None:
        raise Http404
    on = (q.on if q and q.on else None) or timezone.localdate()
    duties, years = board_obligations(fund, board, on)
    return {
        "fund": fund.slug,
        "board": board.code,
        "on": on,
        "years": [
            {"year": y.year} | {k: kr(getattr(y, k)) for k in ("planned", "settled", "waived", "remaining", "overdue")}
            for y in years
        ],
        "duties": [
            {
                "initiative_id": d.initiative_id,
                "initiative": d.initiative,
                "year": d.year,
                "planned": kr(d.planned),
                "settled": kr(d.settled),
                "waived": kr(d.waived),
                "remaining": kr(d.remaining),
                "overdue": d.overdue,
            }
            for d in duties
        ],
    }


def _project_out(project: Project) -> dict[str, Any]:
    return {
        "id": project.pk,
        "initiative_id": project.initiative_id,
        "title": project.initiative.title,
        "status": project.status,
        "started_on": project.started_on,
        "ends_on": project.ends_on,
        "indicators": [
            {
                "id": i.pk,
                "name": i.name,
                "unit": i.unit,
                "direction": i.direction,
                "baseline_value": i.baseline_value,
                "baseline_on": i.baseline_on,
                "target_value": i.target_value,
                "source": i.source,
                "kolada_kpi": i.kolada_kpi,
            }
            for i in project.indicators.all()
        ],
    }


@router.get("/projects", response={200: list[ProjectOut], **ERRORS}, tags=["uppföljning"])
def projects(request: HttpRequest) -> list[dict[str, Any]]:
    rows = visible_projects(current_user(request)).select_related("initiative").prefetch_related("indicators")
    return [_project_out(p) for p in rows.order_by("pk")]


@router.get("/projects/{pk}", response={200: ProjectOut, **ERRORS}, tags=["uppföljning"])
def project(request: HttpRequest, pk: int = Path(..., ge=1, le=BIGINT)) -> dict[str, Any]:  # type: ignore[type-arg]
    found = Project.objects.select_related("initiative").filter(pk=pk).first()
    if found is None or not can_view_project(current_user(request), found):
        raise Http404
    return _project_out(found)


@router.post("/indicators/{pk}/measurements", response={201: MeasurementOut, **ERRORS}, tags=["uppföljning"])
def measurement_create(
    request: HttpRequest,
    payload: MeasurementIn,
    pk: int = Path(..., ge=1, le=BIGINT),  # type: ignore[type-arg]
) -> Status[dict[str, Any]]:
    indicator = Indicator.objects.select_related("project__initiative").filter(pk=pk).first()
    if indicator is None or not can_view_project(current_user(request), indicator.project):
        raise Http404
    created = measurement_record(
        indicator=indicator,
        user=current_user(request),
        measured_on=payload.measured_on,
        value=payload.value,
        source_note=payload.source_note,
        note=payload.note,
    )
    return Status(
        201,
        {
            "id": created.pk,
            "indicator_id": indicator.pk,
            "measured_on": created.measured_on,
            "value": created.value,
            "source": created.source,
            "source_note": created.source_note,
        },
    )
