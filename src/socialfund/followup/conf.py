"""Follow-up settings with their defaults; override any of them in the Django settings.

FOLLOWUP_REMINDER_OFFSETS_DAYS   days relative to a report's due date when a reminder goes out
FOLLOWUP_REMINDER_WINDOW_DAYS    how long after the last offset a late run still sends it
FOLLOWUP_FINAL_REPORT_DAYS       days after the project's end that the final report is due
KOLADA_BASE_URL                  Kolada's API (v3; v2 is retired but reads the same)
KOLADA_CACHE_SECONDS             how long a Kolada answer is reused
"""

from __future__ import annotations

from django.conf import settings

from socialfund.core.kolada import DEFAULT_BASE_URL, DEFAULT_CACHE_SECONDS

DEFAULT_REMINDER_OFFSETS_DAYS = (-30, -7, 7)
DEFAULT_REMINDER_WINDOW_DAYS = 7
DEFAULT_FINAL_REPORT_DAYS = 90


def reminder_offsets() -> tuple[int, ...]:
    return tuple(
        sorted(int(x) for x in getattr(settings, "FOLLOWUP_REMINDER_OFFSETS_DAYS", DEFAULT_REMINDER_OFFSETS_DAYS))
    )


def reminder_window_days() -> int:
    return int(getattr(settings, "FOLLOWUP_REMINDER_WINDOW_DAYS", DEFAULT_REMINDER_WINDOW_DAYS))


def final_report_days() -> int:
    return int(getattr(settings, "FOLLOWUP_FINAL_REPORT_DAYS", DEFAULT_FINAL_REPORT_DAYS))


def kolada_base_url() -> str:
    return str(getattr(settings, "KOLADA_BASE_URL", "") or DEFAULT_BASE_URL)


def kolada_cache_seconds() -> int:
    return int(getattr(settings, "KOLADA_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))
