"""The lists people export: initiatives, projects, the ledger, indicators. Each is a `Table` of what the
user may see on the corresponding page, nothing more; the spreadsheet writer neutralises formulas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from socialfund.accounts.models import User
from socialfund.cases.codes import Status, WithdrawalReason
from socialfund.cases.models import Decision, DecisionAmount, Initiative
from socialfund.cases.permissions import visible_initiatives
from socialfund.documents.model import Cell, Column, Table
from socialfund.funds.models import Fund
from socialfund.reports import ledger_and_followup

ZERO = Decimal(0)


@dataclass(frozen=True)
class ExportList:
    slug: str
    title: str
    allowed: Callable[[User], bool]
    build: Callable[[User, Fund], Table]


def initiatives_table(user: User, fund: Fund) -> Table:
    cases = visible_initiatives(user).filter(fund=fund).select_related("lead_board").order_by("filed_on", "pk")
    return cases_table(cases, caption=f"Initiativ, {fund.name}")


def cases_table(cases: Iterable[Initiative], *, caption: str, with_fund: bool = False) -> Table:
    """The cases as rows, in the order given; `with_fund` adds the fund (a selection may span funds)."""
    rows = tuple(
        (
            *((case.fund.name,) if with_fund else ()),
            case.title,
            case.initiator_name,
            case.lead_board.code if case.lead_board else "",
            case.stage_name,
            str(Status(case.status).label),
            case.filed_on,
            case.registry_number,
            str(WithdrawalReason(case.withdrawal_reason).label) if case.withdrawal_reason else "",
        )
        for case in cases
    )
    columns = (
        *((Column("Fond"),) if with_fund else ()),
        Column("Titel"),
        Column("Initiativtagare"),
        Column("Nämnd"),
        Column("Steg"),
        Column("Status"),
        Column("Inkom", "date"),
        Column("Dnr"),
        Column("Skäl till återkallelse"),
    )
    return Table(columns=columns, rows=rows, caption=caption, sheet="Initiativ")


def projects_table(user: User, fund: Fund) -> Table:
    """Granted projects the user can see, with the books' figures when the user may read the books."""
    visible = visible_initiatives(user).filter(fund=fund)
    decisions = (
        Decision.objects.filter(initiative__in=visible, outcome="granted")
        .select_related("initiative__lead_board", "body")
        .prefetch_related(Prefetch("amounts", queryset=DecisionAmount.objects.order_by("year")))
        .order_by("decided_on", "initiative__title")
    )
    money = ledger_and_followup.project_money(fund, dt.date.max) if ledger_and_followup.may_see_ledger(user) else None
    followup = ledger_and_followup.followup_by_initiative(fund) or {}
    rows: list[tuple[Cell, ...]] = []
    total_decided = total_paid = total_remaining = ZERO
    for decision in decisions:
        initiative = decision.initiative
        figures = money.get(initiative.pk, ledger_and_followup.no_money()) if money is not None else None
        decided = sum((a.amount for a in decision.amounts.all()), ZERO)
        total_decided += decided
        total_paid += figures.paid if figures else ZERO
        total_remaining += figures.remaining if figures else ZERO
        project = followup.get(initiative.pk)
        rows.append(
            (
                initiative.title,
                initiative.lead_board.code if initiative.lead_board else "",
                f"{decision.body.code} {decision.decided_on.isoformat()} {decision.paragraph}",
                project.status if project else "Uppföljningen har inte startat",
                decided,
                figures.paid if figures else None,
                figures.remaining if figures else None,
            )
        )
    rows.append(
        (
            "Summa",
            "",
            "",
            "",
            total_decided,
            total_paid if money is not None else None,
            total_remaining if money is not None else None,
        )
    )
    columns = (
        Column("Projekt"),
        Column("Nämnd"),
        Column("Beslut"),
        Column("Status"),
        Column("Beviljat", "sek"),
        Column("Utbetalt", "sek"),
        Column("Kvar att återföra", "sek"),
    )
    return Table(columns=columns, rows=tuple(rows), caption=f"Projekt, {fund.name}", sheet="Projekt", total=True)


def ledger_table(user: User, fund: Fund) -> Table:
    entries = (
        ledger_and_followup.ledger_entries(fund, fund.decided_on.replace(month=1, day=1), dt.date(9999, 12, 31)) or []
    )
    debit = sum((Decimal(row[8] or 0) for row in entries), ZERO)
    credit = sum((Decimal(row[9] or 0) for row in entries), ZERO)
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        tuple(None if value == "" else value for value in row) for row in entries
    )
    columns = (
        Column("Verifikation", "number"),
        Column("Datum", "date"),
        Column("Händelse"),
        Column("Text"),
        Column("Kontoslag"),
        Column("Nämnd"),
        Column("Insats"),
        Column("År"),
        Column("Debet", "decimal"),
        Column("Kredit", "decimal"),
    )
    total = ("Summa", None, None, None, None, None, None, None, debit, credit)
    return Table(
        columns=columns,
        rows=(*rows, total),
        caption=f"Verifikationer, {fund.name}",
        sheet="Verifikationer",
        total=True,
    )


def indicators_table(user: User, fund: Fund) -> Table:
    """One row per measurement, each with its indicator's baseline and target so the row reads on its own;
    an indicator not yet measured has a row of its own with the measurement's cells empty."""
    from socialfund.followup.models import Indicator, Measurement

    visible = ledger_and_followup.visible_project_ids(user, fund) or []
    indicators = (
        Indicator.objects.filter(project__initiative_id__in=visible)
        .select_related("project__initiative")
        .prefetch_related(Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "gender")))
        .order_by("project__initiative__title", "name", "pk")
    )
    rows: list[tuple[Cell, ...]] = []
    for indicator in indicators:
        about: tuple[Cell, ...] = (
            indicator.project.initiative.title,
            indicator.name,
            indicator.unit,
            indicator.baseline_value,
            indicator.baseline_on,
            indicator.target_value,
            indicator.target_on,
        )
        measurements = list(indicator.measurements.all())
        if not measurements:
            rows.append((*about, None, "", None, ""))
        for m in measurements:
            rows.append((*about, m.measured_on, str(m.get_gender_display()), m.value, str(m.get_source_display())))
    columns = (
        Column("Projekt"),
        Column("Indikator"),
        Column("Enhet"),
        Column("Utgångsvärde", "decimal"),
        Column("Utgångsvärdets datum", "date"),
        Column("Målvärde", "decimal"),
        Column("Målår", "date"),
        Column("Mätt", "date"),
        Column("Kön"),
        Column("Värde", "decimal"),
        Column("Källa"),
    )
    return Table(columns=columns, rows=tuple(rows), caption=f"Indikatorer, {fund.name}", sheet="Indikatorer")


def export_lists() -> dict[str, ExportList]:
    """The lists that exist now: the ledger's and follow-up's only when those apps are installed.

    The titles are the reports page's, in the user's language; the files themselves stay Swedish.
    """
    lists = [
        ExportList("initiativ", _("Initiativ"), lambda user: True, initiatives_table),
        # "Projekt" elsewhere names one project; here the list of them.
        ExportList("projekt", pgettext("export list", "Projekt"), lambda user: True, projects_table),
    ]
    if ledger_and_followup.ledger_installed():
        lists.append(ExportList("bokforing", _("Verifikationer"), ledger_and_followup.may_see_ledger, ledger_table))
    if ledger_and_followup.followup_installed():
        lists.append(ExportList("indikatorer", _("Indikatorer"), lambda user: True, indicators_table))
    return {item.slug: item for item in lists}
