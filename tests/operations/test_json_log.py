"""The JSON formatter: one object per line, only the known fields, personal data masked everywhere."""

from __future__ import annotations

import json
import logging
import sys

from socialfund.logfilters import (
    LOG_CONTEXT_ATTRIBUTE,
    JsonFormatter,
    PersonalDataFilter,
    RequestContext,
    RequestContextFilter,
    current_request,
)


def _record(msg: str, *args: object, exc_info: object = None, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("socialfund.test", logging.WARNING, __file__, 1, msg, args, exc_info)  # type: ignore[arg-type]
    record.__dict__.update(extra)
    return record


def _format(record: logging.LogRecord) -> dict[str, object]:
    for log_filter in (RequestContextFilter(), PersonalDataFilter()):
        log_filter.filter(record)
    text = JsonFormatter().format(record)
    assert "\n" not in text, "one line per record, also with a traceback"
    return json.loads(text)


def test_a_line_holds_time_level_logger_message_and_the_request_fields():
    line = _format(_record("GET %s %s", "/arenden/", 200, method="GET", path="/arenden/", status=200, duration_ms=12.5))
    assert line["level"] == "WARNING" and line["logger"] == "socialfund.test"
    assert line["message"] == "GET /arenden/ 200"
    assert (line["method"], line["path"], line["status"], line["duration_ms"]) == ("GET", "/arenden/", 200, 12.5)
    assert str(line["time"]).endswith("+00:00")


def test_other_extras_are_left_out():
    # Django passes the request object itself; its repr names the path with its query string.
    line = _format(_record("Not Found", request="<WSGIRequest: GET '/arenden/?q=Anna'>", status_code=404))
    assert set(line) == {"time", "level", "logger", "message"}


def test_personal_data_is_masked_in_the_message_the_fields_and_the_traceback():
    try:
        raise ValueError("duplicate key: anna.svensson@sodertalje.se, 19800101-1234")
    except ValueError:
        exc_info = sys.exc_info()
    line = _format(
        _record(
            "mail to %s failed",
            "anna.svensson@sodertalje.se",
            exc_info=exc_info,
            path="/x/anna.svensson@sodertalje.se/",
        )
    )
    text = json.dumps(line, ensure_ascii=False)
    assert "anna.svensson" not in text and "19800101-1234" not in text
    assert "<e-post>" in str(line["message"]) and "<personnummer>" in str(line["exception"])


def test_lines_written_during_a_request_carry_its_id_tenant_and_user():
    context = RequestContext("req-42", "/ide/status/SECRET/", "/ide/status/<dolt>/", lambda: ("0181", "7"))
    token = current_request.set(context)
    try:
        line = _format(_record("looked at %s", "/ide/status/SECRET/"))
    finally:
        current_request.reset(token)
    assert (line["request_id"], line["tenant"], line["user_id"]) == ("req-42", "0181", "7")
    assert line["message"] == "looked at /ide/status/<dolt>/"


def test_a_line_after_the_request_finds_the_context_on_the_request():
    class Request:
        pass

    request = Request()
    setattr(request, LOG_CONTEXT_ATTRIBUTE, RequestContext("req-43", "/a/SECRET/", "/a/<dolt>/"))
    line = _format(_record("Not Found: %s", "/a/SECRET/", request=request))
    assert line["request_id"] == "req-43" and line["message"] == "Not Found: /a/<dolt>/"


def test_outside_a_request_nothing_is_added():
    line = _format(_record("nightly check done"))
    assert set(line) == {"time", "level", "logger", "message"}
