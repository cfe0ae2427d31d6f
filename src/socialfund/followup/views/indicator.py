"""An indicator's own page: its figures, and the steps that change it (edit, correct or remove a figure,
remove the indicator). Each step is a POST to one service, on the project page's pattern."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from socialfund.accounts.models import User
from socialfund.core.kolada import SOURCE_LABEL
from socialfund.followup import forms as ff
from socialfund.followup import services
from socialfund.followup.codes import Gender, IndicatorSource
from socialfund.followup.models import Indicator
from socialfund.followup.outcome_forms import MeasurementStatusForm
from socialfund.followup.permissions import records_measurements
from socialfund.followup.selectors import group_comparison, indicator_view
from socialfund.followup.views.project import signed_in_user, visible_project
from socialfund.followup.views.project_actions import effect_lines
from socialfund.kit.step_form import Failed, Step, post_step, shown_steps


def _visible_indicator(user: User, pk: int, indicator_id: int) -> Indicator:
    project = visible_project(user, pk)
    indicator = next((i for i in project.indicators.all() if i.pk == indicator_id), None)
    if indicator is None:
        raise Http404
    indicator.project = project
    return indicator


def _may_change(user: User, indicator: Indicator) -> bool:
    return indicator.project.is_running and records_measurements(user, indicator.project)


def _measurements(indicator: Indicator) -> Any:
    return indicator.measurements.order_by("measured_on")


def _done(message: str, result: services.ChangeResult) -> str:
    if result.rederive_years:
        years = ", ".join(str(year) for year in result.rederive_years)
        return _(
            "%(message)s Besparingar härledda ur indikatorn för %(years)s bygger på de gamla värdena: be ekonomi härleda dem på nytt."
        ) % {
            "message": message,
            "years": years,
        }
    return message


def _run_edit(indicator: Indicator, user: User, form: Any) -> str:
    data = form.cleaned_data
    spec = form.spec(source=indicator.source)
    result = services.indicator_update(indicator=indicator, user=user, spec=spec, reason=data["reason"])
    return _done(_("Indikatorn är ändrad: %(fields)s.") % {"fields": ", ".join(result.changed)}, result)


def _run_correct(indicator: Indicator, user: User, form: Any) -> str:
    data = form.cleaned_data
    result = services.measurement_correct(
        measurement=data["measurement"], user=user, value=data["value"], reason=data["reason"]
    )
    return _done(_("Mätvärdet är rättat."), result)


def _run_remove_measurement(indicator: Indicator, user: User, form: Any) -> str:
    data = form.cleaned_data
    result = services.measurement_remove(measurement=data["measurement"], user=user, reason=data["reason"])
    return _done(_("Mätvärdet är borttaget."), result)


def _run_remove(indicator: Indicator, user: User, form: Any) -> str:
    services.indicator_remove(indicator=indicator, user=user, reason=form.cleaned_data["reason"])
    return _("Indikatorn är borttagen.")


def _has_manual_figures(user: User, indicator: Indicator) -> bool:
    return _may_change(user, indicator) and not indicator.is_kolada and indicator.measurements.exists()


def _run_compare(indicator: Indicator, user: User, form: Any) -> str:
    rows = services.indicator_compare_with_group(indicator=indicator, user=user, group_id=form.cleaned_data["group"])
    if not rows:
        return _("Kolada har inget medelvärde för gruppen de år indikatorn har värden.")
    return _("Jämförelsen med %(group)s är hämtad.") % {"group": rows[0].group_title}


def _run_status(indicator: Indicator, user: User, form: Any) -> str:
    data = form.cleaned_data
    services.measurement_status_set(
        measurement=data["measurement"],
        user=user,
        status=data["status"],
        validated_by=data["validated_by"],
        note=data["note"],
    )
    return _("Mätvärdets status är sparad.")


INDICATOR_ACTIONS: list[Step[Indicator]] = [
    Step(
        "edit",
        gettext_lazy("Ändra indikatorn"),
        gettext_lazy("Spara ändringen"),
        lambda i, d: ff.IndicatorEditForm(d, indicator=i, effect_lines=effect_lines(i.project), prefix="edit"),
        _may_change,
        _run_edit,
    ),
    Step(
        "correct",
        gettext_lazy("Rätta ett mätvärde"),
        gettext_lazy("Spara det rätta värdet"),
        lambda i, d: ff.MeasurementCorrectForm(d, measurements=_measurements(i), prefix="correct"),
        _has_manual_figures,
        _run_correct,
    ),
    Step(
        "remove-measurement",
        gettext_lazy("Ta bort ett mätvärde"),
        gettext_lazy("Ta bort mätvärdet"),
        lambda i, d: ff.MeasurementChoiceForm(d, measurements=_measurements(i), prefix="remove-measurement"),
        _has_manual_figures,
        _run_remove_measurement,
    ),
    Step(
        "status",
        gettext_lazy("Ange om ett mätvärde är uppskattat, rapporterat eller validerat"),
        gettext_lazy("Spara statusen"),
        lambda i, d: MeasurementStatusForm(
            d, measurements=_measurements(i).filter(gender=Gender.TOTAL), prefix="status"
        ),
        lambda u, i: _may_change(u, i) and i.measurements.exists(),
        _run_status,
    ),
    Step(
        "compare",
        gettext_lazy("Jämför med en kommungrupp i Kolada"),
        gettext_lazy("Hämta jämförelsen"),
        lambda i, d: ff.IndicatorCompareForm(d, prefix="compare"),
        lambda u, i: _may_change(u, i) and i.is_kolada,
        _run_compare,
    ),
    Step(
        "remove",
        gettext_lazy("Ta bort indikatorn"),
        gettext_lazy("Ta bort indikatorn"),
        lambda i, d: ff.IndicatorRemoveForm(d, prefix="remove"),
        lambda u, i: _may_change(u, i) and not i.measurements.exists(),
        _run_remove,
    ),
]
INDICATOR_ACTIONS_BY_CODE = {action.code: action for action in INDICATOR_ACTIONS}


def _page(request: HttpRequest, indicator: Indicator, failed: Failed | None = None, status: int = 200) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "project": indicator.project,
        "item": indicator_view(indicator),
        "comparison": group_comparison(indicator),
        "actions": shown_steps(INDICATOR_ACTIONS, user, indicator, failed),
        "failed_action": failed.code if failed else "",
        "action_error": failed.error if failed else "",
        "source_label": SOURCE_LABEL,
        "kolada": IndicatorSource.KOLADA,
        "may_change": _may_change(user, indicator),
    }
    return render(request, "followup/indicator.html", context, status=status)


@login_required
@require_GET
def indicator_page_view(request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
    return _page(request, _visible_indicator(signed_in_user(request), pk, indicator_id))


@login_required
@require_POST
def indicator_action_view(request: HttpRequest, pk: int, indicator_id: int, action: str) -> HttpResponse:
    user = signed_in_user(request)
    indicator = _visible_indicator(user, pk, indicator_id)
    step = INDICATOR_ACTIONS_BY_CODE.get(action)
    after = "followup:project" if step is not None and step.code == "remove" else "followup:indicator"
    return post_step(
        request,
        user=user,
        target=indicator,
        step=step,
        page=lambda failed, status: _page(request, _visible_indicator(user, pk, indicator_id), failed, status),
        done=lambda: (
            redirect(after, pk=pk) if after == "followup:project" else redirect(after, pk=pk, indicator_id=indicator_id)
        ),
    )
