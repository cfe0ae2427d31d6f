"""One walk over a document's blocks for every writer: which kind of block is which, said once.

The HTML (and so the PDF) writer and the Word writer each give a `BlockWriters`, what they make of each kind
of block; `write_block` picks the one for a block. A new kind of block is then added to the model, here,
and to every writer (the type checker names the writer that lacks it), never to one writer's own chain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from socialfund.documents.model import Block, Chart, Contents, Heading, ItemList, Lines, PageBreak, Paragraph, Table


@dataclass(frozen=True)
class BlockWriters[R]:
    """What a writer makes of each kind of block; each is called with the block's place in the document."""

    heading: Callable[[int, Heading], R]
    paragraph: Callable[[int, Paragraph], R]
    lines: Callable[[int, Lines], R]
    item_list: Callable[[int, ItemList], R]
    table: Callable[[int, Table], R]
    chart: Callable[[int, Chart], R]
    page_break: Callable[[int, PageBreak], R]
    contents: Callable[[int, Contents], R]


def write_block[R](writers: BlockWriters[R], index: int, block: Block | object) -> R:
    """The writer's work for the block at `index`; a TypeError for anything that is not a block."""
    if isinstance(block, Heading):
        return writers.heading(index, block)
    if isinstance(block, Paragraph):
        return writers.paragraph(index, block)
    if isinstance(block, Lines):
        return writers.lines(index, block)
    if isinstance(block, ItemList):
        return writers.item_list(index, block)
    if isinstance(block, Table):
        return writers.table(index, block)
    if isinstance(block, Chart):
        return writers.chart(index, block)
    if isinstance(block, PageBreak):
        return writers.page_break(index, block)
    if isinstance(block, Contents):
        return writers.contents(index, block)
    raise TypeError(f"okänt block: {block!r}")
