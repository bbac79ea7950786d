"""API tokens: creation, lookup and revocation. Only a token's SHA-256 is ever stored."""

import functools
import hashlib
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, transaction
from django.db.models import OuterRef
from django.utils import timezone

from .auth import permission_codes, remember_permissions
from .compiled import CompiledQuery
from .models import ApiToken
from .validators import validate_storable_text

TOKEN_PREFIX = "ct_"  # noqa: S105 (a public marker, not a secret)
# Ten years: enough for any integration, and far from the limits of date arithmetic.
MAX_EXPIRES_DAYS = 3650


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(
    *, user, name: str, expires_in: timedelta | None = None
) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns it with the secret, which is shown only now."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=_digest(raw),
        expires_at=timezone.now() + expires_in if expires_in else None,
    )
    try:
        validate_storable_text(token.name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from None
    try:
        token.full_clean()
    except ValidationError as error:
        # The one constraint over several fields is the unique active name per user.
        errors = error.message_dict
        if "__all__" in errors:
            errors["name"] = errors.get("name", []) + errors.pop("__all__")
        raise ValidationError(errors) from None
    try:
        with transaction.atomic():
            token.save()
    except IntegrityError:
        # Another request created an active token of the same name since full_clean().
        raise ValidationError(
            {"name": "You already have an active token with this name."}
        ) from None
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke ``token`` for good (revoking it again changes nothing); its row is kept."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


@functools.cache
def _token_fields() -> tuple[str, ...]:
    return tuple(field.attname for field in ApiToken._meta.concrete_fields)


@functools.cache
def _user_fields() -> tuple[str, ...]:
    # Not the password hash: a request authenticated by a token never needs it.
    return tuple(
        field.attname
        for field in get_user_model()._meta.concrete_fields
        if field.attname != "password"
    )


# Every API request looks its token up: the query is compiled once, not built per request.
_ACTIVE_TOKEN = CompiledQuery(
    lambda key_hash: (
        ApiToken.objects.active()
        .filter(key_hash=key_hash)
        .annotate(permission_codes=permission_codes(OuterRef("user_id")))
        .values_list(
            *_token_fields(),
            *(f"user__{name}" for name in _user_fields()),
            "permission_codes",
        )
    ),
    key_hash="(the token's digest)",
)

# The identities of recently used tokens are cached (see token_lookup); any change to
# tokens, users, groups or permissions starts a new generation, which no entry matches.
_GENERATION_KEY = "api-identity:generation"
_IDENTITY_KEY = "api-identity:{}"


def forget_identities(**_signal_arguments) -> None:
    """Make every cached token identity stale: a token, user, group or permission changed.

    Connected to those models' signals (core.apps). With a shared cache (``CACHE_URL``) it
    reaches every process at once; with the per-process default, other processes keep
    theirs until they expire (``API_IDENTITY_CACHE_SECONDS``).
    """
    _new_generation()
    # Again once committed: a request between now and the commit still read the old rows.
    transaction.on_commit(_new_generation)


def _new_generation() -> None:
    cache.set(_GENERATION_KEY, uuid.uuid4().hex, None)


def token_lookup(raw: str) -> ApiToken | None:
    """The active token whose secret is ``raw``, with its user and the user's permissions.

    One query, or none when the cache holds the identity from an earlier request of this
    generation (for ``API_IDENTITY_CACHE_SECONDS``). The cache keeps no secret: it is keyed
    by the token's digest and holds neither the token nor the user's password hash.
    """
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    digest = _digest(raw)
    seconds = settings.API_IDENTITY_CACHE_SECONDS
    generation = None
    if seconds:
        key = _IDENTITY_KEY.format(digest)
        cached = cache.get_many([_GENERATION_KEY, key])
        generation = cached.get(_GENERATION_KEY)
        entry = cached.get(key)
        if generation is not None and entry is not None and entry[0] == generation:
            token = _identity(entry[1])
            return token if token.is_active else None
    rows = _ACTIVE_TOKEN.rows(key_hash=digest)
    if not rows:
        return None
    if seconds:
        if generation is None:
            # Read before the query: a change made meanwhile makes this entry stale at once.
            generation = uuid.uuid4().hex
            if not cache.add(_GENERATION_KEY, generation, None):
                generation = None
        if generation is not None:
            cache.set(key, (generation, rows[0]), seconds)
    return _identity(rows[0])


def _identity(row) -> ApiToken:
    *values, codes = row
    token_fields = _token_fields()
    token = ApiToken.from_db(DEFAULT_DB_ALIAS, token_fields, values[: len(token_fields)])
    token.user = get_user_model().from_db(
        DEFAULT_DB_ALIAS, _user_fields(), values[len(token_fields) :]
    )
    remember_permissions(token.user, codes)
    return token


def token_used(token: ApiToken, *, at) -> None:
    """Record that ``token`` authenticated a request ``at`` that moment."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
    token.last_used_at = at
    if settings.API_IDENTITY_CACHE_SECONDS:
        # The cached identity must say so too, or every request would write it again.
        key = _IDENTITY_KEY.format(token.key_hash)
        cached = cache.get_many([_GENERATION_KEY, key])
        entry = cached.get(key)
        if entry is not None and entry[0] == cached.get(_GENERATION_KEY):
            row = list(entry[1])
            row[_token_fields().index("last_used_at")] = at
            cache.set(key, (entry[0], row), settings.API_IDENTITY_CACHE_SECONDS)
