"""The fund's open cases screened under the version each was filed under and under a proposal."""

from __future__ import annotations

from django.utils import timezone

from socialfund.cases.models import Initiative
from socialfund.cases.screening import initiative_as_file, is_open
from socialfund.cases.workflow import policy_if_any
from socialfund.core.policy.errors import InputError
from socialfund.core.screening import parse_initiative
from socialfund.funds.models import Fund
from socialfund.guidelines.comparison import CaseEffect, Screened, Versions, content_key, effect


def open_case_effects(fund: Fund, versions: Versions) -> list[CaseEffect]:
    cases = (
        Initiative.objects.filter(fund=fund)
        .select_related("fund", "lead_board")
        .prefetch_related("signoffs", "assessments", "partner_boards")
        .order_by("registry_number", "pk")
    )
    effects = []
    for initiative in cases:
        if not is_open(initiative):
            continue
        name = f"{initiative.registry_number} {initiative.title}".strip()
        current = policy_if_any(initiative)
        as_file = initiative_as_file(initiative)
        try:
            parsed = parse_initiative(as_file)
        except InputError:
            problem = Screened("kan inte prövas: uppgifterna är ofullständiga", {})
            effects.append(CaseEffect(name, "Öppet ärende", problem, problem, ()))
            continue
        if current is None:
            continue
        on = initiative.filed_on or timezone.localdate()
        effects.append(effect(name, "Öppet ärende", parsed, current, versions, on, content_key(as_file)))
    return effects
