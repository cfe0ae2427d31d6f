"""The case machine's actions performed from plain data (the API's `POST …/actions/{code}`, the per-policy walks).

`perform` reads the fields an action needs (as the machine lists them), refuses bad input with a Swedish
message at the field, and calls the same service the case page calls, so the refusals are the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.cases import flow_services, machine, services
from socialfund.cases.codes import OpinionPosition
from socialfund.cases.errors import CasePermissionDenied, CaseStateError, CaseValidationError
from socialfund.cases.models import Initiative
from socialfund.core import casemachine
from socialfund.organisation.models import Board, DecisionBody

Data = Mapping[str, Any]


def _text(data: Data, name: str, *, required: bool = False) -> str:
    value = data.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise CaseValidationError(_("Ska vara text."), field=name)
    if required and not value.strip():
        raise CaseValidationError(_("Fältet måste fyllas i."), field=name)
    return value


def _date(data: Data, name: str) -> dt.date:
    value = data.get(name)
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise CaseValidationError(_("Ange ett datum (ÅÅÅÅ-MM-DD)."), field=name) from exc


def _amounts(data: Data) -> dict[int, Decimal]:
    raw = data.get("amounts") or {}
    if not isinstance(raw, Mapping):
        raise CaseValidationError(_('Ange belopp per år, t.ex. {"2026": "500000"}.'), field="amounts")
    amounts: dict[int, Decimal] = {}
    for year, amount in raw.items():
        try:
            amounts[int(year)] = Decimal(str(amount))
        except (ValueError, InvalidOperation) as exc:
            raise CaseValidationError(_("%(year)s: ogiltigt belopp.") % {"year": year}, field="amounts") from exc
    return amounts


def _executive(initiative: Initiative) -> DecisionBody:
    body = DecisionBody.objects.filter(organisation_id=initiative.fund.organisation_id, kind="executive").first()
    if body is None:
        raise CaseStateError(_("Organisationen har ingen styrelse som fattar beslutet."))
    return body


def _opinion_giver(initiative: Initiative, code: str) -> tuple[DecisionBody | None, Board | None]:
    organisation = initiative.fund.organisation_id
    body = DecisionBody.objects.filter(organisation_id=organisation, code=code).first()
    if body is not None:
        return body, None
    board = Board.objects.filter(organisation_id=organisation, code=code).first()
    if board is None:
        raise CaseValidationError(_("Okänt utskott eller nämnd: %(code)s.") % {"code": code}, field="giver")
    return None, board


def _submit(i: Initiative, u: User, d: Data) -> object:
    return services.initiative_submit(initiative=i, user=u)


def _opinion(i: Initiative, u: User, d: Data) -> object:
    body, board = _opinion_giver(i, _text(d, "giver", required=True))
    return services.opinion_register(
        initiative=i,
        user=u,
        position=_text(d, "position", required=True),
        decided_on=_date(d, "decided_on"),
        summary=_text(d, "summary"),
        paragraph=_text(d, "paragraph"),
        body=body,
        board=board,
    )


def _decide(i: Initiative, u: User, d: Data) -> object:
    return services.decision_register(
        initiative=i,
        user=u,
        body=_executive(i),
        decided_on=_date(d, "decided_on"),
        paragraph=_text(d, "paragraph"),
        outcome=_text(d, "outcome", required=True),
        text=_text(d, "text"),
        conditions=_text(d, "conditions"),
        amounts=_amounts(d),
    )


def _refuse(i: Initiative, u: User, d: Data) -> object:
    rules = d.get("rule_ids") or []
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise CaseValidationError(_("Ange reglerna som en lista."), field="rule_ids")
    return services.initiative_refuse(initiative=i, user=u, rule_ids=rules, note=_text(d, "note"))


PERFORMERS: dict[str, Callable[[Initiative, User, Data], object]] = {
    "submit": _submit,
    "return_for_completion": lambda i, u, d: flow_services.initiative_return_for_completion(
        initiative=i, user=u, missing=_text(d, "missing")
    ),
    "prepare": lambda i, u, d: services.preparation_complete(initiative=i, user=u, memo=_text(d, "memo")),
    "approve": lambda i, u, d: services.director_approve(initiative=i, user=u, note=_text(d, "note")),
    "opinion": _opinion,
    "opinions_complete": lambda i, u, d: services.opinions_complete(initiative=i, user=u),
    "stage_decision": lambda i, u, d: flow_services.stage_decision_register(
        initiative=i, user=u, decided_on=_date(d, "decided_on"), paragraph=_text(d, "paragraph"), note=_text(d, "note")
    ),
    "stage_complete": lambda i, u, d: flow_services.stage_complete(initiative=i, user=u, note=_text(d, "note")),
    "decide": _decide,
    "signoff": lambda i, u, d: services.signoff_record(
        initiative=i,
        user=u,
        kind=_text(d, "kind", required=True),
        signed_on=_date(d, "signed_on"),
        reference=_text(d, "reference"),
    ),
    "assess": lambda i, u, d: services.assessment_record(
        initiative=i,
        user=u,
        rule_id=_text(d, "rule_id", required=True),
        verdict=_text(d, "verdict", required=True),
        note=_text(d, "note"),
    ),
    "sponsor": lambda i, u, d: services.initiative_sponsor(initiative=i, user=u),
    "withdraw": lambda i, u, d: services.initiative_withdraw(
        initiative=i, user=u, reason=_text(d, "reason", required=True), note=_text(d, "note")
    ),
    "refuse": _refuse,
    "advise_against": lambda i, u, d: services.initiative_advise_against(initiative=i, user=u, note=_text(d, "note")),
    "hold": lambda i, u, d: services.initiative_hold(initiative=i, user=u, note=_text(d, "note")),
    "resume": lambda i, u, d: services.initiative_resume(initiative=i, user=u),
}


def perform(initiative: Initiative, user: User, code: str, data: Data) -> None:
    """Perform an action the machine knows; the service decides, with its own refusals."""
    if code not in casemachine.ACTIONS or code not in PERFORMERS:
        raise CaseValidationError(_("Okänd åtgärd: %(code)s.") % {"code": code}, field="code")
    if not machine.may(user, initiative, code):
        # Refused before the fields are read: whose step it is decides, not whether the form was filled in.
        if user.role_codes & casemachine.ACTION_ROLES.get(code, frozenset()):
            raise CaseStateError(_("Ärendet är inte i ett steg där den åtgärden går att göra."))
        raise CasePermissionDenied(_("Den åtgärden är inte din att göra i ärendet nu."))
    PERFORMERS[code](initiative, user, data)


def _giver_choices(initiative: Initiative) -> list[tuple[str, str]]:
    """Whom an opinion may come from, as the case page offers them: the organisation's committees, then its
    boards, by the code `_opinion_giver` looks up (a committee's code wins over a board's with the same code)."""
    organisation = initiative.fund.organisation_id
    bodies = DecisionBody.objects.filter(organisation_id=organisation, kind="committee")
    boards = Board.objects.filter(organisation_id=organisation)
    return [(body.code, body.name) for body in bodies] + [(board.code, board.name) for board in boards]


# The values a choice field takes, for the fields whose list is known here; an API client sends the code.
CHOICES: dict[tuple[str, str], Callable[[Initiative], list[tuple[str, str]]]] = {
    ("opinion", "giver"): _giver_choices,
    ("opinion", "position"): lambda initiative: [(str(code), str(label)) for code, label in OpinionPosition.choices],
}


def _choices(action: str, field: str, initiative: Initiative) -> list[dict[str, str]]:
    list_of = CHOICES.get((action, field))
    return [{"code": code, "label": label} for code, label in list_of(initiative)] if list_of else []


def offered(user: User, initiative: Initiative) -> list[dict[str, Any]]:
    """What the user may do on the case now: code, label, the fields it needs (with the codes a choice field
    takes, where known), and whether its gate passes."""
    return [
        {
            "code": available.code,
            "label": machine.action_label(available.spec),
            "fields": [
                {
                    "name": f.name,
                    "label": f.label_sv,
                    "kind": f.kind,
                    "required": f.required,
                    "choices": _choices(available.code, f.name, initiative),
                }
                for f in available.spec.fields
            ],
            "ready": available.passes,
            "blocked_by": available.gate.reason_sv(),
        }
        for available in machine.available_actions(user, initiative)
    ]
