"""Template filters print Swedish formats."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.template import Context, Template

NBSP = "\u00a0"


def render(source: str, **context: object) -> str:
    return Template("{% load sf_format %}" + source).render(Context(context))


def test_amount_filters():
    assert render("{{ x|sek }}", x=Decimal("1234567")) == f"1{NBSP}234{NBSP}567{NBSP}kr"
    assert render("{{ x|mnkr }}", x=Decimal("24000000.00")) == f"24{NBSP}mnkr"
    assert render("{{ x|number }}", x=27137) == f"27{NBSP}137"
    assert render("{{ x|sek }}", x=None) == "–"


def test_date_filter_is_iso():
    assert render("{{ d|isodate }}", d=dt.date(2015, 10, 26)) == "2015-10-26"


def test_django_date_and_number_localisation_is_swedish(settings):
    # The built-in localisation, used by forms and {{ value }}, agrees with our filters.
    assert render("{{ d }}", d=dt.date(2015, 10, 26)) == "2015-10-26"
    assert render("{{ x }}", x=Decimal("1234567.50")) == f"1{NBSP}234{NBSP}567,50"
