"""Start an application from the CLI's files: an initiative file, and optionally its calculation file.

What the system records itself (who applies, the lead board, sign-offs, the group's
assessments, the filing date) is not taken from a file: those are steps in the case.
"""

from __future__ import annotations

from typing import Any

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.cases.document_limits import DocumentTooComplex, parse_within_limits
from socialfund.cases.errors import CaseValidationError
from socialfund.cases.models import Initiative
from socialfund.core.calc import CalculationInputError, parse_calculation
from socialfund.core.screening import ScreeningInputError, parse_initiative
from socialfund.core.strictread import DocumentReadError, parse_yaml
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board

SYSTEM_KEYS = {
    "title",
    "stage",
    "submitted",
    "applicant",
    "initiator",
    "lead_board",
    "anchoring",
    "assessments",
    "note",
    "calculation_file",
}


def _load_yaml(text: str, *, what: str) -> dict[str, Any]:
    """The file read by the one strict reader (the CLI's): a key given twice is refused."""
    try:
        data = parse_within_limits(parse_yaml, text)
    except DocumentTooComplex as exc:
        raise CaseValidationError(f"{what}: {exc}", field="file") from exc
    except DocumentReadError as exc:
        raise CaseValidationError(f"{what} är inte giltig YAML: {exc.problem}.", field="file") from exc
    if not isinstance(data, dict):
        raise CaseValidationError(f"{what} ska vara en YAML-mappning med nycklar som title och stage.", field="file")
    return data


def initiative_from_files(
    *, fund: Fund, user: User, initiative_text: str, calculation_text: str | None = None
) -> Initiative:
    data = _load_yaml(initiative_text, what="Initiativfilen")
    if calculation_text:
        data["calculation"] = _load_yaml(calculation_text, what="Beräkningsfilen")
        data.pop("calculation_file", None)
    elif isinstance(data.get("calculation"), str) or data.get("calculation_file"):
        raise CaseValidationError(
            "Initiativfilen hänvisar till en beräkningsfil: ladda upp den också.", field="calc_file"
        )
    try:
        parse_initiative(data)
    except ScreeningInputError as error:
        raise CaseValidationError(str(error), field="file") from error
    if data.get("calculation"):
        try:
            parse_calculation(data["calculation"])
        except CalculationInputError as error:
            raise CaseValidationError(f"Beräkningen: {error}", field="calc_file") from error
    partners = data.get("partners") or []
    board_codes = [p["name"] for p in partners if p.get("type") == "board"]
    boards = list(Board.objects.filter(organisation_id=fund.organisation_id, code__in=board_codes))
    unknown = sorted(set(board_codes) - {b.code for b in boards})
    if unknown:
        raise CaseValidationError(f"Okända nämnder i partners: {', '.join(unknown)}.", field="file")
    content = {k: v for k, v in data.items() if k not in SYSTEM_KEYS}
    content["partners"] = [p for p in partners if p.get("type") != "board"]
    stage = data.get("stage") or None  # None: the guidelines' first entry stage
    return services.initiative_create(
        fund=fund,
        user=user,
        title=str(data.get("title") or ""),
        summary=str(data.get("note") or ""),
        stage=stage,
        partner_boards=boards,
        content=content,
    )
