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


FILE_SYSTEM = "filesystem"
S3 = "s3"
STATIC_FILES: dict[str, object] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def storages_from_env() -> dict[str, dict[str, object]]:
    """Where uploads and generated documents are kept: the file system under MEDIA_ROOT (the default) or an
    S3-compatible bucket (`SOCIALFUND_STORAGE=s3`), so a municipality can keep them on Swedish or EU
    infrastructure. The bucket's name and keys have no defaults: a half-configured bucket stops the start."""
    kind = env_str("SOCIALFUND_STORAGE", FILE_SYSTEM).strip().lower() or FILE_SYSTEM
    if kind == FILE_SYSTEM:
        file_system: dict[str, object] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
        return {"default": file_system, "staticfiles": STATIC_FILES}
    if kind != S3:
        raise ImproperlyConfigured(f"SOCIALFUND_STORAGE måste vara {FILE_SYSTEM} eller {S3}, inte {kind!r}")
    missing = [name for name in ("S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY") if not env_str(name)]
    if missing:
        raise ImproperlyConfigured(f"SOCIALFUND_STORAGE=s3 kräver {', '.join(missing)}.")
    options: dict[str, object] = {
        "bucket_name": env_str("S3_BUCKET"),
        "access_key": env_str("S3_ACCESS_KEY_ID"),
        "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "addressing_style": env_str("S3_ADDRESSING_STYLE") or None,
        # Each file is private; a download goes through the application, which checks who may read it.
        "default_acl": None,
        "querystring_auth": True,
        # Two uploads with the same name keep both files, as on the file system.
        "file_overwrite": False,
    }
    if env_str("S3_LOCATION"):
        options["location"] = env_str("S3_LOCATION")
    bucket: dict[str, object] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    return {"default": bucket, "staticfiles": STATIC_FILES}
