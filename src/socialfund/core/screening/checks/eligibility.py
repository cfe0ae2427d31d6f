"""Checks of what an initiative is and who is behind it: target group, purpose, equal treatment,
applicant, partnership and needs analysis."""

from __future__ import annotations

from socialfund.core.policy.eligibility import PartnershipAlternative, PartyRequirement
from socialfund.core.policy.vocabulary import (
    BENEFICIARY_LABELS,
    PARTY_TYPE_LABELS,
    PURPOSE_LABELS,
    TARGET_GROUP_LABELS,
    labels,
    party_label,
)
from socialfund.core.screening.context import Context
from socialfund.core.screening.result import Outcome
from socialfund.core.screening.screening_input import Party


def check_target_group(ctx: Context) -> Outcome:
    spec = ctx.policy.target_groups
    if spec is None:
        return ctx.section_missing("målgrupp")
    wanted = ctx.initiative.target_groups
    if not wanted:
        return Outcome("missing", "Ange insatsens målgrupp (target_groups).")
    fund_groups = labels(spec.groups, TARGET_GROUP_LABELS)
    inside = [group for group in wanted if group in spec.groups or "residents" in spec.groups]
    outside = [group for group in wanted if group not in inside]
    if not inside:
        return Outcome(
            "fail",
            f"Insatsen riktar sig till {labels(wanted, TARGET_GROUP_LABELS)}; fonden är till för {fund_groups}.",
        )
    if outside:
        return Outcome(
            "warn",
            f"Bara delar av insatsen riktar sig till fondens målgrupper ({labels(inside, TARGET_GROUP_LABELS)}); "
            f"{labels(outside, TARGET_GROUP_LABELS)} ligger utanför. Visa vilken del fonden ska bekosta.",
        )
    adults = ", ".join(ctx.initiative.reached_through)
    if adults and spec.via_adults is False:
        return Outcome(
            "fail", f"Insatsen riktar sig till {adults}; fonden stödjer bara insatser direkt för {fund_groups}."
        )
    if adults:
        return Outcome(
            "assess",
            f"Insatsen når {fund_groups} via {adults}. Det är tillåtet om målen också omfattar effekter för "
            f"{fund_groups}; beredningsgruppen bedömer.",
        )
    return Outcome("pass", f"Målgruppen ({labels(wanted, TARGET_GROUP_LABELS)}) ingår i fondens ({fund_groups}).")


def check_purpose(ctx: Context) -> Outcome:
    purpose = ctx.initiative.purpose
    if purpose is None:
        return Outcome("missing", "Ange insatsens syfte (purpose): ny metod, utveckla eller pröva en metod.")
    if purpose == "existing_operations":
        return Outcome(
            "fail",
            "Insatsen finansierar befintlig verksamhet (driftsbidrag). Fonden betalar bara metodutveckling; "
            "beskriv vad som är nytt och hur det prövas, eller sök medel i den ordinarie budgeten.",
        )
    return Outcome("pass", f"Syfte: {PURPOSE_LABELS[purpose]}.")


def check_equal_treatment(ctx: Context) -> Outcome:
    beneficiaries = ctx.initiative.beneficiaries
    if beneficiaries is None:
        return Outcome(
            "missing", "Ange vilka som får del av insatsen (beneficiaries): alla, en målgrupp eller utvalda."
        )
    if beneficiaries == "selected_individuals":
        return Outcome(
            "assess",
            "Insatsen gynnar utvalda individer. En förmån till några invånare strider mot likställighetsprincipen "
            "om den inte grundas på ett behov som är lika för alla i målgruppen; beredningsgruppen bedömer.",
        )
    return Outcome("pass", f"Insatsen når {BENEFICIARY_LABELS[beneficiaries]}.")


def _excluded(ctx: Context) -> list[Party]:
    spec = ctx.policy.applicants
    if spec is None:
        return []
    people = [*ctx.initiative.parties, *([ctx.initiative.initiator] if ctx.initiative.initiator else [])]
    return [party for party in people if party.type in spec.excluded_types]


def _outside_role_note(ctx: Context) -> Outcome | None:
    """Södertälje 2015: an outside actor takes part as a supplier procured in open competition."""
    spec = ctx.policy.applicants
    outside = [party for party in (*ctx.initiative.parties, ctx.idea_author) if party and ctx.is_outside_actor(party)]
    if spec is None or spec.external_role != "procurement" or not outside:
        return None
    names = ", ".join(sorted({party.name for party in outside}))
    return Outcome(
        "warn",
        f"{names} är extern aktör. Nämnden som ansvarar kan upphandla uppdraget i öppen konkurrens; den aktör som "
        "bäst svarar mot förfrågningsunderlaget tilldelas det – inte nödvändigtvis den som kom med idén.",
    )


