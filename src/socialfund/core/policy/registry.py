"""Finding and loading policies: the shipped ones by id (`sodertalje-2013`), or any file by path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from socialfund.core.policy.errors import ROOT, PolicyError, translate
from socialfund.core.policy.schema import Policy
from socialfund.core.policy.yamlio import YamlReadError, read_yaml_file

POLICY_SUFFIXES = (".yaml", ".yml")


def policies_dir() -> Path:
    """Where the shipped policies live: socialfund/data/policies/."""
    return Path(str(resources.files("socialfund") / "data" / "policies"))


def shipped_policy_ids() -> list[str]:
    return list(_shipped_ids())


@cache
def _shipped_ids() -> tuple[str, ...]:
    """The files shipped with the package do not change while it runs: read the folder once, not on every
    stage name a list prints (1 000 directory reads a page; issue 22)."""
    return tuple(sorted(path.stem for path in policies_dir().glob("*.yaml")))


StoredPolicySource = Callable[[str], "dict[str, Any] | None"]
"""Finds a policy document stored outside the shipped files by its id (the guideline editor's proposed and
adopted versions), or None. The core knows no database: the Django app registers its source at start."""

_stored_sources: list[StoredPolicySource] = []


def register_policy_source(source: StoredPolicySource) -> None:
    """Let `load_policy` also find policies by id in `source` (once per source)."""
    if source not in _stored_sources:
        _stored_sources.append(source)


def _stored_document(policy_id: str) -> dict[str, Any] | None:
    for source in _stored_sources:
        document = source(policy_id)
        if document is not None:
            return document
    return None


def policy_id_known(policy_id: str) -> bool:
    """A shipped policy, or one a registered source stores."""
    return policy_id in shipped_policy_ids() or _stored_document(policy_id) is not None


def parse_policy(data: Any, *, source: str = ROOT) -> Policy:
    """Validate a policy document (a mapping, e.g. from YAML); PolicyError with every problem otherwise."""
    if not isinstance(data, dict):
        raise PolicyError([(ROOT, f"{source} måste innehålla en mappning (nyckel: värde) på översta nivån")])
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(translate(exc)) from exc


def load_policy_file(path: str | Path) -> Policy:
    location = Path(path)
    try:
        data = read_yaml_file(location)
    except YamlReadError as exc:
        raise PolicyError([(ROOT, exc.problem)]) from exc
    return parse_policy(data, source=str(location))


@cache
def _load_shipped(policy_id: str) -> Policy:
    policy = load_policy_file(policies_dir() / f"{policy_id}.yaml")
    if policy.id != policy_id:
        raise PolicyError([("id", f"filen {policy_id}.yaml har id '{policy.id}'; id och filnamn måste vara lika")])
    return policy


def _looks_like_path(name: str) -> bool:
    return name.endswith(POLICY_SUFFIXES) or "/" in name or "\\" in name


def load_policy(name_or_path: str | Path) -> Policy:
    """A shipped policy by id ('sodertalje-2013') or a policy file by path."""
    if isinstance(name_or_path, Path) or _looks_like_path(name_or_path):
        return load_policy_file(name_or_path)
    known = shipped_policy_ids()
    if name_or_path not in known:
        stored = _stored_document(name_or_path)
        if stored is not None:
            # Stored versions that reach here are frozen (proposed or adopted): no cache needed for correctness.
            return parse_policy(stored, source=name_or_path)
        raise PolicyError([("policy", f"okänd policy '{name_or_path}'; kända: {', '.join(known)}")])
    return _load_shipped(name_or_path)


def list_policies() -> list[Policy]:
    """Every shipped policy, by fund and then by adoption (undated last)."""
    policies = [_load_shipped(policy_id) for policy_id in shipped_policy_ids()]
    return sorted(policies, key=lambda p: (p.fund.key, p.adopted.date or p.adopted.proposal_date or dt.date.max))


def policy_in_force(fund_key: str, on: dt.date, *, include_proposals: bool = False) -> Policy | None:
    """The shipped version of a fund's guidelines in force on a date: the latest adopted on or before it.

    Versions without an adoption date never qualify. With `include_proposals`, a proposal counts from its
    proposal date (for "what if the proposal had been adopted" screenings)."""
    candidates: list[tuple[dt.date, Policy]] = []
    for policy in list_policies():
        if policy.fund.key != fund_key:
            continue
        start = policy.in_force_from
        if start is None and include_proposals and policy.adopted.status == "proposed":
            start = policy.adopted.proposal_date
        if start is not None and start <= on:
            candidates.append((start, policy))
    return max(candidates, key=lambda item: item[0])[1] if candidates else None
