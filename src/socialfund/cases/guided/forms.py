"""One form per step. Each reads its part of the application from a case and writes it back.

`initial_for(initiative)` gives the step's current values, read from the typed application
(`core/application.py`, through `cases.content.application_of`), never from the stored dict's keys; `apply(content, cleaned)`
returns the content with the step's part replaced. Nothing outside the step's part
changes, so saving one step never loses another's answers.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import Any, ClassVar, cast, get_args

from django import forms
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from socialfund.cases.content import application_of
from socialfund.cases.forms import (
    BENEFICIARIES,
    PURPOSES,
    TARGET_GROUPS,
    SwedishForm,
    parse_year_amounts,
)
from socialfund.cases.models import Initiative
from socialfund.core.application import Application
from socialfund.core.money import MoneyError, parse_amount
from socialfund.core.policy.vocabulary import PARTY_TYPE_LABELS, PartyType
from socialfund.core.screening.screening_input import EvaluationPlan, Goal, Method, ProcurementPlan
from socialfund.organisation.forms import BoardCheckboxes
from socialfund.organisation.models import Board


class StepForm(SwedishForm):
    """A step: its fields plus the draft's version, to catch two people editing at once."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    model_fields: ClassVar[tuple[str, ...]] = ()  # fields stored on the Initiative itself

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        return {"version": initiative.version}

    @staticmethod
    def answers(initiative: Initiative) -> Application:
        """The case's answers as the typed application (an old draft's unparsable fields left out and listed
        on the page as problems)."""
        return application_of(initiative).application

    def apply(self, content: dict[str, Any]) -> dict[str, Any]:
        return content


