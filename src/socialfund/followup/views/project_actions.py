"""The steps on the project page: each parses its form and calls one service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from socialfund.accounts.models import User
from socialfund.core.kolada import KoladaError
from socialfund.followup import forms as ff
from socialfund.followup import ledger_bridge, services
from socialfund.followup.codes import IndicatorSource, SpecialReviewStatus
from socialfund.followup.errors import FollowupStateError
from socialfund.followup.models import Project, SpecialReview
from socialfund.followup.outcome_forms import OutcomeMetricForm
from socialfund.followup.permissions import (
    heads_office_for_project,
    records_measurements,
    records_savings,
    registers_decisions,
    steers_followup,
    works_for_project,
)
from socialfund.followup.services.common import project_calculation
from socialfund.kit.refusals import StateRefusal
from socialfund.kit.step_form import Step
from socialfund.organisation.models import Board, DecisionBody


def _running(project: Project) -> bool:
    return project.is_running


def _review(project: Project) -> SpecialReview:
    """The project's special review; a refusal (not a server error) when none has been opened."""
    review: SpecialReview | None = getattr(project, "special_review", None)
    if review is None:
        raise FollowupStateError(_("Ingen särskild prövning är inledd för projektet."))
    return review


def _review_status(project: Project) -> str | None:
    review = getattr(project, "special_review", None)
    return review.status if review is not None else None


def effect_lines(project: Project) -> list[tuple[int, str]]:
    try:
        calc = project_calculation(project)
    except StateRefusal:  # an unreadable stored calculation only hides the choice; the service says why
        return []
    return [(i, f"{e.label} ({e.beneficiary})") for i, e in enumerate(calc.effects)] if calc else []


def _indicator_form(project: Project, data: Any) -> ff.IndicatorForm:
    return ff.IndicatorForm(data, effect_lines=effect_lines(project), prefix="indicator")


def _run_indicator(project: Project, user: User, form: Any) -> str:
    spec = form.spec()
    indicator = services.indicator_create(project=project, user=user, spec=spec)
    done = _("Indikatorn %(name)s är tillagd.") % {"name": indicator.name}
    if indicator.is_kolada:
        try:
            snapshot = services.kpi_snapshot_check(indicator=indicator, user=user)
        except KoladaError as exc:
            return (
                done + " " + _("Nyckeltalets uppgifter kunde inte hämtas från Kolada: %(why)s") % {"why": exc.message}
            )
        return done + " " + _("Kolada: %(title)s.") % {"title": snapshot.title}
    return done


def _run_measurement(project: Project, user: User, form: Any) -> str:
    data = form.cleaned_data
    services.measurement_record(
        indicator=data["indicator"],
        user=user,
        measured_on=data["measured_on"],
        value=data["value"],
        source_note=data["source_note"],
        note=data["note"],
    )
    return _("Mätvärdet är sparat.")


def _run_kolada(project: Project, user: User, form: Any) -> str:
    result = services.indicator_refresh_from_kolada(indicator=form.cleaned_data["indicator"], user=user)
    return _("Hämtat från Kolada: %(created)s nya, %(revised)s reviderade, %(unchanged)s oförändrade.") % {
        "created": result.created,
        "revised": result.revised,
        "unchanged": result.unchanged,
    }


def _run_outcome_metric(project: Project, user: User, form: Any) -> str:
    metric = services.outcome_metric_save(project=project, user=user, spec=form.spec())
    return _("Effektmåttet %(name)s är sparat.") % {"name": metric.name}


def _boards(project: Project) -> Any:
    return Board.objects.filter(organisation_id=project.initiative.fund.organisation_id)


def _run_saving(project: Project, user: User, form: Any) -> str:
    services.realised_saving_record(project=project, user=user, **form.cleaned_data)
    return _("Besparingen är registrerad.")


def _run_derive(project: Project, user: User, form: Any) -> str:
    result = services.realised_savings_derive(project=project, user=user, year=form.cleaned_data["year"])
    saved = ", ".join(f"{s.board.code} {s.amount} kr" for s in result.saved)
    message = (
        _("Härlett ur indikatorerna: %(saved)s.") % {"saved": saved} if saved else _("Härlett ur indikatorerna: inget.")
    )
    if result.removed:
        message += " " + _("Borttaget, utan underlag: %(removed)s.") % {"removed": ", ".join(result.removed)}
    if result.skipped:
        message += " " + _("Hoppade över: %(skipped)s.") % {"skipped": "; ".join(result.skipped)}
    return message


def _ks(project: Project) -> DecisionBody:
    return DecisionBody.objects.get(organisation_id=project.initiative.fund.organisation_id, kind="executive")


def _run_decide(project: Project, user: User, form: Any) -> str:
    services.special_review_decide(review=_review(project), user=user, body=_ks(project), **form.cleaned_data)
    return _("Kommunstyrelsens beslut är registrerat.")


def _action(code: str, title: str | Promise, button: str | Promise, form: Any, allowed: Any, run: Any) -> Step[Project]:
    return Step(code, title, button, form, allowed, run)


