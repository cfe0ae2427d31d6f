"""Reading settings from the environment: the one place where that happens.

Production secrets have no defaults: a missing SECRET_KEY stops the start unless
DEBUG is on (a developer's machine or the demo).
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on", "ja"}
FALSE_WORDS = {"0", "false", "no", "off", "nej", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} måste vara sant eller falskt (1/0, true/false), inte {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} måste vara ett heltal, inte {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key(*, debug: bool) -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if debug:
        # Only for a developer's machine and the demo; never used with DEBUG off.
        return "insecure-development-key-do-not-use-in-production"
    raise ImproperlyConfigured(
        "SECRET_KEY saknas. Sätt miljövariabeln SECRET_KEY till en lång slumpmässig sträng "
        "(eller DEBUG=1 på en utvecklingsmaskin)."
    )
