"""The case machine over the API: what the token's user may do on a case now, and doing it.

`GET /initiatives/{id}/actions` lists the actions (code, Swedish label, the fields each needs, whether its
gate passes); `POST /initiatives/{id}/actions/{code}` performs one through the same service as the case
page, with the same refusals. A fund's whole workflow can be driven through these two endpoints.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Body, Field, Path, Router, Schema

from socialfund.api.auth import current_user
from socialfund.api.routers import BIGINT, ERRORS, _initiative_out, _visible
from socialfund.api.schemas import InitiativeOut
from socialfund.cases import actions
from socialfund.cases.selectors import initiative_detail

router = Router()


class ActionChoiceOut(Schema):
    code: str = Field(description="Värdet att skicka i fältet, t.ex. ett utskotts eller en nämnds förkortning.")
    label: str = Field(description="Valets namn på svenska, som i ärendets blocked_by (”yttrande saknas från …”).")


class ActionFieldOut(Schema):
    name: str
    label: str
    kind: str
    required: bool
    choices: list[ActionChoiceOut] = Field(
        default_factory=list,
        description=(
            "De värden ett valfält tar, när listan är känd: för yttrandets giver fondorganisationens utskott "
            "och nämnder (kod och namn), för position ställningstagandena. Tom lista annars."
        ),
    )


class ActionOut(Schema):
    code: str
    label: str
    fields: list[ActionFieldOut]
    ready: bool
    blocked_by: str


@router.get(
    "/initiatives/{pk}/actions",
    response={200: list[ActionOut], **ERRORS},
    tags=["ärenden"],
    summary="Vad du kan göra med ärendet nu",
    description=(
        "Åtgärderna som fondens riktlinjer erbjuder nyckelns användare i ärendets steg: kod, etikett på svenska, "
        "fälten åtgärden behöver (med valen ett valfält tar, t.ex. koderna för utskotten och nämnderna som kan "
        "yttra sig) och om steget kan lämnas (ready, annars blocked_by med vad som saknas)."
    ),
)
def initiative_actions(request: HttpRequest, pk: int = Path(..., ge=1, le=BIGINT)) -> list[dict[str, Any]]:  # type: ignore[type-arg]
    return actions.offered(current_user(request), _visible(request, pk))


@router.post(
    "/initiatives/{pk}/actions/{code}",
    response={200: InitiativeOut, **ERRORS},
    tags=["ärenden"],
    summary="Gör en åtgärd i ärendet",
    description=(
        "Utför åtgärden genom samma tjänst som webbsidan, med samma vägran: 403 när rollen inte får, 409 när "
        "ärendet inte är i rätt steg eller grinden inte passerats, 400 vid felaktiga fält (fältets svenska namn i errors)."
    ),
)
def initiative_action(
    request: HttpRequest,
    payload: Body[dict[str, Any]],
    pk: int = Path(..., ge=1, le=BIGINT),  # type: ignore[type-arg]
    code: str = Path(..., min_length=1, max_length=40),  # type: ignore[type-arg]
) -> dict[str, Any]:
    actions.perform(_visible(request, pk), current_user(request), code, payload)
    return _initiative_out(initiative_detail(initiative_id=pk))