def check_applicant(ctx: Context) -> Outcome:
    spec = ctx.policy.applicants
    if spec is None:
        return ctx.section_missing("sökande")
    excluded = _excluded(ctx)
    if excluded:
        names = ", ".join(f"{party.name} ({party_label(party.type)})" for party in excluded)
        return Outcome(
            "fail", f"{names} får inte delta: {labels(spec.excluded_types, PARTY_TYPE_LABELS)} är uteslutna."
        )
    applicant = ctx.initiative.applicant
    if applicant is None:
        return Outcome("missing", "Ange sökande (applicant): namn och typ.")
    allowed = labels(spec.allowed_types, PARTY_TYPE_LABELS)
    if applicant.type not in spec.allowed_types:
        kind = f"{applicant.name} ({party_label(applicant.type)})"
        if not ctx.formal and spec.external_ideas:
            note = _outside_role_note(ctx)
            message = f"{kind} får komma med idén, men ansökan görs av {allowed}."
            return Outcome("warn", f"{message} {note.message}") if note else Outcome("pass", message)
        return Outcome("fail", f"{kind} kan inte söka direkt; sökande ska vara {allowed}.")
    if spec.lead_board_required and applicant.type != "board" and not ctx.initiative.lead_board:
        return Outcome("missing", f"Ange vilken nämnd som äger insatsen (lead_board); {applicant.name} söker för den.")
    note = _outside_role_note(ctx)
    if note is not None:
        return note
    return Outcome("pass", f"Sökande: {applicant.name} ({party_label(applicant.type)}).")


def _board_key(party: Party) -> str | None:
    return party.board or (party.name if party.type == "board" else None)


def _meets(requirement: PartyRequirement, parties: tuple[Party, ...]) -> tuple[bool, list[str]]:
    """Whether the parties meet one requirement, and the names of matching parties that lack needed data."""
    matching = [party for party in parties if party.type in requirement.types]
    if requirement.distinct == "area":
        unknown = [party.name for party in matching if not party.area]
        return len({party.area for party in matching if party.area}) >= requirement.min, unknown
    if requirement.distinct == "board":
        unknown = [party.name for party in matching if _board_key(party) is None]
        return len({_board_key(party) for party in matching if _board_key(party)}) >= requirement.min, unknown
    if requirement.same == "board":
        groups: dict[str, int] = {}
        unknown = []
        for party in matching:
            key = _board_key(party)
            if key is None:
                unknown.append(party.name)
            else:
                groups[key] = groups.get(key, 0) + 1
        return max(groups.values(), default=0) >= requirement.min, unknown
    return len({party.name for party in matching}) >= requirement.min, []


def _alternative(alternative: PartnershipAlternative, parties: tuple[Party, ...]) -> tuple[bool, list[str]]:
    results = [_meets(requirement, parties) for requirement in alternative.requirements]
    return all(ok for ok, _ in results), [name for ok, unknown in results if not ok for name in unknown]


def check_partnership(ctx: Context) -> Outcome:
    spec = ctx.policy.partnership
    if spec is None:
        return ctx.section_missing("samverkan")
    parties = ctx.initiative.parties
    unknown: list[str] = []
    for alternative in spec.alternatives:
        ok, lacking = _alternative(alternative, parties)
        if ok:
            return Outcome("pass", f"Samverkan: {alternative.label}.")
        unknown += [name for name in lacking if name not in unknown]
    demanded = " eller ".join(alternative.label for alternative in spec.alternatives)
    if unknown:
        return Outcome(
            "missing",
            f"Ange verksamhetsområde (area) och nämnd (board) för {', '.join(unknown)}; kravet är {demanded}.",
        )
    present = ", ".join(f"{party.name} ({party_label(party.type)})" for party in parties) or "inga parter"
    return Outcome("fail", f"Samverkanskravet uppfylls inte: {demanded}. Parter nu: {present}.")


def check_needs_analysis(ctx: Context) -> Outcome:
    analysis = ctx.initiative.needs_analysis
    if analysis is None:
        return Outcome(
            "missing",
            "Gör en behovsanalys (needs_analysis): beskriv behovet med statistik eller verksamhetsdata.",
        )
    if not analysis.data:
        return Outcome(
            "warn", "Behovsanalysen anger inga underlag (data); hänvisa till statistik eller verksamhetsdata."
        )
    return Outcome("pass", f"Behovsanalys med {len(analysis.data)} underlag.")
