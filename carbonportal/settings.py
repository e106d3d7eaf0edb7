"""
Carbon Portal settings.

One module, driven by environment variables. The defaults are safe for local
development; production sets DJANGO_DEBUG=0 and DJANGO_SECRET_KEY (see README).
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from carbonportal.timeouts import postgres_options

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Third party
    "axes",
    "csp",
    "django_filters",
    "simple_history",
    # Ours
    "articles",
]

MIDDLEWARE = [
    "carbonportal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "carbonportal.middleware.DatabaseUnavailableMiddleware",
    "carbonportal.timeouts.DatabaseDeadlineMiddleware",
    "carbonportal.middleware.AdminNullCharacterMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lock-out into a response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "carbonportal.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "carbonportal.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "carbonportal.wsgi.application"

# Database: a SQLite file by default; DATABASE_URL=postgres://… for PostgreSQL.
# No statement of a web request runs longer than this (seconds; 0: no limit),
# so a slow page ends in the site's 503 page well before gunicorn's worker
# timeout cuts the connection (carbonportal/timeouts.py).
STATEMENT_TIMEOUT = float(os.environ.get("CARBONPORTAL_STATEMENT_TIMEOUT", "10"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while an import writes; a busy timeout
    # makes concurrent writers wait instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner overestimates the recursive place queries and compiles
    # them with JIT: 0.26 s of a 0.61 s count per province at 100,000
    # releases, for queries that run in milliseconds to a few hundred.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = (
        "-c jit=off " + postgres_options(STATEMENT_TIMEOUT)
    ).strip()

# Cache: local memory by default, Redis in production (REDIS_URL).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Pages are answered uncached while Redis is down (carbonportal/cache.py);
            # short timeouts keep an unresponsive Redis from stalling them.
            "BACKEND": "carbonportal.cache.OptionalRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Room for the cached pages of a busy day (each some tens of kB).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English first, with a Simplified Chinese interface.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["carbonportal.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static files: WhiteNoise serves compressed files with hashed names.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
# Where each app server keeps its copy of the corpus export (rebuilt when
# the content changes; safe to delete).
EXPORT_DIR = Path(os.environ.get("CARBONPORTAL_EXPORT_DIR") or BASE_DIR / "var" / "export")
# Up to this many releases a request builds a missing export itself; past it
# `manage.py build_export` does (it would outlast a request's time limits).
EXPORT_BUILT_BY_REQUEST = int(os.environ.get("CARBONPORTAL_EXPORT_BUILT_BY_REQUEST", "5000"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "public"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The admin's address; moving it away from /admin/ cuts automated probing.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

# Security: strict by default whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# django-csp: no inline script or style anywhere, our templates included.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# django-axes: lock out a username from an address after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "articles.portal.ratelimit.client_address"

# Structured logs on stdout, one JSON object a line, with the request id.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "carbonportal.middleware.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "carbonportal.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# django-simple-history: who made a change comes from the request.
SIMPLE_HISTORY_REVERT_DISABLED = False

# Carbon Portal
ARTICLES_PER_PAGE = 20
# An import accepts files up to 5 MB, so a release's body can be that long;
# an editor's change form carries it and the correction side by side.
# Django's default of 2.5 MB would refuse to save them (400).
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Counts per filter choice and per province are cached this long (seconds).
FACET_CACHE_SECONDS = int(os.environ.get("CARBONPORTAL_FACET_CACHE_SECONDS", "300"))
# Whole public pages, keyed by the content version (articles/pagecache.py):
# they can never be stale, so this only bounds how long unused ones linger.
PAGE_CACHE_SECONDS = int(os.environ.get("CARBONPORTAL_PAGE_CACHE_SECONDS", "3600"))
CSV_EXPORT_MAX_ROWS = int(os.environ.get("CARBONPORTAL_CSV_MAX_ROWS", "5000"))
# Reports of translation problems: at most this many per reader per hour
# (counted in the cache), and not sent sooner than this after the form opened.
PROBLEM_REPORTS_PER_HOUR = int(os.environ.get("CARBONPORTAL_REPORTS_PER_HOUR", "5"))
API_REQUESTS_PER_MINUTE = int(os.environ.get("CARBONPORTAL_API_REQUESTS_PER_MINUTE", "120"))
PROBLEM_REPORT_MIN_SECONDS = 3
# How many proxies in front of the app servers append to X-Forwarded-For
# (0: readers connect directly). Rate limits and the admin lock-out count
# per reader address, which only these proxies can be trusted to report.
TRUSTED_PROXIES = int(os.environ.get("CARBONPORTAL_TRUSTED_PROXIES", "0"))
