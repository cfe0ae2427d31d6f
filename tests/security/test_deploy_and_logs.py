"""Production settings pass Django's deployment checks; logs carry no personal data."""

from __future__ import annotations

import logging
import os
import secrets
import subprocess
import sys

import pytest

from socialfund.logfilters import PersonalDataFilter, mask


def test_check_deploy_is_clean_with_production_settings():
    # A production environment: none of the test harness's variables (the browser tests allow async-unsafe calls).
    ignored = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env |= {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "fond.example.se",
        "DEBUG": "0",
        "ACCESSIBILITY_CONTACT_EMAIL": "tillganglighet@sodertalje.se",
    }
    result = subprocess.run(
        [sys.executable, "-m", "socialfund.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("inloggning av anna.andersson@sodertalje.se misslyckades", "inloggning av <e-post> misslyckades"),
        ("pnr 19800101-1234 och 800101-1234", "pnr <personnummer> och <personnummer>"),
        ("ring 08-523 010 00", "ring <telefon>"),
        ("ärende 42 beviljades 2016-05-02 med 1 200 000 kr", "ärende 42 beviljades 2016-05-02 med 1 200 000 kr"),
    ],
)
def test_personal_data_is_masked(text, expected):
    assert mask(text) == expected


def test_the_filter_masks_arguments_too(caplog):
    logger = logging.getLogger("socialfund.test")
    logger.addFilter(PersonalDataFilter())
    try:
        with caplog.at_level(logging.INFO, logger="socialfund.test"):
            logger.info("användare %s loggade in", "kim@example.se")
    finally:
        logger.filters.clear()
    assert "kim@example.se" not in caplog.text
    assert "<e-post>" in caplog.text


def test_logging_configuration_uses_the_filter(settings):
    # The request context comes first (it adds fields and hides secret paths), the masking last, on everything.
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["request_context", "personal_data"]


def test_pdf_font_subsetting_does_not_flood_the_log(caplog):
    # WeasyPrint's font subsetting through fontTools logs every glyph list at INFO: hundreds of
    # lines per PDF download. The logging configuration keeps fontTools at WARNING.
    logging.getLogger("fontTools.subset").info("Glyph names: ['A', 'Aring', 'B']")
    logging.getLogger("fontTools.subset").warning("a real problem")
    assert [record.getMessage() for record in caplog.records] == ["a real problem"]
