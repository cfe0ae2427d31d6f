"""One walk over a document's blocks: each kind of block reaches its writer, anything else is refused."""

from __future__ import annotations

import pytest

from socialfund.documents.model import (
    Chart,
    Column,
    Contents,
    Heading,
    ItemList,
    Lines,
    PageBreak,
    Paragraph,
    Series,
    Table,
)
from socialfund.documents.walk import BlockWriters, write_block

KINDS = ("heading", "paragraph", "lines", "item_list", "table", "chart", "page_break", "contents")


def _naming_writers() -> BlockWriters[tuple[str, int]]:
    def named(kind: str):
        return lambda index, block: (kind, index)

    return BlockWriters(**{kind: named(kind) for kind in KINDS})


def test_each_kind_of_block_reaches_its_own_writer_with_its_place():
    blocks = [
        Heading("Syfte"),
        Paragraph("Text."),
        Lines(("a", "b")),
        ItemList(("ett", "två")),
        Table((Column("Namn"),), (("x",),)),
        Chart("Diagram", "År", ("2015",), (Series("Kostnad", (1.0,)),)),
        PageBreak(),
        Contents(),
    ]
    written = [write_block(_naming_writers(), index, block) for index, block in enumerate(blocks)]
    assert written == [(kind, index) for index, kind in enumerate(KINDS)]


def test_what_is_no_block_is_refused():
    with pytest.raises(TypeError, match="okänt block"):
        write_block(_naming_writers(), 0, "inte ett block")
