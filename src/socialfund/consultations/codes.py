"""Stable codes of a consultation (remiss): stored, never display strings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecipientKind(models.TextChoices):
    BOARD = "board", _("Nämnd")
    COMPANY_BOARD = "company_board", _("Styrelse i kommunalt bolag")
    OTHER = "other", _("Annan remissinstans")


class AnswerPosition(models.TextChoices):
    """What the recipient says about the proposal; the seed's table rows."""

    SUPPORTS = "supports", _("Biträder förslaget")
    SUPPORTS_WITH_ADDITIONS = "supports_with_additions", _("Biträder förslaget med avvikande tillägg")
    OPPOSES = "opposes", _("Avstyrker förslaget")


class StatementKind(models.TextChoices):
    RESERVATION = "reservation", _("Reservation")
    SEPARATE_STATEMENT = "separate_statement", _("Särskilt yttrande")


# The compiled table's row for reservations and separate statements (the seed's wording).
STATEMENTS_ROW = "Reservationer, särskilda yttranden"
