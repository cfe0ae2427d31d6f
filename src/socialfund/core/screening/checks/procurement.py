"""The procurement check: an outside actor's contract, valued over the whole period, against LOU's
direct-award threshold in force on the screening date."""

from __future__ import annotations

from decimal import Decimal

from socialfund.core.formatting import format_sek
from socialfund.core.policy.thresholds import ThresholdUnknownError, national_thresholds
from socialfund.core.screening.context import Context
from socialfund.core.screening.result import Outcome, Status
from socialfund.core.screening.screening_input import ProcurementPlan

OPEN_ENDED_MONTHS = 48
"""LOU 5 kap. 13 §: an open-ended service contract is valued at the monthly value × 48."""


def contract_value(plan: ProcurementPlan) -> Decimal | None:
    """The value over the whole contract period; a yearly value counts every month of the contract."""
    if plan.contract_value is not None:
        return plan.contract_value
    if plan.value_per_year is not None:
        months = plan.contract_months or OPEN_ENDED_MONTHS
        return (plan.value_per_year * months / 12).quantize(Decimal(1))
    return None


def _supplier(ctx: Context) -> str | None:
    """The outside actor who would deliver: the named supplier, else an outside idea author who expects to."""
    plan = ctx.initiative.procurement
    if plan is not None and plan.supplier:
        return plan.supplier
    author = ctx.idea_author
    applicants = ctx.policy.applicants
    # An outside actor that may apply in its own name (Nynäshamn's associations) receives a grant, not a contract.
    applies_itself = applicants is not None and author is not None and author.type in applicants.allowed_types
    if author is not None and ctx.is_outside_actor(author) and not applies_itself:
        return author.name
    return None


def _over_threshold(ctx: Context, supplier: str, value: Decimal, threshold: Decimal, since: str) -> Outcome:
    plan = ctx.initiative.procurement
    if plan is not None and plan.open_competition:
        return Outcome("pass", f"Avtalsvärdet {format_sek(value)} upphandlas i öppen konkurrens enligt LOU.")
    author = ctx.idea_author
    author_note = (
        f" {supplier} kom med idén men kan inte på förhand tilldelas uppdraget; den som bäst svarar mot "
        "förfrågningsunderlaget vinner."
        if author is not None and author.name == supplier
        else ""
    )
    return Outcome(
        "fail",
        f"Avtalsvärdet {format_sek(value)} över hela avtalsperioden överstiger direktupphandlingsgränsen "
        f"{format_sek(threshold)} (gäller från {since}). Tjänsten måste upphandlas i öppen konkurrens.{author_note}",
    )


def check_procurement(ctx: Context) -> Outcome:
    spec = ctx.policy.procurement
    supplier = _supplier(ctx)
    if spec is None or not spec.applies or supplier is None:
        return Outcome("pass", "Ingen extern leverantör planeras.")
    try:
        row = national_thresholds().in_force(ctx.on_date)
    except ThresholdUnknownError as exc:
        return Outcome("assess", f"{str(exc).capitalize()}; kontrollera gränsen hos Upphandlingsmyndigheten.")
    threshold, since = row.amount, row.valid_from.isoformat()
    plan = ctx.initiative.procurement
    value = contract_value(plan) if plan is not None else None
    open_rule = (
        " Enligt riktlinjerna upphandlar nämnden extern aktör i öppen konkurrens; den som bäst svarar mot "
        "förfrågningsunderlaget tilldelas uppdraget."
        if spec.open_competition_for_external
        else ""
    )
    if value is None:
        status: Status = "missing" if ctx.formal else "warn"
        return Outcome(
            status,
            f"{supplier} är extern aktör: ange avtalsvärdet över hela avtalsperioden (procurement.contract_value) "
            f"så att det kan prövas mot direktupphandlingsgränsen {format_sek(threshold)}.{open_rule}",
        )
    if value > threshold:
        return _over_threshold(ctx, supplier, value, threshold, since)
    if open_rule and not (plan is not None and plan.open_competition):
        return Outcome("warn", f"Avtalsvärdet {format_sek(value)} är under direktupphandlingsgränsen.{open_rule}")
    if value >= threshold * spec.near_threshold_share:
        return Outcome(
            "warn",
            f"Avtalsvärdet {format_sek(value)} ligger nära direktupphandlingsgränsen {format_sek(threshold)}. "
            "Avtalet får inte delas upp för att hamna under gränsen.",
        )
    return Outcome(
        "pass", f"Avtalsvärdet {format_sek(value)} är under direktupphandlingsgränsen {format_sek(threshold)}."
    )
