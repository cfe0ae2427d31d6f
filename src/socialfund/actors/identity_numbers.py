"""Swedish organisation numbers (organisationsnummer) checked, and personal identity numbers kept out.

An organisation number is ten digits, the last a Luhn check digit (Bolagsverket; Skatteverket SKV 709).
Its third digit is 2 or more ("month" 20 and up), which is what tells it from a personal identity number
(personnummer, month 01–12) or a coordination number (samordningsnummer, day + 60). A sole trader's
organisation number *is* the owner's personal identity number, so it is refused too: the fund never
stores personal identity numbers (GDPR art. 87, lag 2018:218 3 kap. 10 §).
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_SEPARATORS = re.compile(r"[\s\-+]")
# Ten or twelve digits, optionally with a hyphen or plus before the last four: how people write them.
_CANDIDATE = re.compile(r"(?<!\d)(\d{6}|\d{8})[\s\-+]?(\d{4})(?!\d)")


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check over the ten digits, as Skatteverket computes it."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _ten_digits(raw: str) -> str | None:
    digits = _SEPARATORS.sub("", raw)
    if not digits.isdigit():
        return None
    if len(digits) == 12 and digits[:2] in ("16", "19", "20"):
        # "16" + the number is how some registers write an organisation number; "19"/"20" + ten digits is a
        # personal identity number with its century, refused below because its third digit is a month.
        return digits[2:]
    return digits if len(digits) == 10 else None


def is_personal_number(ten: str) -> bool:
    """A personal identity or coordination number: a real date (day + 60 for a coordination number)."""
    month, day = int(ten[2:4]), int(ten[4:6])
    if day > 60:
        day -= 60
    if not 1 <= month <= 12:
        return False
    try:
        dt.date(2000, month, day)  # a leap year: 29 February is a date
    except ValueError:
        return False
    return True


def organisation_number_clean(raw: str) -> str:
    """'802400-1235' or '8024001234' -> '802400-1234', or a ValidationError in Swedish for the field."""
    ten = _ten_digits(raw.strip())
    if ten is None:
        raise ValidationError(_("Skriv organisationsnumret med tio siffror, till exempel 802400-1235."), code="format")
    if int(ten[2]) < 2:
        if is_personal_number(ten):
            raise ValidationError(
                _(
                    "Det här ser ut som ett personnummer. Fonden sparar inga personnummer: en enskild firma "
                    "lämnar fältet tomt."
                ),
                code="personal_number",
            )
        raise ValidationError(
            _("Det här är inte ett organisationsnummer: den tredje siffran är alltid 2 eller högre."), code="format"
        )
    if not luhn_valid(ten):
        raise ValidationError(
            _("Organisationsnumret stämmer inte: kontrollsiffran (den sista) är fel. Kontrollera numret."),
            code="check_digit",
        )
    return f"{ten[:6]}-{ten[6:]}"


def contains_personal_number(text: str) -> bool:
    """Whether free text holds something that passes as a personal identity number (date and check digit)."""
    for match in _CANDIDATE.finditer(text):
        head, tail = match.group(1), match.group(2)
        ten = (head[2:] if len(head) == 8 else head) + tail
        if is_personal_number(ten) and luhn_valid(ten):
            return True
    return False


def refuse_personal_number(text: str) -> None:
    if contains_personal_number(text):
        raise ValidationError(
            _("Skriv inte personnummer här: fonden sparar inga personnummer. Ta bort numret och skicka igen."),
            code="personal_number",
        )
