"""A policy as readable Swedish text (`socialfund policy show`)."""

from __future__ import annotations

import textwrap

from socialfund.core.policy.dimensions import DIMENSIONS, render
from socialfund.core.policy.schema import Policy
from socialfund.core.policy.vocabulary import SIGNOFF_LABELS, STAGE_ACTOR_LABELS

STATUS_LABELS = {"adopted": "antagen", "proposed": "förslag", "described": "beskriven i offentliga källor"}
WIDTH = 100


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent)


def _header(policy: Policy) -> list[str]:
    adopted = policy.adopted
    when = adopted.date.isoformat() if adopted.date else "datum okänt"
    body = f", {adopted.body}" if adopted.body else ""
    paragraph = f" {adopted.paragraph}" if adopted.paragraph else ""
    lines = [
        f"{policy.fund.name} – {policy.id}",
        f"Riktlinjer: {STATUS_LABELS[adopted.status]} {when}{body}{paragraph}",
    ]
    if adopted.proposal_date:
        lines.append(f"Förslaget daterat {adopted.proposal_date.isoformat()}")
    if policy.supersedes:
        lines.append(f"Ersätter: {policy.supersedes}")
    lines.append("Källor: " + "; ".join(f"[{source.key}] {source.title}" for source in policy.sources))
    return lines


def _stages(policy: Policy) -> list[str]:
    lines = ["", "Steg:"]
    for number, stage in enumerate(policy.stages, start=1):
        lines.append(f"  {number}. {stage.name_sv} ({stage.code}) – {STAGE_ACTOR_LABELS[stage.actor]}")
        if stage.gate.signoffs:
            lines.append("     förankring: " + ", ".join(SIGNOFF_LABELS[signoff] for signoff in stage.gate.signoffs))
        if stage.gate.rules:
            lines.append("     får inte underkännas: " + ", ".join(stage.gate.rules))
    return lines


def _rules(policy: Policy) -> list[str]:
    lines = ["", "Regler:"]
    for rule in policy.rules:
        kind = "spärr" if rule.severity == "block" else "varning"
        check = "automatisk" if rule.check == "auto" else "bedömning"
        lines.append(f"  {rule.id} – {rule.display_title} ({kind}, {check}; från {rule.stages[0]})")
        lines += _wrap(f"»{rule.clause}« ({rule.clause_source})", "      ")
        lines += _wrap(rule.explanation, "      ")
    return lines


def render_policy_text(policy: Policy) -> str:
    lines = _header(policy)
    lines += ["", "Dimensioner:"]
    lines += [f"  {dimension.label}: {render(policy, dimension)}" for dimension in DIMENSIONS]
    for track in policy.tracks:
        lines.append(f"  Spår {track.code}: {track.name_sv}")
    lines += _stages(policy)
    lines += _rules(policy)
    if policy.reporting:
        lines += ["", "Rapportering:"] + [f"  {duty.what}" for duty in policy.reporting]
    if policy.unset:
        lines += ["", "Källorna är tysta om (lämnas osatt):"]
        for note in policy.unset:
            lines += _wrap(f"{note.path}: {note.reason}", "  ")
    return "\n".join(lines)
