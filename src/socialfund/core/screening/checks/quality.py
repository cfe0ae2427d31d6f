"""Checks of how well an initiative is prepared: anchoring, evidence, goals, evaluation, implementation."""

from __future__ import annotations

from socialfund.core.formatting import format_sek
from socialfund.core.policy.vocabulary import SIGNOFF_LABELS
from socialfund.core.screening.context import Context
from socialfund.core.screening.result import Outcome


def _signoff_date(ctx: Context, signoff: str) -> str | None:
    """When the sign-off was given ('2014-02-01'), or None when it is not recorded."""
    anchoring = ctx.initiative.anchoring
    if signoff == "office_head":
        return anchoring.office_head.isoformat() if anchoring.office_head else None
    if signoff == "board":
        return anchoring.board.isoformat() if anchoring.board else None
    parties = ctx.initiative.parties
    if len(parties) < 1 or any(party.signed_off is None for party in parties):
        return None
    return max(party.signed_off for party in parties if party.signed_off).isoformat()


def check_anchoring(ctx: Context) -> Outcome:
    required = ctx.policy.signoffs_up_to(ctx.stage)
    if not required:
        return Outcome("pass", "Inga krav på förankring ännu i detta steg.")
    given = {signoff: _signoff_date(ctx, signoff) for signoff in required}
    lacking = [SIGNOFF_LABELS[signoff] for signoff, when in given.items() if when is None]
    if lacking:
        unsigned = [party.name for party in ctx.initiative.parties if party.signed_off is None]
        detail = f" (saknas för {', '.join(unsigned)})" if "all_parties" in required and unsigned else ""
        return Outcome(
            "missing",
            f"Förankra initiativet hos {' och '.join(lacking)}{detail} och ange datum (anchoring) innan det går vidare.",
        )
    done = ", ".join(f"{SIGNOFF_LABELS[signoff]} {when}" for signoff, when in given.items())
    return Outcome("pass", f"Förankrat: {done}.")


def check_evidence(ctx: Context) -> Outcome:
    spec = ctx.policy.evidence
    method = ctx.initiative.method
    if spec is None or spec.level == "none":
        return Outcome("pass", "Inga uttalade krav på kunskapsbas.")
    if method is None or not method.description:
        return Outcome("missing", "Beskriv den valda metoden (method.description).")
    research, practice, logic = method.research_references, method.proven_practice, method.causal_logic
    fidelity = (
        " Metoden är dokumenterad: följ upp metodtroheten." if method.documented and spec.fidelity_followup else ""
    )
    if research:
        return Outcome("pass", f"Metoden har {len(research)} forskningsreferens(er).{fidelity}")
    if spec.level in ("research_or_proven_practice", "evidence_or_causal_logic") and practice:
        return Outcome("pass", f"Metoden bygger på beprövad praktik ({len(practice)} referens(er)).{fidelity}")
    if spec.level == "evidence_or_causal_logic" and logic:
        return Outcome("pass", "Ny metod med motiverat orsakssamband; följ upp effekterna noga.")
    wanted = {
        "research_references": "referenser till forskning (method.research_references)",
        "research_or_proven_practice": "referenser till forskning eller beprövad praktik (method.proven_practice)",
        "evidence_or_causal_logic": "evidens, beprövad erfarenhet eller ett motiverat orsakssamband (method.causal_logic)",
    }[spec.level]
    if spec.scale_with_size:
        size = ctx.initiative.funding.total_requested
        amount = f" (sökt belopp {format_sek(size)})" if size else ""
        return Outcome(
            "assess",
            f"Metoden saknar {wanted}. Kraven står i proportion till insatsens omfattning{amount}; "
            "beredningsgruppen bedömer om underlaget räcker.",
        )
    return Outcome("missing", f"Ange {wanted}.")


def check_goals(ctx: Context) -> Outcome:
    goals = ctx.initiative.goals
    if not goals:
        return Outcome("missing", "Ange mätbara mål (goals) med indikator, utgångsvärde och målvärde.")
    without_target = [f"goals[{index}]" for index, goal in enumerate(goals) if goal.target is None]
    if without_target:
        return Outcome("missing", f"Ange målvärde (target) för {', '.join(without_target)}.")
    wanted = ctx.policy.goals.kinds if ctx.policy.goals else ()
    kinds = {goal.kind for goal in goals}
    lacking = [kind for kind in wanted if kind not in kinds]
    if lacking:
        names = {"social": "sociala", "economic": "ekonomiska"}
        return Outcome(
            "missing", f"Ange även mål för {' och '.join(names[k] for k in lacking)} effekter (goals[].kind)."
        )
    without_baseline = [goal.indicator for goal in goals if goal.baseline is None]
    if without_baseline:
        return Outcome("warn", f"Ange utgångsvärde (baseline) för: {'; '.join(without_baseline)}.")
    return Outcome("pass", f"{len(goals)} mätbara mål med utgångs- och målvärde.")


def check_evaluation(ctx: Context) -> Outcome:
    spec = ctx.policy.evaluation
    plan = ctx.initiative.evaluation
    if spec is None:
        return ctx.section_missing("uppföljning")
    if not spec.external_required:
        if plan is None or not (plan.external_party or plan.standardized_instrument or plan.plan):
            return Outcome("missing", "Beskriv hur insatsen följs upp och utvärderas (evaluation.plan).")
        return Outcome("pass", "Uppföljningen är beskriven.")
    threshold = spec.external_required_above
    size = ctx.initiative.funding.total_requested
    if threshold is not None and size and size <= threshold:
        return Outcome(
            "pass", f"Sökt belopp {format_sek(size)} är under {format_sek(threshold)}; extern utvärdering krävs inte."
        )
    if plan is not None and plan.external_party:
        return Outcome("pass", f"Extern utvärderare: {plan.external_party}.")
    if plan is not None and plan.standardized_instrument and spec.standardized_instrument_substitutes:
        instrument = f" ({plan.instrument})" if plan.instrument else ""
        return Outcome("pass", f"Ett vetenskapligt standardiserat instrument{instrument} ersätter extern utvärderare.")
    alternative = (
        " eller ett vetenskapligt standardiserat instrument" if spec.standardized_instrument_substitutes else ""
    )
    examples = f", t.ex. {spec.evaluator_examples}" if spec.evaluator_examples else ""
    return Outcome("missing", f"Ange en extern part som utvärderar insatsen{examples}{alternative} (evaluation).")


def check_implementation(ctx: Context) -> Outcome:
    if not ctx.initiative.implementation_plan:
        return Outcome(
            "missing",
            "Beskriv hur metoden ska föras in i den ordinarie verksamheten om den lyckas (implementation_plan).",
        )
    return Outcome("pass", "Tankar om implementering finns i ansökan.")
