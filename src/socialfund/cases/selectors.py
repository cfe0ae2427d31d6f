"""Reads of initiatives for lists and dashboards. A fixed number of queries, whatever the rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Count, F, Q, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.utils.translation import gettext

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.cases.codes import Status
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund


@dataclass(frozen=True)
class StageCount:
    code: str
    name: str
    count: int


@dataclass(frozen=True)
class StatusCount:
    code: str
    name: str
    count: int


def initiative_stage_counts(*, fund: Fund) -> list[StageCount]:
    """Active initiatives per stage, in process order (one query)."""
    rows = Initiative.objects.filter(fund=fund, status=Status.ACTIVE).values("stage").annotate(n=Count("id")).order_by()
    counts = {row["stage"]: row["n"] for row in rows}
    from socialfund.cases.workflow import fund_policy_if_any, stage_name

    policy = fund_policy_if_any(fund)
    order = {code: i for i, code in enumerate(policy.stage_codes if policy else ())}
    return [
        StageCount(code=code, name=stage_name(code, policy), count=counts[code])
        for code in sorted(counts, key=lambda c: (order.get(c, len(order)), c))
    ]


def initiative_status_counts(*, fund: Fund) -> list[StatusCount]:
    """Initiatives per status (pågående, beviljad, återkallad, avvisad…), one query."""
    rows = Initiative.objects.filter(fund=fund).values("status").annotate(n=Count("id")).order_by()
    counts = {row["status"]: row["n"] for row in rows}
    return [
        StatusCount(code=status.value, name=str(status.label), count=counts[status.value])
        for status in Status
        if status.value in counts
    ]


def initiatives_for_fund(*, fund: Fund) -> QuerySet[Initiative]:
    return Initiative.objects.filter(fund=fund).select_related("lead_board").order_by("-filed_on", "title")


# -- lists, pipeline, search, to-do -------------------------------------------------------------------

PIPELINE_CARDS_PER_STAGE = 25


@dataclass(frozen=True)
class InitiativeFilter:
    fund_id: int | None = None
    stage: str = ""
    status: str = ""
    board_id: int | None = None
    year: int | None = None
    query: str = ""


def initiative_list(*, user: User, filters: InitiativeFilter) -> QuerySet[Initiative]:
    """The cases the user may see, filtered and searched. A bounded number of queries per page."""
    from socialfund.cases.permissions import visible_initiatives

    cases = visible_initiatives(user).select_related("fund", "lead_board").prefetch_related("fund__policy_versions")
    if filters.fund_id:
        cases = cases.filter(fund_id=filters.fund_id)
    if filters.stage:
        cases = cases.filter(stage=filters.stage)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.board_id:
        cases = cases.filter(Q(lead_board_id=filters.board_id) | Q(partner_boards__id=filters.board_id)).distinct()
    if filters.year:
        cases = cases.filter(filed_on__year=filters.year)
    if filters.query.strip():
        cases = _search(cases, filters.query.strip())
    return cases.order_by("-filed_on", "title", "pk")


def _search(cases: QuerySet[Initiative], query: str) -> QuerySet[Initiative]:
    """Full-text search on PostgreSQL (Swedish stemming, GIN index); a plain substring match elsewhere.

    On PostgreSQL the stored column `search_vector` (migration 0003) is queried with
    websearch syntax: words, "a phrase", -excluded.
    """
    if connection.vendor == "postgresql":
        matches = RawSQL("search_vector @@ websearch_to_tsquery('swedish', %s)", [query], output_field=BooleanField())
        return cases.annotate(search_match=matches).filter(search_match=True)
    for word in query.split():
        cases = cases.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(initiator_name__icontains=word)
            | Q(outcome_note__icontains=word)
        )
    return cases


COUNT_CAP = 1000
"""Lists and pipeline columns count their cases up to this and say "more than" beyond: counting every one of
100 000 cases is a scan of them all on every page view, however the rows are indexed (issue 22)."""


PIPELINE_COUNT_CAP = 200
"""A pipeline column counts up to this ("fler än 200"): six columns of a thousand would cost more than the rest
of the page, and a column past 200 active cases says what it needs to."""


@dataclass(frozen=True)
class CappedCount:
    """A count that stops at COUNT_CAP + 1: `more` says the true number is higher than `value`."""

    value: int
    more: bool

    @classmethod
    def of(cls, counted: int, cap: int) -> CappedCount:
        return cls(min(counted, cap), counted > cap)


def capped_count(cases: QuerySet[Initiative]) -> CappedCount:
    """COUNT(*) over at most COUNT_CAP + 1 rows: a sliced subquery, so the database stops early."""
    return CappedCount.of(cases.order_by()[: COUNT_CAP + 1].count(), COUNT_CAP)


@dataclass(frozen=True)
class PipelineColumn:
    code: str
    name: str
    count: CappedCount
    cards: list[Initiative]


def initiative_pipeline(*, user: User, fund: Fund, stage_order: list[str]) -> list[PipelineColumn]:
    """Active cases in columns by stage: the count of each (capped) and the most recent cards.

    The columns are the guidelines' stages, then any other known stage that has active cases. Three queries
    whatever the cases, each read from the index on (fund, status, stage, filed_on, id) and stopping early:
    the stages present (a skip over the index), the capped counts, and each stage's newest cards (a top-N
    per stage) -- never a scan, a sort or a window over every active case (issue 22).
    """
    from socialfund.cases.permissions import visible_initiatives

    active = visible_initiatives(user).filter(fund=fund, status=Status.ACTIVE)
    # The guidelines' stages, then any other stage that active cases stand at (a case filed under an
    # earlier version of the guidelines): the fund's policy, not a list in the code, names the stages.
    present_elsewhere = set(_stages_present(fund)) - set(stage_order)
    codes = list(stage_order) + sorted(present_elsewhere)
    # The counts are the user's own (visible cases only): a stage found above that the user sees no case at
    # is not shown.
    counts = _capped_counts_by_stage(active, codes)
    shown = [code for code in codes if code in stage_order or counts[code].value]
    present = [code for code in shown if counts[code].value]
    cards: dict[str, list[Initiative]] = {}
    for initiative in _newest_by_stage(active, present):
        cards.setdefault(initiative.stage, []).append(initiative)
    for column in cards.values():  # the parts promise no order: newest first, as each part read them
        column.sort(key=lambda case: (case.filed_on or dt.date.min, case.pk), reverse=True)
    from socialfund.cases.workflow import fund_policy_if_any, stage_name

    policy = fund_policy_if_any(fund)
    return [
        PipelineColumn(code=code, name=stage_name(code, policy), count=counts[code], cards=cards.get(code, []))
        for code in shown
    ]


def _stages_present(fund: Fund) -> list[str]:
    """The stages at which the fund has active cases: a loose index scan (each step the next stage after
    the last, one index probe), where SELECT DISTINCT would read every active case (170 ms at 100 000)."""
    table = Initiative._meta.db_table
    step = f"SELECT MIN(stage) FROM {table} WHERE fund_id = %s AND status = %s"  # noqa: S608 - our table name
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE present(code) AS ({step} UNION ALL "  # noqa: S608 - our table name, parameters apart
            f"SELECT ({step} AND stage > present.code) FROM present WHERE present.code IS NOT NULL) "
            "SELECT code FROM present WHERE code IS NOT NULL",
            [fund.pk, Status.ACTIVE, fund.pk, Status.ACTIVE],
        )
        return [code for (code,) in cursor.fetchall()]


STAGE_CODES = "stage_codes"
"""The name of the list of stage codes the per-stage queries below join to (a VALUES list)."""


def _per_stage(cases: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """`cases` at the stage of the surrounding query's current stage code: compiled once, run per stage."""
    return cases.filter(stage=RawSQL(f"{STAGE_CODES}.code", []))  # noqa: S611 - a constant column name


