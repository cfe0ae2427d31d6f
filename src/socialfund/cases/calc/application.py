"""The whole application as a reader sees it: every guided step's answers under the step's own labels.

The labels and the shown values come from the guided steps' forms (the same words the
applicant answered), so the read-only view never drifts from the questions asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Model
from django.utils.translation import gettext

from socialfund.cases.guided.forms import FORMS, PartnersForm
from socialfund.cases.guided.steps import Step, steps_for
from socialfund.cases.models import Initiative
from socialfund.cases.workflow import policy_for
from socialfund.organisation.models import Board

SKIPPED_STEPS = ("kalkyl", "granska")  # the calculation has its own section; the review step asks nothing


@dataclass(frozen=True)
class Answer:
    label: str
    value: str


@dataclass(frozen=True)
class StepAnswers:
    step: Step
    answers: list[Answer]


def _shown(field: forms.Field, value: Any) -> str:
    """A stored answer as words: a choice by its label, a list one per line, yes/no, a board by name."""
    if value in (None, "", [], ()):
        return "–"
    if isinstance(value, bool):
        return gettext("Ja") if value else gettext("Nej")
    if isinstance(field, forms.BooleanField):
        return gettext("Ja") if value else gettext("Nej")
    values = list(value) if isinstance(value, list | tuple | set) else [value]
    choices = dict(getattr(field, "choices", None) or []) if not isinstance(field, forms.ModelChoiceField) else {}
    shown = []
    for single in values:
        if isinstance(single, Board):
            shown.append(single.name or single.code)
        elif isinstance(single, Model):
            shown.append(str(single))
        else:
            shown.append(str(choices.get(single, choices.get(str(single), single))))
    return "\n".join(shown)


def application_answers(initiative: Initiative) -> list[StepAnswers]:
    """Each step for the case's stage, with every question and its saved answer."""
    result: list[StepAnswers] = []
    for step in steps_for(initiative.stage, policy_for(initiative)):
        if step.code in SKIPPED_STEPS or step.code not in FORMS:
            continue
        form_class = FORMS[step.code]
        kwargs: dict[str, Any] = {"initial": form_class.initial_for(initiative)}
        if form_class is PartnersForm:
            kwargs["boards"] = Board.objects.filter(organisation_id=initiative.fund.organisation_id)
        form = form_class(**kwargs)
        answers = [
            Answer(str(form.fields[name].label or name), _shown(form.fields[name], form.initial.get(name)))
            for name in form.fields
            # The partners step's empty rows (there to add a party) are no answer.
            if name != "version" and not (name.startswith("partner_") and not form.initial.get(name))
        ]
        result.append(StepAnswers(step, answers))
    return result
