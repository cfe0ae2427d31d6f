"""The English catalogue: every message translated, none fuzzy, and the committed .mo compiled from the .po
(a fresh machine has no gettext to compile it, so a stale .mo would show old or Swedish text)."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import socialfund

MESSAGES = Path(socialfund.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def _quoted(lines: list[str]) -> str:
    return "".join(ast.literal_eval(line) for line in lines)


def po_entries(path: Path) -> list[dict[str, object]]:
    """Each entry's context, id, translations and flags (enough of the PO format for this check)."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, list[str]] = {}
        flags: set[str] = set()
        current: list[str] | None = None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and current is not None:
                current.append(line)
            else:
                keyword, _, rest = line.partition(" ")
                current = fields.setdefault(keyword, [])
                current.append(rest)
        if "msgid" not in fields:
            continue
        entries.append(
            {
                "context": _quoted(fields["msgctxt"]) if "msgctxt" in fields else None,
                "id": _quoted(fields["msgid"]),
                "plural": _quoted(fields["msgid_plural"]) if "msgid_plural" in fields else None,
                "strs": [_quoted(value) for key, value in sorted(fields.items()) if key.startswith("msgstr")],
                "flags": flags,
            }
        )
    return [entry for entry in entries if entry["id"]]  # the header has an empty id


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = po_entries(MESSAGES / "django.po")
    assert len(entries) > 1000
    untranslated = [entry["id"] for entry in entries if not all(entry["strs"])]
    fuzzy = [entry["id"] for entry in entries if "fuzzy" in entry["flags"]]
    assert untranslated == [] and fuzzy == []


def test_the_committed_mo_is_compiled_from_the_po():
    with (MESSAGES / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    for entry in po_entries(MESSAGES / "django.po"):
        key = entry["id"] if entry["context"] is None else f"{entry['context']}\x04{entry['id']}"
        if entry["plural"] is None:
            assert catalogue.get(key) == entry["strs"][0], key
        else:
            assert [catalogue.get((key, n)) for n in range(len(entry["strs"]))] == entry["strs"], key
