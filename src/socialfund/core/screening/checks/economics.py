"""The calculation and repayment checks, fed by the calculation engine through `calculation_check`."""

from __future__ import annotations

from socialfund.core.calc.labels import describe_path
from socialfund.core.formatting import format_percent, format_sek
from socialfund.core.policy.vocabulary import CALCULATION_LABELS
from socialfund.core.screening.calculation_check import CalcSummary
from socialfund.core.screening.context import Context
from socialfund.core.screening.result import Outcome

SECTOR_LABELS: dict[str, str] = {
    "municipal": "kommunen",
    "region": "regionen",
    "state": "staten",
    "individual": "enskilda",
    "other": "andra",
}


def _errors_text(errors: tuple[tuple[str, str], ...]) -> str:
    # The cell in words ("Effekt 1, enhetskostnad"), as the calculator names it: never a field path.
    return "; ".join(
        f"{describe_path(path)}: {message}" if path != "<fil>" else message for path, message in errors[:5]
    )


def _outside_parties(ctx: Context, summary: CalcSummary) -> str:
    outside = [
        f"{party.name} ({SECTOR_LABELS.get(party.sector or 'other', party.sector or 'andra')})"
        for party in summary.parties
        if party.sector not in (ctx.own_sector, "fund") and party.pv_benefits > 0
    ]
    return ", ".join(outside)


def check_calculation(ctx: Context) -> Outcome:
    spec = ctx.policy.calculation
    if spec is None and ctx.track_unresolved:
        return ctx.section_missing("beräkning")
    if spec is None or spec.requirement == "none":
        return Outcome("pass", "Riktlinjerna kräver ingen socioekonomisk beräkning.")
    state = ctx.calc
    if state.errors:
        return Outcome("fail", f"Beräkningen går inte att räkna: {_errors_text(state.errors)}.")
    if state.summary is None:
        if spec.requirement in ("economic_reasoning", "cost_reduction_method") and ctx.initiative.economic_reasoning:
            return Outcome("pass", f"Underlag finns: {CALCULATION_LABELS[spec.requirement]}.")
        return Outcome("missing", f"Bifoga en beräkning: {CALCULATION_LABELS[spec.requirement]}.")
    summary = state.summary
    own = SECTOR_LABELS.get(ctx.own_sector, ctx.own_sector)
    share = summary.benefits_share(ctx.own_sector)
    if share is None:
        return Outcome("warn", "Beräkningen visar ingen nytta; ange vilka kostnader som minskar, hos vem och när.")
    outside_share = 1 - share
    if spec.separate_municipal_savings and outside_share > float(spec.outside_share_warn):
        return Outcome(
            "warn",
            f"{format_percent(outside_share)} av nyttan hamnar utanför {own}: {_outside_parties(ctx, summary)}. "
            f"Sådana besparingar kan inte återföras till fonden; visa vilka av {own}s kostnader som minskar.",
        )
    requested = ctx.initiative.funding.total_requested
    if requested and requested != summary.amount_due:
        return Outcome(
            "warn",
            f"Beräkningens kostnad för fonden ({format_sek(summary.amount_due)}) stämmer inte med sökt belopp "
            f"({format_sek(requested)}); rätta den ena.",
        )
    npv = format_sek(round(summary.npv_municipal))
    return Outcome("pass", f"Nettonuvärde för {own}: {npv}; {format_percent(share)} av nyttan hamnar hos {own}.")


def _exception_note(ctx: Context) -> str:
    """What happens with a shortfall: a finding to weigh, never a dead end (DOMAIN.md rule 8)."""
    decider = (ctx.policy.decision_body or "beslutande organ").lower()
    note = (
        f" Beredningsgruppen bedömer avvikelsen och för den till {decider} med ett förslag: kravet ska inte vara "
        f"ett hinder om insatsen kan visa effekter, och under särskilda omständigheter kan {decider} besluta om "
        "undantag."
    )
    repayment = ctx.policy.repayment
    if repayment is not None and repayment.waiver == "after_special_review":
        note += " Efter projektet kan kravet dessutom efterges efter särskild prövning."
    return note


def _frame_reduction(ctx: Context, summary: CalcSummary) -> Outcome:
    boards = [party for party in summary.parties if party.sector == ctx.own_sector and party.cashable_total > 0]
    if not boards:
        return Outcome(
            "fail",
            "Ingen kommunal verksamhet får kassamässiga besparingar i beräkningen, så det finns ingen budgetram att "
            "minska med den realiserade besparingen.",
        )
    names = ", ".join(f"{party.name} ({format_sek(round(party.cashable_total))})" for party in boards)
    return Outcome("pass", f"Budgetramen minskas med den realiserade besparingen hos: {names}.")


def check_repayment(ctx: Context) -> Outcome:
    repayment = ctx.policy.repayment
    if repayment is None or repayment.mode == "none":
        return Outcome("pass", "Riktlinjerna kräver ingen återföring.")
    state = ctx.calc
    if state.errors:
        return Outcome("fail", "Återföringen kan inte prövas förrän beräkningen går att räkna.")
    if state.summary is None:
        return Outcome(
            "missing", "Återföringen prövas mot beräkningen: bifoga den (calculation) med kommunens besparingar per år."
        )
    summary = state.summary
    if repayment.mode == "frame_reduction":
        return _frame_reduction(ctx, summary)
    if summary.violations:
        messages = " ".join(message for _, message in summary.violations)
        outside = _outside_parties(ctx, summary)
        outside_note = f" Besparingar hos {outside} kan inte användas." if outside else ""
        return Outcome(
            "assess",
            f"Återföringen av {format_sek(summary.amount_due)} håller inte riktlinjernas gränser: {messages}"
            f"{outside_note}{_exception_note(ctx)}",
            departures=tuple(dict.fromkeys(code for code, _ in summary.violations)),
        )
    years = sorted(summary.plan)
    span = f" {years[0]}–{years[-1]}" if years else ""
    return Outcome(
        "pass", f"{format_sek(summary.amount_due)} återförs{span} ur kommunens besparingar, inom riktlinjernas gränser."
    )
