"""The remissammanställning from the answers: the table recipients × answer kinds, the summaries of
additions, reservations and separate statements, and who has not answered. Pure Python, no Django.

The table has one column per recipient that answered, in the consultation's order, and
the rows the seed shows: supports, supports with additions, (opposes, only when someone
does), and reservations/separate statements, which can go with any position.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

SUPPORTS = "supports"
SUPPORTS_WITH_ADDITIONS = "supports_with_additions"
OPPOSES = "opposes"
RESERVATION = "reservation"
SEPARATE_STATEMENT = "separate_statement"
MARK = "X"
NUMBER_WORDS = ("Ingen", "En", "Två", "Tre", "Fyra", "Fem", "Sex", "Sju", "Åtta", "Nio", "Tio", "Elva", "Tolv")


@dataclass(frozen=True)
class Signatory:
    name: str
    party: str


@dataclass(frozen=True)
class StatementData:
    kind: str
    signatories: tuple[Signatory, ...]
    wording: str
    summary: str

    @property
    def text(self) -> str:
        """'Ida Lagerqvist (FP) anmäler och inkommer med skriftligt yttrande. …' as the minutes put it."""
        return f"{signatories_text(self.signatories)} {self.wording}".strip()

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(OrderedDict.fromkeys(s.party for s in self.signatories if s.party))


@dataclass(frozen=True)
class RecipientData:
    code: str
    name: str
    position: str | None
    """None: no answer yet."""
    additions: str = ""
    statements: tuple[StatementData, ...] = ()
    received_on: dt.date | None = None
    administration_answer: str = ""
    """The administration's answer to the board's additions (as the tjänsteskrivelse gives it)."""
    answer_unknown: bool = False
    """The records do not show whether it answered: neither counted as answered nor listed as not."""


@dataclass(frozen=True)
class Compilation:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    summary: tuple[str, ...]
    additions: tuple[tuple[str, str, str], ...]
    """(recipient, its additions, the administration's answer or "")."""
    reservations: tuple[tuple[str, StatementData], ...]
    separate_statements: tuple[tuple[str, StatementData], ...]
    not_answered: tuple[str, ...]
    late: tuple[tuple[str, dt.date], ...] = ()
    """Answers that came in after the deadline, with the day each came in."""
    deadline: dt.date | None = None

    @property
    def answered(self) -> int:
        """How many recipients have answered: the table has a column for each, after the row headings'."""
        return len(self.header) - 1


def join_words(words: list[str] | tuple[str, ...]) -> str:
    """'A', 'A och B', 'A, B och C'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} och {words[-1]}"


def signatories_text(signatories: tuple[Signatory, ...]) -> str:
    """'Debora Josefsson och Elisabeth Schellhase (KD)', 'Birgitta Rolander (C) och Ida Lagerqvist (FP)'.

    People next to each other from the same party share one party mark, as minutes write it.
    """
    groups: list[tuple[str, list[str]]] = []
    for person in signatories:
        if groups and groups[-1][0] == person.party:
            groups[-1][1].append(person.name)
        else:
            groups.append((person.party, [person.name]))
    if len(groups) == 1:
        party, names = groups[0]
        return f"{join_words(names)} ({party})" if party else join_words(names)
    return join_words([f"{join_words(names)} ({party})" if party else join_words(names) for party, names in groups])


def compile_answers(
    recipients: list[RecipientData], labels: dict[str, str], *, deadline: dt.date | None = None
) -> Compilation:
    answered = [r for r in recipients if r.position is not None]
    late = tuple((r.code, r.received_on) for r in answered if deadline and r.received_on and r.received_on > deadline)
    summary = _summary(answered)
    if late and deadline:
        days = sorted({on for _, on in late})
        when = days[0].isoformat() if len(days) == 1 else f"{days[0].isoformat()}–{days[-1].isoformat()}"
        summary.insert(
            1,
            f"{_count(len(late), 'remissvar', 'remissvar')} ({join_words([code for code, _ in late])}) kom in "
            f"{when}, efter sista svarsdag {deadline.isoformat()}.",
        )
    return Compilation(
        header=("", *(r.code for r in answered)),
        rows=tuple(_rows(answered, labels)),
        summary=tuple(summary),
        additions=tuple((r.code, r.additions, r.administration_answer) for r in answered if r.additions),
        reservations=tuple((r.code, s) for r in answered for s in r.statements if s.kind == RESERVATION),
        separate_statements=tuple((r.code, s) for r in answered for s in r.statements if s.kind == SEPARATE_STATEMENT),
        not_answered=tuple(r.name or r.code for r in recipients if r.position is None and not r.answer_unknown),
        late=late,
        deadline=deadline,
    )


def _rows(answered: list[RecipientData], labels: dict[str, str]) -> list[tuple[str, ...]]:
    positions = [SUPPORTS, SUPPORTS_WITH_ADDITIONS]
    if any(r.position == OPPOSES for r in answered):
        positions.append(OPPOSES)
    rows = [(labels[p], *(MARK if r.position == p else "" for r in answered)) for p in positions]
    rows.append((labels["statements"], *(MARK if r.statements else "" for r in answered)))
    return rows


def _count(number: int, one: str, many: str) -> str:
    word = NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else str(number)
    return f"{word} {one if number == 1 else many}"


def _summary(answered: list[RecipientData]) -> list[str]:
    lines: list[str] = []
    supporting = [r for r in answered if r.position in (SUPPORTS, SUPPORTS_WITH_ADDITIONS)]
    if answered and len(supporting) == len(answered):
        lines.append("Samtliga remissinstanser som svarat på remissen biträder förslaget.")
    elif answered:
        opposing = [r.code for r in answered if r.position == OPPOSES]
        lines.append(
            f"{_count(len(supporting), 'remissinstans', 'remissinstanser')} av {len(answered)} biträder förslaget; "
            f"{join_words(opposing)} avstyrker."
        )
    by_text: dict[str, list[str]] = OrderedDict()
    for recipient in answered:
        if recipient.additions:
            by_text.setdefault(recipient.additions.strip(), []).append(recipient.code)
    for text, codes in by_text.items():
        if len(codes) > 1:
            lines.append(
                f"{_count(len(codes), 'remissinstans', 'remissinstanser')} ({join_words(codes)}) "
                f"beslutade om identiska tillägg: {text}"
            )
        else:
            lines.append(f"{codes[0]} beslutade om tillägg: {text}")
    lines.extend(statement_summaries(answered))
    return lines


def statement_summaries(answered: list[RecipientData]) -> list[str]:
    """One line per distinct gist: 'I OMS, UN och ÄON: KD – Fondens konstruktion ska göras om …'.

    Recipients whose statements on the gist carry the same parties are named together,
    others follow after 'samt' (the seed: 'I KFN: FP och C samt TN: FP – …').
    """
    by_gist: dict[str, dict[str, list[str]]] = OrderedDict()
    for recipient in answered:
        for statement in recipient.statements:
            if not statement.summary.strip():
                continue
            parties = by_gist.setdefault(statement.summary.strip(), OrderedDict()).setdefault(recipient.code, [])
            parties.extend(p for p in statement.parties if p not in parties)
    lines = []
    for gist, by_recipient in by_gist.items():
        groups: dict[tuple[str, ...], list[str]] = OrderedDict()
        for code, parties in by_recipient.items():
            groups.setdefault(tuple(parties), []).append(code)
        who = " samt ".join(f"{join_words(codes)}: {join_words(list(parties))}" for parties, codes in groups.items())
        lines.append(f"I {who} – {gist}")
    return lines
