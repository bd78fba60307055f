"""Serawai settings: everything comes from the environment.

Defaults run a laptop with no set-up (SQLite in WAL mode and kombu's filesystem broker under the
var folder, e-mail written to files). ``SERAWAI_ENV=production`` refuses those defaults where
they would be unsafe (secret key, DEBUG, hosts).
"""

import datetime
import os
import sys
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SERAWAI_ENV = os.environ.get("SERAWAI_ENV", "development").strip().lower()
PRODUCTION = SERAWAI_ENV == "production"

VAR_DIR = Path(os.environ.get("SERAWAI_VAR_DIR") or BASE_DIR / "var").resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Earlier keys, while what was signed or sealed under them is still in use (common.secrecy).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])

if PRODUCTION:
    problems = []
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY must be set to a random value of at least 50 characters")
    if DEBUG:
        problems.append("DEBUG must be off")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must name the hosts this site answers to")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        problems.append("DATABASE_URL must point at PostgreSQL")
    if problems:
        raise ImproperlyConfigured("SERAWAI_ENV=production: " + "; ".join(problems))
elif not SECRET_KEY:
    SECRET_KEY = _DEV_SECRET

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "django_celery_beat",
    "axes",
    "auditlog",
    "organization",
    "accounts",
    "cycles",
    "notifications",
    "documents",
    "voting",
    "events",
    "reports",
    "evaluations",
    "audit",
    "common",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language the person chose, else Indonesian; never the browser's Accept-Language.
    "common.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: the rest of the request reads province data in its person's scope.
    "common.scopes.ProvinceScopeMiddleware",
    "cycles.middleware.ChosenYearMiddleware",
    # After the chosen year: a past cycle's pages are read-only (cycles/readonly.py).
    "cycles.readonly.PastCycleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inside the person's scope and language: an empty 405 becomes the layout's error page.
    "common.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "serawai.urls"
WSGI_APPLICATION = "serawai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organization.context_processors.roles",
                "cycles.readonly.read_only_cycle",
            ],
        },
    }
]

# Database: SQLite (WAL) under the var folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'serawai.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # .iterator() (a form's choices, an export) reads with one plain query instead of a
    # server-side cursor's DECLARE, FETCH and CLOSE round trips.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
            # Deleted rows are zeroed: a mixed ballot box leaves no readable remains.
            " PRAGMA secure_delete=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organization.Employee"
AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its NIP/e-mail + IP is locked out (see "Log-in protection").
    "accounts.lockout.LoginProtectionBackend",
    "rules.permissions.ObjectPermissionBackend",
    "organization.auth.NipOrEmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cycles:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Language and time: Bahasa Indonesia by default, English available; Asia/Jakarta.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["serawai.formats"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]


def _package_data_dir(relative: str) -> Path | None:
    """Find a data folder shipped inside an installed package, without importing it."""
    for entry in sys.path:
        candidate = Path(entry) / relative
        if candidate.is_dir():
            return candidate
    return None


_bootstrap = _package_data_dir("xstatic/pkg/bootstrap/data")
if _bootstrap is not None:
    STATICFILES_DIRS.append(("bootstrap", _bootstrap))

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
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("SERAWAI_MEDIA_ROOT") or VAR_DIR / "media")

# E-mail: files under var/mail unless EMAIL_URL says otherwise.
EMAIL_URL = os.environ.get("EMAIL_URL")
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    if _email.get("EMAIL_FILE_PATH"):
        EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Serawai <serawai@bps.go.id>")

# Celery: Redis when REDIS_URL is set, else kombu's filesystem transport (one solo worker).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = True
else:
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("in", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    # A hostname (ignored by the transport) keeps kombu from warning on every connection.
    CELERY_BROKER_URL = "filesystem://localhost//"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "in"),
        "data_folder_out": str(_broker_dir / "in"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    # The filesystem transport has no fan-out: remote control would not work across workers.
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)

# Cache and sessions. With Redis (REDIS_URL, every production host shares it): Django's Redis
# cache, and sessions read from it and written through to the database (cached_db). Without
# Redis: Django's local-memory cache and sessions in the database. Pages are cheap because they
# run few queries, not because they are cached; nothing that holds credentials is ever cached.
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache; a cache miss rather than an error while Redis is away.
            "BACKEND": "serawai.redis_cache.RedisCache",
            "LOCATION": os.environ.get("CACHE_REDIS_URL") or REDIS_URL,
            "KEY_PREFIX": "serawai",
            "TIMEOUT": 3600,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# E-mail outbox (notifications.outbox): a row left "sending" this long by a dead worker is sent
