"""The docs name only what exists: a doc under docs/ that names a module, function, file or command the code
does not have fails here, and so does a doc that sends the reader to a file outside the repository.

What is checked, in `code spans` and in sh blocks of every docs/*.md:
- a path (`socialfund/cases/services/drafting.py`, `tests/walks/`, `src/socialfund/data/policies/*.yaml`): it exists
  in the repository (under the root, or under src/);
- a dotted name that starts with an app (`funds.guidelines.guideline_rows`, `cases.Initiative`): it imports;
- a call (`available(policy, state, actor)`) or a snake_case name: it is defined or written somewhere in src/
  (names of actions, fields and codes live there too, so only names nothing mentions fail);
- "In `a/b.py`: `x`, `y` …": each name is defined in that file;
- `socialfund <command>`: the command exists (a core command or a Django management command);
- a file name (`DOMAIN.md`, `/work/…`, `../shared/…`) outside the repository: never.
"""

from __future__ import annotations

import ast
import functools
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
DOCS = sorted((ROOT / "docs").glob("*.md"))
APPS = {p.name for p in (SRC / "socialfund").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
# Absolute paths of this machine (not the site's URLs, like `/data/beslut.csv`).
OUTSIDE = ("/work/", "/home/", "/tmp/", "/opt/", "/usr/", "/etc/", "/root/", "/srv/")  # noqa: S108 - paths to refuse, not to use
FILE_EXTENSIONS = ("py", "md", "yaml", "yml", "json", "toml", "txt", "csv", "html", "po", "cfg", "ini")

SPAN = re.compile(r"`([^`\n]+)`")
SH_BLOCK = re.compile(r"```(?:sh|bash|console)\n(.*?)```", re.S)
PATHLIKE = re.compile(r"^(?:\.{0,2}/)?[\w.*<>{}-]+(?:/[\w.*<>{}-]*)+$")
FILENAME = re.compile(r"(?<![\w/.-])((?:\.\./|/)?[\w./-]*\b[\w-]+\.(?:" + "|".join(FILE_EXTENSIONS) + r"))\b")
DOTTED = re.compile(r"^(?:socialfund\.)?([a-z_]+)((?:\.[A-Za-z_]\w*)+)$")
CALL = re.compile(r"^([A-Za-z_]\w*)\(.*\)$")
SNAKE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")
IN_FILE_LIST = re.compile(r"In `([\w/]+\.py)`: ((?:`[\w.]+`(?:\s+\([^)]*\))?(?:,\s+|\s+and\s+|,?\s+)?)+)")


def spans(text: str) -> list[str]:
    return SPAN.findall(re.sub(r"```.*?```", "", text, flags=re.S))


@functools.cache
def repository_files() -> tuple[Path, ...]:
    skipped = {".git", ".venv", "node_modules", "docs", "__pycache__"}
    return tuple(p for p in ROOT.rglob("*") if p.is_file() and not skipped & set(p.relative_to(ROOT).parts))


@functools.cache
def source_text() -> str:
    """Everything the repository holds in text but the docs: the code, the tests, the benchmarks, the data,
    and the tables Django names after the models (`outbox_outboxmail`)."""
    from django.apps import apps

    suffixes = {".py", ".yaml", ".yml", ".html", ".toml", ".sh", ".js", ".cfg", ".txt"}
    parts = [p.read_text(encoding="utf-8", errors="replace") for p in repository_files() if p.suffix in suffixes]
    parts += [model._meta.db_table for model in apps.get_models()]
    return "\n".join(parts)


@functools.cache
def defined_in(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return frozenset(names)


def path_exists(token: str) -> bool:
    """The path exists from the root, from src/ or src/socialfund/, or as the tail of a path that does
    (`documents/layout.py` in a paragraph about the reports)."""
    token = token.split("#")[0].split("::")[0].rstrip(":,.")
    token = re.sub(r"<[^>]*>|\{[^}]*\}", "*", token).lstrip("/")
    for base in (ROOT, SRC, SRC / "socialfund"):
        if "*" in token:
            if list(base.glob(token)):
                return True
        elif (base / token).exists():
            return True
    tail = "/" + token.rstrip("/")
    return "*" not in token and any(str(p).endswith(tail) or f"{tail}/" in str(p) for p in repository_files())


def import_exists(app: str, rest: str) -> bool:
    names = rest.lstrip(".").split(".")
    for split in range(len(names), -1, -1):
        module_name = ".".join(["socialfund", app, *names[:split]])
        try:
            target: object = importlib.import_module(module_name)
        except ImportError:
            continue
        for attribute in names[split:]:
            if not hasattr(target, attribute):
                # `cases.Initiative`: Django's app.Model, found in the app's models
                models = f"socialfund.{app}.models"
                if (
                    split == 0
                    and importlib.util.find_spec(models)
                    and hasattr(importlib.import_module(models), attribute)
                ):
                    target = getattr(importlib.import_module(models), attribute)
                    continue
                return False
            target = getattr(target, attribute)
        return True
    return False


def python_name(app: str, rest: str) -> bool:
    """`ledger.duty`, `cases.Initiative`, `funds.guidelines.guideline_rows` name code; `organisation.decision_body`
    (one lower-case key after an app, no such module) is a key of the policy file, not code."""
    parts = rest.lstrip(".").split(".")
    if parts[-1] in FILE_EXTENSIONS:
        return False
    module = SRC / "socialfund" / app / parts[0]
    return len(parts) > 1 or parts[0][:1].isupper() or module.with_suffix(".py").exists() or module.is_dir()


@functools.cache
def commands() -> frozenset[str]:
    from django.core.management import get_commands

    from socialfund.cli import CORE_COMMANDS

    return frozenset(get_commands()) | frozenset(CORE_COMMANDS)


def problems(doc: Path) -> list[str]:
    text = doc.read_text(encoding="utf-8")
    found: list[str] = []
    for match in FILENAME.finditer(text):
        name = match.group(1)
        if name.startswith(("http", "www.")) or "://" in text[max(0, match.start() - 60) : match.end()].split()[-1]:
            continue
        if name.startswith(OUTSIDE) or name.startswith("../"):
            found.append(f"outside the repository: {name}")
        elif "/" not in name and name.endswith(".md") and not any(p.name == name for p in (*repository_files(), *DOCS)):
            # A document the docs send the reader to; other bare names (`calc.yaml`) are the reader's own files.
            found.append(f"file not in the repository: {name}")
    for token in spans(text):
        token = token.strip()
        if token.startswith("socialfund ") and not token.startswith("socialfund ."):
            command = token.split()[1]
            if not command.startswith("-") and command not in commands():
                found.append(f"no such command: {token}")
            continue
        if " " in token:
            continue
        if PATHLIKE.match(token) and not token.startswith(("/", "http")) and "." in token.rsplit("/", 1)[-1] + "/":
            if (token.endswith("/") or re.search(r"\.\w+$", token)) and not path_exists(token):
                found.append(f"no such file: {token}")
            continue
        dotted = DOTTED.match(token)
        if dotted and dotted.group(1) in APPS and python_name(dotted.group(1), dotted.group(2)):
            if not import_exists(dotted.group(1), dotted.group(2)):
                found.append(f"no such module or name: {token}")
            continue
        call = CALL.match(token)
        name = call.group(1) if call else (token if SNAKE.match(token) else None)
        own_blocks = "\n".join(re.findall(r"```.*?```", text, flags=re.S))
        if name and not re.search(rf"\b{re.escape(name)}\b", source_text() + own_blocks):
            found.append(f"named nowhere in the code: {token}")
    for block in SH_BLOCK.findall(text):
        for line in block.splitlines():
            words = line.split("#")[0].split()
            if len(words) > 1 and words[0] == "socialfund" and not words[1].startswith("-"):
                if words[1] not in commands():
                    found.append(f"no such command: {line.strip()}")
    for match in IN_FILE_LIST.finditer(text):
        path = SRC / match.group(1) if (SRC / match.group(1)).exists() else ROOT / match.group(1)
        if not path.exists():
            continue  # reported above as a missing file
        for name in re.findall(r"`([\w.]+)`", re.sub(r"\([^)]*\)", "", match.group(2))):
            if name not in defined_in(path):
                found.append(f"{name} is not in {match.group(1)}")
    return found


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_the_doc_names_only_what_exists(doc):
    assert problems(doc) == []


def test_the_check_finds_what_does_not_exist(tmp_path):
    """Not blind: a missing module, function, file, command, a file outside the repository and a service
    placed in the wrong file are each reported."""
    missing = "no_such_" + "function_nowhere"  # written in two parts: this file is searched too
    doc = tmp_path / "fake.md"
    doc.write_text(
        f"See `cases.nowhere.thing`, `{missing}(x)`, `socialfund/cases/gone.py`,\n"
        "`socialfund casework list`, DOMAIN.md and `/work/shared/seeds/x.yaml`.\n"
        "In `socialfund/cases/services/drafting.py`: `initiative_create`, `project_start`.\n",
        encoding="utf-8",
    )
    found = problems(doc)
    for expected in (
        "no such module or name: cases.nowhere.thing",
        f"named nowhere in the code: {missing}(x)",
        "no such file: socialfund/cases/gone.py",
        "no such command: socialfund casework list",
        "file not in the repository: DOMAIN.md",
        "outside the repository: /work/shared/seeds/x.yaml",
        "project_start is not in socialfund/cases/services/drafting.py",
    ):
        assert expected in found
    assert not any("initiative_create" in problem for problem in found)
