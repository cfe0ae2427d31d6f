"""What the seed (Södertälje, KS 14-87, 2014–2015) tells us, as demo data.

Facts are from the seed; where the seed is silent the demo says so:
- Board names: the seed spells out only omsorgsnämnden, socialnämnden and
  äldreomsorgsnämnden; the other boards are known by their abbreviations only (ALN, Enh,
  KFN, MN, SBN, TN, VM), and their name is left empty: the interface says the code is an
  abbreviation whose full name is missing, and the fund's administrator fills the names in
  (Nämndernas namn). The demo names UN after its office, an assumption it marks
  (BOARD_NOTES) and no document prints.
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
    # The seed names the education office (Utbildningskontoret, UK) and "UN" but never spells the board out;
    # the demo names it after its office.
    ("UN", "Utbildningsnämnden", "education"),
    ("VM", "", ""),
    ("ÄON", "Äldreomsorgsnämnden", "elderly_care"),
    # Kommunstyrelsen is also a board: its office (Ksk, with HR) took part in "Sänka korttidsfrånvaron".
    ("KS", "Kommunstyrelsen", ""),
]
# What the demo assumes about a board where the seed is silent (Board.demo_note: shown, never printed).
BOARD_NOTES = {
    "UN": "Namnet är demonstrationens antagande: underlaget skriver bara UN och Utbildningskontoret (UK).",
}

# Offices the seed names; `boards` links an office to the boards it works for
# (the demo's assumption, so that anchoring has an office head to go to).
OFFICES = [
    # code, name, parent code, boards
    ("Ksk", "Kommunstyrelsens kontor", None, ["KS"]),
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
    further_withdrawal_reasons: list[str] = field(default_factory=list)
    failed_rules: list[str] = field(default_factory=list)
    outcome_note: str = ""
    content: dict[str, Any] = field(default_factory=dict)
    signoffs: list[tuple[str, dt.date, str]] = field(default_factory=list)
    demo_note: str = ""
    """What the demo assumes where the seed is silent: shown on the case page, never in a document."""
    demo_assumed: list[str] = field(default_factory=list)
    """Parts of the application the demo made up (content keys, "signoffs"): documents leave them out."""
    history: list[tuple[dt.date, str, str, str]] = field(default_factory=list)
    """(date, status, stage, what happened): the case's dated steps, so that a report for an earlier year
    shows what was known then (see `record_history`)."""


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
# "Åtta initiativ har behandlats av beredningsgruppen under utvärderingens period, till den sista februari
# 2014": the outcomes the evaluation reports were known by then.
EVALUATION_CUTOFF = dt.date(2014, 2, 28)
YEAR_2014 = dt.date(2014, 6, 1)
YEAR_2015 = dt.date(2015, 3, 1)
DATE_NOTE = "Inkomstdatum ungefärligt: underlaget anger bara året."
CUTOFF_NOTE = "Utfallet är daterat till utvärderingens brytdag 2014-02-28; underlaget anger inte dagen. " + DATE_NOTE
# "I båda initiativen anger man kravet på återföring som en huvudanledning … Ett projekt beskrev att … nämnden
# skulle stå med en skuld som inte kunde återbetalas. Ett annat bedömde att kraven på uppföljning … var för
# stora" and "De två initiativ från förvaltningen anger utvärderingen som ett skäl": both gave both reasons;
# the seed does not say which project feared the debt, so neither case is given that fear.
INTERNAL_WITHDRAWAL = (
    "Initiativtagarna angav kravet på återföring som en huvudanledning och kraven på uppföljning och "
    "utvärdering som ett skäl. Av de två återkallade initiativen från förvaltningen befarade det ena en skuld "
    "som nämnden inte kunde återbetala; det andra bedömde kraven på uppföljning och en högskola kopplad till "
    "projektet som för tidskrävande. Underlaget anger inte vilket som var vilket."
)


def _filed(on: dt.date, stage: str) -> tuple[dt.date, str, str, str]:
    return (on, "active", stage, "Initiativet inkom till beredningsgruppen.")


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
        "minska kommunala kostnader och bli en reguljär verksamhet med egen finansiering.",
        demo_note=DATE_NOTE,
        history=[_filed(EVALUATION_PERIOD, "idea")],
    ),
    # ACT twice, as the seed has it: an idea sketch in the first year, and a new interest in 2014 (PM 1.2).
    DemoInitiative(
        "ACT – Acceptance and Commitment Training",
        "Le Liv",
        "sole_trader",
        "idea",
        "active",
        EVALUATION_PERIOD,
        "En kurs för unga 16–25 år i Ung i Täljes verksamhet som står utan egen försörjning.",
        outcome_note="Beredningsgruppen: målgruppen kan vara rätt, men initiativet bör söka deltagare på annat "
        "sätt än enbart inom Ung i Tälje. En framgångsrik insats minskar kostnaden främst hos "
        "Försäkringskassan (aktivitetsersättning).",
        demo_note="Underlaget säger inget om idéskissen efter 2014-02-28; den står kvar som pågående. " + DATE_NOTE,
        history=[_filed(EVALUATION_PERIOD, "idea")],
    ),
    DemoInitiative(
        "BarnkraftsHus",
        "Barnkraft",
        "association",
        "idea",
        "active",
        EVALUATION_PERIOD,
        "Ett hus för förebyggande och stärkande arbete mot sexuella övergrepp och trakasserier mot barn och unga.",
        outcome_note="Beredningsgruppen: riktar sig till fondens målgrupper; kräver djupare analys av effekterna.",
        demo_note=DATE_NOTE,
        history=[_filed(EVALUATION_PERIOD, "idea")],
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
        outcome_note="Beredningsgruppen: riktar sig till fondens målgrupper; kräver djupare analys av effekterna.",
        demo_note=DATE_NOTE,
        history=[_filed(EVALUATION_PERIOD, "idea")],
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
        further_withdrawal_reasons=["evaluation_burden"],
        outcome_note="Beredningsgruppen: riktade sig till fondens målgrupper; hade förutsättningar att på sikt "
        "minska kommunala kostnader inom skolan och för externa placeringar och att bli en reguljär verksamhet "
        "med kostnadsminskningarna som finansiering. " + INTERNAL_WITHDRAWAL,
        demo_note=CUTOFF_NOTE,
        history=[
            _filed(EVALUATION_PERIOD, "application"),
            (EVALUATION_CUTOFF, "withdrawn", "application", "Initiativtagarna drog tillbaka initiativet."),
        ],
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
        partner_boards=["KS"],
        withdrawal_reason="repayment_risk",
        further_withdrawal_reasons=["evaluation_burden"],
        outcome_note="Beredningsgruppen: riktade sig till fondens målgrupper på ett indirekt, men godtagbart, "
        "sätt; krävde djupare analys av effekterna för elevernas resultat. " + INTERNAL_WITHDRAWAL,
        demo_note=CUTOFF_NOTE,
        history=[
            _filed(EVALUATION_PERIOD, "application"),
            (EVALUATION_CUTOFF, "withdrawn", "application", "Initiativtagarna drog tillbaka initiativet."),
        ],
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
        outcome_note="Syftet var ett driftsbidrag till befintlig verksamhet, vilket fonden inte ger.",
        demo_note=CUTOFF_NOTE,
        history=[
            _filed(EVALUATION_PERIOD, "interest"),
            (EVALUATION_CUTOFF, "refused", "interest", "Beredningsgruppen avvisade initiativet."),
        ],
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
        outcome_note="Strider mot likställighetsprincipen och uppfyller inte kravet på metodutveckling.",
        demo_note=CUTOFF_NOTE,
        history=[
            _filed(EVALUATION_PERIOD, "interest"),
            (EVALUATION_CUTOFF, "advised_against", "interest", "Beredningsgruppen avrådde från initiativet."),
        ],
    ),
    DemoInitiative(
        "ACT – intresseanmälan 2014",
        "Le Liv",
        "sole_trader",
        "interest",
        "withdrawn",
        YEAR_2014,
        "Ett enskilt företag som sökande.",
        withdrawal_reason="procurement",
        further_withdrawal_reasons=["not_anchored"],
        outcome_note="Initiativtagaren avbröt vid information om LOU; initiativet var inte förankrat på "
        "kontorschefsnivå.",
        demo_note="Underlaget anger inte när initiativtagaren avbröt; demonstrationen daterar det till "
        "inkomstdagen. " + DATE_NOTE,
        history=[
            _filed(YEAR_2014, "interest"),
            (YEAR_2014, "withdrawn", "interest", "Initiativtagaren avbröt vid information om LOU."),
        ],
    ),
    DemoInitiative(
        "OPUS",
        "Okänd i underlaget",
        "unknown",
        "interest",
        "refused",
        YEAR_2014,
        "Ansökan avsåg finansiering av befintlig verksamhet.",
        failed_rules=["purpose"],
        outcome_note="Inte förenlig med fondens kriterier: medel avsåg finansiering av befintlig verksamhet.",
        demo_note="Underlaget anger inte initiativtagaren eller när initiativet avvisades. " + DATE_NOTE,
        history=[
            _filed(YEAR_2014, "interest"),
            (YEAR_2014, "refused", "interest", "Beredningsgruppen avvisade initiativet."),
        ],
    ),
    DemoInitiative(
        "Ung i Telge",
        "Okänd i underlaget",
        "office",
        "idea",
        "active",
        YEAR_2015,
        "Pågående diskussioner på kontorschefsnivå.",
        demo_note="Typen av initiativtagare är demonstrationens antagande. " + DATE_NOTE,
        history=[_filed(YEAR_2015, "idea")],
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
        outcome_note="Pågående ansökan till kommunstyrelsen (PM 2015-11-04): den enda formella ansökan sedan 2013.",
        demo_note="Ansvarig nämnd, samverkande nämnd, belopp, kalkyl, mål, utvärderare och förankringar är "
        "demonstrationens antaganden (byggda på enhetskostnaderna i biblioteket): underlaget anger bara att "
        "ansökan gått till kommunstyrelsen. Datumen för stegen är också antagna. " + DATE_NOTE,
        demo_assumed=[*FAMILY_CENTRES_CONTENT, "signoffs", "lead_board", "initiator"],
        content=FAMILY_CENTRES_CONTENT,
        signoffs=[("office_head", dt.date(2015, 2, 2), ""), ("board", dt.date(2015, 2, 18), "SN § 31 (antaget)")],
        history=[
            _filed(YEAR_2015, "application"),
            (dt.date(2015, 10, 26), "active", "decision", "Ansökan lämnades till kommunstyrelsen för beslut."),
        ],
    ),
    DemoInitiative(
        "Projekt 100",
        "Okänd i underlaget",
        "office",
        "idea",
        "active",
        YEAR_2015,
        "Pågående ansökan, idéskiss inlämnad.",
        demo_note="Typen av initiativtagare är demonstrationens antagande. " + DATE_NOTE,
        history=[_filed(YEAR_2015, "idea")],
    ),
]
