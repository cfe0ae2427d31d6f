"""The calculator page as a browser sees it: the form's current values, read from the HTML, posted back.

A browser posts exactly what the page shows (plus the button pressed). Tests that save, save
again and reload must do the same, or they test a request no person can send.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.urls import reverse

from socialfund.cases.models import Initiative


class _FormReader(HTMLParser):
    """The named fields of the calculator form (`form.stacked-form`) with the values they show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._select_first: str | None = None
        self._option: dict[str, str | None] | None = None
        self._option_text = ""
        self._textarea: str | None = None
        self._textarea_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if (tag == "form" and "calc-form" in (a.get("class") or "")) or (tag == "div" and a.get("id") == "calc-grid"):
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value") or "on"))
                return
            self.fields.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._select_value, self._select_first = name, None, None
        elif tag == "option" and self._select is not None:
            self._option, self._option_text = a, ""
        elif tag == "textarea" and name:
            self._textarea, self._textarea_text = name, ""

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option_text += data
        if self._textarea is not None:
            self._textarea_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option is not None:
            value = self._option.get("value")
            value = self._option_text.strip() if value is None else value
            if self._select_first is None:
                self._select_first = value
            if "selected" in self._option:
                self._select_value = value
            self._option = None
        elif tag == "select" and self._select is not None:
            chosen = self._select_value if self._select_value is not None else self._select_first
            self.fields.append((self._select, chosen or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._textarea_text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form" and self.in_form:
            self.in_form = False


def shown_form(html: str) -> dict[str, str]:
    """The calculator form's values as the page shows them (one value per name)."""
    reader = _FormReader()
    reader.feed(html)
    assert reader.fields, "the page has no calculator form"
    return dict(reader.fields)


def calc_url(initiative: Initiative, query: str = "") -> str:
    return reverse("cases:guided", args=[initiative.pk, "kalkyl"]) + query


def open_calculator(client: Client, initiative: Initiative, query: str = "") -> dict[str, str]:
    response = client.get(calc_url(initiative, query))
    assert response.status_code == 200
    return shown_form(response.content.decode())


def press(client: Client, initiative: Initiative, form: dict[str, str], button: str, *, expect: int = 302) -> Any:
    """Post the form as shown with `button` pressed; follow the redirect like a browser."""
    response = client.post(calc_url(initiative), {**form, button: ""})
    assert response.status_code == expect, response.content.decode()[-2000:]
    if response.status_code == 302:
        return client.get(response["Location"])
    return response


def stored_calculation(initiative: Initiative) -> dict[str, Any] | None:
    initiative.refresh_from_db()
    return (initiative.content or {}).get("calculation")


def set_frame(
    client: Client, initiative: Initiative, form: dict[str, str], *, start_year: int = 2016, horizon: int = 10
) -> dict[str, str]:
    """Type the first year and the number of years; the grid redraws its columns (as the page's htmx does)."""
    form["calc-start_year"] = str(start_year)
    form["calc-horizon"] = str(horizon)
    response = client.post(reverse("cases:calc-rows", args=[initiative.pk]), form)
    assert response.status_code == 200
    return {**form, **shown_form(response.content.decode())}


def _set_cells(form: dict[str, str], prefix: str, values: dict[int, int]) -> None:
    """Type the figures into the row's year cells, emptying the others (the cells must be shown)."""
    for name in [n for n in form if n.startswith(prefix + "y")]:
        form[name] = ""
    for year, value in values.items():
        assert f"{prefix}y{year}" in form, f"the grid shows no column {year}"
        form[f"{prefix}y{year}"] = f"{value:,}".replace(",", " ")


def fill_cost(form: dict[str, str], row: int, *, label: str, payer: str, amounts: dict[int, int]) -> None:
    """Type a cost row as a person would (the row must be shown on the page)."""
    prefix = f"costs-{row}-"
    assert prefix + "label" in form, f"the page shows no cost row {row}"
    form[prefix + "label"] = label
    form[prefix + "payer"] = payer
    _set_cells(form, prefix, amounts)


def fill_effect(
    form: dict[str, str],
    row: int,
    *,
    label: str,
    beneficiary: str,
    unit_value: int,
    quantity: dict[int, int],
    deadweight: str = "0",
    attribution: str = "0",
) -> None:
    prefix = f"effects-{row}-"
    assert prefix + "label" in form, f"the page shows no effect row {row}"
    form[prefix + "label"] = label
    form[prefix + "beneficiary"] = beneficiary
    form[prefix + "cashable"] = "yes"
    form[prefix + "unit_value"] = str(unit_value)
    _set_cells(form, prefix, quantity)
    form[prefix + "deadweight"] = deadweight
    form[prefix + "displacement"] = "0"
    form[prefix + "attribution"] = attribution


def clear_row(form: dict[str, str], kind: str, row: int) -> None:
    """Empty the row's name and figures (what emptying a row in the grid means)."""
    prefix = f"{kind}-{row}-"
    form[prefix + "label"] = ""
    _set_cells(form, prefix, {})


def _number(text: str) -> float:
    return float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))


def shown_rows(form: dict[str, str], kind: str) -> list[tuple[Any, ...] | None]:
    """Each row the page shows, in order: (label, party, figures by year), or None for a blank row."""
    rows: list[tuple[Any, ...] | None] = []
    row = 0
    while f"{kind}-{row}-label" in form:
        prefix = f"{kind}-{row}-"
        label = form[prefix + "label"]
        party = form[prefix + "payer"] if kind == "costs" else form[prefix + "beneficiary"]
        figures = {
            int(name.removeprefix(prefix + "y")): _number(value)
            for name, value in form.items()
            if name.startswith(prefix + "y") and value.strip()
        }
        rows.append((label, party, figures) if label.strip() else None)
        row += 1
    return rows


def stored_rows(calculation: dict[str, Any] | None, kind: str) -> list[tuple[Any, ...]]:
    """The stored calculation's rows in the same shape as `shown_rows`."""
    rows = []
    for line in (calculation or {}).get(kind) or []:
        party = line["payer"] if kind == "costs" else line["beneficiary"]
        figures = line["amounts"] if kind == "costs" else line["quantity"]
        rows.append((line["label"], party, {int(y): float(v) for y, v in figures.items()}))
    return rows
