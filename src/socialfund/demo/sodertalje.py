"""What the seed (Södertälje, KS 14-87, 2014–2015) tells us, as demo data.

Facts are from the seed; where the seed is silent the demo says so:
- Board names: the seed spells out only omsorgsnämnden, socialnämnden and
  äldreomsorgsnämnden; the other boards are known by their abbreviations only, and
  their name is left empty (the interface shows the abbreviation).
- Filing dates: the seed gives none. Initiatives reported in the first year's
  evaluation (to 2014-02-28) are dated 2013-10-01, those listed under 2014 are dated
  2014-06-01 and those under 2015 are dated 2015-03-01; each says so in its note.
- The 2015 guideline proposals were put to kommunstyrelsen on 2015-10-26; the seed
  does not say when they were adopted. The demo lets them apply from 2016-01-01.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

ORGANISATION = {"name": "Södertälje kommun", "code": "0181", "kind": "municipality"}

DECISION_BODIES = [
    # code, name, kind, parent code
    ("KF", "Kommunfullmäktige", "council", None),
    ("KS", "Kommunstyrelsen", "executive", None),
    ("HU", "Hållbarhetsutskottet", "committee", "KS"),
]

# The eleven boards that answered the 2015 consultation (seed, remissammanställning).
BOARDS = [
    # code, full name where the seed gives it, area
    ("ALN", "", "labour_market"),
    ("Enh", "", ""),
    ("KFN", "", "culture_leisure"),
    ("MN", "", "environment"),
    ("OMS", "Omsorgsnämnden", "care"),
    ("SBN", "", "urban_planning"),
    ("SN", "Socialnämnden", "social"),
    ("TN", "", "technical"),
    ("UN", "", "education"),
    ("VM", "", ""),
    ("ÄON", "Äldreomsorgsnämnden", "elderly_care"),
]

# Offices the seed names; `boards` links an office to the boards it works for
# (the demo's assumption, so that anchoring has an office head to go to).
OFFICES = [
    # code, name, parent code, boards
    ("Ksk", "Kommunstyrelsens kontor", None, []),
    ("Ksk/HR", "Human Resources", "Ksk", []),
    ("Ksk/UoH", "Enheten för utredning och hållbarhet", "Ksk", []),
    ("Ksk/LEK", "Ledningsstöd ekonomi och kvalitet", "Ksk", []),
    ("UK", "Utbildningskontoret", None, ["UN"]),
    ("SK", "Social- och omsorgskontoret", None, ["SN", "OMS", "ÄON"]),
    ("KoF", "Kultur- och fritidskontoret", None, ["KFN"]),
]


@dataclass(frozen=True)
class FundSpec:
    name: str
    slug: str
    capital: Decimal
    decided_by: str
    decided_on: dt.date
    decision_paragraph: str
    registry_number: str
    registry_number_pattern: str


FUND = FundSpec(
    name="Södertälje kommuns sociala investeringsfond",
    slug="sodertalje",
    capital=Decimal("24000000.00"),
    decided_by="KF",
    decided_on=dt.date(2013, 2, 25),
    decision_paragraph="§ 7",
    registry_number="KS 14-87",
    registry_number_pattern="KS {yy}-{n}",
)

POLICY_VERSIONS = [
    # policy id, adopted on, body, paragraph, note
    ("sodertalje-2013", dt.date(2013, 2, 25), "KF", "§ 7", "Riktlinjer antagna av kommunfullmäktige."),
    # The 2015 changes are a proposal: the seed holds the tjänsteskrivelse to KF but no decision of KF, so
    # the data states no adoption date and the 2013 guidelines stay in force (issue 18).
    (
        "sodertalje-2015",
        None,
        None,
        "",
        "Förslaget i tjänsteskrivelsen 2015-10-26 (KS 14-87) till kommunfullmäktige. Underlaget visar inget "
        "beslut om att anta det, så det gäller inte: 2013 års riktlinjer gäller.",
    ),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    board: str | None = None
    office: str | None = None
    heads_office: str | None = None
    superuser: bool = False


# One demo user per role. Passwords are for the demo only: "demo-" + username.
USERS = [
    DemoUser("handlaggare", "Hanna", "Handläggare", "applicant", board="UN", office="UK"),
    DemoUser("kontorschef", "Karl", "Kontorschef", "office_head", office="UK", heads_office="UK"),
    DemoUser("beredning", "Berit", "Beredare", "preparation_group", office="Ksk/UoH"),
    DemoUser("stadsdirektor", "Stina", "Stadsdirektör", "city_director", office="Ksk"),
    DemoUser("yttrande", "Ylva", "Utskottssekreterare", "opinion_giver", office="Ksk"),
    DemoUser("registrator", "Rune", "Registrator", "registrar", office="Ksk"),
    DemoUser("ekonomi", "Eva", "Ekonom", "finance", office="Ksk/LEK"),
    DemoUser("lasare", "Lars", "Läsare", "reader"),
    DemoUser("admin", "Ada", "Administratör", "administrator", superuser=True),
]


def demo_password(username: str) -> str:
    return f"demo-{username}"


@dataclass(frozen=True)
class DemoInitiative:
    title: str
    initiator_name: str
    initiator_type: str
    stage: str
    status: str
    filed_on: dt.date
    summary: str
    lead_board: str | None = None
    partner_boards: list[str] = field(default_factory=list)
    withdrawal_reason: str = ""
    failed_rules: list[str] = field(default_factory=list)
    outcome_note: str = ""
    content: dict[str, Any] = field(default_factory=dict)
    signoffs: list[tuple[str, dt.date, str]] = field(default_factory=list)


# Familjecentraler: the one application that went to KS (PM 2015-11-04). The seed gives
# no figures; these are the demo's illustrative assumptions, built on the unit costs
# in the library (placement days at Helsingborg's 2015 cost, BBIC investigations).
FAMILY_CENTRES_CALCULATION: dict[str, Any] = {
    "title": "Familjecentraler",
    "description": "Demo: antagna belopp för illustration.",
    "start_year": 2016,
    "horizon": 10,
    "discount_rate": 0.035,
    "costs": [
        {"label": "Familjecentralens personal (projekttid)", "payer": "fund", "amounts": {2016: 900000, 2017: 900000}},
        {"label": "Lokaler (socialnämndens egen insats)", "payer": "SN", "amounts": {2016: 150000, 2017: 150000}},
    ],
    "effects": [
        {
            "label": "Färre placeringsdygn för barn och unga",
            "beneficiary": "SN",
            "sector": "municipal",
            "cashable": True,
            "unit_cost": "helsingborg_vardygn_ungdom_2015",
            "quantity": {2018: 300, 2019: 300, 2020: 300, 2021: 300},
            "deadweight": 0.25,
            "attribution": 0.10,
            "uncertainty": {"low": 0.5, "high": 1.3},
        },
        {
            "label": "Färre BBIC-utredningar (frigjord tid)",
            "beneficiary": "SN",
            "sector": "municipal",
            "cashable": False,
            "unit_cost": "bbic_utredning_2015",
            "quantity": {2017: 10, 2018: 12, 2019: 12},
            "deadweight": 0.25,
        },
        {
            "label": "Färre elever på introduktionsprogram",
            "beneficiary": "UN",
            "sector": "municipal",
            "cashable": True,
            "unit_cost": "introduktionsprogram_plats_ar_2018",
            "quantity": {2020: 2, 2021: 2, 2022: 2},
            "deadweight": 0.4,
        },
    ],
}

FAMILY_CENTRES_CONTENT: dict[str, Any] = {
    "target_groups": ["children"],
    "purpose": "develop_method",
    "beneficiaries": "target_group",
    "method": {
        "description": "Familjecentral där mödrahälsovård, barnhälsovård, öppen förskola och socialtjänst samverkar.",
        "research_references": ["Socialstyrelsen (2008): Familjecentraler – en kartläggning"],
        "documented": True,
    },
    "goals": [
        {"indicator": "Andel familjer som nås av förebyggande stöd", "baseline": 0.2, "target": 0.35, "unit": "andel"},
        {
            "indicator": "Placeringsdygn barn och unga",
            "baseline": 9000,
            "target": 8700,
            "unit": "dygn",
            "kind": "economic",
        },
    ],
    "evaluation": {"external_party": "Södertörns högskola", "standardized_instrument": False},
    "implementation_plan": "Familjecentralen blir ordinarie verksamhet inom socialnämnden efter projekttiden.",
    "procurement": {"supplier": None, "contract_value": None, "contract_months": None},
    "funding": {"requested": {"2016": "900000", "2017": "900000"}, "cofinancing_share": 0.0, "duration_months": 24},
    "calculation": FAMILY_CENTRES_CALCULATION,
}

EVALUATION_PERIOD = dt.date(2013, 10, 1)
YEAR_2014 = dt.date(2014, 6, 1)
YEAR_2015 = dt.date(2015, 3, 1)
DATE_NOTE = "Inkomstdatum ungefärligt: underlaget anger bara året."

INITIATIVES = [
    DemoInitiative(
        "Socialt företagande – en alternativ arbetsmarknad",
        "Samordningsförbundet i Södertälje",
        "public_body",
        "idea",
        "active",
        EVALUATION_PERIOD,
        "En arbetsmarknad med riktiga jobb för dem som inte kommer in på den ordinarie: sju sociala företag "
        "samordnade genom ett resurscenter.",
        outcome_note="Beredningsgruppen: delar av initiativet riktar sig till fondens målgrupper; kan på sikt "
        "minska kommunala kostnader. " + DATE_NOTE,
    ),
    DemoInitiative(
        "ACT – Acceptance and Commitment Training",
        "Le Liv",
        "sole_trader",
        "idea",
        "withdrawn",
        EVALUATION_PERIOD,
        "En kurs för unga 16–25 år i Ung i Täljes verksamhet som står utan egen försörjning.",
        withdrawal_reason="other",
        outcome_note="Besparingen hamnar främst hos Försäkringskassan (aktivitetsersättning). Initiativtagaren, "
        "ett enskilt företag, avbröt vid information om LOU; initiativet var inte förankrat på "
        "kontorschefsnivå. " + DATE_NOTE,
    ),
    DemoInitiative(
        "BarnkraftsHus",
        "Barnkraft",
        "association",
        "idea",
        "active",
        EVALUATION_PERIOD,
        "Ett hus för förebyggande och stärkande arbete mot sexuella övergrepp och trakasserier mot barn och unga.",
        outcome_note="Beredningsgruppen: riktar sig till fondens målgrupper; kräver djupare analys av effekterna. "
        + DATE_NOTE,
    ),
    DemoInitiative(
        "Inkludera Flera",
        "Inkludera Invest",
        "association",
        "idea",
        "active",
        EVALUATION_PERIOD,
        "Fångar upp motiverade ungdomar som tagit avstånd från en destruktiv närmiljö, i samarbete med "
        "Idrott utan Gränser.",
        outcome_note="Beredningsgruppen: riktar sig till fondens målgrupper; kräver djupare analys av effekterna. "
        + DATE_NOTE,
    ),
    DemoInitiative(
        "Mobilt team skola",
        "Utbildningskontoret och social- och omsorgskontoret",
        "office",
        "application",
        "withdrawn",
        EVALUATION_PERIOD,
        "Samverkan mellan UK, SK och KoF för att tidigt upptäcka problem hos elever i årskurs 4–7 med "
        "skolfrånvaro och tidiga sociala riskfaktorer.",
        lead_board="UN",
        partner_boards=["SN", "KFN"],
        withdrawal_reason="repayment_risk",
        outcome_note="Återkallad: nämnden kunde inte garantera besparingarna som återföringen krävde. " + DATE_NOTE,
    ),
    DemoInitiative(
        "Sänka korttidsfrånvaron hos medarbetare inom utbildningskontoret",
        "Ksk/Human Resources och utbildningskontoret",
        "office",
        "application",
        "withdrawn",
        EVALUATION_PERIOD,
        "Sänka lärarnas korttidsfrånvaro med minst 20 %: 27 137 fler lärartimmar om året.",
        lead_board="UN",
        withdrawal_reason="evaluation_burden",
        outcome_note="Återkallad: kraven på uppföljning och en högskola kopplad till projektet bedömdes för "
        "tidskrävande. " + DATE_NOTE,
    ),
    DemoInitiative(
        "Tjejhuset",
        "Södertälje Blåbandsförening",
        "association",
        "interest",
        "refused",
        EVALUATION_PERIOD,
        "Bidrag till Tjejhusets verksamhet.",
        failed_rules=["purpose"],
        outcome_note="Syftet var ett driftsbidrag till befintlig verksamhet, vilket fonden inte ger. " + DATE_NOTE,
    ),
    DemoInitiative(
        "Körkortsutbildning för ungdomar",
        "Telge Tillväxt",
        "municipal_company",
        "interest",
        "advised_against",
        EVALUATION_PERIOD,
        "Körkort för ungdomar i den egna verksamheten för att öka deras anställningsbarhet.",
        failed_rules=["equal_treatment", "purpose"],
        outcome_note="Strider mot likställighetsprincipen och uppfyller inte kravet på metodutveckling. " + DATE_NOTE,
    ),
    DemoInitiative(
        "OPUS",
        "Okänd i underlaget",
        "association",
        "application",
        "refused",
        YEAR_2014,
        "Ansökan avsåg finansiering av befintlig verksamhet.",
        failed_rules=["purpose"],
        outcome_note="Inte förenlig med fondens kriterier: finansiering av befintlig verksamhet. "
        "Underlaget anger inte initiativtagaren. " + DATE_NOTE,
    ),
    DemoInitiative(
        "Ung i Telge",
        "Okänd i underlaget",
        "office",
        "idea",
        "active",
        YEAR_2015,
        "Pågående diskussioner på kontorschefsnivå.",
        outcome_note=DATE_NOTE,
    ),
    DemoInitiative(
        "Familjecentraler",
        "Socialnämnden",
        "office",
        "decision",
        "active",
        YEAR_2015,
        "Ansökan till kommunstyrelsen.",
        lead_board="SN",
        partner_boards=["UN"],
        outcome_note="Pågående ansökan till KS (PM 2015-11-04). Ansvarig nämnd, innehåll och kalkyl är demons "
        "antaganden: underlaget anger bara att ansökan gått till KS. " + DATE_NOTE,
        content=FAMILY_CENTRES_CONTENT,
        signoffs=[("office_head", dt.date(2015, 2, 2), ""), ("board", dt.date(2015, 2, 18), "SN § 31 (antaget)")],
    ),
    DemoInitiative(
        "Projekt 100",
        "Okänd i underlaget",
        "office",
        "idea",
        "active",
        YEAR_2015,
        "Pågående ansökan, idéskiss inlämnad.",
        outcome_note=DATE_NOTE,
    ),
]
