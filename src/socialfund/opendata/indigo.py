"""The fund as INDIGO 4.x data (Government Outcomes Lab): the fund, its organisations and its projects, each
`{"id": ..., "data": {...}}` with `data` valid against the standard's fund, organisation and project schemas.

How socialfund maps onto INDIGO (docs/outcomes.md):

- the fund is the investor: each grant is an *investment* (commitment = the decided amounts), each
  payout a *transaction* of type "Grant" from the fund to the board, each återföring a transaction
  of type "Capital Repayment" from the board back to the fund;
- an outcome metric carries definition, target population, target, validation method and data source;
  each measured figure of its indicator is a *result* for its period, with the validating organisation
  when the figure is validated and the figure's status (estimated/reported/validated) in the notes;
- every figure points at a *source* (the decision, the ledger, Kolada or the project's own data).

INDIGO identifiers (INDIGO-POJ/ORG/FUND) are assigned by GO Lab when data is shared with it; until then
the ids here are the fund's own, stable ones (`SF-<fund>-POJ-<case number>` and so on).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from socialfund.funds.models import Fund
from socialfund.opendata.public import Flow, PublicGrant, Result, public_grants

INDIGO_VERSION = "4.1.0"
PUBLIC = "PUBLIC"
GOVERNMENT = "Government body"


def v(value: object) -> dict[str, Any]:
    return {"value": value}


def money(amount: Decimal, currency: str) -> dict[str, Any]:
    return {"currency": v(currency), "amount": v(float(amount))}


class Ids:
    def __init__(self, fund: Fund) -> None:
        self.prefix = f"SF-{fund.slug.upper()}"

    def fund(self) -> str:
        return f"{self.prefix}-FUND"

    def municipality(self) -> str:
        return f"{self.prefix}-ORG-KOMMUN"

    def board(self, code: str) -> str:
        return f"{self.prefix}-ORG-{code.upper()}"

    def validator(self, name: str) -> str:
        slug = "".join(ch if ch.isalnum() else "-" for ch in name.upper()).strip("-")
        return f"{self.prefix}-ORG-VALIDATOR-{slug}"

    def project(self, initiative_id: int) -> str:
        return f"{self.prefix}-POJ-{initiative_id}"


def indigo_export(fund: Fund, *, base_url: str, today: dt.date) -> dict[str, Any]:
    """Everything public about the fund in INDIGO's shape; `base_url` makes the sources' links absolute."""
    ids = Ids(fund)
    grants = public_grants(fund)
    return {
        "indigo_version": INDIGO_VERSION,
        "published": today.isoformat(),
        "fund": {"id": ids.fund(), "data": _fund(fund, ids, grants)},
        "organisations": _organisations(fund, ids, grants),
        "projects": [
            {"id": ids.project(g.initiative_id), "data": _project(fund, ids, g, base_url, today)} for g in grants
        ],
    }


def _fund(fund: Fund, ids: Ids, grants: list[PublicGrant]) -> dict[str, Any]:
    committed = sum((g.total for g in grants), Decimal(0))
    return {
        "status": PUBLIC,
        "name": v(fund.name),
        "stage_development": v("Active"),
        "host_institution_of_outcome_fund": v(ids.municipality()),
        "mechanism": v(
            "Sociala investeringsfonden finansierar tidiga insatser; nämnderna som får besparingarna återför "
            "medlen till fonden enligt riktlinjerna."
        ),
        "dates": {"launch_date": v(fund.decided_on.isoformat())},
        "dimensions_of_scale": {
            "total_value_of_repayable_investment_linked_to_outcome_fund": {
                "currency": v(fund.currency),
                "actual": {"amount": v(float(committed))},
            },
            "number_of_outcome_contracts": {"actual": v(len(grants))},
        },
        "country": v("SE"),
        "organisations": [{"organisation_id": v(ids.municipality())}],
    }


def _organisations(fund: Fund, ids: Ids, grants: list[PublicGrant]) -> list[dict[str, Any]]:
    organisation = fund.organisation
    rows = [
        {
            "id": ids.municipality(),
            "data": {
                "status": PUBLIC,
                "name": v(organisation.name),
                "type": v(GOVERNMENT),
                "description": v(f"Kommunkod {organisation.code} (SCB/Kolada)."),
                "country": v("SE"),
            },
        }
    ]
    boards = {(f.board_code, f.board_name) for g in grants for f in (*g.payouts, *g.repayments)}
    boards |= {(g.board_code, g.board_name) for g in grants if g.board_code}
    for code, name in sorted(boards):
        rows.append(
            {
                "id": ids.board(code),
                "data": {"status": PUBLIC, "name": v(name), "type": v(GOVERNMENT), "country": v("SE")},
            }
        )
    validators = sorted({m.validator_organisation for g in grants for m, _ in g.metrics})
    validators += sorted({r.validated_by for g in grants for _, rs in g.metrics for r in rs if r.validated_by})
    for name in dict.fromkeys(validators):
        rows.append({"id": ids.validator(name), "data": {"status": PUBLIC, "name": v(name)}})
    return rows


def _project(fund: Fund, ids: Ids, grant: PublicGrant, base_url: str, today: dt.date) -> dict[str, Any]:
    sources = CitedSources(base_url, today)
    data: dict[str, Any] = {
        "status": PUBLIC,
        "name": v(grant.title),
        "stage_development": v(_stage(grant)),
        "purpose_and_classifications": {"social_challenge": {"value": grant.summary, "status": PUBLIC}},
        **_finance(fund, ids, grant, sources, today),
        **_dates(grant),
        "outcome_metrics": [],
        "results": [],
    }
    for metric, results in grant.metrics:
        metric_id = f"OM-{metric.pk}"
        own = sources.add(f"Effektmått {metric.name}", "Report", base_url, metric.created_at.date())
        data["outcome_metrics"].append(
            {
                "id": metric_id,
                "definition": v(f"{metric.name}: {metric.definition}"),
                "target_population": v(metric.target_population),
                "outcome_metric_target": v(metric.target),
                "outcome_validation_method": v(metric.validation_method),
                "data_source_for_outcome_validation": v(metric.data_source),
                "source_ids": own,
                "notes": f"Validerande organisation: {metric.validator_organisation}.",
                "status": PUBLIC,
            }
        )
        for result in results:
            data["results"].append(_result(ids, metric_id, metric.validator_organisation, result, sources))
    data["sources"] = sources.rows
    return data


def _finance(fund: Fund, ids: Ids, grant: PublicGrant, sources: CitedSources, today: dt.date) -> dict[str, Any]:
    """The grant as the fund's investment, its payouts and the boards' repayments as transactions."""
    decision = sources.add(
        f"{grant.decision_body} {grant.decided_on.isoformat()} {grant.paragraph}".strip(),
        "Award Notice",
        sources.base_url,
        grant.decided_on,
    )
    ledger = sources.add("Fondens bokföring", "Report", sources.base_url, today)
    per_year = ", ".join(f"{year}: {amount} {fund.currency}" for year, amount in grant.amounts)
    return {
        "overall_project_finance": {
            "total_investment_commitment": {
                "currency": {"value": fund.currency, "status": PUBLIC},
                "amount": {"exact": v(float(grant.total))},
            },
            "source_ids": decision,
        },
        "investments": [
            {
                "id": "INV-1",
                "organisation_id": v(ids.municipality()),
                "organisation_role_category": v("Government/Public Sector/Public Bank"),
                "investment_commitment": {"currency": v(fund.currency), "amount": {"exact": v(float(grant.total))}},
                "source_ids": decision,
                "notes": f"Beviljat per år: {per_year}.",
                "status": PUBLIC,
            }
        ],
        "transactions": [
            *(
                _transaction(ids, f, "Grant", to_board=True, currency=fund.currency, source=ledger)
                for f in grant.payouts
            ),
            *(
                _transaction(ids, f, "Capital Repayment", to_board=False, currency=fund.currency, source=ledger)
                for f in grant.repayments
            ),
        ],
    }


def _dates(grant: PublicGrant) -> dict[str, Any]:
    project = grant.project
    if project is None:
        return {}
    dates = {
        "start_date_of_service_provision": {"value": project.started_on.isoformat(), "status": PUBLIC},
        "anticipated_end_date_of_service_provision": {"value": project.ends_on.isoformat(), "status": PUBLIC},
    }
    if project.closed_on:
        dates["actual_end_date_of_service_provision"] = {"value": project.closed_on.isoformat(), "status": PUBLIC}
    return {"dates": dates}


def _stage(grant: PublicGrant) -> str:
    if grant.project is None:
        return "Contracted"
    return "Implementation" if grant.project.is_running else "Service delivery complete"


def _transaction(ids: Ids, flow: Flow, kind: str, *, to_board: bool, currency: str, source: str) -> dict[str, Any]:
    fund_side, board_side = v(ids.municipality()), v(ids.board(flow.board_code))
    return {
        "investment_id": v("INV-1"),
        "date": v(flow.day.isoformat()),
        "sending_organisation_id": fund_side if to_board else board_side,
        "receiving_organisation_id": board_side if to_board else fund_side,
        "transaction_type": v(kind),
        "money": money(flow.amount, currency),
        "source_ids": source,
        "notes": flow.reference,
        "status": PUBLIC,
    }


def _result(ids: Ids, metric_id: str, validator: str, result: Result, sources: CitedSources) -> dict[str, Any]:
    source = sources.add(result.source, "Website" if "Kolada" in result.source else "Report", "", result.measured_on)
    target = f", mål {result.target}" if result.target is not None else ""
    row: dict[str, Any] = {
        "outcome_metric_id": v(metric_id),
        "result_level": v("Outcome level"),
        "result_type": v("Interim"),
        "period": {
            "start_date": v(f"{result.measured_on.year}-01-01"),
            "end_date": v(result.measured_on.isoformat()),
        },
        "outcomes_achieved": v(f"{result.value} {result.unit} (utgångsvärde {result.baseline}{target})".strip()),
        "source_ids": source,
        "notes": f"Status: {result.status}" + (f", validerat av {result.validated_by}" if result.validated_by else ""),
        "status": PUBLIC,
    }
    if result.status == "validated":
        row["outcomes_validator_organisation_ids"] = v(ids.validator(result.validated_by or validator))
    return row


class CitedSources:
    """A project's `sources` list; `add` returns the id a field's `source_ids` points at (same source, same id)."""

    def __init__(self, base_url: str, today: dt.date) -> None:
        self.base_url = base_url
        self.today = today
        self.rows: list[dict[str, Any]] = []
        self._ids: dict[tuple[str, str], str] = {}

    def add(self, name: str, kind: str, url: str, published: dt.date) -> str:
        key = (name, url)
        if key not in self._ids:
            self._ids[key] = f"SRC-{len(self.rows) + 1}"
            row: dict[str, Any] = {
                "id": self._ids[key],
                "name": v(name),
                "type": v(kind),
                "publication_date": v(published.isoformat()),
                "accessed_date": v(self.today.isoformat()),
                "status": PUBLIC,
            }
            if url:
                row["url"] = v(url)
            self.rows.append(row)
        return self._ids[key]
