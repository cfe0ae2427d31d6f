"""Django settings, read from the environment in `socialfund.config`.

Environment variables:
  DEBUG           1 on a developer's machine; off (the default) in production
  SECRET_KEY      required when DEBUG is off
  DATABASE_URL    e.g. postgres://user@host:5432/socialfund; default SQLite in var/
  DATABASE_CONN_MAX_AGE  seconds a worker keeps its database connection (default 600; 0 with DEBUG)
  DATABASE_CONN_HEALTH_CHECKS  check a kept connection before reuse (default on when kept)
  DATABASE_REPLICA_URL  a read replica of DATABASE_URL; reports, exports and open data read from it (optional)
  ALLOWED_HOSTS   comma-separated; default localhost names when DEBUG is on
  EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
  DEFAULT_FROM_EMAIL, EMAIL_BACKEND (a backend's dotted path)
  SOCIALFUND_VAR_DIR   where the SQLite file and uploads live (default ./var)
  SOCIALFUND_STORAGE   filesystem (default) or s3, with S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY,
                       S3_ENDPOINT_URL, S3_REGION, S3_ADDRESSING_STYLE, S3_LOCATION
  SOCIALFUND_TASKS_IMMEDIATE  run background tasks at once in the enqueuing process (default: DEBUG)
  SESSION_COOKIE_AGE   seconds of inactivity after which a login ends (default 8 hours)
  SESSION_RENEW_AFTER  how often, at most, an active session's expiry is pushed forward (default 300 s)
  LOG_LEVEL, LOG_FORMAT  the root logger's level (INFO) and json (default in production) or text
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from socialfund.config import env_bool, env_int, env_list, env_str, secret_key, storages_from_env

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("SOCIALFUND_VAR_DIR", str(Path.cwd() / "var")))

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = secret_key(debug=DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "axes",
    "socialfund.accounts",
    "socialfund.organisation",
    "socialfund.funds",
    "socialfund.cases",
    "socialfund.audit",
    "socialfund.ledger",
    "socialfund.consultations",
    "socialfund.reports",
    "socialfund.web",
    "socialfund.demo",
    "socialfund.backup",
    "socialfund.followup",
    "socialfund.outbox",
    "socialfund.actors",
    "socialfund.guidelines",
    "socialfund.records",
    # The background tasks' queue (Django's task framework, database backend): see TASKS below.
    "django_tasks_db",
    "socialfund.tenancy",
]

MIDDLEWARE = [
    # First: times the whole chain, gives each request its id and writes its log line (docs/operations.md).
    "socialfund.operations.request_log.RequestLogMiddleware",
    # The load balancer's /health/live and /health/ready, answered before the HTTPS redirect, the session and
    # the login throttling run: a probe costs no session or axes row and is not redirected.
    "socialfund.operations.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "socialfund.web.middleware.ChosenLanguageMiddleware",
    # Before anything reads the input: a NUL byte is refused here, for every view, form and API call.
    "socialfund.web.input_rules.RefuseNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Pushes the session's expiry forward at most once per SESSION_RENEW_AFTER, instead of a write per page.
    "socialfund.web.session_renewal.SessionRenewalMiddleware",
    # Local admin and finance accounts give a code from their authenticator app once per session.
    "socialfund.accounts.second_factor.SecondFactorMiddleware",
    # The user's organisation is the tenant: the scope and PostgreSQL's row-level security read it.
    "socialfund.tenancy.middleware.TenantMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A refusal no view caught is a page with its Swedish message (400/403), never a server error.
    "socialfund.web.refusals.RefusalPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the outcome of every login (django-axes: login throttling).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "socialfund.urls"
WSGI_APPLICATION = "socialfund.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "socialfund.web.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    # The zero-set-up default: an SQLite file under var/, made on first use.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'socialfund.sqlite3'}"
# Persistent connections in production: opening a PostgreSQL connection costs 11–19 ms of database
# CPU per request (issue 22); a worker keeps its connection for CONN_MAX_AGE seconds and checks it
# before reuse. Each gunicorn worker holds one connection, so workers × machines must stay under the
# server's max_connections (docs/operations.md, "Database connections"). With DEBUG on (runserver's
# thread per request) connections close after each request as before.
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 600)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=DATABASE_CONN_MAX_AGE,
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", default=DATABASE_CONN_MAX_AGE > 0),
    )
}
# SQLite has one writer at a time, and every request writes (the session is saved on each
# one), so two requests at once are two writers. A transaction that reads first and writes
# later is refused "database is locked" at once when another wrote in between; BEGIN
# IMMEDIATE takes the write lock at the start instead, so a second writer waits its turn
# (up to `timeout` seconds). PostgreSQL, for production, needs none of this.
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), **SQLITE_OPTIONS}
# A read replica for the reports (socialfund/replica.py): the April report, the exports and the open data read
# from it when it is set; writes never go there. Unset, everything reads from `default` as before. In a test run
# it mirrors `default` (no second test database is made).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASE_CONN_MAX_AGE,
        conn_health_checks=DATABASES["default"]["CONN_HEALTH_CHECKS"],
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["socialfund.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "start"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Passwords common in Sweden ("Sommar2016", "lösenord1"…): data/passwords/README.md says how the list is made.
    {
        "NAME": "django.contrib.auth.password_validation.CommonPasswordValidator",
        "OPTIONS": {"password_list_path": PACKAGE_DIR / "data" / "passwords" / "common-sv.txt.gz"},
    },
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish first, English second.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# Our own format module: ISO dates only. Django's Swedish locale also accepts
# US dates (%m/%d/%Y), which would read 03/04/2015 as the 4th of March.
FORMAT_MODULE_PATH = ["socialfund.formats"]
DATE_INPUT_FORMATS = ["%Y-%m-%d"]

STATIC_URL = "static/"
# The project's own static files live in the package (socialfund is not an app itself).
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploads and generated documents: the file system under MEDIA_ROOT, or an S3-compatible bucket
# (SOCIALFUND_STORAGE=s3 and the S3_* variables; docs/operations.md, "File storage"). Code reaches files
# only through this storage (a FileField or `default_storage`), never through a path.
STORAGES = storages_from_env()

# Background tasks (Django's task framework). In production the database backend keeps the queue in
# PostgreSQL and `socialfund db_worker` runs it, so no broker is needed. With DEBUG (`make run`) or
# SOCIALFUND_TASKS_IMMEDIATE a task runs at once, in the process that enqueued it (docs/operations.md).
SOCIALFUND_TASKS_IMMEDIATE = env_bool("SOCIALFUND_TASKS_IMMEDIATE", default=DEBUG)
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if SOCIALFUND_TASKS_IMMEDIATE
        else "django_tasks_db.DatabaseBackend",
    }
}

# E-mail (Django 6.1's MAILERS): the console in development, SMTP in production.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
_smtp_options = {
    "host": env_str("EMAIL_HOST", "localhost"),
    "port": env_int("EMAIL_PORT", 25),
    "username": env_str("EMAIL_HOST_USER"),
    "password": env_str("EMAIL_HOST_PASSWORD"),
    "use_tls": env_bool("EMAIL_USE_TLS", default=False),
    "timeout": env_int("EMAIL_TIMEOUT", 10),
}
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": _smtp_options if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "socialfund@localhost")
# The second factor (TOTP) for local administrator and finance accounts (socialfund/accounts/second_factor.py).
SOCIALFUND_REQUIRE_TOTP = env_bool("SOCIALFUND_REQUIRE_TOTP", default=not DEBUG)
# Each mail is handed to a background task after its action commits (at once with DEBUG, else to the worker,
# which retries it at its next attempt time); off: only the timer's `socialfund mail send` sends.
SOCIALFUND_MAIL_SEND_AT_ONCE = env_bool("SOCIALFUND_MAIL_SEND_AT_ONCE", default=True)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)

# Kolada, the municipal key-figure database (v2 and v3 have the same shape).
KOLADA_BASE_URL = env_str("KOLADA_BASE_URL", "https://api.kolada.se/v3")

# One JSON object per line in production (for log shipping: request id, tenant, user id, path, status,
# duration as fields); plain text with DEBUG, for a person reading a terminal. LOG_FORMAT=json|text overrides.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "socialfund.logfilters.RequestContextFilter"},
        "personal_data": {"()": "socialfund.logfilters.PersonalDataFilter"},
    },
    "formatters": {"json": {"()": "socialfund.logfilters.JsonFormatter"}, "text": {"format": "%(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            # The context first: it replaces a secret path in the message before the personal data is masked.
            "filters": ["request_context", "personal_data"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # fontTools writes hundreds of INFO lines (glyph lists) each time WeasyPrint subsets a
    # font, i.e. on every PDF download; they say nothing an operator needs.
    "loggers": {"fontTools": {"level": "WARNING"}},
}

# The product's name on every page, and the accessibility statement's facts
# (lag 2018:1937 om tillgänglighet till digital offentlig service; DIGG's requirements).
SITE_NAME = env_str("SITE_NAME", "Sociala investeringsfonden")
# Where the site is reached from outside (scheme and host, no trailing slash): links in e-mails are absolute.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")
# Each installation's own: no example address is ever shown (`check --deploy` refuses an empty one); without an
# organisation name the statement names the organisations in the database. The known gaps and the dates are
# in socialfund/data/accessibility.yaml (socialfund.web.accessibility).
ACCESSIBILITY_ORGANISATION = env_str("ACCESSIBILITY_ORGANISATION", "")
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "")

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for a user name
# from one address, that pair is locked for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy the client's address is in X-Forwarded-For (set AXES_IPWARE_PROXY_COUNT).
AXES_IPWARE_PROXY_COUNT = env_int("AXES_IPWARE_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Content Security Policy (Django 6): our own scripts and styles only, no inline code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
# The session expires after SESSION_COOKIE_AGE of inactivity: SessionRenewalMiddleware renews it at most
# once per SESSION_RENEW_AFTER seconds, instead of Django writing it on every request (issue 22).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_AFTER = env_int("SESSION_RENEW_AFTER", 5 * 60)
X_FRAME_OPTIONS = "DENY"

# Login with the municipality's identity provider (OpenID Connect), when configured.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
if OIDC_RP_CLIENT_ID:
    import json as _json

    AUTHENTICATION_BACKENDS.insert(1, "socialfund.accounts.oidc.MunicipalOIDCBackend")
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
    OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM", "groups")
    OIDC_GROUP_ROLES = _json.loads(env_str("OIDC_GROUP_ROLES", "{}"))
    OIDC_ORGANISATION_CODE = env_str("OIDC_ORGANISATION_CODE")
    LOGIN_REDIRECT_URL_FAILURE = "/logga-in/"

# Outside representatives' e-legitimation through an OpenID Connect broker (socialfund.actors.eleg; the
# Swedish OIDC claims profile). Off unless the issuer and client id are set. ELEG_PEPPER keys the hash that
# recognises a person; keep it out of the database and its backups.
ELEG_OIDC_ISSUER = env_str("ELEG_OIDC_ISSUER")
ELEG_OIDC_CLIENT_ID = env_str("ELEG_OIDC_CLIENT_ID")
ELEG_OIDC_CLIENT_SECRET = env_str("ELEG_OIDC_CLIENT_SECRET")
ELEG_PEPPER = env_str("ELEG_PEPPER")
