"""The editor's forms: one per section, built from the section's fields over the policy schema."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from socialfund.cases.forms import SwedishForm
from socialfund.core.money import MoneyError, parse_amount
from socialfund.core.policy.registry import list_policies
from socialfund.guidelines.document import Document, NoneChosen, Path
from socialfund.guidelines.fields import FieldSpec, initial_value
from socialfund.ledger.forms import AmountField
from socialfund.organisation.models import DecisionBody

NOT_GIVEN = ("", _("Inte angivet"))


class ShareField(forms.CharField):
    """A share of a whole typed as per cent (70, 12,5 %), cleaned to the exact fraction (0.7, 0.125)."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            percent = parse_amount(text.strip().removesuffix("%"))
        except MoneyError as exc:
            raise forms.ValidationError(gettext("Skriv en andel i procent, t.ex. 70 eller 12,5.")) from exc
        if not 0 <= percent <= 100:
            raise forms.ValidationError(gettext("Måste vara mellan 0 och 100 %."))
        return percent / 100


class DateLinesField(forms.CharField):
    """Dates one a line, as ÅÅÅÅ-MM-DD."""

    def to_python(self, value: Any) -> list[dt.date]:  # type: ignore[override]
        dates = []
        for number, line in enumerate((super().to_python(value) or "").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                dates.append(dt.date.fromisoformat(line.strip()))
            except ValueError as exc:
                message = gettext("Rad %(row)s: skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-03-31.") % {"row": number}
                raise forms.ValidationError(message) from exc
        return dates


def _form_field(spec: FieldSpec) -> forms.Field:
    common: dict[str, Any] = {"label": spec.label, "required": False, "help_text": spec.help}
    if spec.kind == "int":
        return forms.IntegerField(**common)
    if spec.kind == "amount":
        return AmountField(**common)
    if spec.kind == "percent":
        return ShareField(**common)
    if spec.kind == "date":
        return forms.DateField(**{**common, "help_text": spec.help or _("ÅÅÅÅ-MM-DD")})
    if spec.kind == "dates":
        return DateLinesField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    if spec.kind == "bool":
        return forms.ChoiceField(choices=[NOT_GIVEN, ("ja", _("Ja")), ("nej", _("Nej"))], **common)
    if spec.kind == "choice":
        return forms.ChoiceField(choices=[NOT_GIVEN, *spec.choices], **common)
    if spec.kind == "multi":
        return forms.MultipleChoiceField(choices=spec.choices, widget=forms.CheckboxSelectMultiple, **common)
    if spec.kind in ("textarea", "lines"):
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    return forms.CharField(**common)


def _document_value(spec: FieldSpec, value: Any) -> Any:
    """A cleaned form value as the document holds it (None: not given)."""
    if spec.none_is_a_choice and not value:
        return NoneChosen()
    if value in (None, "", []):
        return None
    if spec.kind in ("amount", "percent"):
        assert isinstance(value, Decimal)
        return int(value) if value == value.to_integral_value() and spec.kind == "amount" else str(value.normalize())
    if spec.kind == "date":
        return value.isoformat()
    if spec.kind == "dates":
        return [day.isoformat() for day in value]
    if spec.kind == "bool":
        return value == "ja"
    if spec.kind == "choice" and spec.numeric:
        return int(value)
    if spec.kind == "multi" and spec.numeric:
        return [int(item) for item in value]
    if spec.kind == "lines":
        return [line.strip() for line in str(value).splitlines() if line.strip()]
    if isinstance(value, str):
        return value.strip() or None
    return value


@dataclass(frozen=True)
class Fold:
    anchor: str
    title: str
    fields: list[forms.BoundField]
    has_errors: bool


class SectionForm(SwedishForm):
    def __init__(self, *args: Any, specs: list[FieldSpec], document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.specs = specs
        for spec in specs:
            self.fields[spec.name] = _form_field(spec)
            self.fields[spec.name].initial = initial_value(spec, document)

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Fields under their group headings (a stage, a rule), in order."""
        out: list[tuple[str, list[forms.BoundField]]] = []
        for spec in self.specs:
            if not out or out[-1][0] != spec.group:
                out.append((spec.group, []))
            out[-1][1].append(self[spec.name])
        return out

    def folds(self) -> list[Fold]:
        """The groups as folds: each with an anchor for the list at the top, and whether it has a problem
        (that fold opens, so the message at the field is seen)."""
        return [
            Fold(anchor=f"grupp-{number}", title=group, fields=fields, has_errors=any(f.errors for f in fields))
            for number, (group, fields) in enumerate(self.groups(), start=1)
        ]

    def values(self) -> dict[Path, Any]:
        return {spec.path: _document_value(spec, self.cleaned_data.get(spec.name)) for spec in self.specs}


def policy_choices() -> list[tuple[str, str]]:
    from socialfund.core.policy.compare import short_name

    return [(policy.id, f"{policy.fund.name} – {short_name(policy)}") for policy in list_policies()]


class StartForm(SwedishForm):
    based_on = forms.ChoiceField(label=_("Utgå från"), choices=())
    title = forms.CharField(label=_("Rubrik"), max_length=200, initial=_("Förslag till ändrade riktlinjer"))

    def __init__(self, *args: Any, own: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["based_on"].choices = [*own, *policy_choices()]  # type: ignore[attr-defined]


class TemplateFundForm(SwedishForm):
    template = forms.ChoiceField(label=_("Mall: riktlinjerna du börjar från"), choices=())
    name = forms.CharField(label=_("Fondens namn"), max_length=200)
    slug = forms.SlugField(label=_("Kortnamn"), max_length=60, help_text=_("Små bokstäver, siffror och bindestreck."))
    capital = AmountField(label=_("Kapital (kr)"), help_text=_("T.ex. 24 000 000."))
    decided_by = forms.ModelChoiceField(label=_("Beslutat av"), queryset=DecisionBody.objects.none())
    decided_on = forms.DateField(label=_("Beslutsdatum"), help_text=_("ÅÅÅÅ-MM-DD"))

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = policy_choices()  # type: ignore[attr-defined]
        self.fields["decided_by"].queryset = DecisionBody.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]


class AdoptForm(SwedishForm):
    prefix = "adopt"
    body = forms.ModelChoiceField(label=_("Beslutande organ"), queryset=DecisionBody.objects.none())
    decided_on = forms.DateField(label=_("Beslutsdatum"), help_text=_("ÅÅÅÅ-MM-DD"))
    paragraph = forms.CharField(label=_("Paragraf"), max_length=20, help_text=_("T.ex. § 112."))
    in_force_from = forms.DateField(
        label=_("Gäller från"), required=False, help_text=_("Tomt: från beslutsdatum. ÅÅÅÅ-MM-DD")
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = DecisionBody.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]

    def arguments(self) -> dict[str, Any]:
        """The service's arguments (`version_adopt`)."""
        return dict(self.cleaned_data)


class ImportForm(SwedishForm):
    file = forms.FileField(label=_("Riktlinjefil (YAML)"))


class ConsultForm(SwedishForm):
    prefix = "consult"
    sent_by = forms.ModelChoiceField(label=_("Beslutat av"), queryset=DecisionBody.objects.none())
    decided_on = forms.DateField(label=_("Beslut om remiss"), help_text=_("ÅÅÅÅ-MM-DD"))
    deadline = forms.DateField(label=_("Svar senast"), help_text=_("ÅÅÅÅ-MM-DD"))
    questions = forms.CharField(
        label=_("Frågor (en per rad)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_("Tillstyrker ni förslaget till ändrade riktlinjer?"),
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sent_by"].queryset = DecisionBody.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]

    def arguments(self) -> dict[str, Any]:
        """The service's arguments (`version_consult`): the questions one a line."""
        data = dict(self.cleaned_data)
        data["questions"] = [line.strip() for line in data["questions"].splitlines() if line.strip()]
        return data


# -- adding, removing and moving stages and rules ---------------------------------------------------------
def _stage_choices(document: Document) -> list[tuple[str, str]]:
    return [(str(i), str(stage.get("name_sv") or "")) for i, stage in enumerate(document.get("stages") or [])]


class OutlineForm(SwedishForm):
    """A form that adds, removes or moves a stage or a rule: its action's slug, heading and button, and the
    arguments it gives the service."""

    action = ""
    legend: Any = ""
    button: Any = ""
    buttons: tuple[tuple[str, Any], ...] = ()

    def arguments(self) -> dict[str, Any]:
        raise NotImplementedError


class AddStageForm(OutlineForm):
    prefix = "add_stage"
    action = "lagg-till-steg"
    legend = _("Lägg till steg")
    button = _("Lägg till steg")

    name_sv = forms.CharField(label=_("Stegets namn"), max_length=120)
    name_en = forms.CharField(label=_("Namn på engelska"), max_length=120, required=False)
    actor = forms.ChoiceField(label=_("Vem agerar"), choices=())
    after = forms.ChoiceField(label=_("Placering"), choices=())
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from socialfund.core.policy.vocabulary import STAGE_ACTOR_LABELS

        self.fields["actor"].choices = list(STAGE_ACTOR_LABELS.items())  # type: ignore[attr-defined]
        stages = _stage_choices(document)
        after = [(index, gettext("Efter ”%(name)s”") % {"name": name}) for index, name in stages]
        self.fields["after"].choices = [("first", gettext("Först")), *after]  # type: ignore[attr-defined]
        self.fields["after"].initial = stages[-1][0] if stages else "first"

    def arguments(self) -> dict[str, Any]:
        from socialfund.guidelines.outline import NewStage

        data = self.cleaned_data
        after = None if data["after"] == "first" else int(data["after"])
        return {"new": NewStage(data["name_sv"], data["name_en"], data["actor"], after, data["description"])}


class RemoveStageForm(OutlineForm):
    prefix = "remove_stage"
    action = "ta-bort-steg"
    legend = _("Ta bort steg")
    button = _("Ta bort steg")

    stage = forms.TypedChoiceField(label=_("Steg som tas bort"), coerce=int, choices=())

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = _stage_choices(document)  # type: ignore[attr-defined]

    def arguments(self) -> dict[str, Any]:
        return {"index": self.cleaned_data["stage"]}


class MoveStageForm(RemoveStageForm):
    prefix = "move_stage"
    action = "flytta-steg"
    legend = _("Flytta steg")
    buttons = (("-1", _("Flytta tidigare")), ("1", _("Flytta senare")))

    stage = forms.TypedChoiceField(label=_("Steg som flyttas"), coerce=int, choices=())
    step = forms.TypedChoiceField(label=_("Riktning"), coerce=int, choices=(("-1", "-1"), ("1", "1")))

    def arguments(self) -> dict[str, Any]:
        return {"index": self.cleaned_data["stage"], "step": self.cleaned_data["step"]}


class AddRuleForm(OutlineForm):
    prefix = "add_rule"
    action = "lagg-till-regel"
    legend = _("Lägg till regel")
    button = _("Lägg till regel")

    kind = forms.ChoiceField(label=_("Slag av regel"), choices=())
    title = forms.CharField(label=_("Rubrik"), max_length=120, required=False)
    clause = forms.CharField(
        label=_("Riktlinjernas text (citat eller nära återgivning)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    clause_kind = forms.ChoiceField(
        label=_("Texten är"), choices=(("quote", _("ett ordagrant citat")), ("paraphrase", _("en nära återgivning")))
    )
    clause_source = forms.CharField(label=_("Var texten står"), max_length=300)
    explanation = forms.CharField(label=_("Förklaring på vanlig svenska"), widget=forms.Textarea(attrs={"rows": 3}))
    severity = forms.ChoiceField(
        label=_("Allvar"), choices=(("block", _("spärr: ett nej stoppar ärendet")), ("warn", _("varning")))
    )
    from_stage = forms.ChoiceField(label=_("Prövas från steget"), choices=())

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from socialfund.guidelines.outline import rule_kinds

        self.fields["kind"].choices = rule_kinds(document)  # type: ignore[attr-defined]
        stages = [(str(s.get("code")), str(s.get("name_sv") or "")) for s in document.get("stages") or []]
        self.fields["from_stage"].choices = stages  # type: ignore[attr-defined]

    def arguments(self) -> dict[str, Any]:
        from socialfund.guidelines.outline import NewRule

        return {"new": NewRule(**self.cleaned_data)}


class RemoveRuleForm(OutlineForm):
    prefix = "remove_rule"
    action = "ta-bort-regel"
    legend = _("Ta bort regel")
    button = _("Ta bort regel")

    rule = forms.TypedChoiceField(label=_("Regel som tas bort"), coerce=int, choices=())

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from socialfund.guidelines.outline import rule_title

        rules = document.get("rules") or []
        self.fields["rule"].choices = [(str(i), rule_title(rule)) for i, rule in enumerate(rules)]  # type: ignore[attr-defined]

    def arguments(self) -> dict[str, Any]:
        return {"index": self.cleaned_data["rule"]}


OUTLINE_FORMS: dict[str, tuple[type[OutlineForm], ...]] = {
    "steg": (AddStageForm, RemoveStageForm, MoveStageForm),
    "regler": (AddRuleForm, RemoveRuleForm),
}
