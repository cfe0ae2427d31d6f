"""The closed vocabularies that policies and initiative files share, with Swedish labels.

Codes are stable English words (the web workflow and stored cases depend on them);
labels are what a user reads. A new code is a code change: add it here, give it a
label, and document it in docs/policies.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

PartyType = Literal[
    "board",
    "office",
    "municipal_company",
    "association",
    "foundation",
    "cooperative",
    "company",
    "sole_trader",
    "public_body",
    "region_unit",
    "university",
]
PARTY_TYPE_LABELS: dict[str, str] = {
    "board": "nämnd",
    "office": "förvaltning/kontor",
    "municipal_company": "kommunalt bolag",
    "association": "förening",
    "foundation": "stiftelse",
    "cooperative": "kooperativ",
    "company": "företag",
    "sole_trader": "enskild firma",
    "public_body": "offentligt organ",
    "region_unit": "regional enhet",
    "university": "lärosäte",
}
MUNICIPAL_TYPES: frozenset[str] = frozenset({"board", "office", "municipal_company"})
"""Parties inside the municipal organisation (kommunkoncernen)."""
CIVIL_SOCIETY_TYPES: frozenset[str] = frozenset({"association", "foundation", "cooperative"})
FOR_PROFIT_TYPES: frozenset[str] = frozenset({"company", "sole_trader"})

TargetGroup = Literal["children", "youth", "young_adults", "adults_at_risk", "elderly", "residents", "homeless"]
TARGET_GROUP_LABELS: dict[str, str] = {
    "children": "barn",
    "youth": "unga",
    "young_adults": "unga vuxna",
    "adults_at_risk": "vuxna i utanförskap",
    "elderly": "äldre",
    "residents": "kommuninvånare (alla)",
    "homeless": "hushåll med hemlöshetsproblematik",
}

Purpose = Literal["new_method", "develop_method", "test_method", "existing_operations"]
PURPOSE_LABELS: dict[str, str] = {
    "new_method": "ny metod",
    "develop_method": "utveckla en metod",
    "test_method": "pröva en metod",
    "existing_operations": "befintlig verksamhet (drift)",
}

Beneficiaries = Literal["universal", "target_group", "selected_individuals"]
BENEFICIARY_LABELS: dict[str, str] = {
    "universal": "alla i målgruppen (universell)",
    "target_group": "en behovsavgränsad målgrupp",
    "selected_individuals": "utvalda individer",
}

StageActor = Literal[
    "applicant",
    "office_head",
    "board",
    "preparation_group",
    "city_director",
    "opinion_giver",
    "registrar",
    "finance",
    "reader",
    "administrator",
]
STAGE_ACTOR_LABELS: dict[str, str] = {
    "applicant": "sökande",
    "office_head": "kontorschef",
    "board": "nämnd/styrelse",
    "preparation_group": "beredningsgrupp",
    "city_director": "stadsdirektör",
    "opinion_giver": "yttrandeinstans",
    "registrar": "registrator",
    "finance": "ekonomi",
    "reader": "läsare",
    "administrator": "administratör",
}

Signoff = Literal["office_head", "board", "all_parties"]
SIGNOFF_LABELS: dict[str, str] = {
    "office_head": "kontorschefen",
    "board": "nämnden",
    "all_parties": "behörig chef hos varje part",
}

Severity = Literal["block", "warn"]
CheckMode = Literal["auto", "human"]
GoalKind = Literal["social", "economic"]

FundingModel = Literal["fund", "yearly_pot", "regional_call"]
FUNDING_MODEL_LABELS: dict[str, str] = {
    "fund": "fond",
    "yearly_pot": "årlig pott (driftsmedel)",
    "regional_call": "regional utlysning",
}

EvidenceLevel = Literal["research_references", "research_or_proven_practice", "evidence_or_causal_logic", "none"]
EVIDENCE_LABELS: dict[str, str] = {
    "research_references": "referenser till forskning krävs",
    "research_or_proven_practice": "forskning eller beprövad praktik",
    "evidence_or_causal_logic": "evidens/beprövad erfarenhet, eller motiverat orsakssamband",
    "none": "inga uttalade krav",
}

CalculationRequirement = Literal["required", "cost_reduction_method", "economic_reasoning", "none"]
CALCULATION_LABELS: dict[str, str] = {
    "required": "socioekonomisk beräkning krävs",
    "cost_reduction_method": "visa hur kostnadsminskningen beräknats",
    "economic_reasoning": "ekonomiskt resonemang",
    "none": "krävs inte",
}

RepaymentModeCode = Literal["none", "repayment_plan", "frame_reduction"]
REPAYMENT_LABELS: dict[str, str] = {
    "none": "ingen återföring",
    "repayment_plan": "återbetalningsplan",
    "frame_reduction": "budgetramen minskas med realiserad besparing",
}
Waiver = Literal["after_special_review", "ad_hoc_decision", "none"]
WAIVER_LABELS: dict[str, str] = {
    "after_special_review": "kan frångås efter särskild prövning",
    "ad_hoc_decision": "kan upphävas genom särskilt beslut",
    "none": "kan inte frångås",
}

CallMode = Literal["rolling", "monthly_batch", "fixed_deadlines", "yearly_deadline"]
CALL_LABELS: dict[str, str] = {
    "rolling": "löpande",
    "monthly_batch": "löpande, hanteras månadsvis",
    "fixed_deadlines": "fasta sista ansökningsdagar",
    "yearly_deadline": "årlig sista ansökningsdag",
}

Frequency = Literal["once", "continuous", "monthly", "yearly", "final"]
DutyScope = Literal["project", "fund"]
"""Whose reporting duty: each project's, or the fund's own (a report on the fund, e.g. by the KS office)."""
FREQUENCY_LABELS: dict[str, str] = {
    "once": "en gång",
    "continuous": "löpande",
    "monthly": "månadsvis",
    "yearly": "årligen",
    "final": "vid projektets slut",
}

STANDARD_RULE_IDS: tuple[str, ...] = (
    "target_group",
    "purpose",
    "equal_treatment",
    "applicant",
    "partnership",
    "anchoring",
    "evidence",
    "goals",
    "evaluation",
    "calculation",
    "repayment",
    "implementation",
    "procurement",
    "amount_cap",
    "cofinancing",
    "duration",
    "deadline",
)
AUTO_CHECKED_RULE_IDS: frozenset[str] = frozenset({*STANDARD_RULE_IDS, "needs_analysis"})
"""Rule ids the screening engine can check by itself; any other id must be `check: human`."""

RULE_TITLES: dict[str, str] = {
    "target_group": "Målgrupp",
    "purpose": "Syfte: metodutveckling, inte drift",
    "equal_treatment": "Likställighet",
    "applicant": "Sökande",
    "partnership": "Samverkan",
    "anchoring": "Förankring",
    "evidence": "Kunskapsbas",
    "goals": "Mätbara mål",
    "evaluation": "Uppföljning och utvärdering",
    "calculation": "Socioekonomisk beräkning",
    "repayment": "Återföring",
    "implementation": "Implementering",
    "procurement": "Upphandling",
    "amount_cap": "Beloppstak",
    "cofinancing": "Medfinansiering",
    "duration": "Projekttid",
    "deadline": "Ansökningstid",
    "needs_analysis": "Behovsanalys",
}

MONTHS_SV: tuple[str, ...] = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def codes(literal: object) -> tuple[str, ...]:
    """The codes of a Literal type, in declaration order."""
    return tuple(str(code) for code in get_args(literal))


def party_label(code: str) -> str:
    return PARTY_TYPE_LABELS.get(code, code)


def labels(codes_: Sequence[str], table: dict[str, str]) -> str:
    """'barn, unga' for ('children', 'youth')."""
    return ", ".join(table.get(code, code) for code in codes_)
