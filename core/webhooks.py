"""Webhooks: subscriptions, signed deliveries of the change feed, retries and pausing.

When a transaction that wrote changes commits, each active subscription whose ``events``
match some of them gets one delivery: a POST of the matching feed items (``core.changes``),
sent by a background task (``deliver_webhook``). Every delivery is signed:

    Claimtrack-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>

A 2xx answer is a success. Anything else (another status, a timeout, a refused address) is
a failed attempt, retried after ``RETRY_DELAYS`` with the same body and delivery id; a 410
Gone pauses the subscription at once. After ``PAUSE_AFTER`` deliveries in a row fail every
attempt, the subscription is paused with the reason; resuming it starts counting again.
"""

import hashlib
import hmac
import ipaddress
import logging
import secrets
import socket
import time
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

import orjson
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .changes import event_item, object_path, resources
from .generations import Generation
from .models import (
    ChangeAction,
    ChangeEvent,
    DeliveryStatus,
    WebhookDelivery,
    WebhookSubscription,
)
from .services import instance_delete, instance_save
from .validators import validate_storable_text

logger = logging.getLogger(__name__)

SECRET_PREFIX = "whsec_"  # noqa: S105 (a public marker, not a secret)
SIGNATURE_HEADER = "Claimtrack-Signature"
EVENT_HEADER = "Claimtrack-Event"
DELIVERY_HEADER = "Claimtrack-Delivery"
# Seconds before each retry of a failed attempt: 1 min, 5 min, 30 min, 2 h, 12 h.
RETRY_DELAYS = (60, 300, 1800, 7200, 43200)
# Deliveries in a row that fail every attempt before the subscription is paused.
PAUSE_AFTER = 5
# Items per delivery: a transaction with more changes sends several deliveries.
EVENTS_PER_DELIVERY = 500
RESPONSE_EXCERPT_CHARS = 500
MAX_EVENT_FILTERS = 50


