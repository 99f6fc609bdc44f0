"""Settings for the AHP toolkit, read from the environment (see README "Configuration").

Secure by default: with DEBUG off, a missing secret key stops start-up, and HTTPS-only
settings are on unless DJANGO_HTTPS=0 says this is a plain-HTTP run on one's own machine.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "For development, run with DJANGO_DEBUG=1 (make run does)."
        )
    SECRET_KEY = "development-only-key-never-used-with-debug-off"  # noqa: S105

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "editorial.apps.EditorialAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "csp",
    "axes",
    "reversion",
    "reversion_compare",
    "import_export",
    "django_prose_editor",
    "editorial",
    "content",
    "pages",
    "professions",
    "casestudies",
    "careers",
    "checklist",
    "alerts",
    "submissions",
]

MIDDLEWARE = [
    "toolkit.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "toolkit.httpcache.PublicCacheMiddleware",
    "toolkit.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "toolkit.middleware.MediaNonceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "toolkit.urls"
WSGI_APPLICATION = "toolkit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "toolkit.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site",
            ],
        },
    },
    {
        # The admin and form widgets keep Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "django"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite tuned for a web server's concurrent requests: WAL lets readers run beside the
    # writer, IMMEDIATE transactions take the write lock up front instead of failing midway
    # with "database is locked", and the timeout waits for a busy writer. Connections persist
    # (CONN_MAX_AGE above) and the file is memory-mapped: a request then neither reconnects
    # nor copies into a cold page cache what the last one read (about 2 ms a finder page).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA mmap_size=134217728;"
        ),
    }
    (BASE_DIR / "var").mkdir(exist_ok=True)

# The cache (issue 14): Redis when REDIS_URL is set, shared by every worker and server (the
# checklist's rate limit counts there); local memory otherwise. While Redis is unreachable the
# site serves without a cache (toolkit.cache). Sessions are written to the database and read
# through the cache, so they survive a Redis restart.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "toolkit.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "toolkit",
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The load balancer asks for these over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Django serves uploaded media in development only; in production the web server does.
SERVE_MEDIA = DEBUG

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "toolkit.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Signed-in editors are signed out after 30 minutes without a request: every request renews
# the session, so only inactivity ends it. (Public visitors have no session.)
SESSION_COOKIE_AGE = 60 * 30
SESSION_SAVE_EVERY_REQUEST = True
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

HTTPS = env_flag("DJANGO_HTTPS", not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Trust X-Forwarded-Proto only when a proxy in front sets it (and drops a client's own):
# otherwise any client could say its plain-HTTP request came over HTTPS. Behind it, the
# client's address is the one the proxy appends to X-Forwarded-For (editorial.ratelimit).
BEHIND_PROXY = env_flag("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Rich text in the admin (editorial.richtext): our extension (CSP, accessible name) for the editor.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/prose-editor-toolkit.js")],
        "extensions": {"ToolkitEditor": html_tags([])},
    }
]

# History (django-reversion-compare): compare foreign keys by the related object's id, so an
# unchanged one is not listed as a change; the diff still shows it by name.
REVERSION_COMPARE_FOREIGN_OBJECTS_AS_ID = True
SERIALIZATION_MODULES = {"toolkit_json": "editorial.version_format"}

# Admin login lockout (django-axes, README "Sign-in lockout"): five failures in an hour lock the
# account whatever the address they came from, and five lock the address whatever the
# accounts tried, each for an hour (OWASP ASVS asks for at most 100 an hour per account).
# Attempts are rows in the database: every worker and server counts together.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "editorial.ratelimit.client_address"
AXES_LOCKOUT_TEMPLATE = "toolkit/lockout.jinja"
AXES_RESET_ON_SUCCESS = True

# Logs (README "Logs"): to stderr, capability tokens masked in every record (toolkit.logsafe),
# each line written during a request tagged with its id; one JSON line per request on
# toolkit.requests (toolkit.requestlog). django.request's 4xx warnings repeat that line with
# less in it: only its errors (with their traceback) are kept.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_tokens": {"()": "toolkit.logsafe.MaskTokens"},
        "request_id": {"()": "toolkit.logsafe.RequestId"},
    },
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s"
        },
        "message": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask_tokens", "request_id"],
            "formatter": "line",
        },
        "requests": {
            "class": "logging.StreamHandler",
            "filters": ["mask_tokens"],
            "formatter": "message",
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Django's own handlers for "django" (DEBUG's console) would print unmasked records.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"level": "ERROR"},
        "toolkit.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
    },
}

# Admin import and export (django-import-export): each import is one transaction, so a file
# with a bad row changes nothing. Exports neutralise formulae themselves (editorial.admin.imports):
# the library's own setting only handles a leading "=".
IMPORT_EXPORT_USE_TRANSACTIONS = True

# Checklist progress
# How many progress records one client address may start, and in how many seconds.
CHECKLIST_RECORDS_PER_CLIENT = (10, 60 * 60)
# Records nobody has written anything into are removed after this many days
# (manage.py purge_empty_progress).
CHECKLIST_EMPTY_RECORD_DAYS = 30

# Email (alerts, submissions): any SMTP relay, for example GOV.UK Notify's SMTP interface.
# Development prints messages to the console instead of sending them.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "AHP Toolkit <noreply@localhost>")
# Emails sent outside a request (the alerts command) build their links from this address.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Email alerts for a finder search (alerts/): sign-ups one client address may ask for, and one
# email address may be sent, in how many seconds; sign-ups nobody confirms are deleted after
# this many days (manage.py send_alerts).
ALERTS_SIGNUPS_PER_CLIENT = (10, 60 * 60)
ALERTS_SIGNUPS_PER_ADDRESS = (3, 60 * 60)
ALERTS_UNCONFIRMED_DAYS = 7

# Case study submissions (submissions/spam.py): how many one client address may send, in how
# many seconds; a form sent sooner than SUBMISSIONS_MIN_SECONDS after it was opened, or later
# than SUBMISSIONS_MAX_AGE, is shown again to be sent once more.
SUBMISSIONS_PER_CLIENT = (5, 60 * 60)
SUBMISSIONS_MIN_SECONDS = 3
SUBMISSIONS_MAX_AGE = 24 * 60 * 60

# The finder's counts come from a per-process bitset index (casestudies/finder/snapshot.py)
# when "on", or on "auto" when the cache is shared (REDIS_URL, above): every process must see the
# content version that tells it to rebuild.
FINDER_BITINDEX = os.environ.get("DJANGO_FINDER_BITINDEX", "auto")