def _stage_values(codes: list[str]) -> str:
    """WITH stage_codes(code) AS (VALUES (%s), …): SQLite names a VALUES list's columns only this way."""
    return f"WITH {STAGE_CODES}(code) AS (VALUES {', '.join(['(%s)'] * len(codes))}) "


def _capped_counts_by_stage(active: QuerySet[Initiative], codes: list[str]) -> dict[str, CappedCount]:
    """Every stage's capped count in one query: for each code, COUNT(*) over at most cap + 1 of its cases
    (the visible-cases query compiled once, run for each code of a VALUES list)."""
    # Ordered as the index is, so that the database reads the stage's entries from the index and stops at
    # the cap; unordered, it scans the table until it has the cap, which for a rare stage is all of it.
    part = _per_stage(active).order_by("-filed_on", "-pk").values("pk")[: PIPELINE_COUNT_CAP + 1]
    sql, params = part.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"{_stage_values(codes)}SELECT {STAGE_CODES}.code, "  # noqa: S608 - Django's SQL, parameters apart
            f"(SELECT COUNT(*) FROM ({sql}) AS capped) FROM {STAGE_CODES}",
            [*codes, *params],
        )
        counted = dict(cursor.fetchall())
    return {code: CappedCount.of(int(counted.get(code, 0)), PIPELINE_COUNT_CAP) for code in codes}


