"""Numbers in a form as a Swedish official writes them: 500 000, 0,9, 1 234,5.

A number input (Django's default for integer and decimal fields) shows 500000 and 0.9, and an
English-language browser drops a Swedish decimal comma. A text field shows the value in the
user's language and reads it back with its grouping and decimal comma (Django's localised
fields). Each field gets a message that says what to type, with an example, at the field.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext

NumberField = forms.IntegerField  # FloatField and DecimalField included


class SwedishNumberInput(forms.TextInput):
    """A text field that shows a number grouped, with the decimal comma, and no trailing ",0"."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return str(formats.number_format(value, force_grouping=True))
        shown: str | None = super().format_value(value)
        return shown


def _shown(limit: Any) -> str:
    return "" if limit is None else formats.number_format(limit, force_grouping=True)


def _whole(field: NumberField) -> bool:
    # Django's FloatField and DecimalField are subclasses of its IntegerField.
    return not isinstance(field, forms.FloatField | forms.DecimalField)


def _messages(field: NumberField, example: str) -> dict[str, str]:
    whole = _whole(field)
    low, high = field.min_value, field.max_value
    values = {"example": example, "low": _shown(low), "high": _shown(high)}
    wrong = gettext("Skriv ett heltal, t.ex. %(example)s.") if whole else gettext("Skriv ett tal, t.ex. %(example)s.")
    if low is not None and high is not None:
        outside = (
            gettext("Skriv ett heltal från %(low)s till %(high)s, t.ex. %(example)s.")
            if whole
            else gettext("Skriv ett tal från %(low)s till %(high)s, t.ex. %(example)s.")
        )
        too_small = too_large = outside
    else:
        too_small = gettext("Skriv ett tal som är minst %(low)s, t.ex. %(example)s.")
        too_large = gettext("Skriv ett tal som är högst %(high)s, t.ex. %(example)s.")
    messages = {"invalid": wrong, "required": wrong, "min_value": too_small, "max_value": too_large}
    return {code: text % values for code, text in messages.items()}


def swedish_number[F: NumberField](field: F, *, example: str) -> F:
    """Make a number field a Swedish text field; `example` is a typical value as it is typed ("0,9").

    Called in the form's __init__, so that the messages are in the language of the request.
    """
    field.localize = True
    field.widget = SwedishNumberInput(
        attrs={
            "inputmode": "numeric" if _whole(field) else "decimal",
            "autocomplete": "off",
        }
    )
    field.widget.is_localized = True
    field.error_messages = {**field.error_messages, **_messages(field, example)}
    return field
