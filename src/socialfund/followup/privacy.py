"""Follow-up holds aggregate figures only. Text that looks like a Swedish personal identity number
(personnummer or samordningsnummer: YYMMDD-NNNN, YYYYMMDDNNNN…) is refused wherever it is typed."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from socialfund.followup.errors import FollowupValidationError

# Six or eight digits, an optional - or +, four digits; not part of a longer run of digits.
PERSONAL_NUMBER = re.compile(r"(?<!\d)\d{6,8}[-+]?\d{4}(?!\d)")

AGGREGATES_ONLY = gettext_lazy(
    "Bara sammanräknade uppgifter för hela gruppen (antal, andel, dygn, kronor). "
    "Skriv aldrig något som pekar ut en enskild person: inga namn, personnummer eller ärendenummer."
)


def looks_like_personal_number(text: str) -> bool:
    return bool(PERSONAL_NUMBER.search(text or ""))


def refuse_personal_data(**texts: str) -> None:
    """Raise on the first field whose text looks like it holds a personal identity number."""
    for field, text in texts.items():
        if looks_like_personal_number(text):
            raise FollowupValidationError(
                _(
                    "Texten ser ut att innehålla ett personnummer. Uppföljningen får bara innehålla "
                    "sammanräknade uppgifter – ta bort uppgiften om den enskilda personen."
                ),
                field=field,
            )
