"""Default indicator sets from Kolada, and the check that each key figure still is what the set says.

KKiK (Kommunens Kvalitet i Korthet, SKR and RKA) publishes about 40 key figures in three
areas; "Barn och unga" is the one a fund for children and youth follows. The ids below
come from third-party sources that do not always agree (docs/outcomes.md): that is why a
set is never trusted as written. `check_set` asks Kolada for every id (25 per request) and
reports, per key figure, whether Kolada knows it, whether its title is the one expected,
and its unit and gender split, before anything is imported. Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from socialfund.core.kolada import KoladaClient, KoladaGroup, KoladaKpi


@dataclass(frozen=True)
class SetEntry:
    kpi: str
    expected_title: str
    direction: str  # "higher" or "lower": which way is better


# KKiK, area "Barn och unga": the key figures a children-and-youth project most often moves.
BARN_OCH_UNGA: tuple[SetEntry, ...] = (
    SetEntry("N15428", "Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)", "higher"),
    SetEntry("N15505", "Elever i åk 9, genomsnittligt meritvärde (17 ämnen), hemkommun", "higher"),
    SetEntry(
        "N17473",
        "Gymnasieelever med grundläggande behörighet till universitet och högskola inom 3 år, hemkommun, andel (%)",
        "higher",
    ),
    SetEntry("N17445", "Gymnasieelever med examen inom 3 år, hemkommun, andel (%)", "higher"),
    SetEntry("N02797", "Invånare 16-24 år som varken arbetar eller studerar, andel (%)", "lower"),
    SetEntry("N03942", "Arbetslösa 18-24 år, andel (%) av befolkningen", "lower"),
)

DEFAULT_SETS: dict[str, tuple[SetEntry, ...]] = {"barn-och-unga": BARN_OCH_UNGA}


class CheckStatus(StrEnum):
    OK = "ok"
    TITLE_DIFFERS = "title_differs"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class EntryCheck:
    entry: SetEntry
    status: CheckStatus
    kpi: KoladaKpi | None

    @property
    def message(self) -> str:
        """What the check found, in Swedish, for the command's output and the log."""
        if self.status is CheckStatus.UNKNOWN:
            return f"{self.entry.kpi}: Kolada känner inte till nyckeltalet; det importeras inte."
        assert self.kpi is not None
        if self.status is CheckStatus.TITLE_DIFFERS:
            return (
                f"{self.entry.kpi}: Kolada kallar nyckeltalet \u201d{self.kpi.title}\u201d, "
                f"inte \u201d{self.entry.expected_title}\u201d; kontrollera att det mäter det avsedda."
            )
        gender = "uppdelat på kön" if self.kpi.is_divided_by_gender else "inte uppdelat på kön"
        return f"{self.entry.kpi}: {self.kpi.title} ({self.kpi.unit or 'ingen enhet'}, {gender})."


def check_set(client: KoladaClient, entries: Sequence[SetEntry]) -> list[EntryCheck]:
    """Each entry against Kolada's metadata, in the set's order."""
    found = client.kpis([entry.kpi for entry in entries])
    checks = []
    for entry in entries:
        kpi = found.get(entry.kpi)
        if kpi is None:
            status = CheckStatus.UNKNOWN
        elif same_title(kpi.title, entry.expected_title):
            status = CheckStatus.OK
        else:
            status = CheckStatus.TITLE_DIFFERS
        checks.append(EntryCheck(entry=entry, status=status, kpi=kpi))
    return checks


def same_title(a: str, b: str) -> bool:
    """Titles compared as words: whitespace and the dash Kolada sometimes writes as – are not a change."""

    def norm(text: str) -> str:
        return " ".join(text.replace("\u2013", "-").split()).casefold()

    return norm(a) == norm(b)


def comparison_means(
    client: KoladaClient, *, kpi: str, group: KoladaGroup, years: Sequence[int] | None = None
) -> dict[int, Decimal]:
    """The comparison group's unweighted mean of the totals (T) per year, over the members with a figure.

    The members go to Kolada 25 at a time. A member without a figure for a year is left
    out of that year's mean, never counted as 0.
    """
    by_member = client.data_for_municipalities(kpi=kpi, municipalities=group.members, years=years)
    sums: dict[int, list[Decimal]] = {}
    for series in by_member.values():
        for value in series.values_for("T"):
            if value.value is not None:
                sums.setdefault(value.period, []).append(value.value)
    return {year: (sum(vals, Decimal(0)) / len(vals)).quantize(Decimal("0.1")) for year, vals in sorted(sums.items())}
