"""The roles people have in the fund's process.

Each role is a Django group whose name is the stable code below; the Swedish label
is for display. Codes never change (a translated display string must never decide
anything). The policy files name stage actors with the same codes.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Sökande handläggare")
    OFFICE_HEAD = "office_head", _("Kontorschef")
    PREPARATION_GROUP = "preparation_group", _("Beredningsgrupp")
    CITY_DIRECTOR = "city_director", _("Stadsdirektör")
    OPINION_GIVER = "opinion_giver", _("Utskott eller nämnd (yttrande)")
    REGISTRAR = "registrar", _("Registrator / KS-sekreterare")
    FINANCE = "finance", _("Ekonomi")
    READER = "reader", _("Läsare")
    ADMINISTRATOR = "administrator", _("Administratör")


ROLE_DESCRIPTIONS: dict[str, str | Promise] = {
    Role.APPLICANT: _("Handläggare vid en nämnd eller ett kontor som tar fram idéer och ansökningar."),
    Role.OFFICE_HEAD: _("Förankrar initiativ för sitt kontor."),
    Role.PREPARATION_GROUP: _("Prövar initiativ mot riktlinjerna och bereder ansökningar."),
    Role.CITY_DIRECTOR: _("Godkänner beredda ansökningar där riktlinjerna kräver det."),
    Role.OPINION_GIVER: _("Registrerar yttranden från utskott och nämnder."),
    Role.REGISTRAR: _("Diarieför och registrerar kommunstyrelsens beslut."),
    Role.FINANCE: _("Sköter fondens bokföring: utbetalningar och återföring."),
    Role.READER: _("Läser ärenden och rapporter."),
    Role.ADMINISTRATOR: _("Hanterar organisation, fonder och användare."),
}
