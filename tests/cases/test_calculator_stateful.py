"""Issue 17, part 1: random sequences of what a person does in the calculator lose nothing.

A hypothesis state machine drives the calculator page through the Django test client: it fills a
blank row, edits a figure, clears (removes) a row, and presses Spara, Spara och fortsätt or
Spara och lägg till. After every save the stored calculation must be exactly the rows the person
last saw, and reopening the page must show them again.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.funds.models import Fund
from tests.cases.calc_page import (
    calc_url,
    clear_row,
    fill_cost,
    fill_effect,
    open_calculator,
    set_frame,
    shown_form,
    shown_rows,
    stored_calculation,
    stored_rows,
)

pytestmark = pytest.mark.django_db

YEARS = st.integers(min_value=2016, max_value=2025)
FIGURES = st.dictionaries(YEARS, st.integers(min_value=1, max_value=2_000_000), min_size=1, max_size=3)
QUANTITIES = st.dictionaries(YEARS, st.integers(min_value=1, max_value=500), min_size=1, max_size=3)
LABELS = st.sampled_from(["Läxhjälpare", "Utvärdering", "Lokaler", "Färre placeringsdygn", "Färre elever"])
PAYERS = st.sampled_from(["fund", "UN"])
BENEFICIARIES = st.sampled_from(["SN", "UN"])


class CalculatorUse(RuleBasedStateMachine):
    """One person, one draft. `typed` is what the page shows per row (None: a blank row)."""

    client: Client
    fund: Fund
    user: User

    def __init__(self) -> None:
        super().__init__()
        self.initiative = services.initiative_create(
            fund=self.fund, user=self.user, title="Läxhjälp", stage="application"
        )
        self.form = set_frame(self.client, self.initiative, open_calculator(self.client, self.initiative))
        self.typed: dict[str, list[tuple[Any, ...] | None]] = {
            "costs": shown_rows(self.form, "costs"),
            "effects": shown_rows(self.form, "effects"),
        }
        self.saved: dict[str, list[tuple[Any, ...]]] = {"costs": [], "effects": []}

    def _blank(self, kind: str) -> int | None:
        return next((i for i, row in enumerate(self.typed[kind]) if row is None), None)

    def _filled(self, kind: str) -> list[int]:
        return [i for i, row in enumerate(self.typed[kind]) if row is not None]

    @precondition(lambda self: self._blank("costs") is not None)
    @rule(label=LABELS, payer=PAYERS, amounts=FIGURES)
    def type_a_cost(self, label: str, payer: str, amounts: dict[int, int]) -> None:
        row = self._blank("costs")
        assert row is not None
        fill_cost(self.form, row, label=label, payer=payer, amounts=amounts)
        self.typed["costs"][row] = (label, payer, {y: float(a) for y, a in amounts.items()})

    @precondition(lambda self: self._blank("effects") is not None)
    @rule(label=LABELS, beneficiary=BENEFICIARIES, quantity=QUANTITIES)
    def type_an_effect(self, label: str, beneficiary: str, quantity: dict[int, int]) -> None:
        row = self._blank("effects")
        assert row is not None
        fill_effect(self.form, row, label=label, beneficiary=beneficiary, unit_value=3201, quantity=quantity)
        self.typed["effects"][row] = (label, beneficiary, {y: float(q) for y, q in quantity.items()})

    @precondition(lambda self: bool(self._filled("costs")))
    @rule(data=st.data(), amounts=FIGURES)
    def edit_a_cost(self, data: st.DataObject, amounts: dict[int, int]) -> None:
        row = data.draw(st.sampled_from(self._filled("costs")))
        label, payer, _old = self.typed["costs"][row]  # type: ignore[misc]
        fill_cost(self.form, row, label=label, payer=payer, amounts=amounts)
        self.typed["costs"][row] = (label, payer, {y: float(a) for y, a in amounts.items()})

    @precondition(lambda self: bool(self._filled("effects")))
    @rule(data=st.data(), quantity=QUANTITIES)
    def edit_an_effect(self, data: st.DataObject, quantity: dict[int, int]) -> None:
        row = data.draw(st.sampled_from(self._filled("effects")))
        label, beneficiary, _old = self.typed["effects"][row]  # type: ignore[misc]
        fill_effect(self.form, row, label=label, beneficiary=beneficiary, unit_value=3201, quantity=quantity)
        self.typed["effects"][row] = (label, beneficiary, {y: float(q) for y, q in quantity.items()})

    @precondition(lambda self: bool(self._filled("costs") or self._filled("effects")))
    @rule(data=st.data())
    def clear_a_row(self, data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from([k for k in ("costs", "effects") if self._filled(k)]))
        row = data.draw(st.sampled_from(self._filled(kind)))
        clear_row(self.form, kind, row)
        self.typed[kind][row] = None

    @rule(button=st.sampled_from(["save", "next", "add_cost", "add_effect"]))
    def press_a_save_button(self, button: str) -> None:
        response = self.client.post(calc_url(self.initiative), {**self.form, button: ""})
        expected = {kind: [row for row in rows if row is not None] for kind, rows in self.typed.items()}
        if response.status_code == 302:
            self.saved = expected
        else:
            assert response.status_code == 400, response.status_code
        assert {k: stored_rows(stored_calculation(self.initiative), k) for k in expected} == self.saved
        # Reopen the calculator as a person does after any save (or from the next step's menu).
        follow = self.client.get(response["Location"]) if response.status_code == 302 and button != "next" else None
        page = (
            follow.content.decode()
            if follow is not None
            else self.client.get(calc_url(self.initiative)).content.decode()
        )
        self.form = shown_form(page)
        shown = {kind: shown_rows(self.form, kind) for kind in ("costs", "effects")}
        for kind, rows in shown.items():
            assert [row for row in rows if row is not None] == expected[kind], kind
        self.typed = shown

    @invariant()
    def the_page_shows_what_was_typed(self) -> None:
        for kind in ("costs", "effects"):
            assert shown_rows(self.form, kind) == self.typed[kind]


def test_no_sequence_of_edits_and_saves_loses_a_figure(users, fund):
    client = Client()
    client.force_login(users["handlaggare"])
    CalculatorUse.client = client
    CalculatorUse.fund = fund
    CalculatorUse.user = users["handlaggare"]
    run_state_machine_as_test(
        CalculatorUse,
        settings=settings(
            max_examples=12,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
