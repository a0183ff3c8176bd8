"""Django settings, read from the environment.

Defaults suit a laptop (SQLite file, DEBUG on). ``CINEBRIDGE_ENV=production`` turns on the
production checks: the process refuses to start with DEBUG on or with the default secret key.
``DATABASE_URL`` (e.g. ``postgres://postgres@127.0.0.1:5432/cinebridge``) switches the database.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
DEFAULT_SECRET_KEY = "cinebridge-insecure-development-key"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _weak_secret_key(key: str) -> bool:
    """The test of Django's ``check --deploy`` (security.W009), with its own thresholds."""
    return (
        key == DEFAULT_SECRET_KEY
        or key.startswith(SECRET_KEY_INSECURE_PREFIX)
        or len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    )


ENVIRONMENT = os.environ.get("CINEBRIDGE_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
SECRET_KEY = os.environ.get("CINEBRIDGE_SECRET_KEY", DEFAULT_SECRET_KEY)
# Off unless asked for: a server started any other way than `make run` (which turns it on
# for the laptop) never shows a traceback or the technical 404 page.
DEBUG = _env_bool("CINEBRIDGE_DEBUG", False)

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("Production settings refuse DEBUG: unset CINEBRIDGE_DEBUG.")
    if _weak_secret_key(SECRET_KEY):
        raise ImproperlyConfigured(
            f"Production settings need CINEBRIDGE_SECRET_KEY: a random string of "
            f"{SECRET_KEY_MIN_LENGTH}+ characters with {SECRET_KEY_MIN_UNIQUE_CHARACTERS}+ "
            f"different ones, not starting with {SECRET_KEY_INSECURE_PREFIX!r}."
        )

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("CINEBRIDGE_ALLOWED_HOSTS", "" if PRODUCTION else "*").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CINEBRIDGE_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "csp",
    "axes",
    "cinebridge.core",
    "cinebridge.organisations",
    "cinebridge.catalog",
    "cinebridge.rights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cinebridge.core.middleware.QueryTextMiddleware",  # no control characters in query strings
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # last, so its lockout answer is rendered in the request's language
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cinebridge.urls"
WSGI_APPLICATION = "cinebridge.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "cinebridge.core.context_processors.tenancy",
            ],
        },
    },
]

DATA_DIR = Path(os.environ.get("CINEBRIDGE_DATA_DIR", Path.cwd() / "var"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'cinebridge.sqlite3'}",
        # Keep each connection for a minute (opening one per request cost 39% of the
        # throughput under load) and check it is alive before a request reuses it.
        conn_max_age=int(os.environ.get("CINEBRIDGE_CONN_MAX_AGE", "60")),
        conn_health_checks=_env_bool("CINEBRIDGE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets readers run while one writer writes; IMMEDIATE takes the write lock at BEGIN,
    # so two writers queue instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"].setdefault("TEST", {})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out sign-in before the password
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "catalog:title-list"
LOGOUT_REDIRECT_URL = "catalog:title-list"

# Password guessing (django-axes): after CINEBRIDGE_LOGIN_FAILURE_LIMIT wrong passwords for
# one username from one address, sign-in (page and API token) is refused, even with the right
# password, for CINEBRIDGE_LOGIN_LOCKOUT_MINUTES; `cinebridge axes_reset` or the admin clears it.
AXES_FAILURE_LIMIT = int(os.environ.get("CINEBRIDGE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(
    minutes=int(os.environ.get("CINEBRIDGE_LOGIN_LOCKOUT_MINUTES", "30"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cinebridge.core.lockout.lockout_response"
PROXY_COUNT = int(os.environ.get("CINEBRIDGE_PROXY_COUNT", "0"))
"""Reverse proxies in front of the app that append to X-Forwarded-For (0: use the peer address)."""
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# API tokens stop working this long after they were issued; asking again issues a new one.
API_TOKEN_LIFETIME = dt.timedelta(days=int(os.environ.get("CINEBRIDGE_TOKEN_DAYS", "30")))

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("vi", _("Vietnamese")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Outside production the static files are served from the apps' folders (no collectstatic),
# whether DEBUG is on or not.
WHITENOISE_USE_FINDERS = not PRODUCTION

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cinebridge.core.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Refuse control characters and lone surrogates in every request body (core.text).
    "DEFAULT_PARSER_CLASSES": [
        "cinebridge.core.parsers.JSONParser",
        "cinebridge.core.parsers.FormParser",
        "cinebridge.core.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "NUM_PROXIES": PROXY_COUNT or None,
    # per client address, on the token endpoint only (see cinebridge.core.api)
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("CINEBRIDGE_TOKEN_RATE", "10/minute")},
    "DEFAULT_SCHEMA_CLASS": "cinebridge.core.api_schema.ErrorsDeclaredSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "cinebridge API",
    "DESCRIPTION": "Catalog, organisations and multilingual search of the cinebridge platform.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI served from this server's static files, not a CDN (see the CSP below)
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# HTTPS. In production: redirect plain HTTP, send HSTS for a year (subdomains included; ask
# browsers to preload it with CINEBRIDGE_HSTS_PRELOAD=1 once the domain is ready for it), and
# send cookies over HTTPS only. Behind a TLS-terminating proxy (CINEBRIDGE_PROXY_COUNT > 0) the
# proxy's X-Forwarded-Proto says whether the request came in over HTTPS.
SECURE_SSL_REDIRECT = _env_bool("CINEBRIDGE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(
    os.environ.get("CINEBRIDGE_HSTS_SECONDS", "31536000" if PRODUCTION else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("CINEBRIDGE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_bool("CINEBRIDGE_HSTS_PRELOAD", False)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = _env_bool("CINEBRIDGE_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a commitment made at hstspreload.org, not a default: off unless asked for
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]

# Content-Security-Policy (django-csp), sent everywhere so development shows what production
# would block. The pages load scripts and styles from /static/ only (no inline script, no
# event-handler attribute, no eval: see static/js); style attributes stay allowed for the
# rights timeline's computed positions; posters are images from any HTTPS host.
# CINEBRIDGE_CSP replaces the whole policy ("directive source ...; directive source ..."),
# CINEBRIDGE_CSP_REPORT_ONLY=1 sends it as Content-Security-Policy-Report-Only.
DEFAULT_CSP = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "style-src-attr": [UNSAFE_INLINE],
    "img-src": [SELF, "data:", "https:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}


def _csp_from_text(text: str) -> dict[str, list[str]]:
    """ "default-src 'self'; img-src 'self' https:" as django-csp's directives."""
    directives = {}
    for part in text.split(";"):
        if part.strip():
            name, *sources = part.split()
            directives[name.lower()] = sources
    return directives


_csp_text = os.environ.get("CINEBRIDGE_CSP", "").strip()
_csp = {"DIRECTIVES": _csp_from_text(_csp_text) if _csp_text else DEFAULT_CSP}
if _env_bool("CINEBRIDGE_CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp
else:
    CONTENT_SECURITY_POLICY = _csp

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CINEBRIDGE_LOG_LEVEL", "WARNING")},
}
