"""The accessibility statement's facts: the installation's configuration and the maintained list of gaps.

The organisation and the contact address are the installation's own (settings, from the environment);
an installation that has not set a contact address gets a statement that says so, never an example
address. The known gaps, the dates and how the service is tested are in socialfund/data/accessibility.yaml,
kept in the repository beside the code they describe.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _
from pydantic import ValidationError

from socialfund.core.policy.base import FrozenModel, Text
from socialfund.core.policy.errors import PolicyError, translate
from socialfund.core.policy.yamlio import YamlReadError, read_yaml_file

GAPS_FILE = "accessibility.yaml"


class Gap(FrozenModel):
    criterion: Text
    """The WCAG 2.1 success criterion ("1.3.1") or EN 301 549 clause the gap fails."""
    text: Text
    fix_by: str = ""


class Gaps(FrozenModel):
    assessed_on: dt.date
    updated_on: dt.date
    tested_with: tuple[Text, ...]
    gaps: tuple[Gap, ...]


def load_gaps(path: Path | None = None) -> Gaps:
    location = path or Path(str(resources.files("socialfund") / "data" / GAPS_FILE))
    try:
        return Gaps.model_validate(read_yaml_file(location))
    except YamlReadError as exc:
        raise PolicyError([("<fil>", exc.problem)]) from exc
    except ValidationError as exc:
        raise PolicyError(translate(exc)) from exc


@cache
def shipped_gaps() -> Gaps:
    return load_gaps()


@dataclass(frozen=True)
class Statement:
    organisation: str
    contact_email: str
    gaps: Gaps


def organisation_name() -> str:
    """The organisation behind the service: configured, or else the organisations in the database."""
    if settings.ACCESSIBILITY_ORGANISATION:
        return settings.ACCESSIBILITY_ORGANISATION
    from socialfund.organisation.models import Organisation

    names = list(Organisation.objects.order_by("pk").values_list("name", flat=True)[:3])
    return _(" och ").join(names) if names else ""


def statement() -> Statement:
    return Statement(
        organisation=organisation_name(),
        contact_email=settings.ACCESSIBILITY_CONTACT_EMAIL,
        gaps=shipped_gaps(),
    )


@checks.register(checks.Tags.compatibility, deploy=True)
def contact_address_is_set(**kwargs: object) -> list[checks.CheckMessage]:
    """A public service must say where to report accessibility problems (lag 2018:1937, 12 §)."""
    address = settings.ACCESSIBILITY_CONTACT_EMAIL
    if address and not address.endswith(("@example.se", "@example.com", "@example.org")):
        return []
    return [
        checks.Error(
            "ACCESSIBILITY_CONTACT_EMAIL saknas: tillgänglighetsredogörelsen måste ange installationens egen "
            "kontaktadress för att rapportera brister.",
            id="socialfund.E101",
        )
    ]