def _newest_by_stage(active: QuerySet[Initiative], codes: list[str]) -> list[Initiative]:
    """The newest cards of each stage, with their lead boards. PostgreSQL: a top-N per stage (LATERAL),
    each read from the index in order. SQLite has no LATERAL: there, one window over the active cases (a
    small database's way; one query either way, whatever the stages and cases)."""
    if not codes:
        return []
    if connection.vendor == "postgresql":
        newest = _per_stage(active).order_by("-filed_on", "-pk").values("pk")[:PIPELINE_CARDS_PER_STAGE]
        sql, params = newest.query.sql_with_params()
        ids = RawSQL(  # noqa: S611 - Django's compiled SQL and placeholders; the values are parameters
            f"{_stage_values(codes)}SELECT newest.* FROM {STAGE_CODES} CROSS JOIN LATERAL ({sql}) AS newest",  # noqa: S608
            [*codes, *params],
        )
        return list(Initiative.objects.filter(pk__in=ids).select_related("lead_board").order_by())
    ranked = (
        active.filter(stage__in=codes)
        .select_related("lead_board")
        .annotate(
            rank=Window(
                expression=RowNumber(), partition_by=[F("stage")], order_by=[F("filed_on").desc(), F("pk").desc()]
            )
        )
    )
    return list(ranked.filter(rank__lte=PIPELINE_CARDS_PER_STAGE).order_by("stage", "rank"))


def initiative_detail(*, initiative_id: int) -> Initiative:
    return (
        Initiative.objects.select_related("fund", "fund__organisation", "lead_board", "created_by")
        .prefetch_related(
            "partner_boards",
            "signoffs__recorded_by",
            "assessments__assessed_by",
            "opinions__body",
            "opinions__board",
            "attachments",
            "comments__author",
        )
        .get(pk=initiative_id)
    )


def initiative_activity(*, initiative: Initiative) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(initiative=initiative).select_related("actor").order_by("occurred_at", "pk")


# Roles with a desk of cases (the applicant's own steps and the office head's anchoring are listed apart).
DESK_ROLES = ("preparation_group", "city_director", "opinion_giver", "registrar")


@dataclass(frozen=True)
class TodoItem:
    initiative: Initiative
    what: str


def todo_for(*, user: User) -> list[TodoItem]:
    """What waits for this user, derived from the cases' state (nothing is stored)."""
    from socialfund.cases.machine import desk_holds, waits_for
    from socialfund.cases.permissions import visible_initiatives
    from socialfund.cases.workflow import current_stage, policy_for, stage_name

    items: list[TodoItem] = []
    cases = (
        visible_initiatives(user)
        .filter(status__in=[Status.ACTIVE, Status.DRAFT])
        .select_related("fund", "lead_board")
        .prefetch_related("signoffs")
        .order_by("filed_on", "pk")[:500]
    )
    headed_boards = (
        set(user.offices_headed.values_list("boards__id", flat=True)) if user.has_role("office_head") else set()
    )
    desk_roles = [role for role in DESK_ROLES if user.has_role(role)]
    for initiative in cases:
        if initiative.status == Status.DRAFT:
            if initiative.created_by_id == user.pk or initiative.lead_board_id == user.board_id:
                items.append(TodoItem(initiative, gettext("Utkast som inte är inlämnat")))
            continue
        policy = policy_for(initiative)
        if current_stage(initiative, policy) is None:
            continue
        stage = stage_name(initiative.stage, policy)
        waiting_for = waits_for(initiative, policy)
        if waiting_for == "applicant" and initiative.lead_board_id is not None:
            if user.has_role("applicant") and initiative.lead_board_id == user.board_id:
                items.append(TodoItem(initiative, gettext("%(stage)s: ditt steg") % {"stage": stage}))
        for role in desk_roles:
            if desk_holds(initiative, role, policy):
                what = (
                    gettext("%(stage)s: ditt steg")
                    if waiting_for == role
                    else gettext("%(stage)s: följ idén och ge råd")
                )
                items.append(TodoItem(initiative, what % {"stage": stage}))
                break
        if initiative.lead_board_id in headed_boards and not any(
            s.kind == "office_head" for s in initiative.signoffs.all()
        ):
            items.append(TodoItem(initiative, gettext("Väntar på din förankring som kontorschef")))
        if initiative.lead_board_id is None:
            items += _outside_idea_todo(user, initiative)
    return items


def _outside_idea_todo(user: User, initiative: Initiative) -> list[TodoItem]:
    """An outside idea waits for its area's board (official or office head), or for the coordinator's area."""
    from socialfund.cases.outside_ideas import may_assign_area, may_sponsor

    if may_sponsor(user, initiative):
        return [TodoItem(initiative, gettext("Extern idé inom ert område: ska nämnden ta ansvar för den?"))]
    if initiative.area_board_id is None and may_assign_area(user, initiative):
        return [TodoItem(initiative, gettext("Extern idé utan område: välj vilket kontor och vilken nämnd den gäller"))]
    return []
