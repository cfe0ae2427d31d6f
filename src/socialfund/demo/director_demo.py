"""A case at the city director's step, so that the 2013 guidelines' whole path can be tried in the demo.

Under the 2013 guidelines (in force in the demo) the preparation group hands a prepared application to
the city director for approval before hållbarhetsutskottet and the boards give their opinions. The seed
records no case at that step (its cases stop at idea, withdrawal, refusal, or the application to KS), so
the demo's city director would have nothing to do. This module adds one case waiting there.

Everything about the case is the demo's assumption, not the seed's: its title, the boards, the dates, the
application and its calculation. The case says so in an internal comment (seen by officials on the case
page, never printed in a document the municipality files: documents print no comments), not in a field that
documents print. Loaded with plain writes keyed on the title, as the rest of the demo, so loading twice gives
the same rows.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from socialfund.accounts.models import User
from socialfund.cases.codes import CommentVisibility
from socialfund.cases.models import Comment, Initiative, Signoff
from socialfund.cases.workflow import policy_id_in_force
from socialfund.core import casemachine
from socialfund.core.policy import load_policy
from socialfund.demo.sodertalje import FAMILY_CENTRES_CONTENT
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board
from socialfund.reports.official import WHOLE_CASE

TITLE = "Läsfrämjande i förskolan"
FILED_ON = dt.date(2015, 9, 14)
ASSUMPTION = (
    "Demons antagande: detta ärende finns inte i underlaget. Det är påhittat för att stadsdirektörens steg "
    "(riktlinjerna 2013) ska gå att prova: titel, nämnder, datum, ansökan och kalkyl är antagna."
)
MEMO = (
    "Beredningsgruppen har prövat ansökan mot riktlinjerna. Insatsen riktar sig till barn i förskoleåldern, "
    "utvecklar ett nytt arbetssätt i samverkan mellan utbildningsnämnden och socialnämnden och har en "
    "socioekonomisk kalkyl. Beredningsgruppen föreslår att ansökan lämnas till stadsdirektören för godkännande."
)


def _content() -> dict[str, Any]:
    """The demo's application: the shape of the Familjecentraler application, with the reading effort's own
    method, goal and costs (all assumed)."""
    answers = copy.deepcopy(FAMILY_CENTRES_CONTENT)
    answers["method"] = {
        "description": "Språkförskola: pedagoger och bibliotek arbetar med högläsning och samtal i små grupper.",
        "research_references": ["Skolverket (2016): Läsa, skriva, räkna – en garanti för tidiga stödinsatser"],
        "documented": True,
    }
    answers["goals"] = [
        {"indicator": "Andel barn med åldersadekvat språkutveckling", "baseline": 0.7, "target": 0.8, "unit": "andel"},
        answers["goals"][1],
    ]
    answers["implementation_plan"] = "Arbetssättet blir ordinarie verksamhet i förskolan efter projekttiden."
    calculation = copy.deepcopy(answers["calculation"])
    calculation["title"] = TITLE
    calculation["costs"] = [
        {"label": "Språkpedagoger (projekttid)", "payer": "fund", "amounts": {2016: 900000, 2017: 900000}},
        {"label": "Lokaler (utbildningsnämndens egen insats)", "payer": "UN", "amounts": {2016: 150000, 2017: 150000}},
    ]
    answers["calculation"] = calculation
    return answers


def load_director_case(fund: Fund, users: dict[str, User]) -> Initiative | None:
    """The prepared application waiting for the city director, at the stage the guidelines in force give the city
    director (None where they have no such stage)."""
    policy_id = policy_id_in_force(fund, FILED_ON)
    policy = load_policy(policy_id)
    stage = next(
        (s.code for s in policy.stages if casemachine.acting_role(policy, s.code) == casemachine.CITY_DIRECTOR), None
    )
    if stage is None:
        return None
    boards = {b.code: b for b in Board.objects.filter(organisation=fund.organisation, code__in=["UN", "SN"])}
    initiative, _ = Initiative.objects.update_or_create(
        fund=fund,
        title=TITLE,
        defaults={
            "policy_id": policy_id,
            "content": _content(),
            "initiator_name": "Utbildningsnämnden",
            "initiator_type": "office",
            "stage": stage,
            "status": "active",
            "filed_on": FILED_ON,
            "summary": "Högläsning och samtal i små grupper för barn i förskolan, i samverkan med socialnämnden.",
            "lead_board": boards["UN"],
            "preparation_memo": MEMO,
            # The seed has no such case: the April report and other counts of the fund's cases leave it out.
            "demo_assumed": [WHOLE_CASE],
            "demo_note": "Hela ärendet är demonstrationens eget, så att stadsdirektörens skrivbord har ett ärende.",
        },
    )
    initiative.partner_boards.set([boards["SN"]])
    for kind, signed_on, reference, recorder in (
        ("office_head", dt.date(2015, 6, 1), "", users["kontorschef"]),
        ("board", dt.date(2015, 8, 26), "UN § 88", users["registrator"]),
    ):
        Signoff.objects.update_or_create(
            initiative=initiative,
            kind=kind,
            defaults={"signed_on": signed_on, "reference": reference, "recorded_by": recorder},
        )
    Comment.objects.update_or_create(
        initiative=initiative,
        text=ASSUMPTION,
        defaults={"author": users["beredning"], "visibility": CommentVisibility.INTERNAL},
    )
    return initiative