# Signatures


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The ``Claimtrack-Signature`` header of ``body`` sent at ``timestamp``."""
    digest = hmac.new(
        secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(
    secret: str, header: str, body: bytes, tolerance: int = 300, now: float | None = None
) -> bool:
    """Whether ``header`` (a ``Claimtrack-Signature``) signs ``body`` with ``secret``, sent
    at most ``tolerance`` seconds from ``now``: an old signature is a replay."""
    timestamp, candidates = None, []
    for part in (header or "").split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body).partition("v1=")[2]
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)


# Subscriptions


def _matches(filters: list[str], event: ChangeEvent) -> bool:
    if not filters:
        return True
    for entry in filters:
        resource, _, action = entry.partition(".")
        if resource in ("*", event.resource) and action in ("", event.action):
            return True
    return False


def validate_events(value) -> None:
    """``events``: a list of “<collection>”, “<collection>.<action>” or “*.<action>”."""
    if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
        raise ValidationError("Give a list of names such as “claims” or “claims.delete”.")
    if len(value) > MAX_EVENT_FILTERS:
        raise ValidationError(f"At most {MAX_EVENT_FILTERS} names.")
    known = resources()
    wrong = []
    for entry in value:
        resource, dot, action = entry.partition(".")
        known_resource = resource in known or (resource == "*" and dot)
        if not known_resource or (dot and action not in ChangeAction.values):
            wrong.append(entry)
    if wrong:
        names = ", ".join(sorted(known))
        raise ValidationError(
            f"Unknown: {', '.join(wrong)}. Name a collection ({names}), optionally followed by "
            "“.create”, “.update” or “.delete”, or “*.<action>”; an empty list sends everything."
        )


def refused_address(host: str) -> str:
    """Why deliveries may not go to ``host`` (an empty string: they may).

    Unless ``WEBHOOK_ALLOW_PRIVATE_HOSTS``, every address the name resolves to must be a
    public one: not loopback, private, link-local (cloud metadata), reserved or multicast.
    """
    if settings.WEBHOOK_ALLOW_PRIVATE_HOSTS:
        return ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return f"The host {host} does not resolve."
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            return f"The host {host} is on a non-public network ({address})."
    return ""


def validate_url(url: str) -> None:
    """An http or https address, public unless ``WEBHOOK_ALLOW_PRIVATE_HOSTS``."""
    validate_storable_text(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a port out of range raises)
    except ValueError:
        raise ValidationError("Give an http or https address.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("Give an http or https address.")
    if parts.username or parts.password:
        raise ValidationError("Leave credentials out of the address; deliveries are signed.")
    if settings.WEBHOOK_ALLOW_PRIVATE_HOSTS:
        return
    host = parts.hostname
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
            raise ValidationError("Deliveries only go to public addresses.") from None
        return  # a name: checked again at every delivery, as it may resolve elsewhere
    if not address.is_global or address.is_multicast:
        raise ValidationError("Deliveries only go to public addresses.")


def _validated(subscription: WebhookSubscription) -> None:
    errors = {}
    checks = (
        ("url", validate_url),
        ("events", validate_events),
        ("description", validate_storable_text),
    )
    for name, check in checks:
        try:
            check(getattr(subscription, name))
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def subscription_create(*, subscription: WebhookSubscription, user=None):
    """Save a new subscription with a new secret; returns it (the secret is ``.secret``)."""
    _validated(subscription)
    subscription.secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    if getattr(user, "is_authenticated", False):
        subscription.created_by = user
    return instance_save(instance=subscription, user=user)


@transaction.atomic
def subscription_save(*, subscription: WebhookSubscription, user=None):
    """Save a changed subscription (its address, events, description, or ``active``)."""
    if subscription.pk is None:
        return subscription_create(subscription=subscription, user=user)
    _validated(subscription)
    return instance_save(instance=subscription, user=user)


def subscription_delete(*, subscription: WebhookSubscription, user=None) -> None:
    """Delete a subscription and the log of its deliveries."""
    instance_delete(instance=subscription, user=user)


@transaction.atomic
def subscription_resume(*, subscription: WebhookSubscription, user=None):
    """Resume a paused (or inactive) subscription: deliveries start again with the next
    change; the changes made meanwhile are in the feed (``GET /api/v1/changes/``)."""
    subscription.active = True
    subscription.paused_at = None
    subscription.paused_reason = ""
    subscription.consecutive_failures = 0
    return instance_save(instance=subscription, user=user, reason="resumed")


@transaction.atomic
def subscription_rotate_secret(*, subscription: WebhookSubscription, user=None):
    """Give the subscription a new secret; deliveries sent from now are signed with it."""
    subscription.secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    return instance_save(instance=subscription, user=user, reason="secret replaced")


def _pause(subscription: WebhookSubscription, reason: str) -> None:
    subscription.paused_at = timezone.now()
    subscription.paused_reason = reason
    instance_save(instance=subscription, reason=f"paused: {reason}")
    logger.warning("Webhook subscription %s paused: %s", subscription.pk, reason)


# Deliveries

# On Redis, each process keeps the active subscriptions it read, by database: (the generation
# of subscriptions they were read in, the subscriptions). See ``active_subscriptions``.
_SUBSCRIPTIONS = Generation("webhooks:subscriptions")
_active: dict[str, tuple[str, list[WebhookSubscription]]] = {}


def forget_subscriptions(sender=None, *, using: str = "default", **_signal_arguments) -> None:
    """A subscription changed: once that is committed, every process reads them again.

    Connected to the subscriptions' signals (core.apps). Until the commit, other processes
    still read the rows as they were, which is what they keep.
    """
    transaction.on_commit(_new_subscriptions_generation, using=using)


def _new_subscriptions_generation() -> None:
    _active.clear()  # in this process at once; other processes when their mirror is told
    _SUBSCRIPTIONS.start_new()


def active_subscriptions(using: str = "default") -> list[WebhookSubscription]:
    """The subscriptions that get deliveries (active, not paused).

    Read once per generation of them in each process on Redis, where every write's commit
    asks for them (a subscription changed elsewhere is seen once this process's mirror of the
    generation is told); read on every call on other caches.
    """
    generation = _SUBSCRIPTIONS.mirrored()
    kept = _active.get(using)
    if generation is not None and kept is not None and kept[0] == generation:
        return kept[1]
    if generation is None and _SUBSCRIPTIONS.mirrored_and_missing():
        # Started before the read: a change committed meanwhile starts a newer one.
        generation = _SUBSCRIPTIONS.start_first()
    subscriptions = list(
        WebhookSubscription.objects.using(using).filter(active=True, paused_at__isnull=True)
    )
    if generation is not None:
        _active[using] = (generation, subscriptions)
    return subscriptions


def deliveries_schedule(sender=None, *, event_ids: list[int], using: str = "default", **kwargs):
    """Create and enqueue the deliveries of committed events; returns their ids.

    Runs once the transaction that wrote the events has committed (``core.changes``'s
    ``changes_committed`` signal).
    """
    subscriptions = active_subscriptions(using)
    if not subscriptions:
        return []
    events = list(ChangeEvent.objects.using(using).filter(pk__in=event_ids).order_by("id"))
    base = settings.WEBHOOK_SITE_URL
    items = {
        event.pk: event_item(event, urljoin(base, path) if base else path)
        for event in events
        if (path := object_path(event))
    }
    deliveries = []
    for subscription in subscriptions:
        matching = [
            event for event in events if event.pk in items and _matches(subscription.events, event)
        ]
        for start in range(0, len(matching), EVENTS_PER_DELIVERY):
            chunk = matching[start : start + EVENTS_PER_DELIVERY]
            delivery = WebhookDelivery(subscription=subscription)
            body = {"delivery": str(delivery.delivery), "events": [items[e.pk] for e in chunk]}
            delivery.body = orjson.dumps(body).decode("utf-8")
            delivery.events = _event_names(chunk)
            delivery.next_attempt_at = timezone.now()
            deliveries.append(delivery)
    if not deliveries:
        return []
    with transaction.atomic(using=using):
        created = WebhookDelivery.objects.using(using).bulk_create(deliveries)
    ids = [delivery.pk for delivery in created]
    for delivery_id in ids:
        _enqueue(delivery_id)
    return ids


def _event_names(events) -> str:
    names = list(dict.fromkeys(f"{event.resource}.{event.action}" for event in events))
    return ", ".join(names)[:500]


def _enqueue(delivery_id: int, run_after=None) -> bool:
    """Hand the delivery to the task backend; False when it cannot wait until ``run_after``
    (``manage.py send_webhooks`` sends such retries when they are due)."""
    task = deliver_webhook.using(backend=settings.WEBHOOK_TASK_BACKEND)
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return False
        task = task.using(run_after=run_after)
    task.enqueue(delivery_id)
    return True


def _post(url: str, body: bytes, headers: dict) -> tuple[int, bytes]:
    """POST ``body``; the status and the start of the answer. Redirects are not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with opener.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            return response.status, response.read(RESPONSE_EXCERPT_CHARS * 4)
    except urllib.error.HTTPError as error:
        return error.code, error.read(RESPONSE_EXCERPT_CHARS * 4)


