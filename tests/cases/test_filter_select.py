"""The case list's filter dropdowns (PlainSelect): Django's HTML, written without a dictionary per option."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.http import QueryDict

from socialfund.cases.forms import FilterForm
from socialfund.organisation.models import Board

pytestmark = pytest.mark.django_db


def _form(data: str, organisation_id: int) -> FilterForm:
    form = FilterForm(QueryDict(data), stages=[("idea", "Idé"), ("application", "Ansökan & <beredning>")])
    form.fields["board"].queryset = Board.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]
    return form


def _normal(html: object) -> str:
    """Whitespace between tags removed and the select's attributes in one order (their order means nothing)."""
    text = re.sub(r">\s+<", "><", str(html))
    head, rest = text.split(">", 1)
    attributes = sorted(re.findall(r' [a-z-]+(?:="[^"]*")?', head.removeprefix("<select")))
    return "<select" + "".join(attributes) + ">" + rest


def _django_select(form: FilterForm, name: str) -> str:
    """The same field rendered by Django's own Select and its templates."""
    bound = form[name]
    plain = forms.Select(attrs=bound.field.widget.attrs, choices=bound.field.widget.choices)
    return _normal(bound.as_widget(widget=plain))


@pytest.mark.parametrize("query", ["", "status=active", "stage=application&board={un}", "board=999999&stage=x"])
def test_each_filter_dropdown_is_djangos_html(users, query):
    organisation = users["beredning"].organisation_id
    un = Board.objects.get(code="UN", organisation_id=organisation)
    form = _form(query.format(un=un.pk), organisation)
    form.is_valid()
    for name in ("fund", "stage", "status", "board"):
        assert _normal(form[name]) == _django_select(form, name), name


def test_the_dropdowns_build_no_option_dictionaries(users, monkeypatch):
    # Django's optgroups/create_option build a dictionary of attributes per option: with a hundred boards a
    # quarter of a search at 100 000 cases (issue 22). The filter writes its options straight from the choices.
    def refuse(*args, **kwargs):
        raise AssertionError("create_option called")

    monkeypatch.setattr(forms.Select, "create_option", refuse)
    form = _form("status=active", users["beredning"].organisation_id)
    html = str(form["board"]) + str(form["status"]) + str(form["stage"])
    assert "<option" in html and " selected>" in html
    assert "Ansökan &amp; &lt;beredning&gt;" in html
