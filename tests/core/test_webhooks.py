"""Webhooks: a real receiver on loopback gets signed deliveries of the changes it asked for;
failures are retried with backoff, logged, and a receiver that keeps failing is paused."""

import datetime
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import strategies as st

from core import webhooks
from core.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from core.webhooks import PAUSE_AFTER, RETRY_DELAYS, deliver, sign, verify_signature
from tests.support.api import assert_refused
from tests.support.factories import ClaimFactory, UserFactory, WebhookSubscriptionFactory, role_user

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP server on 127.0.0.1 that records what it is sent and answers ``status``."""

    def __init__(self):
        self.requests: list[tuple[dict, bytes]] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.end_headers()
                self.wfile.write(b"received")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


def write_claim(capture):
    """A claim saved in its own transaction, whose deliveries go out once it commits."""
    with capture(execute=True):
        return ClaimFactory()


def test_a_delivery_reaches_a_real_receiver_signed(receiver, django_capture_on_commit_callbacks):
    subscription = WebhookSubscriptionFactory(url=receiver.url)
    claim = write_claim(django_capture_on_commit_callbacks)
    [(headers, body)] = receiver.requests
    assert verify_signature(subscription.secret, headers["Claimtrack-Signature"], body)
    assert headers["Content-Type"] == "application/json"
    assert headers["Claimtrack-Event"] == "claims.create"
    payload = json.loads(body)
    assert headers["Claimtrack-Delivery"] == payload["delivery"]
    [item] = payload["events"]
    assert (item["resource"], item["id"], item["action"]) == ("claims", claim.pk, "create")
    assert item["url"] == f"/api/v1/claims/{claim.pk}/"
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status, delivery.attempt) == ("succeeded", 200, 1)
    assert delivery.response_excerpt == "received"
    assert delivery.duration_ms is not None


def test_the_signature_is_the_documented_hmac(receiver, django_capture_on_commit_callbacks):
    """What the README tells receivers to compute, computed here by hand."""
    subscription = WebhookSubscriptionFactory(url=receiver.url)
    write_claim(django_capture_on_commit_callbacks)
    [(headers, body)] = receiver.requests
    fields = dict(part.split("=", 1) for part in headers["Claimtrack-Signature"].split(","))
    expected = hmac.new(
        subscription.secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256
    ).hexdigest()
    assert fields["v1"] == expected
    assert abs(int(fields["t"]) - time.time()) < 60


def test_one_delivery_per_transaction_and_only_the_events_asked_for(
    receiver, django_capture_on_commit_callbacks
):
    WebhookSubscriptionFactory(url=receiver.url, events=["claims.delete", "actors"])
    with django_capture_on_commit_callbacks(execute=True):
        first, second = ClaimFactory(), ClaimFactory()
        first_id = first.pk
        first.delete()
        second.delete()
    [(headers, body)] = receiver.requests
    items = json.loads(body)["events"]
    assert [(item["resource"], item["action"]) for item in items] == [("claims", "delete")] * 2
    assert items[0]["id"] == first_id
    assert headers["Claimtrack-Event"] == "claims.delete"


def test_inactive_and_paused_subscriptions_get_nothing(
    receiver, django_capture_on_commit_callbacks
):
    WebhookSubscriptionFactory(url=receiver.url, active=False)
    paused = WebhookSubscriptionFactory(url=receiver.url)
    WebhookSubscription.objects.filter(pk=paused.pk).update(paused_at=timezone.now())
    write_claim(django_capture_on_commit_callbacks)
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_failing_receiver_is_retried_with_backoff_then_paused(
    receiver, django_capture_on_commit_callbacks
):
    """The suite's task backend cannot wait: each retry is recorded as due later, and sent
    here by hand (as ``manage.py send_webhooks`` would once due)."""
    receiver.status = 500
    subscription = WebhookSubscriptionFactory(url=receiver.url)
    for delivery_number in range(1, PAUSE_AFTER + 1):
        write_claim(django_capture_on_commit_callbacks)
        for delay in RETRY_DELAYS:
            retry = WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).get()
            assert retry.next_attempt_at - timezone.now() == pytest.approx(
                datetime.timedelta(seconds=delay), abs=datetime.timedelta(seconds=10)
            )
            deliver(retry.pk)
        assert not WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).exists()
        subscription.refresh_from_db()
        assert subscription.consecutive_failures == delivery_number
    attempts = WebhookDelivery.objects.filter(subscription=subscription)
    assert attempts.count() == PAUSE_AFTER * (len(RETRY_DELAYS) + 1)
    assert set(attempts.values_list("status", "response_status")) == {("failed", 500)}
    assert len(receiver.requests) == attempts.count()
    # Every retry of a delivery sends the same body under the same delivery id.
    first = attempts.order_by("id").first()
    same = attempts.filter(delivery=first.delivery)
    assert {row.body for row in same} == {first.body}
    assert sorted(same.values_list("attempt", flat=True)) == list(range(1, 7))
    assert subscription.is_paused
    assert "5 deliveries in a row failed" in subscription.paused_reason
    write_claim(django_capture_on_commit_callbacks)
    assert len(receiver.requests) == attempts.count()  # paused: nothing more is sent


def test_a_success_resets_the_failure_count(receiver, django_capture_on_commit_callbacks):
    receiver.status = 503
    subscription = WebhookSubscriptionFactory(url=receiver.url)
    write_claim(django_capture_on_commit_callbacks)
    receiver.status = 204
    deliver(WebhookDelivery.objects.get(status=DeliveryStatus.PENDING).pk)
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0
    assert list(WebhookDelivery.objects.order_by("id").values_list("status", flat=True)) == [
        "failed",
        "succeeded",
    ]


def test_410_gone_pauses_at_once(receiver, django_capture_on_commit_callbacks):
    receiver.status = 410
    subscription = WebhookSubscriptionFactory(url=receiver.url)
    write_claim(django_capture_on_commit_callbacks)
    subscription.refresh_from_db()
    assert subscription.is_paused
    assert "410" in subscription.paused_reason
    assert not WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).exists()


def test_an_unreachable_receiver_is_a_failed_attempt(django_capture_on_commit_callbacks):
    closed = Receiver()
    url = closed.url
    closed.close()
    WebhookSubscriptionFactory(url=url)
    write_claim(django_capture_on_commit_callbacks)
    failed = WebhookDelivery.objects.get(attempt=1)
    assert failed.status == "failed"
    assert failed.response_status is None
    assert "Error" in failed.error
    assert WebhookDelivery.objects.filter(attempt=2, status="pending").exists()


@override_settings(WEBHOOK_TASK_BACKEND="database")
def test_a_backend_that_can_wait_is_given_each_retry_with_its_time(
    receiver, django_capture_on_commit_callbacks
):
    receiver.status = 500
    WebhookSubscriptionFactory(url=receiver.url)
    write_claim(django_capture_on_commit_callbacks)
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "core.webhooks.deliver_webhook"
    first = WebhookDelivery.objects.get()
    assert queued.args_kwargs["args"] == [first.pk]
    with django_capture_on_commit_callbacks(execute=True):
        deliver(first.pk)
    retry = WebhookDelivery.objects.get(attempt=2)
    queued = DBTaskResult.objects.exclude(pk=queued.pk).get()
    assert queued.args_kwargs["args"] == [retry.pk]
    assert queued.run_after == retry.next_attempt_at
    assert queued.run_after - timezone.now() > datetime.timedelta(seconds=RETRY_DELAYS[0] - 10)


def test_the_command_sends_the_attempts_that_are_due(receiver, django_capture_on_commit_callbacks):
    receiver.status = 500
    WebhookSubscriptionFactory(url=receiver.url)
    write_claim(django_capture_on_commit_callbacks)
    retry = WebhookDelivery.objects.get(status="pending")
    out = StringIO()
    call_command("send_webhooks", stdout=out)
    assert "0 attempt(s)" in out.getvalue()
    WebhookDelivery.objects.filter(pk=retry.pk).update(next_attempt_at=timezone.now())
    receiver.status = 200
    call_command("send_webhooks", stdout=out)
    retry.refresh_from_db()
    assert retry.status == "succeeded"


# Signatures


def test_verify_signature_refuses_what_was_not_signed_now_with_the_secret():
    body = b'{"events": []}'
    now = int(time.time())
    header = sign("whsec_right", now, body)
    assert verify_signature("whsec_right", header, body)
    assert not verify_signature("whsec_wrong", header, body)
    assert not verify_signature("whsec_right", header, body + b" ")
    assert not verify_signature("whsec_right", header.replace(f"t={now}", f"t={now + 1}"), body)
    old = sign("whsec_right", now - 301, body)
    assert not verify_signature("whsec_right", old, body)
    assert verify_signature("whsec_right", old, body, tolerance=600)
    assert not verify_signature("whsec_right", sign("whsec_right", now + 301, body), body)
    assert not verify_signature("whsec_right", "", body)
    assert not verify_signature("whsec_right", f"t={now}", body)


@given(header=st.text(max_size=200), body=st.binary(max_size=50))
def test_verify_signature_answers_false_to_anything_forged(header, body):
    assert verify_signature("whsec_secret", header, body) is False


# Addresses


@override_settings(WEBHOOK_ALLOW_PRIVATE_HOSTS=False)
@pytest.mark.parametrize(
    "url",
    [
        "ftp://hooks.example/",
        "http://127.0.0.1:8000/hooks",
        "http://10.0.0.5/hooks",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hooks",
        "http://localhost/hooks",
        "https://user:pass@hooks.example/",
        "http://[::1/hooks",
        "https://hooks.example:99999/",
    ],
)
def test_only_public_http_addresses_are_subscribed(url):
    with pytest.raises(ValidationError) as refused:
        WebhookSubscriptionFactory(url=url)
    assert "url" in refused.value.message_dict


def test_a_name_that_resolves_to_a_private_address_is_refused_at_delivery(
    receiver, django_capture_on_commit_callbacks
):
    subscription = WebhookSubscriptionFactory(url=receiver.url.replace("127.0.0.1", "localhost"))
    with override_settings(WEBHOOK_ALLOW_PRIVATE_HOSTS=False):
        write_claim(django_capture_on_commit_callbacks)
    assert receiver.requests == []
    subscription.refresh_from_db()
    assert subscription.is_paused
    assert "non-public network" in subscription.paused_reason


# The API


WEBHOOKS = "/api/v1/webhooks/"


@pytest.fixture
def editor_client():
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(role_user("Editor"))
    return client


def test_editors_subscribe_and_see_the_secret_once(editor_client, receiver):
    response = editor_client.post(
        WEBHOOKS, {"url": receiver.url, "events": ["claims", "*.delete"]}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["secret"].startswith("whsec_")
    subscription = WebhookSubscription.objects.get(pk=body["id"])
    assert subscription.secret == body["secret"]
    assert subscription.history.get().history_user == subscription.created_by
    shown = editor_client.get(f"{WEBHOOKS}{body['id']}/").json()
    assert "secret" not in shown
    assert shown["events"] == ["claims", "*.delete"]
    rotated = editor_client.post(f"{WEBHOOKS}{body['id']}/rotate-secret/").json()
    assert rotated["secret"] != body["secret"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"url": "ftp://hooks.example/"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"url": "https://hooks.example/", "events": ["planets"]}, "events"),
        ({"url": "https://hooks.example/", "events": ["claims.rename"]}, "events"),
        ({"url": "https://hooks.example/", "events": ["*"]}, "events"),
        ({"url": "https://hooks.example/", "events": "claims"}, "events"),
        ({"url": "https://hooks.example/", "secret": "mine"}, "secret"),
    ],
)
def test_bad_subscriptions_are_400_naming_the_field(editor_client, payload, field):
    assert_refused(editor_client.post(WEBHOOKS, payload, format="json"), field)
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize("role", ["Viewer", "Contributor", "Fact-checker"])
def test_other_roles_may_not_see_or_make_subscriptions(role):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(role_user(role))
    assert client.get(WEBHOOKS).status_code == 403
    assert client.post(WEBHOOKS, {"url": "https://hooks.example/"}, format="json").status_code == (
        403
    )


def test_edit_resume_and_delete_through_the_api(editor_client):
    subscription = WebhookSubscriptionFactory()
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        paused_at=timezone.now(), paused_reason="The receiver answered 410 Gone."
    )
    url = f"{WEBHOOKS}{subscription.pk}/"
    changed = editor_client.patch(url, {"description": "Newsroom"}, format="json").json()
    assert changed["description"] == "Newsroom"
    assert changed["is_paused"] is True
    resumed = editor_client.post(f"{url}resume/").json()
    assert (resumed["is_paused"], resumed["paused_reason"]) == (False, "")
    assert editor_client.delete(url).status_code == 204
    assert not WebhookSubscription.objects.exists()


def test_deliveries_are_listed_with_a_fixed_number_of_queries(
    editor_client, receiver, django_capture_on_commit_callbacks
):
    subscription = WebhookSubscriptionFactory(url=receiver.url)
    url = f"{WEBHOOKS}{subscription.pk}/deliveries/"

    def count(n):
        for _ in range(n):
            write_claim(django_capture_on_commit_callbacks)
        editor_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            body = editor_client.get(url, {"page_size": "50"}).json()
        return len(queries.captured_queries), len(body["results"])

    small = count(2)
    large = count(18)
    assert (small[1], large[1]) == (2, 20)
    assert small[0] == large[0]

    def count_subscriptions(n):
        for _ in range(n):
            WebhookSubscriptionFactory()
        editor_client.get(WEBHOOKS)
        with CaptureQueriesContext(connection) as queries:
            body = editor_client.get(WEBHOOKS, {"page_size": "50"}).json()
        return len(queries.captured_queries), len(body["results"])

    small, large = count_subscriptions(1), count_subscriptions(18)
    assert (small[1], large[1]) == (2, 20)
    assert small[0] == large[0]
    assert editor_client.get(url, {"cursor": "zzz"}).status_code == 400
    assert editor_client.get(WEBHOOKS, {"cursor": "zzz"}).status_code == 400


# The admin


def test_the_admin_adds_a_subscription_and_shows_its_secret_and_deliveries(
    admin_client, receiver, django_capture_on_commit_callbacks
):
    response = admin_client.post(
        reverse("admin:core_webhooksubscription_add"),
        {"url": receiver.url, "events": '["claims"]', "description": "Mirror", "active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret in str(next(iter(response.context["messages"])))
    write_claim(django_capture_on_commit_callbacks)
    page = admin_client.get(
        reverse("admin:core_webhooksubscription_change", args=[subscription.pk])
    )
    assert subscription.secret in page.content.decode()
    assert "claims.create" in page.content.decode()


def test_the_admin_refuses_a_bad_address_and_resumes_paused_subscriptions(admin_client):
    with override_settings(WEBHOOK_ALLOW_PRIVATE_HOSTS=False):
        response = admin_client.post(
            reverse("admin:core_webhooksubscription_add"),
            {"url": "http://10.1.2.3/", "events": "[]", "active": "on"},
        )
    assert response.status_code == 200
    assert "url" in response.context["adminform"].form.errors
    subscription = WebhookSubscriptionFactory()
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        paused_at=timezone.now(), paused_reason="Gone."
    )
    admin_client.post(
        reverse("admin:core_webhooksubscription_changelist"),
        {"action": "resume", "_selected_action": [subscription.pk]},
    )
    subscription.refresh_from_db()
    assert not subscription.is_paused


def test_users_keep_their_subscriptions_history_when_deleted():
    user = UserFactory()
    subscription = webhooks.subscription_create(
        subscription=WebhookSubscription(url="https://hooks.example/"), user=user
    )
    user.delete()
    subscription.refresh_from_db()
    assert subscription.created_by is None
