"""Failed admin logins are counted per username and per address; past either rate, refused."""

from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.auth import SESSION_KEY
from django.contrib.auth import forms as auth_forms
from django.test import Client
from django.urls import reverse

from config.settings import base
from core.logins import AddressLoginThrottle, UsernameLoginThrottle, username_ident
from core.models import ApiToken
from core.sites import AdminSite
from tests.support.factories import UserFactory
from tests.support.throttling import Clock, another_process_cache, clear_local_cache, redis_cache

PASSWORD = "correct horse battery"  # the factories' password
QUARTER = 15 * 60.0
START = 100_000 * QUARTER  # the start of a 15-minute window
HERE = "203.0.113.7"
LOCKED = "Too many failed logins for this account or from your address."


@pytest.fixture(autouse=True)
def limits(settings, db):
    settings.ADMIN_LOGIN_THROTTLE = {"username": "3/15minutes", "address": "5/15minutes"}
    clear_local_cache()
    with Clock(START + 5) as clock:
        yield clock
    clear_local_cache()


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", is_staff=True, is_superuser=True)


def log_in(username="editor", password=PASSWORD, address=HERE):
    client = Client()
    response = client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )
    response.logged_in = SESSION_KEY in client.session
    return response


def fail(times: int, username="editor", address=HERE) -> None:
    for _ in range(times):
        response = log_in(username, "wrong password", address)
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
        assert not response.logged_in


def assert_refused(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert LOCKED in response.content.decode()  # on the login page, as the form's error
    assert not response.logged_in


def test_the_site_apps_register_on_is_the_throttled_one():
    assert isinstance(admin.site, AdminSite)
    assert ApiToken in admin.site._registry
    assert Client().get(reverse("admin:login")).status_code == 200


def test_a_username_past_its_rate_is_refused_even_with_the_right_password(editor):
    fail(3)
    with mock.patch.object(auth_forms, "authenticate", wraps=auth_forms.authenticate) as checked:
        response = log_in()
    assert_refused(response)
    checked.assert_not_called()  # the password was not even checked
    assert response["Retry-After"] == "895"  # the window ends in 895 s, and with it the lock
    assert "Try again in 15 minutes." in response.content.decode()


def test_a_username_tried_from_many_addresses_is_locked(editor):
    for n in range(3):
        fail(1, address=f"198.51.100.{n}")
    assert_refused(log_in(address="192.0.2.1"))


def test_an_address_trying_many_usernames_is_locked(editor):
    for n in range(5):
        fail(1, username=f"guess{n}")
    # The editor never failed, but their login comes from that address.
    assert_refused(log_in())
    assert log_in(address="198.51.100.1").logged_in


def test_other_usernames_and_addresses_are_not_locked(editor):
    UserFactory(username="checker", is_staff=True)
    fail(3)
    assert_refused(log_in())
    # The address has 3 failures of 5: another username still logs in from it.
    assert log_in("checker").logged_in


def test_usernames_are_counted_whatever_their_case(editor):
    fail(2, username="Editor")
    fail(1, username="EDITOR")
    assert_refused(log_in())


def test_refused_attempts_are_not_counted(editor):
    fail(3)
    for _ in range(10):
        assert_refused(log_in())
    throttle = UsernameLoginThrottle()
    assert throttle.refuses(username_ident("editor"))
    assert throttle.current_count == 3


def test_the_lock_ends_when_the_failures_fall_under_the_rate(editor, limits):
    fail(3)
    assert_refused(log_in())
    # The next window: the previous one's 3 failures weigh less than 3 at once.
    limits.now = START + QUARTER + 1
    assert log_in().logged_in


def test_a_successful_login_resets_nothing(editor):
    UserFactory(username="checker", is_staff=True)
    fail(2)
    assert log_in().logged_in
    fail(1)
    assert_refused(log_in())
    # Nor does it reset the address: 3 failures, one success of another user, 2 failures.
    assert log_in("checker").logged_in
    fail(2, username="guess")
    assert_refused(log_in("checker"))


def test_no_rate_turns_a_count_off(settings, editor):
    settings.ADMIN_LOGIN_THROTTLE = {"username": None, "address": None}
    fail(40)
    assert log_in().logged_in


def test_with_redis_every_worker_sees_the_lock(editor, limits):
    with redis_cache():
        fail(3)
        assert_refused(log_in())
        other = another_process_cache()
        by_username, by_address = UsernameLoginThrottle(), AddressLoginThrottle()
        by_username.cache = by_address.cache = other
        assert by_username.refuses(username_ident("editor"))
        assert not by_address.refuses(HERE)  # 3 failures of 5
        limits.now = START + 2 * QUARTER
        assert log_in().logged_in


def test_the_defaults():
    assert base.ADMIN_LOGIN_THROTTLE == {"username": "10/15minutes", "address": "30/15minutes"}
    assert base.API_THROTTLE_FAILED_AUTH == "20/minute"
    assert base.TRUSTED_PROXY_COUNT == 0
