"""Form fields for boards: a board is always offered by its accessible name, never by its code alone."""

from __future__ import annotations

from django import forms

from socialfund.organisation.models import Board


class BoardCheckboxes(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Boards as checkboxes, each labelled by its name (the code marked as an abbreviation), or, when only
    the code is known, by the code said to be one (issue 29: no checkbox read out as just "ALN")."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("queryset", Board.objects.none())
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def label_from_instance(self, obj: Board) -> str:
        return obj.label_html
