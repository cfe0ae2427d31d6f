"""Limits on a document read from a file (YAML or JSON) before anything uses it.

A 1 MB file can nest thousands of levels deep ("- - - - …" or "[[[[…"): the parser or any
recursive walk over the result then runs out of stack. `parse_within_limits` wraps whichever
reader is used and turns that into a refusal; `check_document` walks the parsed value without
recursion and refuses one that is too deep or too large. Both raise `DocumentTooComplex`, whose
message is Swedish and meant for the person who uploaded the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MAX_DEPTH = 40
MAX_NODES = 100_000


class DocumentTooComplex(ValueError):
    """The document is nested too deep, holds too many values, or holds a text PostgreSQL cannot store."""


def check_document(value: Any, *, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES) -> None:
    """Refuse a parsed value nested deeper than `max_depth` or with more than `max_nodes` values."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > max_nodes:
            raise DocumentTooComplex(f"Filen innehåller för många värden (högst {max_nodes}).")
        if depth > max_depth:
            raise DocumentTooComplex(f"Filen är nästlad för djupt (högst {max_depth} nivåer).")
        if isinstance(node, str) and "\x00" in node:
            # The same rule as for every text over HTTP (socialfund.web.input_rules): no NUL characters.
            raise DocumentTooComplex("Filen innehåller ett otillåtet tecken (NUL).")
        if isinstance(node, dict):
            stack.extend((key, depth + 1) for key in node if isinstance(key, str))
            stack.extend((child, depth + 1) for child in node.values())
        elif isinstance(node, list | tuple):
            stack.extend((child, depth + 1) for child in node)


def parse_within_limits(parse: Callable[[str], Any], text: str) -> Any:
    """`parse(text)`, checked by `check_document`; a parser that runs out of stack is a refusal too."""
    try:
        value = parse(text)
    except RecursionError as error:
        raise DocumentTooComplex(f"Filen är nästlad för djupt (högst {MAX_DEPTH} nivåer).") from error
    check_document(value)
    return value
