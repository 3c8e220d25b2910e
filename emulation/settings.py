"""Settings for Thi đua, read from the environment.

With nothing set, the app runs on SQLite and a filesystem Celery broker under
``var/`` so that a first ``make run`` needs no server. ``DATABASE_URL`` and
``REDIS_URL`` switch to PostgreSQL and Redis.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("THIDUA_VAR_DIR", BASE_DIR / "var"))
# Fonts derived from static/fonts (the signing fields' 1000-units-per-em copies), made once.
DERIVED_FONT_DIR = VAR_DIR / "fonts"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

_DEVELOPMENT_SECRET = "django-insecure-development-only-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEVELOPMENT_SECRET

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "axes",
    "emulation",
    "campaigns",
    "awards",
    # Last: the demo data uses every app above.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "emulation.middleware.InputTextMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Turns django-ratelimit's refusal into a 429 page (RATELIMIT_VIEW).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # In development runserver serves static files; in production WhiteNoise does.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "emulation.urls"
WSGI_APPLICATION = "emulation.wsgi.application"

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
                "django.template.context_processors.csp",
                "emulation.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Web, worker and beat share the file: take the write lock when a transaction
    # starts (no upgrade deadlocks), let readers work beside a writer, wait for locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20, "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "emulation.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock an account for a while after repeated failures, from whichever
# addresses they came (counted per username + address, guessing from many
# addresses never locked). Not per address as well, which axes' W006 asks
# for: that would lock everyone behind one office NAT or proxy.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# The client's address (failure log, rate limits): REMOTE_ADDR, unless the app
# runs behind TRUSTED_PROXY_COUNT reverse proxies that each append to
# X-Forwarded-For; the header is the client's to write otherwise. ipware counts
# the proxies listed after the client, and the outermost proxy lists the client.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT > 0:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_PROXY_COUNT = None
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
# Count from the right: entries a client prepended must not void the proxies' entry.
IPWARE_STRICT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["emulation.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
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

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("SECURE_PROXY_SSL", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Email: SMTP in production (EMAIL_HOST, default localhost); the console in
# development unless EMAIL_HOST is set.
if os.environ.get("EMAIL_HOST") or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Thi đua <no-reply@thidua.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Printed for good under the QR code of every signed PDF: in production it is
# never guessed (a default would freeze 127.0.0.1 into issued documents).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SITE_URL phải được đặt khi DEBUG tắt: địa chỉ này được in vĩnh viễn vào mọi văn bản PDF đã ký. / "
            "SITE_URL must be set when DEBUG is off: it is printed for good into every signed PDF "
            "(e.g. SITE_URL=https://thidua.example.gov.vn).")
    SITE_URL = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "SITE_URL phải là địa chỉ đầy đủ, bắt đầu bằng https:// hoặc http://. / "
        f"SITE_URL must be an absolute http(s) address, got {SITE_URL!r}.")
# Seals the stored PKCS#12 files and passwords. A secret of its own, so that
# rotating SECRET_KEY leaves certificates readable; rotate it with
# `manage.py rotate_signing_secret`. Development falls back to SECRET_KEY (the
# development one unless set), which is what sealed development data before this setting existed.
SIGNING_SECRET = os.environ.get("SIGNING_SECRET", "")
if not SIGNING_SECRET:
    if not DEBUG:
        raise ImproperlyConfigured("SIGNING_SECRET must be set when DEBUG is off.")
    SIGNING_SECRET = SECRET_KEY
SIGNATURE_TRUST_ROOTS = [path for path in os.environ.get("SIGNATURE_TRUST_ROOTS", "").split(":") if path]
# RFC 3161 timestamps on every signature of the chain (Ban Cơ yếu's server in production).
SIGNING_TIMESTAMP_URL = os.environ.get("SIGNING_TIMESTAMP_URL", "")
# The remote signing provider (phone); its client secret stays on the server.
REMOTE_SIGNING = {
    "ADAPTER": os.environ.get("REMOTE_SIGNING_ADAPTER", "csc"),
    "URL": os.environ.get("REMOTE_SIGNING_URL", ""),
    "CLIENT_ID": os.environ.get("REMOTE_SIGNING_CLIENT_ID", ""),
    "CLIENT_SECRET": os.environ.get("REMOTE_SIGNING_CLIENT_SECRET", ""),
    "TIMEOUT": float(os.environ.get("REMOTE_SIGNING_TIMEOUT", "10")),
}
# How long a person has to approve on the phone (the provider may say less).
REMOTE_SIGNING_EXPIRY_SECONDS = int(os.environ.get("REMOTE_SIGNING_EXPIRY_SECONDS", "300"))
# How long the addresses given to a signing tool (VGCA Sign Service) to fetch and upload the file serve.
SIGNING_TOOL_ADDRESS_SECONDS = int(os.environ.get("SIGNING_TOOL_ADDRESS_SECONDS", "900"))
# PAdES B-LTA: a document timestamp over the issued file, after its validation information.
SIGNING_ARCHIVAL_TIMESTAMP = os.environ.get("SIGNING_ARCHIVAL_TIMESTAMP", "").lower() in ("1", "true", "yes")
# The agencies' keys on a PKCS#11 token (an HSM; SoftHSM2 in development):
# SIGNING_TOKEN_KEYS="an-giang=khoa-an-giang,ba-to=khoa-ba-to" maps unit codes to key labels.
SIGNING_TOKEN = {
    "MODULE": os.environ.get("SIGNING_TOKEN_MODULE", ""),
    "TOKEN_LABEL": os.environ.get("SIGNING_TOKEN_LABEL", ""),
    "PIN": os.environ.get("SIGNING_TOKEN_PIN", ""),
    "KEYS": dict(pair.split("=", 1) for pair in os.environ.get("SIGNING_TOKEN_KEYS", "").split(",") if "=" in pair),
} if os.environ.get("SIGNING_TOKEN_MODULE") else None
# The DEMO PKI that `manage.py demo_pki` serves for `make run` (demo data only): where its keys
# live and the address it answers on, which its certificates name for OCSP and CRLs.
DEMO_PKI_DIRECTORY = os.environ.get("DEMO_PKI_DIRECTORY", "")
DEMO_PKI_URL = os.environ.get("DEMO_PKI_URL", "")

# Celery: Redis when REDIS_URL is set; otherwise a broker on the local disk that
# the web process, the worker and beat of one machine all share.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Every task is acknowledged once done: a pool child that dies hands its task back
# at once (reject on worker lost); a whole worker that dies leaves it unacknowledged,
# and Redis gives it to another worker after the visibility timeout. That timeout
# must outlast the longest wait of a retry (retry_backoff_max, 10 min) plus the
# longest run (CELERY_TASK_TIME_LIMIT), or a task would run twice meanwhile.
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 30 * 60, "socket_connect_timeout": 5}
else:
    _broker_dir = VAR_DIR / "broker"
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    # kombu's filesystem transport, polled from the worker's event loop (see emulation/broker.py).
    # It keeps a delivered message in the worker's memory only: a worker killed as a whole
    # loses what it held (at most one task per pool child); Redis does not.
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT = "emulation.broker:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
        "polling_interval": 0.2,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# On losing the broker, stop what runs: the broker hands those tasks out again anyway.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    # Due dates are whole days in Asia/Ho_Chi_Minh; sweeping hourly catches up quickly after an outage.
    "reminders-sweep": {"task": "campaigns.tasks.reminders_sweep", "schedule": 60 * 60},
    "submission-tokens-purge": {"task": "emulation.tasks.submission_tokens_purge", "schedule": 6 * 60 * 60},
    "official-documents-resume": {"task": "emulation.tasks.official_documents_resume", "schedule": 5 * 60},
}

# A cache that all processes share: rate-limit counters must add up across
# gunicorn workers, and a signature check done by one serves the others.
# Redis when REDIS_URL is set (its own key prefix beside the broker's keys),
# otherwise files under var/ on the one machine.
if REDIS_URL:
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("CACHE_REDIS_URL", REDIS_URL),
        "KEY_PREFIX": "thidua-cache",
    }}
else:
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }}

# Public verification pages: per client address (see TRUSTED_PROXY_COUNT).
# django_ratelimit stays out of INSTALLED_APPS: its app adds only a system
# check, which knows django-redis by name but not Django's own RedisCache
# (whose INCR is atomic), and refuses the file cache, where two concurrent
# requests may count as one; a limit that is off by a request or two is fine.
VERIFY_LOOKUP_RATE = os.environ.get("VERIFY_LOOKUP_RATE", "30/m")
VERIFY_UPLOAD_RATE = os.environ.get("VERIFY_UPLOAD_RATE", "10/m")
# Failed logins per client address (emulation.login_limits); successful ones never count.
LOGIN_RATE = os.environ.get("LOGIN_RATE", "30/15m")
RATELIMIT_IP_META_KEY = "emulation.views.client_ip"
RATELIMIT_VIEW = "emulation.errors.too_many_requests"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # TeX Gyre's CFF tables carry no ROS entry; pyHanko says so on every stamp.
        "pyhanko.pdf_utils.font.opentype": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
