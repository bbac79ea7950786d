"""``Authorization: Bearer <token>`` authentication against hashed, named API tokens."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from rest_framework import authentication, exceptions

from core.tokens import identity_keys, known_token, token_digest, token_lookup, token_used

from .throttling import FailedAuthThrottle, UserThrottle

# The answer to a request that is not authenticated and sent credentials in another scheme
# (Basic, Token…): it did mean to authenticate, and should be told how.
OTHER_SCHEME_DETAIL = (
    "The Authorization header uses a scheme this API does not take: send an API token as "
    "“Authorization: Bearer <token>”."
)

# last_used_at is a hint for people reviewing their tokens; writing it on every request
# would add a write to every read.
LAST_USED_RESOLUTION = timedelta(minutes=5)

# Whose each token seen by this process is, by the token's digest: a token never changes
# hands, so its next request can be counted against its user's rate while the cache is read
# for its identity (``UserThrottle.count_ahead``). Forgotten wholesale when it grows past
# ``KNOWN_TOKENS``; a token met again is learnt again.
_token_users: dict[str, int] = {}
KNOWN_TOKENS = 10_000


def uses_other_scheme(request) -> bool:
    """Whether the request's Authorization header names a scheme other than Bearer.

    Such a header is not refused by itself: a browser behind a proxy that asks for Basic
    credentials sends them with every request, and its session still authenticates it.
    """
    header = authentication.get_authorization_header(request).split()
    return bool(header) and header[0].lower() != BearerTokenAuthentication.keyword.lower().encode()


def _raw_token(header: list[bytes]) -> str | None:
    """The token of a ``Bearer <token>`` header, or None if it has no ASCII token."""
    if len(header) != 2:
        return None
    try:
        return header[1].decode("ascii")
    except UnicodeDecodeError:
        return None


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """A bearer token, or 401; 429 for a client with too many failed authentications.

    Each failure (a malformed header, an unknown, expired or revoked token, a token of an
    inactive user) counts against the client's address (``API_THROTTLE_FAILED_AUTH``). Past
    the rate, every bearer request from that address gets 429 with ``Retry-After``, before
    its token is looked up, until the window passes; a success counts nothing. A token this
    process knows to be valid (``core.tokens.known_token``: on Redis, read in the current
    generation of identities) is no guess, and is taken without reading the cache at all.
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        raw = _raw_token(header)
        if raw is not None and len(header) == 2:
            token = known_token(raw)
            if token is not None and token.user.is_active:
                return self.accepted(token)
        throttle = FailedAuthThrottle()
        ident = throttle.get_ident(request)
        # The address's failures and the token's cached identity, in one read of the cache,
        # which also counts the request against its user's rate when the token was seen.
        digest = token_digest(raw) if raw else None
        keys = throttle.count_keys(ident) + (identity_keys(raw) if raw else [])
        cached = self.read_counting_ahead(request, _token_users.get(digest), keys)
        if throttle.refuses(ident, counts=cached):
            raise exceptions.Throttled(
                throttle.wait(), detail="Too many failed authentications from your address."
            )
        try:
            user, token = self.authenticate_token(header, cached=cached)
        except exceptions.AuthenticationFailed:
            throttle.failed()
            raise
        if digest not in _token_users:
            if len(_token_users) >= KNOWN_TOKENS:
                _token_users.clear()
            _token_users[digest] = user.pk
        return user, token

    @staticmethod
    def read_counting_ahead(request, user_id: int | None, keys: list[str]) -> dict:
        """What the cache holds under ``keys``; read while counting the request against
        ``user_id``'s rate when that user is known and the view throttles per user."""
        if user_id is not None:
            view = (getattr(request, "parser_context", None) or {}).get("view")
            throttles = getattr(view, "throttle_classes", ())
            if any(issubclass(throttle, UserThrottle) for throttle in throttles):
                found = UserThrottle().count_ahead(request, user_id, keys)
                if found is not None:
                    return found
        return cache.get_many(keys) if keys else {}

    def authenticate_token(self, header: list[bytes], *, cached: dict | None = None):
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Invalid Authorization header: expected “Bearer <token>”."
            )
        raw = _raw_token(header)
        if raw is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        token = token_lookup(raw, cached=cached)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid, expired or revoked token.")
        return self.accepted(token)

    @staticmethod
    def accepted(token):
        """The (user, token) of a request ``token`` authenticated, its use recorded."""
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            token_used(token, at=now)
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
