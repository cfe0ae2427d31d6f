"""Settings for the test suite: the project's settings with a test key and a fast hasher."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-not-secret")

from socialfund.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SECURE_SSL_REDIRECT = False
# The test client says "testserver"; in-process API fuzzing (schemathesis) and the live server say "localhost".
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SOCIALFUND_MAIL_SEND_AT_ONCE = True
# Tests sign in with force_login; the second factor is tested on its own (tests/security/test_passwords_and_totp.py).
SOCIALFUND_REQUIRE_TOTP = False
# Flushing the database between transactional tests truncates every table; the ledger refuses
# TRUNCATE unless the connection allows it (socialfund/ledger/db_guards.py). Only the tests do.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c socialfund.allow_truncate=on"  # noqa: F405
# Background tasks run at once, inside the request that enqueued them (after its commit), as with `make run`;
# a test that looks at the queue switches to the database backend itself (tests/reports/test_generated.py).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
