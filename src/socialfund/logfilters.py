"""Keep personal data out of the logs: e-mail addresses, personnummer and phone numbers are masked.

Applied to every handler in LOGGING. It rewrites the formatted message, so that
arguments passed to a log call are masked too. Also here: the request's context on each line
(request id, tenant, user id) and the JSON formatter for structured logs.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

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


# What the request being served adds to every log line written while it runs (set by
# socialfund.operations.request_log; empty outside a request: commands, timers, tasks).
@dataclass
class RequestContext:
    request_id: str
    raw_path: str
    path: str
    """The path as it may be logged: no query string, secret URL parts (status-link tokens) replaced."""
    identify: Callable[[], tuple[str, str]] = lambda: ("", "")
    """(tenant, user id) of the request, as far as they are known when the line is written."""


current_request: ContextVar[RequestContext | None] = ContextVar("socialfund_current_request", default=None)
# The same context, kept on the request object for lines written after the middleware has returned.
LOG_CONTEXT_ATTRIBUTE = "socialfund_log_context"


class RequestContextFilter(logging.Filter):
    """Adds the request id, tenant and user id to each record, and replaces the raw path in its message (Django's
    own "Not Found: /ide/status/<token>/") by the path that may be logged. Runs before PersonalDataFilter."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django writes its "Not Found" line after the middleware has returned, with the request in `extra`.
        context = current_request.get() or getattr(getattr(record, "request", None), LOG_CONTEXT_ATTRIBUTE, None)
        if context is None:
            return True
        record.request_id = context.request_id
        record.tenant, record.user_id = context.identify()
        if context.raw_path != context.path:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):
                return True
            if context.raw_path in message:
                record.msg, record.args = message.replace(context.raw_path, context.path), None
        return True


# The fields a JSON line may carry besides time, level, logger and message: nothing else a log call passes in
# `extra` (Django passes the whole request object) is written.
JSON_FIELDS = ("request_id", "tenant", "user_id", "method", "path", "status", "duration_ms")


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shipping (docs/operations.md, "Structured logs")."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask(record.getMessage()),
        }
        for name in JSON_FIELDS:
            value = getattr(record, name, None)
            if value not in (None, ""):
                line[name] = mask(value) if isinstance(value, str) else value
        if record.exc_info:
            # Exception texts quote values (an IntegrityError names the row): masked like the message.
            line["exception"] = mask(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)
