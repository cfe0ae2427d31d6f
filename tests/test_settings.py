"""Settings: read from the environment, production refuses to start without a secret key."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from socialfund import config


def _import_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import socialfund.settings as s; print(s.DEBUG, len(s.SECRET_KEY))"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_settings({})
    assert result.returncode != 0
    assert "SECRET_KEY saknas" in result.stderr


def test_production_starts_with_secret_key():
    result = _import_settings({"SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "50"]


def test_debug_machine_gets_a_development_key():
    result = _import_settings({"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


def _database_settings(env: dict[str, str]) -> list[str]:
    inherited = {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"}
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_CONN") and k not in inherited}
    clean.update({"DATABASE_URL": "postgres://u@127.0.0.1:5432/x", **env})
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import socialfund.settings as s; d = s.DATABASES['default']; "
            "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        ],
        env=clean,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_production_keeps_database_connections_and_checks_them():
    # Opening a connection per request costs 11–19 ms of database CPU (issue 22).
    assert _database_settings({"SECRET_KEY": "x" * 50}) == ["600", "True"]


def test_connection_age_can_be_set_and_debug_closes_after_each_request():
    assert _database_settings({"SECRET_KEY": "x" * 50, "DATABASE_CONN_MAX_AGE": "0"}) == ["0", "False"]
    assert _database_settings({"DEBUG": "1"}) == ["0", "False"]


def test_a_boolean_that_is_not_one_is_refused(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "kanske")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG måste vara sant eller falskt"):
        config.env_bool("SOME_FLAG")


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", "a.example.se, b.example.se,")
    assert config.env_list("SOME_HOSTS", []) == ["a.example.se", "b.example.se"]


def test_swedish_and_stockholm(settings):
    assert settings.LANGUAGE_CODE == "sv"
    assert [code for code, _ in settings.LANGUAGES] == ["sv", "en"]
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.USE_THOUSAND_SEPARATOR is True


@pytest.mark.parametrize("language", ["sv", "en"])
def test_date_input_is_iso_only(language):
    """The Swedish locale of Django also accepts US dates; ours does not, in either language."""
    with translation.override(language):
        field = forms.DateField()
        assert field.clean("2015-10-26").isoformat() == "2015-10-26"
        with pytest.raises(forms.ValidationError):
            field.clean("10/26/2015")
        with pytest.raises(forms.ValidationError):
            field.clean("03/04/2015")
