"""API tokens: creation, lookup and revocation. Only a token's SHA-256 is ever stored."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ApiToken

TOKEN_PREFIX = "ct_"  # noqa: S105 (a public marker, not a secret)


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
    token.full_clean()
    token.save()
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_lookup(raw: str) -> ApiToken | None:
    """The active token whose secret is ``raw``, with its user, in one query."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    return ApiToken.objects.active().select_related("user").filter(key_hash=_digest(raw)).first()
