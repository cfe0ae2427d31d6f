"""A proposal beside the version in force, as the seed's PM sets it out ("Nuvarande lydelse … Föreslagen
lydelse …"), and what it would mean for cases: which open cases and which shipped example initiatives the
screening would judge differently (each is screened under both)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import socialfund
from socialfund.core.formatting import format_sek
from socialfund.core.policy import Policy
from socialfund.core.policy.compare import Change, diff_policies
from socialfund.core.policy.dimensions import NOT_STATED, value_at
from socialfund.core.policy.errors import InputError
from socialfund.core.policy.vocabulary import RULE_TITLES
from socialfund.core.screening import ScreeningResult, screen
from socialfund.core.screening.engine import today
from socialfund.core.screening.loading import load_initiative_file
from socialfund.core.screening.result import STATUS_LABELS, VERDICT_LABELS

# What changes with an adoption by itself is not a change of wording.
_NOT_WORDING = ("Start", "Kolada-id", "Riktlinjer antagna", "Antagna av")
_FIELD_LABELS = {"regel": "Regeln", "steg": "Steget", "dimension": ""}
_VALUE_WORDS = {"auto": "automatisk", "human": "bedömning", "block": "spärr", "warn": "varning"}


@dataclass(frozen=True)
class WordingChange:
    heading: str
    """What the change concerns, in Swedish: a rule's title, a stage's name, a dimension."""
    kind: str
    """ny, borttagen or ändrad."""
    current: str
    """Nuvarande lydelse ('–' for something new)."""
    proposed: str
    """Föreslagen lydelse ('–' for something removed)."""


def _rule_title(policy: Policy, rule_id: str) -> str:
    rule = policy.rule(rule_id)
    return rule.display_title if rule else RULE_TITLES.get(rule_id, rule_id)


def _stage_name(policies: tuple[Policy, Policy], code: str) -> str:
    for policy in policies:
        if code in policy.stage_codes:
            return policy.stage(code).name_sv
    return code


def _value(text: str, policies: tuple[Policy, Policy]) -> str:
    if text in _VALUE_WORDS:
        return _VALUE_WORDS[text]
    codes = [code.strip() for code in text.split(",")]
    if text and all(any(code in p.stage_codes for p in policies) for code in codes):
        return ", ".join(_stage_name(policies, code) for code in codes)
    return text


def _heading(change: Change, current: Policy, proposed: Policy) -> str:
    if change.field == "dimension":
        return change.subject
    if change.field == "steg":
        return f"Steget ”{_stage_name((proposed, current), change.subject)}”"
    title = _rule_title(proposed if proposed.rule(change.subject) else current, change.subject)
    return f"Regeln ”{title}”" + ("" if change.field == "regel" else f": {change.field}")


KIND_WORDS = {"added": "ny", "removed": "borttagen", "changed": "ändrad"}

# The fund's money is written in whole kronor on a proposal (24 000 000 kr), not in the overview's mnkr.
_MONEY_DIMENSIONS = {"Kapital": "funding.capital", "Medel per år": "funding.yearly_amount"}


def _wording(change: Change, policy: Policy, text: str, both: tuple[Policy, Policy]) -> str:
    if text == NOT_STATED:
        return text
    path = _MONEY_DIMENSIONS.get(change.subject) if change.field == "dimension" else None
    if path is not None and (amount := value_at(policy, path)) is not None:
        return format_sek(amount) + ("/år" if path.endswith("yearly_amount") else "")
    return _value(text, both)


def wording_changes(current: Policy, proposed: Policy) -> list[WordingChange]:
    """Rule by rule, then stages, then the other dimensions: each with its current and proposed wording."""
    both = (current, proposed)
    out = []
    for change in diff_policies(current, proposed):
        if change.field == "dimension" and change.subject in _NOT_WORDING:
            continue
        out.append(
            WordingChange(
                heading=_heading(change, current, proposed),
                kind=KIND_WORDS[change.kind],
                current=_wording(change, current, change.before, both),
                proposed=_wording(change, proposed, change.after, both),
            )
        )
    return out


# -- what the proposal means for cases ----------------------------------------------------------------
@dataclass(frozen=True)
class Screened:
    verdict: str
    """The verdict in Swedish, or why the case cannot be screened under that version."""
    statuses: dict[str, str]
    """Rule title → its status in Swedish."""
    messages: dict[str, str] | None = None
    """Rule title → what the screening says (the figures behind a status: how much is repaid in time)."""


@dataclass(frozen=True)
class CaseEffect:
    name: str
    kind: str
    """'Öppet ärende' or 'Exempelinitiativ'."""
    current: Screened
    proposed: Screened
    differences: tuple[str, ...]

    @property
    def differs(self) -> bool:
        return bool(self.differences)


def _screened(result: ScreeningResult | None, policy: Policy, problem: str = "") -> Screened:
    if result is None:
        return Screened(problem, {})
    statuses = {_rule_title(policy, f.rule): STATUS_LABELS[f.status] for f in result.findings}
    messages = {_rule_title(policy, f.rule): f.message for f in result.findings}
    return Screened(VERDICT_LABELS[result.verdict], statuses, messages)


def content_key(value: Any) -> str:
    """A short fingerprint of a case's content (its file form) or a proposal's document."""
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def policy_key(policy: Policy, *, editable: bool = False) -> str:
    """A version in force never changes under its id (each version gets a fresh one); a draft does, as it is
    edited, so it is known by its content."""
    return content_key(policy.model_dump(mode="json")) if editable else f"id:{policy.id}"


# Screenings by (version, case content, date): the comparison page screens every case under the version in
# force and under the proposal on each visit, and neither changes between visits unless its content does.
_SCREENINGS: OrderedDict[tuple[str, str, dt.date], Screened] = OrderedDict()
_SCREENINGS_MAX = 4096
_SCREENINGS_LOCK = threading.Lock()


def _screen_cached(initiative: object, policy: Policy, on: dt.date, keys: tuple[str, str] | None) -> Screened:
    if keys is None:
        return _try_screen(initiative, policy, on)
    key = (*keys, on)
    with _SCREENINGS_LOCK:
        found = _SCREENINGS.get(key)
        if found is not None:
            _SCREENINGS.move_to_end(key)
            return found
    result = _try_screen(initiative, policy, on)
    with _SCREENINGS_LOCK:
        _SCREENINGS[key] = result
        while len(_SCREENINGS) > _SCREENINGS_MAX:
            _SCREENINGS.popitem(last=False)
    return result


def _try_screen(initiative: object, policy: Policy, on: dt.date) -> Screened:
    try:
        return _screened(screen(initiative, policy, on_date=on), policy)  # type: ignore[arg-type]
    except InputError as exc:
        if any(path == "stage" for path, _ in exc.errors):
            return Screened("kan inte prövas: steget finns inte i versionen", {})
        return Screened("kan inte prövas: " + "; ".join(message for _, message in exc.errors), {})


def _differences(current: Screened, proposed: Screened) -> tuple[str, ...]:
    lines = []
    if current.verdict != proposed.verdict:
        lines.append(f"Bedömning: {current.verdict} → {proposed.verdict}")
    for title in dict.fromkeys([*current.statuses, *proposed.statuses]):
        was, now = current.statuses.get(title, NOT_STATED), proposed.statuses.get(title, NOT_STATED)
        if was != now:
            lines.append(f"{title}: {was} → {now}")
            continue
        said, says = (current.messages or {}).get(title), (proposed.messages or {}).get(title)
        if said != says and says:
            # Same status, other grounds: e.g. less of the grant repaid within the new limits.
            lines.append(f"{title}: {was}, men med förslaget: {says}")
    return tuple(lines)


@dataclass(frozen=True)
class Versions:
    """The proposal and what it is held against, each with the key its screenings are cached under."""

    proposed: Policy
    proposed_key: str

    @classmethod
    def of(cls, proposed: Policy) -> Versions:
        return cls(proposed, policy_key(proposed, editable=True))


def effect(
    name: str,
    kind: str,
    initiative: object,
    current: Policy,
    versions: Versions,
    on: dt.date,
    case_key: str | None = None,
) -> CaseEffect:
    """The case screened under the version in force and under the proposal (each screening cached by the
    version and the case's content when the case has a key)."""
    current_keys = (policy_key(current), case_key) if case_key else None
    proposed_keys = (versions.proposed_key, case_key) if case_key else None
    before = _screen_cached(initiative, current, on, current_keys)
    after = _screen_cached(initiative, versions.proposed, on, proposed_keys)
    return CaseEffect(name, kind, before, after, _differences(before, after))


def example_initiatives_dir() -> Path:
    """The example initiatives the repository ships (examples/initiatives beside src/)."""
    return Path(socialfund.__file__).resolve().parents[2] / "examples" / "initiatives"


def example_effects(current: Policy, versions: Versions) -> list[CaseEffect]:
    """Every shipped example initiative, screened under both versions on its own date."""
    effects = []
    for path in sorted(example_initiatives_dir().glob("*.yaml")):
        try:
            initiative = load_initiative_file(path)
        except InputError:
            continue
        on = initiative.submitted or today()
        case_key = content_key([str(path), path.read_text(encoding="utf-8")])
        effects.append(effect(initiative.title, "Exempelinitiativ", initiative, current, versions, on, case_key))
    return effects
