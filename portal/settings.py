"""Settings of the portal. Everything that differs between machines comes from the
environment; `.env.example` documents every variable."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import cache_config, env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Core -------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The portal's own apps, in dependency order: portal is the shared kernel, cities is used by
# the three others. portal.registry discovers the domain apps' optional modules (admin, API
# routes, search, sitemaps, demo content).
DOMAIN_APPS = [
    "cities",
    "members",
    "bestpractices",
    "events",
    "funding",
    "digitalcheck",
    "notifications",
]
PROJECT_APPS = ["portal", *DOMAIN_APPS]

INSTALLED_APPS = [
    # SimpleAdminConfig: no autodiscovery, because django-leaflet's admin module needs GDAL.
    # portal.apps imports the project's admin modules explicitly. Its admin site asks staff
    # for a second factor (portal.admin_site).
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Full-text search and trigram lookups on PostgreSQL; inert on SQLite.
    "django.contrib.postgres",
    "rest_framework",
    "corsheaders",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "leaflet",
    "import_export",
    "axes",
    # Member accounts: sign-up, e-mail verification, password reset, rate limits.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Editorial history: who changed what and when, viewable and revertible in the admin.
    "simple_history",
    *PROJECT_APPS,
    # Operational tools (scale data, query counts of the benchmark, backups): commands only.
    "tools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ExplicitLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag on every response and 304 to a matching If-None-Match (pages and API alike).
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous pages from the cache until the next publication (CACHE_PAGE_SECONDS), then
    # gzip for answers without secrets; both before anything that looks at the user.
    "portal.page_cache.PageCacheMiddleware",
    "portal.middleware.BreachSafeGZipMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.SessionIdleTimeoutMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records the logged-in editor as the author of every history entry of the request.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: answers locked-out login attempts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

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
                "portal.context_processors.portal",
            ],
        },
    },
]
# Form fields rendered with the portal's field template (portal.forms).
FORM_RENDERER = "portal.forms.PortalFormRenderer"

# --- Database ---------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------

CACHES = {"default": cache_config(env_str("CACHE_URL", "locmem://portal"))}
# Seconds an anonymous visitor's page is served from the cache (portal.page_cache); every
# save of content empties it at once. 0 switches the page cache off.
CACHE_PAGE_SECONDS = env_int("CACHE_PAGE_SECONDS", 300, minimum=0)

# --- Authentication ---------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Everyone signs in on the portal (django-allauth), editors too: the admin's login sends there.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:account"

# Failed logins are throttled per account and per client address (django-axes): after
# LOGIN_FAILURE_LIMIT failures either is refused for LOGIN_COOLOFF_MINUTES, never for good.
# A successful login clears the account's failures. Wrong two-factor codes count as well.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Members sign in with their e-mail address.
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The admin signs in by user name, members by e-mail address: both count for the account.
AXES_USERNAME_CALLABLE = "portal.login_throttle.client_username"
AXES_RESET_ON_SUCCESS = True
# The client address by the same rule as the API's rate limits (API_TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "portal.clients.client_address"
AXES_LOCKOUT_CALLABLE = "portal.login_throttle.locked_out_response"
# Keep only the failed attempts (deleted after the cool-off), no log of successful logins.
AXES_DISABLE_ACCESS_LOG = True

# The one second factor for every account (allauth.mfa): an authenticator app (TOTP) with
# recovery codes. Members may switch it on; staff must have it in production (optional with
# DEBUG), and without it a staff session counts as anonymous outside the admin.
EDITOR_2FA_REQUIRED = env_bool("EDITOR_2FA_REQUIRED", default=not DEBUG)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# django-axes is the login throttle (its 429 page, per account and address, wrong codes
# included). allauth's own limit on failed logins stays as the backstop for wrong codes
# within one pending sign-in (which axes does not see again); looser than axes, so that a
# wrong password always meets axes first.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,10/5m/key"}
MFA_TOTP_ISSUER = "Digitale Städte und Regionen"

# Member accounts (django-allauth). Sign-in by e-mail address, which must be verified
# first; sign-up and password reset answer alike whether an address is known or not.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Digitale Städte und Regionen] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_USER_DISPLAY = "members.selectors.display_name"
# Sessions end after SESSION_HOURS (re-authentication at least every 12 hours, OWASP ASVS
# 3.3.2) or after SESSION_IDLE_MINUTES without a request (portal.middleware).
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 12, minimum=1) * 3600
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
# "Kontakt aufnehmen": messages a member may send through the portal per hour and per day,
# counted in the shared cache (CACHE_URL), so all server processes count together.
CONTACT_MESSAGES_PER_HOUR = env_int("CONTACT_MESSAGES_PER_HOUR", 5, minimum=1)
CONTACT_MESSAGES_PER_DAY = env_int("CONTACT_MESSAGES_PER_DAY", 20, minimum=1)

# --- Language and time ------------------------------------------------------------------

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
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
# The maps' outlines (static/portal/geo/): WhiteNoise knows no type for .geojson.
WHITENOISE_MIMETYPES = {".geojson": "application/geo+json"}
# Where `manage.py backup` (`make backup`) writes database backups.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# --- E-mail -----------------------------------------------------------------------------

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on.")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Betrieb", address) for address in env_list("ADMINS")]

# --- Background work (Celery) ------------------------------------------------------------

# Redis as the broker, e.g. redis://cache:6379/1. Unset: tasks run in-process at the call
# (``make run``, unit tests), so the portal needs no extra service in development.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = env_bool("CELERY_TASK_EAGER_PROPAGATES", default=False)
# Results are not needed: tasks record what they did in the database.
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only when it has finished, and given back to the queue when its
# worker dies: a lost worker's task runs again (the tasks are idempotent).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers an unacknowledged task after this many seconds: longer than any task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# When beat starts the periodic work (Europe/Berlin). Each task is safe to run twice.
CELERY_BEAT_SCHEDULE = {
    "daily-digests": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0),
        "kwargs": {"frequency": "daily"},
    },
    "weekly-digests": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "kwargs": {"frequency": "weekly"},
    },
    "deadline-reminders": {
        "task": "notifications.tasks.send_deadline_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "registration-reminders": {
        "task": "events.tasks.send_registration_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    "circle-invitations": {
        "task": "events.tasks.send_circle_invitations",
        "schedule": crontab(minute="*/30"),
    },
    "purge-attendee-data": {
        "task": "events.tasks.purge_attendee_data",
        "schedule": crontab(hour=3, minute=15),
    },
}

# --- Security ---------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: the admin and the API console put the token into the
# page.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Health checks of load balancers and containers ask over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging ----------------------------------------------------------------------------

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
    },
}

# --- REST API ---------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api.authentication.APITokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "portal.api.permissions.ModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "portal.api.filters.PortalFilterBackend",
        "portal.api.sync.ModifiedSinceFilter",
    ],
    # Writes are JSON: form encodings would read "" as null and a repeated key as a list.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "portal.api.exceptions.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.PortalPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "portal.api.throttling.TokenRateThrottle",
        "portal.api.throttling.SessionUserRateThrottle",
        "portal.api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": env_str("API_RATE_TOKEN", "1200/minute"),
        "user": env_str("API_RATE_USER", "600/minute"),
        "anon": env_str("API_RATE_ANONYMOUS", "120/minute"),
    },
    # Client addresses for the anonymous limit: REMOTE_ADDR unless the operator names the
    # number of trusted reverse proxies (then the matching X-Forwarded-For entry).
    "NUM_PROXIES": env_int("API_TRUSTED_PROXIES", 0),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        # A browser gets the JSON inside a page of the portal (accessible, strict CSP).
        "portal.api.renderers.APIPageRenderer",
    ],
    "DATETIME_FORMAT": "iso-8601",
}

# Read-only CORS for the public API, for the origins the operator lists.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

SPECTACULAR_SETTINGS = {
    "TITLE": "Digitale Städte und Regionen – API",
    "DESCRIPTION": (
        "The content of the portal of the competence centre “Digitale Städte und Regionen”: "
        "themes, federal states, municipalities, best practices, events and funding "
        "programmes.\n\n"
        "**Authentication.** Without credentials the API serves published content at a "
        "lower rate limit. Partners receive a token from the centre's editors and send it as "
        "`Authorization: Bearer dsr_…`; its scopes may add reading drafts and writing single "
        "resources. Refused tokens get 401, missing scopes 403, objects the caller may not "
        "see 404.\n\n"
        "**Errors.** Every error is JSON: `detail`, or each refused field or parameter with "
        "its messages. 400: the request breaks this schema (writes are JSON and may send only "
        "the fields of their request schema). 409: it matches the schema but the data refuses "
        "it — a key already taken, an unknown referenced object, a rule across fields, a "
        "delete of an object others refer to. 404 also for a page past the last and for a "
        "filter naming an unknown object.\n\n"
        "**Limits.** Too many requests get 429 with `Retry-After`. Lists are paginated "
        "(`page`, `page_size` up to 100).\n\n"
        "**Incremental sync.** `modified_since` (ISO 8601) on each resource lists what "
        "changed, oldest first; `/api/v1/tombstones/` lists what was deleted or unpublished. "
        "Every response has an `ETag`; send `If-None-Match` to get 304 when nothing changed."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name per choice set: several resources have a "status" or a "kind".
    "ENUM_NAME_OVERRIDES": {
        "PublicationStatusEnum": "portal.choices.PublicationStatus",
        "MunicipalityKindEnum": "cities.choices.MunicipalityKind",
        "DistrictKindEnum": "cities.choices.DistrictKind",
        "AssociationKindEnum": "cities.choices.AssociationKind",
        "StrategyStatusEnum": "cities.choices.StrategyStatus",
        "EventKindEnum": "events.choices.EventKind",
        "FundingKindEnum": "funding.choices.FundingKind",
        "CallStatusEnum": "funding.choices.CallStatus",
        "ProgrammeStatusEnum": "funding.choices.ProgrammeStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api.schema.add_error_responses",
        "portal.api.schema.allow_anonymous_reading",
        "portal.api.schema.close_request_bodies",
        "portal.api.schema.answers_give_null_not_blank",
        "portal.api.schema.state_text_rules",
        "portal.api.schema.describe_parameters",
    ],
}

# --- Maps -------------------------------------------------------------------------------

# Tiles load only after the visitor opts in; without them the map shows markers on the
# portal's own outlines of the states and districts. The URL must be a tile server the
# operator may use.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap-Mitwirkende (ODbL)")
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (51.16, 10.45),
    "DEFAULT_ZOOM": 6,
    "MIN_ZOOM": 5,
    "MAX_ZOOM": 18,
    "TILES": [],
    "RESET_VIEW": False,
}

# --- Content-Security-Policy and Permissions-Policy -------------------------------------

# Sent on every response by portal.middleware.SecurityHeadersMiddleware, which adds the
# origin of MAP_TILE_URL to img-src. No inline scripts or styles anywhere: JavaScript and CSS
# come from the portal's own static files (Leaflet and the admin set element styles through
# the DOM, which the policy allows).
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
# Browser features the portal never uses, switched off for every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Portal -----------------------------------------------------------------------------

PORTAL_NAME = "Digitale Städte und Regionen"
# The portal's public address, for links in e-mails sent by background tasks (no request).
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL", "kontakt@digitale-staedte.example")
# How long the names, addresses and needs of an event's attendees are kept after its end;
# the privacy page states the number, events.tasks.purge_attendee_data deletes them.
EVENT_ATTENDEE_RETENTION_DAYS = env_int("EVENT_ATTENDEE_RETENTION_DAYS", 90, minimum=1)
# Registrations for events from visitors who are not signed in, per client address (the
# rule of portal.clients) per hour and per day: each one sends an e-mail to an address
# nobody has confirmed yet. Counted in the shared cache (CACHE_URL).
EVENT_REGISTRATIONS_PER_HOUR = env_int("EVENT_REGISTRATIONS_PER_HOUR", 5, minimum=1)
EVENT_REGISTRATIONS_PER_DAY = env_int("EVENT_REGISTRATIONS_PER_DAY", 20, minimum=1)
