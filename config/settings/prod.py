"""Production: secrets and hosts are required from the environment; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import EMBEDDED_DATABASE, env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if EMBEDDED_DATABASE:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set: production runs on PostgreSQL, for example "
        "DATABASE_URL=postgres://claimtrack@127.0.0.1:5432/claimtrack."
    )
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Reusing a token's identity across requests is safe only where every worker sees the others'
# invalidations, through a shared cache. Without one, the identity is read on every request.
API_IDENTITY_CACHE_SECONDS = env.int(
    "API_IDENTITY_CACHE_SECONDS", default=60 if env.str("CACHE_URL", default="") else 0
)
