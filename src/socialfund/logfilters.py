"""Keep personal data out of the logs: e-mail addresses, personnummer and phone numbers are masked.

Applied to every handler in LOGGING. It rewrites the formatted message, so that
arguments passed to a log call are masked too.
"""

from __future__ import annotations

import logging
import re

PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "<e-post>"),
    # personnummer and samordningsnummer: ÅÅMMDD-NNNN or ÅÅÅÅMMDDNNNN, with - or + or nothing
    (re.compile(r"\b(19|20)?\d{6}[-+]?\d{4}\b"), "<personnummer>"),
    (re.compile(r"(?<![\w/])(\+46|0)[\s-]?\d{1,3}([\s-]?\d{2,3}){2,4}\b"), "<telefon>"),
]


def mask(text: str) -> str:
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
