"""Template helpers for the calculation's results: Swedish labels for parties, sectors and horizons."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from socialfund.core.calc.labels import describe_path
from socialfund.core.formatting import format_number

register = template.Library()


def _sector_labels() -> dict[str, str]:
    return {
        "fund": gettext("fonden"),
        "municipal": gettext("kommunen"),
        "region": gettext("regionen"),
        "state": gettext("staten"),
        "individual": gettext("individen"),
        "other": gettext("övriga"),
    }


@register.filter
def sector_label(sector: str | None) -> str:
    """'municipal' → 'kommunen'; an unknown or missing sector is a dash."""
    return _sector_labels().get(sector or "", "–")


@register.filter
def decimals(value: float, places: int) -> str:
    """A number with that many decimals, Swedish style: 0,9542."""
    return format_number(value, int(places))


@register.filter
def field_words(path: str) -> str:
    """'effects[1].deadweight' → 'Effekt 2, dödvikt': no field path reaches a page."""
    return describe_path(path)


@register.filter
def party_label(code: str, names: dict[str, str] | None) -> str:
    """A party's name from the names given (board code → name), else as written."""
    return (names or {}).get(code, code)


@register.simple_tag
def horizon_title(years: int, horizon: int) -> str:
    """'1 år', '5 år', or for the whole period 'Hela perioden (10 år)'."""
    if years == horizon and years not in (1, 5):
        return gettext("Hela perioden (%(years)s år)") % {"years": years}
    return gettext("%(years)s år") % {"years": years}


@register.simple_tag(takes_context=True)
def calc_party_names(context: template.Context) -> dict[str, str]:
    """Board code → name for the case on the page: given by the view, or found from the case in the URL.

    The calculator's live preview renders the results without the case in its context; its URL has it.
    """
    from socialfund.cases.calc.display import party_names
    from socialfund.cases.models import Initiative

    given = context.get("names")
    if isinstance(given, dict):
        return given
    initiative = context.get("initiative")
    if isinstance(initiative, Initiative):
        return party_names(initiative.fund.organisation_id)
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    pk = match.kwargs.get("pk") if match is not None else None
    if not isinstance(pk, int):
        return party_names(None)
    organisation_id = Initiative.objects.filter(pk=pk).values_list("fund__organisation_id", flat=True).first()
    return party_names(organisation_id)


@register.filter
def actor_label(actor: Any) -> str:
    """The engine's Swedish actor names, translated for the English interface."""
    labels = {
        "municipal": gettext("Kommunen"),
        "region": gettext("Regionen"),
        "state": gettext("Staten"),
        "individual": gettext("Individen"),
        "other": gettext("Övriga"),
        "society": gettext("Samhället totalt"),
    }
    return labels.get(str(actor.key), str(actor.label))


@register.simple_tag
def saved_calculation_of(initiative: Any) -> Any:
    """The case's saved calculation, evaluated (for the compact summary on the case page)."""
    from socialfund.cases.calc.display import saved_calculation

    return saved_calculation(initiative)


@register.simple_tag(takes_context=True)
def calc_sheet_links(context: template.Context) -> dict[str, Any]:
    """The case on the page, and whether the user may read a spreadsheet into its draft.

    {"pk": None} where there is no case (the links are then left out).
    """
    from socialfund.cases.models import Initiative
    from socialfund.cases.permissions import acts_for_board

    initiative = context.get("initiative")
    request = context.get("request")
    if not isinstance(initiative, Initiative):
        match = getattr(request, "resolver_match", None)
        pk = match.kwargs.get("pk") if match is not None else None
        initiative = Initiative.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if initiative is None:
        return {"pk": None, "can_upload": False}
    user = getattr(request, "user", None)
    can_upload = bool(user is not None and user.is_authenticated and acts_for_board(user, initiative))
    return {"pk": initiative.pk, "can_upload": can_upload}


@register.filter
def from_typical_cases(effects: Any) -> list[Any]:
    """The effect lines the engine made from typfall (each knows its typical case), in order."""
    return [line for line in effects or () if getattr(line, "typical_case", None)]
