"""The data of the tenancy benchmark: many organisations of 50 cases each, or one organisation of the same
total size. Each organisation has its own fund (booked capital), boards and decision bodies; some of its cases
are granted projects, decided, booked, paid, with an adopted repayment plan and follow-up started, through
the ledger's and follow-up's own services (benchmarks/report_fixture.py's chain); the rest are bulk-made
cases at every stage. The first organisation is the Södertälje demo, whose users are the ones measured."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import Group
from django.db import connection
from django.forms.models import model_to_dict

from benchmarks.report_fixture import granted_projects
from socialfund.accounts.models import User
from socialfund.cases.models import Initiative
from socialfund.demo.loader import demo_load
from socialfund.funds.models import Fund, PolicyVersion
from socialfund.organisation.models import Board, DecisionBody, Organisation

STAGES = ["interest", "idea", "application", "preparation", "opinions", "decision"]
STATUSES = ["active"] * 6 + ["withdrawn", "refused", "granted", "advised_against"]


def populate(*, tenants: int, cases_per_tenant: int, projects_per_tenant: int) -> Fund:
    """`tenants` organisations of `cases_per_tenant` cases, or (tenants=1) one of the whole size."""
    summary = demo_load()
    demo_fund = summary.fund
    if tenants == 1:
        total = cases_per_tenant
        _fill(demo_fund, total - Initiative.objects.filter(fund=demo_fund).count(), projects_per_tenant)
    else:
        _fill(demo_fund, cases_per_tenant - Initiative.objects.filter(fund=demo_fund).count(), projects_per_tenant)
        for n in range(1, tenants):
            fund = _tenant(n, demo_fund)
            _fill(fund, cases_per_tenant, projects_per_tenant)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return demo_fund


def _tenant(n: int, template: Fund) -> Fund:
    """Organisation n (code 9001, 9002 …) with the demo's bodies, four boards, a fund like the demo's with
    its policy versions and its capital booked, and two staff: finance and registrar."""
    organisation = Organisation.objects.create(name=f"Kommun {n}", code=f"{9000 + n:04d}")
    bodies = {
        body.code: DecisionBody.objects.create(
            organisation=organisation, code=body.code, name=body.name, kind=body.kind
        )
        for body in DecisionBody.objects.filter(organisation=template.organisation, parent__isnull=True)
    }
    for code in ("UN", "SN", "OMS", "KFN"):
        Board.objects.create(organisation=organisation, code=code, name=f"Nämnd {code} {n}")
    fields = model_to_dict(template, exclude=["id", "organisation", "decided_by", "slug", "name"])
    fund = Fund.objects.create(
        organisation=organisation,
        decided_by=bodies[template.decided_by.code],
        slug=f"fond-{n}",
        name=f"Sociala investeringsfonden {n}",
        **fields,
    )
    for version in PolicyVersion.objects.filter(fund=template):
        copy = model_to_dict(version, exclude=["id", "fund", "decided_by"])
        PolicyVersion.objects.create(fund=fund, decided_by=bodies.get(getattr(version.decided_by, "code", "")), **copy)
    for username, role in ((f"ekonomi-{n}", "finance"), (f"registrator-{n}", "registrar")):
        user = User.objects.create_user(username, organisation=organisation)
        user.groups.set([Group.objects.get(name=role)])
    from socialfund.ledger.services import capital_decide

    capital_decide(
        fund=fund,
        user=User.objects.get(username=f"registrator-{n}"),
        body=fund.decided_by,
        decided_on=fund.decided_on,
        paragraph="§ 7",
        amount=fund.capital,
        text="Kommunfullmäktige avsätter medel till en social investeringsfond.",
    )
    return fund


def _fill(fund: Fund, cases: int, projects: int) -> None:
    boards = list(Board.objects.filter(organisation=fund.organisation, code__in=["SN", "UN", "OMS", "KFN"]))
    bulk_cases(fund, range(max(cases - projects, 0)), boards, title=f"Initiativ {fund.pk}-{{n}}")
    granted_projects(fund, range(projects), title=f"Projekt {fund.pk}-{{n:03d}}")


def bulk_cases(
    fund: Fund,
    numbers: range,
    boards: list[Board],
    *,
    title: str = "Initiativ {n}",
    initiator: Callable[[int], str] | None = None,
) -> None:
    """Cases numbered `numbers` in `fund`, inserted in bulk (no services, no history): every stage and
    status in turn, the lead boards in turn, filed over eight years. `initiator(n)` names the initiator
    (default: the lead board)."""
    start = dt.date(2014, 1, 1)
    Initiative.objects.bulk_create(
        [
            Initiative(
                fund=fund,
                title=title.format(n=n),
                summary="Förebyggande insats för barn och unga.",
                initiator_name=initiator(n) if initiator else boards[n % len(boards)].display_name,
                initiator_type="board",
                lead_board=boards[n % len(boards)],
                stage=STAGES[n % len(STAGES)],
                status=STATUSES[n % len(STATUSES)],
                filed_on=start + dt.timedelta(days=n % 3000),
                policy_id="sodertalje-2013",
            )
            for n in numbers
        ],
        batch_size=1000,
    )
