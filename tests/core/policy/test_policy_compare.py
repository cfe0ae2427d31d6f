"""`policy diff` (what changed, rule by rule) and `policy compare` (the seed's comparison table)."""

from __future__ import annotations

import csv
import io

from socialfund.core.policy import load_policy
from socialfund.core.policy.compare import compare_table, diff_policies, diff_table
from socialfund.core.policy.tables import render_csv, render_markdown, render_text


def _changes():
    return diff_policies(load_policy("sodertalje-2013"), load_policy("sodertalje-2015"))


def test_diff_2013_2015_rule_by_rule():
    changes = _changes()
    by_rule = {(c.subject, c.field) for c in changes}
    assert ("applicant", "lydelse") in by_rule
    assert ("evidence", "lydelse") in by_rule
    assert ("evaluation", "lydelse") in by_rule
    assert ("procurement", "lydelse") in by_rule
    applicant = next(c for c in changes if (c.subject, c.field) == ("applicant", "lydelse"))
    assert applicant.before.startswith("Det civila samhället")
    assert applicant.after.startswith("Den nämnd som ska ansvara för insatsen kan upphandla")
    # Unchanged rules are not reported, even though a stage disappeared from their stage lists.
    assert not any(c.subject in ("target_group", "purpose", "repayment", "calculation") for c in changes)


def test_diff_2013_2015_stages_organisation_and_reporting():
    changes = _changes()
    removed = [c for c in changes if c.kind == "removed"]
    assert [(c.subject, c.field) for c in removed] == [("director_approval", "steg")]
    dimensions = {c.subject: c for c in changes if c.field == "dimension"}
    assert "stadsdirektör, ekonomidirektör" in dimensions["Beredning"].after
    assert "årligen (april)" in dimensions["Rapportering"].after
    assert "standardiserat instrument" in dimensions["Uppföljning och utvärdering"].after


def test_a_policy_does_not_differ_from_itself():
    policy = load_policy("orebro")
    assert diff_policies(policy, policy) == []


def test_compare_table_is_dimensions_by_funds():
    ids = ["sodertalje-2013", "norrkoping", "trelleborg", "orebro", "ale", "nynashamn"]
    table = compare_table([load_policy(i) for i in ids])
    assert table[0] == ["", "Södertälje 2013", "Norrköping", "Trelleborg", "Örebro", "Ale", "Nynäshamn"]
    rows = {row[0]: row[1:] for row in table[1:]}
    assert rows["Kapital"] == ["24\u00a0mnkr", "40\u00a0mnkr", "6\u00a0mnkr", "65\u00a0mnkr", "–", "ej tillämpligt"]
    assert rows["Socioekonomisk beräkning"][-1] == "krävs inte"
    assert rows["Återföring"][1] == "budgetramen minskas med realiserad besparing"
    assert rows["Uteslutna"][3] == "företag, enskild firma"
    assert rows["Beslut om investering"] == ["Kommunstyrelsen"] * 6
    assert rows["Kunskapsbas"][1] == "forskning eller beprövad praktik"


def test_compare_shows_tracks_and_unknowns():
    table = compare_table([load_policy("lulea"), load_policy("region-gavleborg")])
    rows = {row[0]: row[1:] for row in table[1:]}
    assert rows["Största andel av kostnaden"] == ["SI: 70\u00a0%; FHI: 85\u00a0%", "50\u00a0%"]
    assert rows["Utlysning"][1] == "årlig sista ansökningsdag; sista dag 1 juni varje år"
    assert rows["Beslut om investering"] == ["–", "–"]


def test_renderings():
    table = compare_table([load_policy("ale"), load_policy("malmo")])
    markdown = render_markdown(table).splitlines()
    assert markdown[0] == "|  | Ale | Malmö 2013 |" and markdown[1] == "|---|---|---|"
    parsed = list(csv.reader(io.StringIO(render_csv(table))))
    assert parsed == table
    text = render_text(table).splitlines()
    assert text[1].startswith("---") and "Ale" in text[0]
    assert render_markdown(diff_table(_changes())).startswith("| vad | ändring | fält | före | efter |")
