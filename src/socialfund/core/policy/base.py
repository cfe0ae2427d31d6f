"""The base for every policy model: immutable, and strict about unknown keys.

An unknown key in a guideline file is almost always a typo that would otherwise
silently drop a rule, so `extra="forbid"`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


class FrozenModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""A stable code: lower-case letters, digits, '-' and '_' (e.g. 'sodertalje-2013', 'target_group')."""
Text = Annotated[str, StringConstraints(min_length=1)]
Amount = Annotated[Decimal, Field(ge=0)]
"""Kronor, exact."""
Share = Annotated[Decimal, Field(ge=0, le=1)]
"""A share between 0 and 1 (0.7 = 70 %)."""
