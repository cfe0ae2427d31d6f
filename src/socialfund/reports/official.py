"""A case as official documents may print it: without what the demo made up.

The demo fills in, where the seed is silent, parts of a case so that every screen has something to
show (Familjecentraler's amounts, calculation, goals and evaluator, its board and sign-offs). Those
parts are listed in the case's `demo_assumed` and shown as assumptions on the case page; a
tjänsteskrivelse, an April report or any other generated document reads the case through
`official_record` and so never prints them as fact.
"""

from __future__ import annotations

import copy

from socialfund.cases.models import Initiative

# Parts of a case that are not keys of its content.
LEAD_BOARD = "lead_board"
INITIATOR = "initiator"
# The whole case is the demo's own (a case the seed does not have, made so that every desk has work on it):
# reports that count the fund's cases leave it out.
WHOLE_CASE = "whole_case"


def in_the_record(initiative: Initiative) -> bool:
    """Whether the case belongs to the fund's record, as opposed to a case the demo made up entirely."""
    return WHOLE_CASE not in (initiative.demo_assumed or [])


def official_record(initiative: Initiative) -> Initiative:
    """The same case, in memory only, with the demo's assumed parts left out (never saved)."""
    assumed = set(initiative.demo_assumed or [])
    if not assumed:
        return initiative
    record = copy.copy(initiative)
    record._state = copy.copy(initiative._state)  # its own cache of related rows: the original keeps its board
    record._state.fields_cache = dict(initiative._state.fields_cache)
    record.content = {key: value for key, value in (initiative.content or {}).items() if key not in assumed}
    if LEAD_BOARD in assumed:
        record.lead_board = None
    if INITIATOR in assumed:
        record.initiator_name = ""
    return record