# again; the send delay exists only so that tests can kill a worker mid-send.
SERAWAI_OUTBOX_STUCK_SECONDS = int(os.environ.get("SERAWAI_OUTBOX_STUCK_SECONDS", "600"))
SERAWAI_TEST_SEND_DELAY = float(os.environ.get("SERAWAI_TEST_SEND_DELAY", "0"))
SERAWAI_TEST_MIX_DELAY = float(os.environ.get("SERAWAI_TEST_MIX_DELAY", "0"))
# Certificate batches (documents.batches): a batch with no worker activity this long is taken up
# again by the periodic resume and may be retried by the CAN. A chunk takes a few seconds.
SERAWAI_BATCH_STUCK_SECONDS = int(os.environ.get("SERAWAI_BATCH_STUCK_SECONDS", "300"))
# Employee sheets larger than this are imported by the worker (a 20,000-row sheet is about 1 MB
# and takes longer than a web request may last); smaller ones while the person waits.
SERAWAI_IMPORT_IN_REQUEST_BYTES = int(
    os.environ.get("SERAWAI_IMPORT_IN_REQUEST_BYTES", str(200 * 1024))
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads: documentation photos and uploaded drafts are checked again by content in the forms.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
SERAWAI_PHOTO_MAX_BYTES = int(os.environ.get("SERAWAI_PHOTO_MAX_BYTES", str(8 * 1024 * 1024)))
# A letter signed elsewhere and registered with its PDF (below nginx's client_max_body_size).
SERAWAI_LETTER_MAX_BYTES = int(os.environ.get("SERAWAI_LETTER_MAX_BYTES", str(10 * 1024 * 1024)))
# Presentation materials (PDF, PPTX, ODP) of an event, and the LibreOffice program the worker
# runs to make a PDF of a PPTX/ODP (absent: the original is kept and the page says so).
SERAWAI_MATERIAL_MAX_BYTES = int(
    os.environ.get("SERAWAI_MATERIAL_MAX_BYTES", str(50 * 1024 * 1024))
)
SERAWAI_SOFFICE = os.environ.get("SERAWAI_SOFFICE", "soffice")
SERAWAI_SOFFICE_TIMEOUT = int(os.environ.get("SERAWAI_SOFFICE_TIMEOUT", "300"))

# Where links in e-mails and on certificates (QR codes) point. `make run` sets it for every
# command it runs (the demo seed included) to http://HOST:PORT, whose defaults give this one.
SITE_URL = (os.environ.get("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")
SITE_URL_SET = bool(os.environ.get("SITE_URL"))  # production refuses the default (common.checks)

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Security hardening -----------------------------------------------------------------
# Log-in protection (django-axes): SERAWAI_LOGIN_FAILURE_LIMIT failed log-ins for one NIP/e-mail
# from one address lock that pair; the lock lifts after SERAWAI_LOGIN_COOLOFF_MINUTES (0: never)
# or when an admin removes it (admin: Axes > Access attempts, or `manage.py axes_reset_username`).
AXES_FAILURE_LIMIT = int(os.environ.get("SERAWAI_LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
_cooloff = int(os.environ.get("SERAWAI_LOGIN_COOLOFF_MINUTES", "60"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=_cooloff) if _cooloff else None
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.lockout.login_key"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False
# Proxies in front of gunicorn whose X-Forwarded-For is trusted for the client address (nginx: 1).
SERAWAI_TRUSTED_PROXIES = int(os.environ.get("SERAWAI_TRUSTED_PROXIES", "1" if PRODUCTION else "0"))
AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"] = {"min_length": 10}

# Content-Security-Policy (django-csp): scripts only from our own static files (no inline script,
# no eval; htmx and Bootstrap are served by whitenoise). Inline style attributes stay allowed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Single sign-on through OpenID Connect (mozilla-django-oidc), off unless SERAWAI_OIDC_CLIENT_ID
# is set. Only existing employees log in (matched by NIP claim, else e-mail); no account is made.
SERAWAI_OIDC_ENABLED = bool(os.environ.get("SERAWAI_OIDC_CLIENT_ID"))
if SERAWAI_OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("accounts.oidc.EmployeeOIDCBackend")
    # The backend's former path, still in the sessions of people who signed on before it moved.
    AUTHENTICATION_BACKENDS.append("audit.oidc.EmployeeOIDCBackend")
    OIDC_RP_CLIENT_ID = os.environ["SERAWAI_OIDC_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("SERAWAI_OIDC_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("SERAWAI_OIDC_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("SERAWAI_OIDC_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = os.environ.get("SERAWAI_OIDC_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = os.environ.get("SERAWAI_OIDC_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("SERAWAI_OIDC_JWKS_ENDPOINT", "")
    OIDC_RP_SCOPES = os.environ.get("SERAWAI_OIDC_SCOPES", "openid email profile")
    OIDC_CREATE_USER = False
    SERAWAI_OIDC_NIP_CLAIM = os.environ.get("SERAWAI_OIDC_NIP_CLAIM", "nip")
# The audit trail (django-auditlog, app `audit`) records live changes, not fixtures being loaded.
AUDITLOG_DISABLE_ON_RAW_SAVE = True
