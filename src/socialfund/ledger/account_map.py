"""Which account in the municipality's chart each ledger account kind is exported to.

Every municipality has its own chart (most build on Kommun-BAS), so the map is data: the
default below, replaced per fund by a YAML or JSON file (`socialfund ledger account-map
--fund NAME FILE`, stored on the fund's books) or given for one export (`--account-map`).

    account_plan_type: EUBAS97
    dimensions: {board: 1, project: 6}     # SIE: 1 = kostnadsställe/resultatenhet, 6 = projekt
    accounts:
      capital: {number: "2081", name: "Sociala investeringsfonden, fondkapital"}
      ...
    objects:                               # the municipality's own object codes (optional)
      board: {SN: "410", UN: "520"}        # board code -> its code in dimension 1 (ansvar)
      project: {"12": "90012"}             # project (initiative id) -> its code in dimension 6
    series: "A"                            # the voucher series the municipality's ledger imports into

Without `objects`, a board travels as its code (SN) and a project as its number in the system.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from socialfund.ledger.codes import AccountKind

DEFAULT_MAP: dict[str, Any] = {
    "account_plan_type": "EUBAS97",
    "dimensions": {"board": 1, "project": 6},
    "dimension_names": {"board": "Nämnd", "project": "Projekt"},
    "accounts": {
        "capital": {"number": "2081", "name": "Sociala investeringsfonden, fondkapital"},
        "available": {"number": "2082", "name": "Sociala investeringsfonden, disponibla medel"},
        "committed": {"number": "2083", "name": "Sociala investeringsfonden, beviljade ej utbetalda medel"},
        "paid_out": {"number": "4591", "name": "Sociala investeringar, utbetalda medel"},
        "repaid": {"number": "3591", "name": "Sociala investeringar, återförda medel"},
        "frame_reduced": {"number": "3592", "name": "Sociala investeringar, återfört genom ramminskning"},
        "receivable": {"number": "1686", "name": "Återföringsskyldighet, nämnder"},
        "repayment_plan": {"number": "2084", "name": "Fastställd återföring, motkonto"},
        "waived": {"number": "4592", "name": "Efterskänkt återföring efter särskild prövning"},
    },
}


class AccountMapError(ValueError):
    pass


@dataclass(frozen=True)
class AccountMap:
    account_plan_type: str
    accounts: Mapping[str, tuple[str, str]]
    """kind -> (number, name)."""
    board_dimension: int
    project_dimension: int
    board_dimension_name: str
    project_dimension_name: str
    board_objects: Mapping[str, str] = field(default_factory=dict)
    project_objects: Mapping[str, str] = field(default_factory=dict)
    series: str = "A"

    def number(self, kind: str) -> str:
        return self.accounts[kind][0]

    def board_object(self, code: str) -> str:
        return self.board_objects.get(code, code)

    def project_object(self, initiative_id: int) -> str:
        return self.project_objects.get(str(initiative_id), str(initiative_id))


def parse_account_map(data: Mapping[str, Any] | None) -> AccountMap:
    """The default map with `data`'s entries laid over it; every account number must be digits and unique."""
    data = data or {}
    accounts = {**DEFAULT_MAP["accounts"], **(data.get("accounts") or {})}
    dimensions = {**DEFAULT_MAP["dimensions"], **(data.get("dimensions") or {})}
    names = {**DEFAULT_MAP["dimension_names"], **(data.get("dimension_names") or {})}
    unknown = sorted(set(accounts) - set(AccountKind.values))
    if unknown:
        raise AccountMapError(f"okända kontoslag i kontoplanen: {', '.join(unknown)}")
    parsed: dict[str, tuple[str, str]] = {}
    for kind, spec in accounts.items():
        number, name = str(spec.get("number", "")), str(spec.get("name", ""))
        if not number.isdigit():
            raise AccountMapError(f"accounts.{kind}.number: {number!r} är inte ett kontonummer")
        parsed[kind] = (number, name or kind)
    numbers = [number for number, _ in parsed.values()]
    if len(set(numbers)) != len(numbers):
        raise AccountMapError("två kontoslag har samma kontonummer")
    try:
        board_dim, project_dim = int(dimensions["board"]), int(dimensions["project"])
    except (TypeError, ValueError) as exc:
        raise AccountMapError("dimensions.board och dimensions.project måste vara heltal") from exc
    objects = data.get("objects") or {}
    if not isinstance(objects, Mapping) or not all(
        isinstance(objects.get(k) or {}, Mapping) for k in ("board", "project")
    ):
        raise AccountMapError("objects.board och objects.project ska vara mappningar från kod till objektkod")
    series = str(data.get("series") or "A")
    if not series.isalnum():
        raise AccountMapError(f"series: {series!r} ska vara bokstäver eller siffror")
    return AccountMap(
        board_objects={str(k): str(v) for k, v in (objects.get("board") or {}).items()},
        project_objects={str(k): str(v) for k, v in (objects.get("project") or {}).items()},
        series=series,
        account_plan_type=str(data.get("account_plan_type") or DEFAULT_MAP["account_plan_type"]),
        accounts=parsed,
        board_dimension=board_dim,
        project_dimension=project_dim,
        board_dimension_name=str(names["board"]),
        project_dimension_name=str(names["project"]),
    )


def load_account_map_file(path: str | Path) -> dict[str, Any]:
    """Read a map file (YAML or JSON); validated by `parse_account_map`."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AccountMapError(f"kunde inte läsa kontoplanen {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise AccountMapError(f"{path}: kontoplanen ska vara en mappning")
    parse_account_map(data)
    return data
