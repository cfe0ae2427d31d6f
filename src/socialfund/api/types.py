"""Input types stricter than pydantic's defaults.

pydantic reads a date from a number (`0` is 1970-01-01, `86400` the day after): a measurement
sent with `measured_on: 0` was stored as 1970-01-01. The API's dates are ISO text, nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date_text(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise PydanticCustomError("date_type", "a date as YYYY-MM-DD text")
    return value


IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date_text),
    WithJsonSchema({"type": "string", "format": "date"}),
]


DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _decimal_text(value: Any) -> Any:
    # Decimal("1_000") and Decimal("١٠٠٠") are 1000 in Python; as API input they are mistakes.
    if isinstance(value, str) and not DECIMAL_TEXT.fullmatch(value.strip()):
        raise PydanticCustomError("decimal_parsing", "a decimal number written with 0-9 and a point")
    return value


DecimalText = Annotated[Decimal, BeforeValidator(_decimal_text)]
