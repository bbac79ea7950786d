"""API tokens: creation, lookup and revocation. Only a token's SHA-256 is ever stored."""

import functools
import hashlib
import secrets
import time
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
from .generations import Generation
from .models import ApiToken
from .validators import validate_storable_text

TOKEN_PREFIX = "ct_"  # noqa: S105 (a public marker, not a secret)
# Ten years: enough for any integration, and far from the limits of date arithmetic.
MAX_EXPIRES_DAYS = 3650


def token_digest(raw: str) -> str:
    """What identifies a token without its secret: the digest it is stored by."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(
    *, user, name: str, expires_in: timedelta | None = None, parent: ApiToken | None = None
) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns it with the secret, which is shown only now.

    ``parent`` is the token whose request asks for this one (None for the admin, the command
    and sessions). The new token never outlives it: a later or absent expiry is capped to
    the parent's, and revoking the parent revokes it (``api_token_revoke``).
    """
    expires_at = timezone.now() + expires_in if expires_in else None
    if parent is not None:
        parent = _locked_parent(parent, user=user)
        if parent.expires_at is not None and (expires_at is None or expires_at > parent.expires_at):
            expires_at = parent.expires_at
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=token_digest(raw),
        expires_at=expires_at,
        parent=parent,
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


def _locked_parent(parent: ApiToken, *, user) -> ApiToken:
    """``parent`` as the database has it now, locked until the new token is committed.

    A revocation locks the rows it revokes before it looks for their children, so either it
    sees the new token or the new token sees the parent revoked: none escapes it.
    """
    if parent.user_id != user.pk:
        raise ValueError("A token only creates tokens of its own user.")
    parent = ApiToken.objects.select_for_update().get(pk=parent.pk)
    if not parent.is_active:
        raise ValidationError(
            "The token of this request was revoked or expired meanwhile; nothing was created."
        )
    return parent


@transaction.atomic
def api_tokens_revoke(*, tokens) -> int:
    """Revoke ``tokens`` and every token made from them, at once; returns how many tokens
    were revoked now (those revoked already keep their time)."""
    at = timezone.now()
    revoked = 0
    seen: set[int] = set()
    level = {token.pk for token in tokens}
    while level:
        seen |= level
        # Updating locks the rows first, so no new child of them can commit unseen.
        revoked += ApiToken.objects.filter(pk__in=level, revoked_at__isnull=True).update(
            revoked_at=at
        )
        level = set(ApiToken.objects.filter(parent__in=level).values_list("pk", flat=True))
        level -= seen
    if revoked:
        # A queryset update sends no signal: every cached identity goes stale here.
        forget_identities()
    return revoked


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke ``token`` for good, with the tokens made from it, its children's children and
    so on, in one transaction (revoking it again changes nothing); the rows are kept."""
    api_tokens_revoke(tokens=[token])
    token.refresh_from_db(fields=["revoked_at"])
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
_GENERATION = Generation("api-identity:generation")
_GENERATION_KEY = _GENERATION.key
_IDENTITY_KEY = "api-identity:{}"

# On Redis, the identities this process read, by the token's digest: (their generation, until
# when (monotonic), the row). Used while this process's mirror of the generation has the same
# one (``known_token``). Forgotten wholesale past ``KNOWN_IDENTITIES``.
_known: dict[str, tuple[str, float, tuple]] = {}
KNOWN_IDENTITIES = 10_000


def forget_identities(**_signal_arguments) -> None:
    """Make every cached token identity stale: a token, user, group or permission changed.

    Connected to those models' signals (core.apps). With a shared cache (``CACHE_URL``) it
    reaches every process at once (each keeps the identities it uses until its mirror of the
    generation is told: Redis's delivery of one message, and the mirror's thread's turn);
    with the per-process default, other processes keep theirs until they expire
    (``API_IDENTITY_CACHE_SECONDS``).
    """
    _new_generation()
    # Again once committed: a request between now and the commit still read the old rows.
    transaction.on_commit(_new_generation)


def _new_generation() -> None:
    _known.clear()  # in this process at once; other processes when their mirror is told
    _GENERATION.start_new()


def known_token(raw: str) -> ApiToken | None:
    """The active token whose secret is ``raw``, from this process's memory with no round
    trip: when this process read its identity (``token_lookup``) in the generation its mirror
    has now, within ``API_IDENTITY_CACHE_SECONDS``. None when it does not know it so."""
    if not settings.API_IDENTITY_CACHE_SECONDS or not _well_formed(raw):
        return None
    entry = _known.get(token_digest(raw))
    if entry is None:
        return None
    generation, until, row = entry
    if time.monotonic() > until or generation != _GENERATION.mirrored():
        return None
    token = _identity(row)
    return token if token.is_active else None


def _remember(digest: str, generation: str, row) -> None:
    """Keep an identity read in ``generation`` for ``known_token``, on Redis only."""
    if not Generation.mirrored_here():
        return
    if len(_known) >= KNOWN_IDENTITIES:
        _known.clear()
    _known[digest] = (generation, time.monotonic() + settings.API_IDENTITY_CACHE_SECONDS, row)


def _well_formed(raw: str) -> bool:
    return raw.startswith(TOKEN_PREFIX) and len(raw) <= 200


def identity_keys(raw: str) -> list[str]:
    """The cache keys ``token_lookup(raw)`` reads: a caller reading other keys of the cache
    too reads them all at once, and hands them over (``cached``)."""
    if not settings.API_IDENTITY_CACHE_SECONDS or not _well_formed(raw):
        return []
    return [_GENERATION_KEY, _IDENTITY_KEY.format(token_digest(raw))]


def token_lookup(raw: str, *, cached: dict | None = None) -> ApiToken | None:
    """The active token whose secret is ``raw``, with its user and the user's permissions.

    One query, or none when the cache holds the identity from an earlier request of this
    generation (for ``API_IDENTITY_CACHE_SECONDS``). The cache keeps no secret: it is keyed
    by the token's digest and holds neither the token nor the user's password hash.
    ``cached``: what the cache held under ``identity_keys(raw)``, read by the caller.
    """
    if not _well_formed(raw):
        return None
    digest = token_digest(raw)
    seconds = settings.API_IDENTITY_CACHE_SECONDS
    generation = None
    if seconds:
        key = _IDENTITY_KEY.format(digest)
        if cached is None:
            cached = cache.get_many([_GENERATION_KEY, key])
        generation = cached.get(_GENERATION_KEY)
        entry = cached.get(key)
        if generation is not None and entry is not None and entry[0] == generation:
            _remember(digest, generation, entry[1])
            token = _identity(entry[1])
            return token if token.is_active else None
    rows = _ACTIVE_TOKEN.rows(key_hash=digest)
    if not rows:
        return None
    if seconds:
        if generation is None:
            # Started before the query: a change made meanwhile makes this entry stale at once.
            generation = _GENERATION.start_first()
        if generation is not None:
            cache.set(key, (generation, rows[0]), seconds)
            _remember(digest, generation, rows[0])
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
        index = _token_fields().index("last_used_at")
        known = _known.get(token.key_hash)
        if known is not None:
            row = list(known[2])
            row[index] = at
            _known[token.key_hash] = (known[0], known[1], tuple(row))
        cached = cache.get_many([_GENERATION_KEY, key])
        entry = cached.get(key)
        if entry is not None and entry[0] == cached.get(_GENERATION_KEY):
            row = list(entry[1])
            row[index] = at
            cache.set(key, (entry[0], row), settings.API_IDENTITY_CACHE_SECONDS)