PROJECT_ACTIONS: list[Step[Project]] = [
    _action(
        "measurement",
        gettext_lazy("Registrera ett mätvärde"),
        gettext_lazy("Spara mätvärdet"),
        lambda p, d: ff.MeasurementForm(
            d, indicators=p.indicators.filter(source=IndicatorSource.MANUAL), prefix="measurement"
        ),
        lambda u, p: _running(p) and records_measurements(u, p),
        _run_measurement,
    ),
    _action(
        "outcome-metric",
        gettext_lazy("Lägg till ett effektmått"),
        gettext_lazy("Spara effektmåttet"),
        lambda p, d: OutcomeMetricForm(d, indicators=p.indicators.all(), prefix="outcome-metric"),
        lambda u, p: _running(p) and records_measurements(u, p),
        _run_outcome_metric,
    ),
    _action(
        "kolada",
        gettext_lazy("Hämta värden från Kolada"),
        gettext_lazy("Hämta"),
        lambda p, d: ff.KoladaRefreshForm(
            d, indicators=p.indicators.filter(source=IndicatorSource.KOLADA), prefix="kolada"
        ),
        lambda u, p: _running(p) and records_measurements(u, p) and p.indicators.filter(source="kolada").exists(),
        _run_kolada,
    ),
    _action(
        "indicator",
        gettext_lazy("Lägg till en indikator"),
        gettext_lazy("Lägg till"),
        _indicator_form,
        lambda u, p: _running(p) and records_measurements(u, p),
        _run_indicator,
    ),
    _action(
        "saving",
        gettext_lazy("Registrera realiserad besparing"),
        gettext_lazy("Spara besparingen"),
        lambda p, d: ff.SavingForm(d, boards=_boards(p), prefix="saving"),
        records_savings,
        _run_saving,
    ),
    _action(
        "derive",
        gettext_lazy("Härled besparingar ur indikatorerna"),
        gettext_lazy("Härled"),
        lambda p, d: ff.YearForm(d, prefix="derive"),
        records_savings,
        _run_derive,
    ),
    _action(
        "special-review-open",
        gettext_lazy("Inled särskild prövning"),
        gettext_lazy("Inled prövningen"),
        lambda p, d: ff.GroundsForm(d, prefix="special-review-open"),
        lambda u, p: _running(p) and steers_followup(u, p) and _review_status(p) is None,
        lambda p, u, f: (services.special_review_open(project=p, user=u, **f.cleaned_data), _("Prövningen är inledd."))[
            1
        ],
    ),
    _action(
        "evidence",
        gettext_lazy("Lägg till underlag till prövningen"),
        gettext_lazy("Lägg till underlaget"),
        lambda p, d: ff.EvidenceForm(d, prefix="evidence"),
        lambda u, p: (
            _review_status(p) == SpecialReviewStatus.OPEN and (steers_followup(u, p) or works_for_project(u, p))
        ),
        lambda p, u, f: (
            services.special_review_evidence_add(review=_review(p), user=u, **f.cleaned_data),
            _("Underlaget är tillagt."),
        )[1],
    ),
    _action(
        "special-review-submit",
        gettext_lazy("Lämna prövningen till kommunstyrelsen"),
        gettext_lazy("Lämna till kommunstyrelsen"),
        lambda p, d: forms.Form(d, prefix="special-review-submit"),
        lambda u, p: _review_status(p) == SpecialReviewStatus.OPEN and steers_followup(u, p),
        lambda p, u, f: (
            services.special_review_submit(review=_review(p), user=u),
            _("Prövningen är lämnad till kommunstyrelsen."),
        )[1],
    ),
    _action(
        "special-review-decide",
        gettext_lazy("Registrera kommunstyrelsens beslut efter särskild prövning"),
        gettext_lazy("Registrera beslutet"),
        lambda p, d: ff.SpecialReviewDecisionForm(
            d, boards=ledger_bridge.boards_owing(p), prefix="special-review-decide"
        ),
        lambda u, p: _review_status(p) == SpecialReviewStatus.SUBMITTED and registers_decisions(u, p),
        _run_decide,
    ),
    _action(
        "plan",
        gettext_lazy("Implementeringsplan"),
        gettext_lazy("Spara planen"),
        lambda p, d: ff.ImplementationPlanForm(
            d,
            prefix="plan",
            initial={"text": p.implementation_plan.text, "responsible": p.implementation_plan.responsible}
            if hasattr(p, "implementation_plan")
            else None,
        ),
        lambda u, p: (
            _running(p)
            and works_for_project(u, p)
            and not (hasattr(p, "implementation_plan") and p.implementation_plan.anchorings.exists())
        ),
        lambda p, u, f: (
            services.implementation_plan_save(project=p, user=u, **f.cleaned_data),
            _("Planen är sparad."),
        )[1],
    ),
    _action(
        "anchor",
        gettext_lazy("Förankra implementeringsplanen"),
        gettext_lazy("Registrera förankringen"),
        lambda p, d: ff.AnchorForm(d, prefix="anchor"),
        lambda u, p: (
            _running(p)
            and hasattr(p, "implementation_plan")
            and (heads_office_for_project(u, p) or works_for_project(u, p) or registers_decisions(u, p))
        ),
        lambda p, u, f: (
            services.implementation_anchor(project=p, user=u, **f.cleaned_data),
            _("Förankringen är registrerad."),
        )[1],
    ),
    _action(
        "regular-operations",
        gettext_lazy("Beslut: metoden blir ordinarie verksamhet"),
        gettext_lazy("Registrera beslutet"),
        lambda p, d: ff.DecisionForm(d, prefix="regular-operations"),
        lambda u, p: (
            _running(p)
            and not hasattr(p, "regular_operations")
            and (works_for_project(u, p) or registers_decisions(u, p))
        ),
        lambda p, u, f: (
            services.regular_operations_decide(project=p, user=u, **f.cleaned_data),
            _("Beslutet är registrerat."),
        )[1],
    ),
    _action(
        "close",
        gettext_lazy("Avsluta projektet"),
        gettext_lazy("Avsluta"),
        lambda p, d: ff.CloseForm(d, prefix="close"),
        lambda u, p: _running(p) and steers_followup(u, p),
        lambda p, u, f: (services.project_close(project=p, user=u, **f.cleaned_data), _("Projektet är avslutat."))[1],
    ),
]
PROJECT_ACTIONS_BY_CODE = {action.code: action for action in PROJECT_ACTIONS}
