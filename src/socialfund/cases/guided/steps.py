"""The steps of the guided application, which stage needs which, and the help shown beside each.

Each step serves some of the policy's rules; beside its questions the page shows
those rules' guideline text and plain explanation (from the policy), and a short
example drawn from the seed's cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from socialfund.core.casemachine import StageForm, stage_form
from socialfund.core.policy import Policy

# Which of the forms a stage uses (the policy's stage decides: socialfund.core.casemachine.stage_form).
ALL_STAGES: tuple[StageForm, ...] = ("short", "sketch", "full")
IDEA_ON: tuple[StageForm, ...] = ("sketch", "full")
APPLICATION: tuple[StageForm, ...] = ("full",)


@dataclass(frozen=True)
class Step:
    code: str
    title: str | Promise  # translated when shown
    rules: tuple[str, ...]
    stages: tuple[StageForm, ...]
    """The forms the step belongs to."""
    example: str | Promise


STEPS: tuple[Step, ...] = (
    Step(
        "behov",
        _("Behov och sammanfattning"),
        ("purpose", "needs_analysis"),
        ALL_STAGES,
        _(
            "Exempel (Mobilt team skola): Elever i årskurs 4–7 med skolfrånvaro och tidiga sociala riskfaktorer "
            "upptäcks sent. 2014 hade 12 % av eleverna hög frånvaro (egen statistik från elevhälsan)."
        ),
    ),
    Step(
        "malgrupp",
        _("Målgrupp och syfte"),
        ("target_group", "purpose", "equal_treatment"),
        ALL_STAGES,
        _(
            "Exempel: barn och unga i årskurs 4–7 (målgrupp), en ny samverkansmetod (syfte), alla elever som uppfyller "
            "kriterierna (inte utvalda individer – Körkortsutbildning avslogs för att den gynnade vissa ungdomar)."
        ),
    ),
    Step(
        "metod",
        _("Metod och kunskapsbas"),
        ("evidence",),
        IDEA_ON,
        _(
            "Exempel: ”Mobila team i skolan” med referens till forskning om tidiga insatser. Är metoden dokumenterad "
            "följs metodtroheten upp; är den ny krävs en starkare uppföljning."
        ),
    ),
    Step(
        "samverkan",
        _("Samverkan och förankring"),
        ("partnership", "anchoring", "applicant"),
        IDEA_ON,
        _(
            "Exempel: UN ansöker, SN och KFN samverkar. Förankra tidigt hos kontorschefen och nämnden – i Södertälje "
            "stoppades flera idéer sent för att de inte var förankrade."
        ),
    ),
    Step(
        "mal",
        _("Mål och indikatorer"),
        ("goals",),
        APPLICATION,
        _(
            "Exempel: Sänka korttidsfrånvaron med minst 20 % (utgångsvärde och målvärde), vilket ger 27 137 fler "
            "lärartimmar om året – ett socialt och ett ekonomiskt mål."
        ),
    ),
    Step(
        "utvardering",
        _("Uppföljning och utvärdering"),
        ("evaluation",),
        APPLICATION,
        _(
            "Exempel: Södertörns högskola utvärderar, eller ett standardiserat bedömningsinstrument där riktlinjerna "
            "tillåter det. Utvärderingens kostnad kan tas ur fonden."
        ),
    ),
    Step(
        "implementering",
        _("Implementering"),
        ("implementation",),
        APPLICATION,
        _("Exempel: Teamet blir en del av elevhälsan efter projekttiden och finansieras av de minskade kostnaderna."),
    ),
    Step(
        "upphandling",
        _("Externa aktörer och upphandling"),
        ("procurement",),
        IDEA_ON,
        _(
            "Exempel: ACT (en enskild firma) kunde inte få uppdraget direkt: över direktupphandlingsgränsen ska tjänsten "
            "upphandlas i öppen konkurrens, och den som hade idén är inte säker på att vinna."
        ),
    ),
    Step(
        "budget",
        _("Budget och medfinansiering"),
        ("amount_cap", "cofinancing", "duration"),
        APPLICATION,
        _("Exempel: 600 000 kr 2016 och 600 000 kr 2017 ur fonden, 24 månader."),
    ),
    Step(
        "kalkyl",
        _("Socioekonomisk beräkning"),
        ("calculation", "repayment"),
        APPLICATION,
        _(
            "Exempel: Färre placeringsdygn på HVB hos SN (3 201 kr/dygn, Helsingborg 2015) och färre elever på "
            "introduktionsprogram hos UN. Besparingar hos Försäkringskassan räknas inte för återföringen."
        ),
    ),
    Step("granska", _("Granska och lämna in"), (), ALL_STAGES, ""),
)

STEPS_BY_CODE = {step.code: step for step in STEPS}


def steps_for_form(form: StageForm) -> tuple[Step, ...]:
    return tuple(step for step in STEPS if form in step.stages)


def steps_for(stage: str, policy: Policy) -> tuple[Step, ...]:
    """The steps an initiative at this stage of its policy fills in (an interest registration is short)."""
    return steps_for_form(stage_form(policy, stage))
