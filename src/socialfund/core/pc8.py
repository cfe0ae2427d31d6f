"""PC8, the character set of SIE files: IBM code page 437 as SIE defines it, with `§` at 0x15.

Python's `cp437` codec maps 0x00–0x1F to control characters, so it has no place for `§`
and `encode("cp437", errors="replace")` turns `KS 2026-12-07 § 301` into `KS 2026-12-07 ? 301`.
IBM's code page 437 has glyphs there (0x14 `¶`, 0x15 `§`), and SIE's PC8 uses them: a
paragraph sign is what every Swedish decision reference carries.

A character with no place in PC8 is transliterated (`–` → `-`, `”` → `"`, `€` → `EUR`,
an accented letter to its base letter); one that cannot be transliterated either is
refused (`Pc8Error`), never dropped or turned into `?` silently.
"""

from __future__ import annotations

import unicodedata

# The glyphs IBM 437 shows at the control positions that SIE text may carry.
LOW_GLYPHS = {"¶": 0x14, "§": 0x15}

TRANSLITERATIONS = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2015": "-",  # horizontal bar
    "\u2212": "-",  # minus sign
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u2026": "...",
    "\u20ac": "EUR",
    "\u00a0": " ",  # no-break space (format_sek writes it)
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",  # thin space
    "\u00d7": "x",
    "\u2022": "*",
    # Letters Unicode does not decompose into a base letter and a mark.
    "\u0141": "L",
    "\u0142": "l",
    "\u00d8": "O",
    "\u00f8": "o",
    "\u0110": "D",
    "\u0111": "d",
    "\u0152": "OE",
    "\u0153": "oe",
}


class Pc8Error(ValueError):
    """Text with a character PC8 has no place for and that cannot be transliterated."""

    def __init__(self, characters: list[str]) -> None:
        names = ", ".join(f"{ch!r} ({unicodedata.name(ch, f'U+{ord(ch):04X}')})" for ch in characters)
        super().__init__(f"tecken som inte kan skrivas i PC8: {names}")
        self.characters = characters


def _encodable(ch: str) -> bool:
    if ch in LOW_GLYPHS:
        return True
    if ord(ch) < 32 or ord(ch) == 127:
        return False
    try:
        ch.encode("cp437")
    except UnicodeEncodeError:
        return False
    return True


def transliterate_char(ch: str) -> str | None:
    """The character itself when PC8 has it, else its transliteration, else None.

    The no-break space is in code page 437 (0xFF) but is written as a plain space: an
    importing system may well split on spaces it cannot see.
    """
    if ch in TRANSLITERATIONS:
        return TRANSLITERATIONS[ch]
    if _encodable(ch):
        return ch
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    if base and base != ch and all(_encodable(c) for c in base):
        return base
    return None


def transliterations(text: str) -> list[tuple[str, str]]:
    """What `to_pc8_text` changes in `text`, each (character, replacement) once, in order."""
    changes: dict[str, str] = {}
    for ch in text:
        replacement = transliterate_char(ch)
        if replacement is not None and replacement != ch:
            changes.setdefault(ch, replacement)
    return list(changes.items())


def to_pc8_text(text: str) -> str:
    """Text every character of which PC8 has; raises `Pc8Error` naming what it cannot transliterate."""
    out: list[str] = []
    missing: list[str] = []
    for ch in text:
        replacement = transliterate_char(ch)
        if replacement is None:
            if ch not in missing:
                missing.append(ch)
        else:
            out.append(replacement)
    if missing:
        raise Pc8Error(missing)
    return "".join(out)


def encode_pc8(text: str) -> bytes:
    """Bytes in PC8. Line ends (CR, LF) pass through; other text is transliterated first."""
    result = bytearray()
    for line_part in _split_keep_newlines(text):
        if line_part in ("\r", "\n"):
            result += line_part.encode("ascii")
            continue
        for ch in to_pc8_text(line_part):
            result += bytes([LOW_GLYPHS[ch]]) if ch in LOW_GLYPHS else ch.encode("cp437")
    return bytes(result)


_DECODE_LOW = {value: key for key, value in LOW_GLYPHS.items()}


def decode_pc8(data: bytes) -> str:
    """The inverse of `encode_pc8`: 0x15 is `§`, 0x14 `¶`, the rest code page 437."""
    return "".join(_DECODE_LOW[b] if b in _DECODE_LOW else bytes([b]).decode("cp437") for b in data)


def _split_keep_newlines(text: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch in "\r\n":
            if current:
                parts.append("".join(current))
                current = []
            parts.append(ch)
        else:
            current.append(ch)
    if current:
        parts.append("".join(current))
    return parts