class NeedForm(StepForm):
    title = forms.CharField(label=_("Insatsens namn"), max_length=200)
    summary = forms.CharField(
        label=_("Sammanfattning"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Vad vill ni göra, för vilka och varför? Några meningar."),
    )
    need = forms.CharField(
        label=_("Problem och behov"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10000,
        help_text=_("Beskriv behovet med statistik: egen verksamhetsstatistik eller nyckeltal från Kolada."),
    )
    need_data = forms.CharField(
        label=_("Källor till statistiken (en per rad)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    model_fields = ("title", "summary")

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        needs = cls.answers(initiative).needs_analysis
        return super().initial_for(initiative) | {
            "title": initiative.title,
            "summary": initiative.summary,
            "need": needs.description if needs else "",
            "need_data": "\n".join(needs.data if needs else ()),
        }

    def apply(self, content: dict[str, Any]) -> dict[str, Any]:
        need = self.cleaned_data.get("need") or ""
        data = [line.strip() for line in (self.cleaned_data.get("need_data") or "").splitlines() if line.strip()]
        content["needs_analysis"] = {"description": need, "data": data} if need.strip() else None
        return content


class TargetForm(StepForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Målgrupp"), choices=TARGET_GROUPS, widget=forms.CheckboxSelectMultiple
    )
    reached_through = forms.CharField(
        label=_("Vuxna som insatsen går genom (om någon)"),
        required=False,
        max_length=500,
        help_text=_("T.ex. lärare eller föräldrar. Insatser för vuxna godtas när målen gäller barnen och de unga."),
    )
    purpose = forms.ChoiceField(label=_("Syfte"), choices=[("", _("Välj")), *PURPOSES])
    beneficiaries = forms.ChoiceField(label=_("Vilka insatsen når"), choices=[("", _("Välj")), *BENEFICIARIES])

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        answers = cls.answers(initiative)
        return super().initial_for(initiative) | {
            "target_groups": list(answers.target_groups),
            "reached_through": ", ".join(answers.reached_through),
            "purpose": answers.purpose or "",
            "beneficiaries": answers.beneficiaries or "",
        }

    def apply(self, content: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        content["target_groups"] = list(data["target_groups"])
        content["reached_through"] = [p.strip() for p in (data.get("reached_through") or "").split(",") if p.strip()]
        content["purpose"] = data["purpose"]
        content["beneficiaries"] = data["beneficiaries"]
        return content


class MethodForm(StepForm):
    description = forms.CharField(label=_("Metod"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    research_references = forms.CharField(
        label=_("Forskningsreferenser (en per rad)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    proven_practice = forms.CharField(
        label=_("Beprövad erfarenhet (en per rad)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    causal_logic = forms.CharField(
        label=_("För en ny metod: varför leder insatsen till effekten?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    documented = forms.BooleanField(label=_("Metoden är dokumenterad och utvärderad"), required=False)

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        method = cls.answers(initiative).method or Method()
        return super().initial_for(initiative) | {
            "description": method.description or "",
            "research_references": "\n".join(method.research_references),
            "proven_practice": "\n".join(method.proven_practice),
            "causal_logic": method.causal_logic or "",
            "documented": method.documented,
        }

    def apply(self, content: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data

        def lines(name: str) -> list[str]:
            return [line.strip() for line in (data.get(name) or "").splitlines() if line.strip()]

        content["method"] = {
            "description": data["description"],
            "research_references": lines("research_references"),
            "proven_practice": lines("proven_practice"),
            "causal_logic": data.get("causal_logic") or None,
            "documented": bool(data.get("documented")),
        }
        return content


PARTNER_TYPES: dict[str, str] = {
    "association": gettext_noop("förening"),
    "foundation": gettext_noop("stiftelse"),
    "cooperative": gettext_noop("kooperativ"),
    "company": gettext_noop("företag"),
    "sole_trader": gettext_noop("enskild firma"),
    "public_body": gettext_noop("myndighet"),
    "municipal_company": gettext_noop("kommunalt bolag"),
    "university": gettext_noop("högskola"),
    "region_unit": gettext_noop("regionen"),
    "office": gettext_noop("förvaltning/kontor"),
}
"""The kinds of outside party, as people write them; the file keeps the code."""
# The Swedish words (and the file's codes, which are the English words) -> the code.
PARTNER_TYPE_CODES: dict[str, str] = {
    **{code: code for code in PARTNER_TYPES},
    "förening": "association",
    "stiftelse": "foundation",
    "kooperativ": "cooperative",
    "företag": "company",
    "enskild firma": "sole_trader",
    "myndighet": "public_body",
    "kommunalt bolag": "municipal_company",
    "högskola": "university",
    "universitet": "university",
    "regionen": "region_unit",
    "region": "region_unit",
    # The English page's words.
    "sole trader": "sole_trader",
    "public body": "public_body",
    "municipal company": "municipal_company",
}


def partner_type_choices() -> list[tuple[str, str]]:
    """The kinds of outside party the policy schema knows (boards are chosen above), in the page's language."""
    return [("", gettext("Välj typ"))] + [
        (code, gettext(PARTNER_TYPES[code])) for code in get_args(PartyType) if code in PARTNER_TYPES
    ]


class PartnersForm(StepForm):
    """Boards as checkboxes; each other party a name and a kind chosen from the schema's kinds (stored as
    the schema's code, as before). Two empty rows more than the case has, so that one can be added."""

    partner_boards = BoardCheckboxes(label=_("Samverkande nämnder"), required=False)
    model_fields = ("partner_boards",)
    EMPTY_ROWS = 2

    def __init__(self, *args: Any, boards: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if boards is not None:
            cast("forms.ModelMultipleChoiceField[Board]", self.fields["partner_boards"]).queryset = boards
        known = [key for key in (*(self.data or {}), *(self.initial or {})) if re.fullmatch(r"partner_\d+_name", key)]
        rows = max((int(key.split("_")[1]) + 1 for key in known), default=0)
        if not self.is_bound:
            rows += self.EMPTY_ROWS
        for row in range(max(rows, 1)):
            number = row + 1
            self.fields[f"partner_{row}_name"] = forms.CharField(
                label=_("Annan part %(number)s: namn") % {"number": number}, max_length=200, required=False
            )
            self.fields[f"partner_{row}_type"] = forms.ChoiceField(
                label=_("Annan part %(number)s: typ") % {"number": number},
                choices=self._choices(self.initial.get(f"partner_{row}_type")),
                required=False,
            )

    @staticmethod
    def _choices(saved: str | None) -> list[tuple[str, str]]:
        """The schema's kinds; a kind saved earlier that is no longer one of them still reads, in Swedish."""
        choices = partner_type_choices()
        if saved and saved not in dict(choices):
            choices.append((saved, PARTY_TYPE_LABELS.get(saved, gettext("annan typ (sparad tidigare)"))))
        return choices

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        others = [p for p in cls.answers(initiative).partners if p.type != "board"]
        rows: dict[str, Any] = {}
        for row, party in enumerate(others):
            rows[f"partner_{row}_name"] = party.name
            rows[f"partner_{row}_type"] = party.type
        return super().initial_for(initiative) | {"partner_boards": list(initiative.partner_boards.all())} | rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parties = []
        row = 0
        while f"partner_{row}_name" in self.fields:
            name = (data.get(f"partner_{row}_name") or "").strip()
            kind = data.get(f"partner_{row}_type") or ""
            if name and not kind:
                self.add_error(f"partner_{row}_type", gettext("Välj vilken typ av part %(name)s är.") % {"name": name})
            elif kind and not name:
                self.add_error(f"partner_{row}_name", gettext("Skriv partens namn, eller välj ingen typ."))
            elif name:
                parties.append({"name": name, "type": kind})
            row += 1
        data["other_partners"] = parties
        return data

    def apply(self, content: dict[str, Any]) -> dict[str, Any]:
        # Boards are the case's partner_boards; the content keeps the other parties.
        content["partners"] = self.cleaned_data["other_partners"]
        return content


class GoalsForm(StepForm):
    goals = forms.CharField(
        label=_("Mål (en per rad: indikator; utgångsvärde; målvärde; enhet; social eller ekonomisk)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Minst ett socialt och ett ekonomiskt mål, t.ex. ”Placeringsdygn; 2000; 1700; dygn; ekonomisk”."),
    )

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        goals = cls.answers(initiative).goals
        return super().initial_for(initiative) | {"goals": "\n".join(_goal_line(g) for g in goals)}

    def clean_goals(self) -> list[dict[str, Any]]:
        return parse_goals(self.cleaned_data.get("goals") or "")

    def apply(self, content: dict[str, Any]) -> dict[str, Any]:
        content["goals"] = self.cleaned_data["goals"]
        return content


def _goal_line(goal: Goal) -> str:
    def show(value: Any) -> str:
        return "" if value is None else str(value).replace(".", ",")

    kind = "ekonomisk" if goal.kind == "economic" else "social"
    return f"{goal.indicator}; {show(goal.baseline)}; {show(goal.target)}; {goal.unit or ''}; {kind}"


def parse_goals(text: str) -> list[dict[str, Any]]:
    goals = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) == 4:
            parts.append("social")
        if len(parts) != 5 or not parts[0]:
            raise forms.ValidationError(
                gettext("Rad %(row)s: skriv indikator; utgångsvärde; målvärde; enhet; social eller ekonomisk.")
                % {"row": number}
            )
        kind = {"social": "social", "ekonomisk": "economic", "economic": "economic"}.get(parts[4].lower())
        if kind is None:
            raise forms.ValidationError(
                gettext("Rad %(row)s: sista fältet ska vara social eller ekonomisk.") % {"row": number}
            )
        try:
            baseline = float(parts[1].replace(",", ".").replace(" ", "")) if parts[1] else None
            target = float(parts[2].replace(",", ".").replace(" ", "")) if parts[2] else None
        except ValueError as exc:
            raise forms.ValidationError(
                gettext("Rad %(row)s: utgångs- och målvärde ska vara tal.") % {"row": number}
            ) from exc
        goals.append(
            {"indicator": parts[0], "baseline": baseline, "target": target, "unit": parts[3] or None, "kind": kind}
        )
    return goals


class EvaluationForm(StepForm):
    external_party = forms.CharField(label=_("Extern utvärderare (t.ex. en högskola)"), max_length=200, required=False)
    standardized_instrument = forms.BooleanField(label=_("Standardiserat bedömningsinstrument"), required=False)
    instrument = forms.CharField(label=_("Vilket instrument"), max_length=200, required=False)
    plan = forms.CharField(label=_("Plan för uppföljning"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        evaluation = cls.answers(initiative).evaluation or EvaluationPlan()
        return super().initial_for(initiative) | {
            "external_party": evaluation.external_party or "",
            "standardized_instrument": evaluation.standardized_instrument,
            "instrument": evaluation.instrument or "",
            "plan": evaluation.plan or "",
        }

    def apply(self, content: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        content["evaluation"] = {
            "external_party": data.get("external_party") or None,
            "standardized_instrument": bool(data.get("standardized_instrument")),
            "instrument": data.get("instrument") or None,
            "plan": data.get("plan") or None,
        }
        return content


class ImplementationForm(StepForm):
    implementation_plan = forms.CharField(
        label=_("Hur blir metoden ordinarie verksamhet om den fungerar?"), widget=forms.Textarea(attrs={"rows": 4})
    )

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        return super().initial_for(initiative) | {
            "implementation_plan": cls.answers(initiative).implementation_plan or ""
        }

    def apply(self, content: dict[str, Any]) -> dict[str, Any]:
        content["implementation_plan"] = self.cleaned_data["implementation_plan"]
        return content


class ProcurementForm(StepForm):
    supplier = forms.CharField(
        label=_("Extern leverantör eller aktör som ska utföra delar av arbetet"), max_length=200, required=False
    )
    contract_value = forms.CharField(
        label=_("Avtalsvärde för hela avtalsperioden (kr)"),
        required=False,
        help_text=_("Räkna med optioner och förlängningar. 50 000 kr om året i fyra år är 200 000 kr."),
    )
    contract_months = forms.IntegerField(label=_("Avtalstid (månader)"), min_value=1, max_value=240, required=False)
    open_competition = forms.BooleanField(label=_("Nämnden upphandlar i öppen konkurrens (LOU)"), required=False)

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        plan = cls.answers(initiative).procurement or ProcurementPlan()
        return super().initial_for(initiative) | {
            "supplier": plan.supplier or "",
            "contract_value": "" if plan.contract_value is None else str(plan.contract_value),
            "contract_months": plan.contract_months,
            "open_competition": bool(plan.open_competition),
        }

    def clean_contract_value(self) -> str | None:
        text = (self.cleaned_data.get("contract_value") or "").strip()
        if not text:
            return None
        try:
            value = parse_amount(text)
        except MoneyError as exc:
            raise forms.ValidationError(gettext("Skriv avtalsvärdet som ett belopp, t.ex. 650 000.")) from exc
        if value < 0:
            raise forms.ValidationError(gettext("Avtalsvärdet kan inte vara negativt."))
        return str(value)

    def apply(self, content: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        content["procurement"] = {
            "supplier": data.get("supplier") or None,
            "contract_value": data.get("contract_value"),
            "contract_months": data.get("contract_months"),
            "open_competition": bool(data.get("open_competition")) or None,
        }
        return content


class BudgetForm(StepForm):
    requested = forms.CharField(
        label=_("Sökt belopp ur fonden per år (en rad per år: 2016: 600 000)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    cofinancing_share = forms.DecimalField(
        label=_("Medfinansiering (procent av kostnaden)"), min_value=0, max_value=100, required=False, decimal_places=2
    )
    duration_months = forms.IntegerField(label=_("Projekttid (månader)"), min_value=1, max_value=120)

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        funding = cls.answers(initiative).funding
        share = funding.cofinancing_share
        return super().initial_for(initiative) | {
            "requested": "\n".join(f"{y}: {a}" for y, a in funding.requested.items()),
            "cofinancing_share": Decimal(str(share)) * 100 if share else None,
            "duration_months": funding.duration_months,
        }

    def clean_requested(self) -> dict[int, Decimal]:
        return parse_year_amounts(self.cleaned_data.get("requested") or "")

    def apply(self, content: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        share = data.get("cofinancing_share")
        funding = dict(content.get("funding") or {})
        funding.update(
            {
                "requested": {str(year): str(amount) for year, amount in data["requested"].items()},
                "cofinancing_share": float(share) / 100 if share is not None else 0.0,
                "duration_months": data.get("duration_months"),
            }
        )
        content["funding"] = funding
        return content


class ReviewForm(StepForm):
    """The last step has no questions: it shows the screening and the submit button."""


FORMS: dict[str, type[StepForm]] = {
    "behov": NeedForm,
    "malgrupp": TargetForm,
    "metod": MethodForm,
    "samverkan": PartnersForm,
    "mal": GoalsForm,
    "utvardering": EvaluationForm,
    "implementering": ImplementationForm,
    "upphandling": ProcurementForm,
    "budget": BudgetForm,
    "granska": ReviewForm,
}


def content_with(initiative: Initiative, form: StepForm) -> dict[str, Any]:
    """The case's content with this step's (valid) answers put in."""
    return form.apply(copy.deepcopy(initiative.content or {}))


class ImportForm(SwedishForm):
    file = forms.FileField(label=_("Initiativfil (YAML)"))
    calc_file = forms.FileField(label=_("Beräkningsfil (YAML), om den inte finns i initiativfilen"), required=False)
