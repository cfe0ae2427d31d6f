"""The W3C Nu HTML Checker over every page state the browser tests see (issue 29).

Two sources of HTML, collected while the browser tests run and checked in one batch at the end of the
session (one Java start, a few seconds, instead of one per page):

- every HTML answer the live server gives the browser: whole pages, and the fragments htmx swaps in
  (checked inside a minimal page of their own, so that a fragment is judged for what it adds);
- the page as the browser holds it after a test brought a state into view (pages.AppPage.show), which is
  where htmx has already swapped the live results into place.

The checker is the npm package vnu-jar, installed by `make vnu` (part of `make test` and CI) into
.tools/vnu/ and run with the machine's Java.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))
# The fragment's own page: what a fragment is swapped into is checked as the whole page it lands in.
FRAGMENT_PAGE = (
    '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Fragment</title></head><body>{}</body></html>'
)
# Tokens that differ on every load of the same page; without them, the same page seen twice is checked once.
VOLATILE = re.compile(rb'(name="csrfmiddlewaretoken" value=|nonce=|data-hx-headers=)"[^"]*"')


@dataclass(frozen=True)
class Seen:
    label: str  # where the HTML was seen: "GET /arenden/3/" or "DOM guided-kalkyl"
    html: bytes


class HtmlSeen:
    """The distinct HTML documents seen during the session, in the order first seen (thread-safe:
    the live server's request threads add to it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, Seen] = {}

    def add(self, label: str, html: bytes) -> None:
        key = hashlib.sha256(VOLATILE.sub(b"", html)).hexdigest()
        with self._lock:
            self._seen.setdefault(key, Seen(label, html))

    def add_answer(self, method: str, path: str, content_type: str, body: bytes) -> None:
        """An answer of the live server: kept when it is HTML (a whole page or an htmx fragment)."""
        if not content_type.startswith("text/html") or not body.strip():
            return
        label = f"{method} {path}"
        if body.lstrip()[:15].lower().startswith(b"<!doctype html"):
            self.add(label, body)
        else:
            self.add(f"{label} (fragment)", FRAGMENT_PAGE.format(body.decode()).encode())

    def all(self) -> list[Seen]:
        with self._lock:
            return list(self._seen.values())


HTML_SEEN = HtmlSeen()


@dataclass(frozen=True)
class Problem:
    label: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.label}, rad {self.line}: {self.message}\n      {self.extract.strip()[:160]!r}"


def java_missing() -> str:
    """Why the checker cannot run on this machine ('' when it can)."""
    if shutil.which("java") is None:
        return "Java saknas: Nu HTML Checker (vnu.jar) behöver Java 11 eller senare (apt-get install default-jre-headless)."
    if not VNU_JAR.exists():
        return f"{VNU_JAR} saknas: kör `make vnu` (installerar npm-paketet vnu-jar i .tools/vnu/)."
    return ""


def check(documents: list[Seen], folder: Path) -> list[Problem]:
    """Every error the Nu HTML Checker finds in the documents (one run of Java for all of them)."""
    names: dict[str, str] = {}
    for number, document in enumerate(documents):
        path = folder / f"{number:04d}.html"
        path.write_bytes(document.html)
        names[path.name] = document.label
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            *sorted(str(folder / name) for name in os.listdir(folder)),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    problems = []
    for message in json.loads(result.stderr or '{"messages": []}')["messages"]:
        url = message.get("url", "?")
        label = names.get(url.rsplit("/", 1)[-1], url)
        problems.append(Problem(label, message.get("lastLine"), message["message"], message.get("extract", "")))
    return problems