@task
def deliver_webhook(delivery_id: int) -> str:
    """The background task of one attempt (``deliver``); answers its status."""
    return deliver(delivery_id)


def deliver(delivery_id: int) -> str:
    """Make one attempt of a pending delivery, record it, and schedule what follows:
    a retry, or the pause of a subscription that keeps failing. Returns the status."""
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return delivery.status if delivery else "missing"
    subscription = delivery.subscription
    delivery.attempted_at = timezone.now()
    if not subscription.active or subscription.is_paused:
        delivery.status = DeliveryStatus.SKIPPED
        delivery.save()
        return delivery.status
    body = delivery.body.encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Claimtrack-Webhooks/1",
        SIGNATURE_HEADER: sign(subscription.secret, int(time.time()), body),
        EVENT_HEADER: delivery.events,
        DELIVERY_HEADER: str(delivery.delivery),
    }
    started = time.monotonic()
    refused = refused_address(urlsplit(subscription.url).hostname or "")
    if refused:
        delivery.error = refused
    else:
        try:
            status, answer = _post(subscription.url, body, headers)
            delivery.response_status = status
            delivery.response_excerpt = answer.decode("utf-8", "replace")[
                :RESPONSE_EXCERPT_CHARS
            ].replace("\x00", "")
        except (OSError, ValueError) as error:  # timeouts, refused connections, TLS errors
            delivery.error = f"{type(error).__name__}: {error}"[:1000]
    delivery.duration_ms = int((time.monotonic() - started) * 1000)
    succeeded = delivery.response_status is not None and 200 <= delivery.response_status < 300
    delivery.status = DeliveryStatus.SUCCEEDED if succeeded else DeliveryStatus.FAILED
    logger.info(
        "Webhook delivery %s attempt %s to subscription %s: %s (%s)",
        delivery.delivery,
        delivery.attempt,
        subscription.pk,
        delivery.status,
        delivery.response_status or delivery.error,
    )
    with transaction.atomic():
        delivery.save()
        subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
        if succeeded:
            if subscription.consecutive_failures:
                subscription.consecutive_failures = 0
                instance_save(instance=subscription, reason="delivered")
        else:
            _after_failure(delivery, subscription, refused)
    return delivery.status


def _after_failure(delivery: WebhookDelivery, subscription: WebhookSubscription, refused):
    if delivery.response_status == 410:
        _pause(subscription, "The receiver answered 410 Gone.")
        return
    if refused:
        _pause(subscription, refused)
        return
    if delivery.attempt <= len(RETRY_DELAYS):
        retry_at = timezone.now() + timedelta(seconds=RETRY_DELAYS[delivery.attempt - 1])
        retry = WebhookDelivery.objects.create(
            subscription=subscription,
            delivery=delivery.delivery,
            attempt=delivery.attempt + 1,
            events=delivery.events,
            body=delivery.body,
            next_attempt_at=retry_at,
        )
        transaction.on_commit(lambda: _enqueue(retry.pk, run_after=retry_at), robust=True)
        return
    subscription.consecutive_failures += 1
    if subscription.consecutive_failures >= PAUSE_AFTER:
        _pause(
            subscription,
            f"{subscription.consecutive_failures} deliveries in a row failed every attempt; "
            f"the last: {delivery.response_status or delivery.error}.",
        )
    else:
        instance_save(instance=subscription, reason="a delivery failed every attempt")


def deliveries_due(*, now=None) -> list[int]:
    """Send the pending attempts that are due (retries the task backend could not defer,
    or whose task was lost); returns their ids."""
    due = list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now or timezone.now()
        )
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)
    )
    for delivery_id in due:
        deliver(delivery_id)
    return due
