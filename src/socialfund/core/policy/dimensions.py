"""The configuration dimensions of a fund (reference/funds.md §2): how to read each from a policy,
whether it is empty, and how to say its value in Swedish.

The same list drives three things: the check that every empty dimension is declared
in the policy's `unset` list, `policy compare` (dimensions × funds) and `policy diff`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from socialfund.core.formatting import format_mnkr, format_percent, format_sek
from socialfund.core.policy.vocabulary import (
    CALCULATION_LABELS,
    CALL_LABELS,
    EVIDENCE_LABELS,
    FREQUENCY_LABELS,
    FUNDING_MODEL_LABELS,
    MONTHS_SV,
    PARTY_TYPE_LABELS,
    REPAYMENT_LABELS,
    TARGET_GROUP_LABELS,
    WAIVER_LABELS,
    labels,
)
from socialfund.core.policy.workflow import TRACK_SECTIONS

NOT_STATED = "–"
"""What the comparison shows for a dimension the sources are silent on (as in reference/funds.md)."""


def value_at(model: Any, path: str) -> Any:
    """The value at a dotted path ('limits.max_per_year'); None when a part on the way is None."""
    current = model
    for part in path.split("."):
        if current is None:
            return None
        if not isinstance(current, BaseModel) or part not in type(current).model_fields:
            raise KeyError(path)
        current = getattr(current, part)
    return current


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, tuple | list) and len(value) == 0)


def _yes_no(value: Any) -> str:
    return "ja" if value else "nej"


def _mnkr(value: Any) -> str:
    return format_mnkr(Decimal(value))


def _per_year(value: Any) -> str:
    return f"{format_mnkr(Decimal(value))}/år"


def _sek(value: Any) -> str:
    return format_sek(Decimal(value))


def _percent(value: Any) -> str:
    return format_percent(Decimal(value))


def _duration(value: Any) -> str:
    low, high = value.min, value.max
    if low and high:
        return f"{low}–{high} mån"
    return f"högst {high} mån" if high else f"minst {low} mån"


def _targets(value: Any) -> str:
    text = labels(value.groups, TARGET_GROUP_LABELS)
    return text + (" (även via vuxna runt dem)" if value.via_adults else "")


def _partnership(value: Any) -> str:
    return " ELLER ".join(alt.label for alt in value.alternatives)


def _calls(value: Any) -> str:
    parts = [CALL_LABELS[value.mode]]
    if value.deadlines:
        parts.append("sista dag " + ", ".join(day.isoformat() for day in value.deadlines))
    if value.yearly_deadline:
        month, day = (int(part) for part in value.yearly_deadline.split("-"))
        parts.append(f"sista dag {day} {MONTHS_SV[month - 1]} varje år")
    if value.opens:
        parts.append(f"öppnade {value.opens.isoformat()}")
    if value.closes:
        parts.append(f"inga nya ansökningar från {value.closes.isoformat()}")
    return "; ".join(parts)


def _evaluation(value: Any) -> str:
    parts = []
    if value.external_required:
        parts.append("extern part krävs")
        if value.external_required_above is not None:
            parts[-1] += f" över {format_sek(value.external_required_above)}"
    elif value.external_required is False:
        parts.append("extern part krävs inte")
    if value.standardized_instrument_substitutes:
        parts.append("standardiserat instrument kan ersätta extern part")
    if value.scope:
        parts.append("sociala och ekonomiska effekter" if len(value.scope) > 1 else f"{value.scope[0]} effekter")
    return "; ".join(parts) or (value.note or "uppföljning krävs")


def _reporting(value: Any) -> str:
    items = []
    for duty in value:
        text = f"{duty.what}: {FREQUENCY_LABELS[duty.frequency]}"
        if duty.month:
            text += f" ({MONTHS_SV[duty.month - 1]})"
        if duty.scope == "fund":
            text += ", fondens rapport"
        if duty.recipient:
            text += f" till {duty.recipient}"
        items.append(text)
    return "; ".join(items)


def _procurement(value: Any) -> str:
    if not value.applies:
        return "nej"
    extra = "; extern aktör upphandlas i öppen konkurrens" if value.open_competition_for_external else ""
    return "LOU, direktupphandlingsgräns enligt tabell" + extra


def _implementation(value: Any) -> str:
    parts = []
    if value.plan_in_application:
        parts.append("tankar om implementering i ansökan")
    if value.plan_during_project:
        parts.append("plan under projekttiden")
    return "; ".join(parts) or "framgångsrika projekt övergår i ordinarie verksamhet"


def _evidence(value: Any) -> str:
    text = EVIDENCE_LABELS[value.level]
    return text + ("; kraven i proportion till insatsens storlek" if value.scale_with_size else "")


def _text(value: Any) -> str:
    return str(value)


def _texts(value: Any) -> str:
    return ", ".join(str(item) for item in value)


def _stages(value: Any) -> str:
    return " → ".join(stage.name_sv for stage in value)


@dataclass(frozen=True)
class Dimension:
    path: str
    label: str
    render: Callable[[Any], str]
    declare_if_empty: bool = True
    """An empty value must be listed in the policy's `unset` (the sources are silent)."""
    declare_unless: tuple[str, ...] = ()
    """...unless one of these paths has a value (the same fact said the other way round)."""
    applies: Callable[[Any], bool] = lambda policy: True


def _repays(policy: Any) -> bool:
    """Repayment details matter unless the policy says there is no repayment (unknown counts as mattering)."""
    return policy.repayment is None or policy.repayment.mode != "none"


