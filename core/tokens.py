"""API tokens: creation, lookup and revocation. Only a token's SHA-256 is ever stored."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
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


def _token_fields() -> list[str]:
    return [field.attname for field in ApiToken._meta.concrete_fields]


def _user_fields() -> list[str]:
    return [field.attname for field in get_user_model()._meta.concrete_fields]


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


def token_lookup(raw: str) -> ApiToken | None:
    """The active token whose secret is ``raw``, with its user and the user's permissions,
    in one query."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    rows = _ACTIVE_TOKEN.rows(key_hash=_digest(raw))
    if not rows:
        return None
    *values, codes = rows[0]
    token_fields, user_fields = _token_fields(), _user_fields()
    token = ApiToken.from_db(DEFAULT_DB_ALIAS, token_fields, values[: len(token_fields)])
    token.user = get_user_model().from_db(
        DEFAULT_DB_ALIAS, user_fields, values[len(token_fields) :]
    )
    remember_permissions(token.user, codes)
    return token
