"""Write src/socialfund/data/passwords/common-sv.txt.gz: passwords common in Sweden, lowercased, one a line.

How it is made (nothing is downloaded; the list is composed, not taken from a breach):
- seasons, months, weekdays and everyday words Swedes use as passwords ("sommar", "lösenord",
  "hejsan", "sverige", "qwerty", keyboard rows), each alone and followed by a year 1950–2035,
  a two-digit year, 1–3 digits ("123", "1", "12"), and "!";
- the 100 most common Swedish first names (SCB's name statistics, as commonly listed), the
  same way;
- both the å/ä/ö spelling and the a/a/o one ("losenord", "varen").
Django's CommonPasswordValidator lowercases what a user types before comparing, so "Sommar2016"
matches "sommar2016". Run: python scripts/make_swedish_password_list.py
"""

from __future__ import annotations

import gzip
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/socialfund/data/passwords/common-sv.txt.gz"

WORDS = """
sommar vinter var vår host höst varen våren hosten hösten sommaren vintern
januari februari mars april maj juni juli augusti september oktober november december
mandag måndag tisdag onsdag torsdag fredag lordag lördag sondag söndag
losenord lösenord losen lösen hemligt hemlig hejsan hej hejhej tjena tjenare hallå halla
sverige svensk svenska stockholm goteborg göteborg malmo malmö uppsala sodertalje södertälje
norrkoping norrköping orebro örebro lulea luleå gavle gävle kommun kommunen fonden
qwerty qwertyuiop asdfgh asdfghjkl zxcvbn zxcvbnm qwertz azerty abc abcd abcdef
valkommen välkommen valkomna välkomna kärlek karlek alskling älskling ängel angel
fotboll hockey aik djurgarden djurgården hammarby ifk malmoff blagult blågult tretrekronor
katt katten hund hunden hasten hästen kanin solen solsken midsommar jul julafton paske påsk
dator datorn glass kaffe fika bullar pannkaka kanelbulle semester ledig jobbet arbete
password passw0rd admin administrator welcome letmein monkey dragon master secret
""".split()

NAMES = """
anna eva maria karin kristina lena sara kerstin emma ingrid marie malin christina jenny
birgitta hanna inger annika linda susanne elin monica ulla johanna sofia katarina carina
elisabeth ida julia elsa alice maja ella wilma saga astrid ebba agnes freja alma selma
lars mikael anders johan erik per karl peter jan thomas daniel fredrik hans andreas stefan
mats marcus mattias magnus jonas bengt bo oskar nils alexander niklas patrik david simon
william liam noah hugo lucas oliver adam elias alva olivia vera stella nora lilly ellen
""".split()

YEARS = [str(y) for y in range(1950, 2036)] + [f"{y:02d}" for y in range(100)]
SUFFIXES = ["", "1", "12", "123", "1234", "12345", "!", "1!", "123!", *YEARS, *[f"{y}!" for y in YEARS]]


def plain(word: str) -> str:
    return word.replace("å", "a").replace("ä", "a").replace("ö", "o")


def passwords() -> list[str]:
    seen: set[str] = set()
    for word in WORDS + NAMES:
        for base in {word, plain(word)}:
            for suffix in SUFFIXES:
                seen.add((base + suffix).lower())
    return sorted(seen)


if __name__ == "__main__":
    rows = passwords()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same list gives the same bytes, so the committed file changes only with the list.
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        packed.write(("\n".join(rows) + "\n").encode("utf-8"))
    print(f"{len(rows)} lösenord till {OUT}")
