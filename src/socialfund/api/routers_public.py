"""The public feed of a fund's calls and rules in the REST API (no token: it is open data)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema

from socialfund.actors.public_face import calls_feed, published_pages
from socialfund.api.schemas import Problems

router = Router()
# The answers besides success that an open, read-only endpoint can give (the same error body as the rest).
ERRORS: dict[int, type[Schema]] = {400: Problems, 404: Problems, 422: Problems}


class FeedFundOut(Schema):
    name: str
    slug: str
    organisation: str
    capital: Decimal
    currency: str
    public_page: str
    idea_form: str


class FeedGuidelinesOut(Schema):
    id: str
    adopted_on: dt.date | None
    adopted_by: str


class CallsOut(Schema):
    mode: str
    mode_sv: str
    open: bool
    opens: dt.date | None
    closes: dt.date | None
    next_deadline: dt.date | None
    deadlines: list[dt.date]
    yearly_deadline: str | None
    monthly_cutoff_day: int | None
    closed_months: list[int]
    decision_time: str | None
    note: str | None


class TrackOut(Schema):
    code: str
    name_sv: str
    calls: CallsOut | None


class StageOut(Schema):
    code: str
    name_sv: str
    name_en: str


class RuleOut(Schema):
    id: str
    title: str
    clause: str
    explanation: str
    severity: str
    check: str
    stages: list[str]


class CallsFeedOut(Schema):
    fund: FeedFundOut
    guidelines: FeedGuidelinesOut
    as_of: dt.date
    calls: CallsOut | None
    calls_unset_reason: str
    tracks: list[TrackOut]
    stages: list[StageOut]
    rules: list[RuleOut]


@router.get(
    "/public/funds",
    response={200: list[CallsFeedOut], **ERRORS},
    auth=None,
    tags=["öppna data"],
    summary="Fondernas aktuella utlysningar och regler",
    description="Öppet, utan nyckel: varje fond med publicerad offentlig sida, med hur och när man söker "
    "(utlysning, nästa sista ansökningsdag), vägen genom fondens steg och reglerna i de riktlinjer som "
    "gäller i dag. Externa aktörer lämnar idéer via `fund.idea_form`.",
)
def public_calls(request: HttpRequest) -> list[dict[str, object]]:
    today = timezone.localdate()
    return [_feed(request, page.fund, today) for page in published_pages()]


@router.get(
    "/public/funds/{slug}",
    response={200: CallsFeedOut, **ERRORS},
    auth=None,
    tags=["öppna data"],
    summary="En fonds aktuella utlysningar och regler",
)
def public_calls_of_fund(request: HttpRequest, slug: str) -> dict[str, object]:
    page = published_pages().filter(fund__slug=slug).first()
    if page is None:
        raise Http404
    return _feed(request, page.fund, timezone.localdate())


def _feed(request: HttpRequest, fund, today: dt.date) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return calls_feed(
        fund,
        on=today,
        public_page_url=request.build_absolute_uri(reverse("reports:public", args=[fund.slug])),
        idea_form_url=request.build_absolute_uri(reverse("actors:idea")),
    )
