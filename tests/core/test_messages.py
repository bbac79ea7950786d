"""Messages are stored as Django's default storage stores them, its backends built on use."""

import secrets

from django.contrib import messages
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory

from core.messages import LazyFallbackStorage


def request_with_session(cookies: dict | None = None):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    request.session = SessionStore()
    request._messages = default_storage(request)
    return request


def test_the_default_storage_is_the_lazy_one(db):
    assert isinstance(request_with_session()._messages, LazyFallbackStorage)


def test_a_request_without_messages_builds_no_backend(db):
    request = request_with_session()
    response = HttpResponse()
    request._messages.update(response)
    assert "storages" not in vars(request._messages)
    assert not response.cookies


def test_a_message_reaches_the_next_request_through_the_cookie(db):
    request = request_with_session()
    messages.success(request, "Claim saved.")
    response = HttpResponse()
    request._messages.update(response)
    cookie = response.cookies["messages"].value
    following = request_with_session({"messages": cookie})
    assert [str(message) for message in messages.get_messages(following)] == ["Claim saved."]


def test_messages_too_large_for_the_cookie_fall_back_to_the_session(db):
    request = request_with_session()
    for number in range(20):
        messages.info(request, f"{number}: {secrets.token_hex(200)}")  # incompressible
    response = HttpResponse()
    request._messages.update(response)
    assert request.session.get("_messages")
    following = RequestFactory().get("/")
    following.COOKIES["messages"] = response.cookies["messages"].value
    following.session = request.session
    following._messages = default_storage(following)
    assert len(list(messages.get_messages(following))) == 20
