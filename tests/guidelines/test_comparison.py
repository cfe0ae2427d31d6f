"""The proposal beside the version in force, in Swedish, and which example initiatives it changes."""

from __future__ import annotations

from socialfund.core.policy import load_policy
from socialfund.guidelines.comparison import Versions, example_effects, wording_changes
from socialfund.guidelines.document import document_of, validate_document


def _with(**repayment: int):
    document = document_of(load_policy("sodertalje-2013"))
    document["repayment"].update(repayment)
    policy, problems = validate_document(document)
    assert policy is not None, problems
    return policy


def test_the_seeds_revision_rule_by_rule_in_swedish() -> None:
    changes = wording_changes(load_policy("sodertalje-2013"), load_policy("sodertalje-2015"))
    headings = [change.heading for change in changes]
    assert "Beredning" in headings
    prep = next(change for change in changes if change.heading == "Beredning")
    assert prep.current.startswith("ekonomistrateg")
    assert prep.proposed.startswith("stadsdirektör, ekonomidirektör")
    removed = next(change for change in changes if change.heading == "Steget ”Stadsdirektörens godkännande”")
    assert (removed.kind, removed.proposed) == ("borttagen", "–")
    # No code names: rules and stages by their Swedish names.
    assert not any("'" in h or "_" in h for h in headings)


def test_a_longer_grace_period_changes_what_mobilt_team_skola_repays_in_time() -> None:
    current = load_policy("sodertalje-2013")
    effects = {e.name: e for e in example_effects(current, Versions.of(_with(grace_years=3)))}
    mobilt = effects["Mobilt team skola"]
    assert mobilt.differs
    assert any(line.startswith("Återföring") and "3\u00a0679\u00a0903\u00a0kr" in line for line in mobilt.differences)
    assert not effects["Körkortsutbildning för ungdomar"].differs


def test_limits_wide_enough_turn_the_repayment_finding_to_pass() -> None:
    current = load_policy("sodertalje-2013")
    effects = {
        e.name: e
        for e in example_effects(
            current, Versions.of(_with(grace_years=0, latest_start_offset_years=20, max_years_after_first=30))
        )
    }
    assert any("bedöms → uppfyllt" in line for line in effects["Mobilt team skola"].differences)


def test_each_screening_is_done_once_per_version_and_case_content(monkeypatch) -> None:
    """The comparison page screens every case under both versions on each visit; a second visit with the
    same draft screens nothing again, and an edited draft only the proposal's side."""
    from socialfund.guidelines import comparison

    monkeypatch.setattr(comparison, "_SCREENINGS", type(comparison._SCREENINGS)())
    calls: list[str] = []
    real = comparison._try_screen

    def counting(initiative, policy, on):
        calls.append("in force" if policy is current else "proposal")
        return real(initiative, policy, on)

    current = load_policy("sodertalje-2013")
    monkeypatch.setattr(comparison, "_try_screen", counting)
    first = example_effects(current, Versions.of(_with(grace_years=3)))
    assert len(calls) == 2 * len(first)
    calls.clear()
    again = example_effects(current, Versions.of(_with(grace_years=3)))
    assert calls == [] and again == first
    edited = example_effects(current, Versions.of(_with(grace_years=4)))
    assert calls == ["proposal"] * len(edited)