def _evaluates_externally(policy: Any) -> bool:
    return policy.evaluation is None or bool(policy.evaluation.external_required)


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("fund.started", "Start", _text),
    Dimension("fund.kolada_id", "Kolada-id", _text),
    Dimension("adopted.date", "Riktlinjer antagna", lambda d: d.isoformat()),
    Dimension("adopted.body", "Antagna av", _text),
    Dimension("funding.model", "Finansiering", lambda v: FUNDING_MODEL_LABELS[v]),
    Dimension(
        "funding.capital", "Kapital", _mnkr, applies=lambda p: p.funding is None or p.funding.model != "yearly_pot"
    ),
    Dimension(
        "funding.yearly_amount",
        "Medel per år",
        _per_year,
        applies=lambda p: p.funding is not None and p.funding.model == "yearly_pot",
    ),
    Dimension("funding.revolving", "Revolverande", _yes_no),
    Dimension("target_groups", "Målgrupper", _targets),
    Dimension("applicants.allowed_types", "Sökande", lambda v: labels(v, PARTY_TYPE_LABELS)),
    Dimension("applicants.excluded_types", "Uteslutna", lambda v: labels(v, PARTY_TYPE_LABELS), declare_if_empty=False),
    Dimension("applicants.external_ideas", "Externa får komma med idéer", _yes_no),
    Dimension("partnership", "Samverkanskrav", _partnership),
    Dimension("limits.max_per_year", "Tak per år", _sek),
    Dimension("limits.max_per_project", "Tak per projekt", _sek),
    Dimension(
        "limits.max_share_of_cost",
        "Största andel av kostnaden",
        _percent,
        declare_unless=("limits.min_cofinancing_share",),
    ),
    Dimension(
        "limits.min_cofinancing_share", "Minsta medfinansiering", _percent, declare_unless=("limits.max_share_of_cost",)
    ),
    Dimension("limits.duration_months", "Projekttid", _duration),
    Dimension("calls", "Utlysning", _calls),
    Dimension("stages", "Steg", _stages, declare_if_empty=False),
    Dimension("organisation.decision_body", "Beslut om investering", _text),
    Dimension("organisation.opinion_bodies", "Yttranden", _texts),
    Dimension("organisation.preparation_group", "Beredning", lambda v: ", ".join(v.members)),
    Dimension("evidence", "Kunskapsbas", _evidence),
    Dimension("calculation.requirement", "Socioekonomisk beräkning", lambda v: CALCULATION_LABELS[v]),
    Dimension("repayment.mode", "Återföring", lambda v: REPAYMENT_LABELS[v]),
    Dimension("repayment.waiver", "Undantag från återföring", lambda v: WAIVER_LABELS[v], applies=_repays),
    Dimension("repayment.grace_years", "Nämndens respittid före återföring (år efter start)", _text, applies=_repays),
    Dimension(
        "repayment.latest_start_offset_years", "Återföring börjar senast (år efter start)", _text, applies=_repays
    ),
    Dimension("repayment.max_years_after_first", "Återbetald inom (år)", _text, applies=_repays),
    Dimension("evaluation", "Uppföljning och utvärdering", _evaluation),
    Dimension(
        "evaluation.external_required_above",
        "Storleksgräns för extern utvärdering",
        _sek,
        applies=_evaluates_externally,
    ),
    Dimension("implementation", "Implementering", _implementation),
    Dimension("procurement", "Upphandling", _procurement),
    Dimension("reporting", "Rapportering", _reporting),
)
DIMENSION_PATHS: frozenset[str] = frozenset(d.path for d in DIMENSIONS)


def _track_value(policy: Any, path: str) -> Any:
    """For a track section ('limits.max_per_year'): the first track's non-empty value, else None."""
    section = path.split(".", 1)[0]
    if section not in TRACK_SECTIONS:
        return None
    for track in getattr(policy, "tracks", ()):
        value = value_at(track, path)
        if not is_empty(value):
            return value
    return None


def effective_empty(policy: Any, path: str) -> bool:
    """Empty in the policy and in every track."""
    return is_empty(value_at(policy, path)) and _track_value(policy, path) is None


def render(policy: Any, dimension: Dimension) -> str:
    """The dimension's value in Swedish; per track when the tracks set it; '–' when unset."""
    if not dimension.applies(policy):
        return "ej tillämpligt"
    value = value_at(policy, dimension.path)
    if not is_empty(value):
        return dimension.render(value)
    per_track = []
    for track in getattr(policy, "tracks", ()):
        if dimension.path.split(".", 1)[0] not in TRACK_SECTIONS:
            break
        track_value = value_at(track, dimension.path)
        if not is_empty(track_value):
            per_track.append(f"{track.code.upper()}: {dimension.render(track_value)}")
    return "; ".join(per_track) if per_track else NOT_STATED


def unset_problems(policy: Any) -> list[tuple[str, str]]:
    """Errors in the policy's `unset` list: unknown paths, set values declared unset, empty values not declared."""
    declared = [note.path for note in policy.unset]
    problems: list[tuple[str, str]] = []
    valid_paths = DIMENSION_PATHS | {path.split(".", 1)[0] for path in DIMENSION_PATHS}
    for index, path in enumerate(declared):
        if path not in valid_paths:
            problems.append((f"unset[{index}].path", f"okänd dimension '{path}'"))
        elif not effective_empty(policy, path):
            problems.append((f"unset[{index}].path", f"'{path}' har ett värde; ta bort den ur unset"))

    def covered(path: str) -> bool:
        return any(path == item or path.startswith(item + ".") for item in declared)

    for dimension in DIMENSIONS:
        if dimension.declare_if_empty and dimension.applies(policy) and effective_empty(policy, dimension.path):
            if any(not effective_empty(policy, other) for other in dimension.declare_unless):
                continue
            if not covered(dimension.path):
                problems.append(
                    ("unset", f"'{dimension.path}' saknar värde; ange det, eller lägg det i unset med en förklaring")
                )
    return problems
