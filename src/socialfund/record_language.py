"""The language of the records: Swedish, whatever language a reader chose for the pages.

The interface follows the reader (sv or en), but what the municipality keeps does not: the activity log,
the ledger's texts, the evidence behind a waiver, and the documents it files (the April report, the
tjänsteskrivelse, the remissammanställning, the books). Those are written in the site's language,
`settings.LANGUAGE_CODE`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.functional import Promise


@contextmanager
def record_language() -> Iterator[None]:
    """Within it, labels and messages come out in the records' language: for a part of a view that writes
    a record or a filed document, where the rest of the view answers the reader in the reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def in_record_language(text: Promise | str) -> str:
    """A label as the records keep it. Give it the lazy label itself (`Kind(code).label`, a field's
    `verbose_name`): a string already made (`get_kind_display()`, `str(label)`) is in the reader's language
    by then and passes through unchanged."""
    with record_language():
        return str(text)


def in_filing_language[**P](view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """A download of a document the municipality files: the whole view runs in the site's language, so that
    no label in the reader's language lands in a Swedish document."""

    @functools.wraps(view)
    def in_swedish(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        with record_language():
            return view(*args, **kwargs)

    return in_swedish
