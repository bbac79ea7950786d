"""Remembered content negotiation chooses as DRF's does, for any request."""

import pytest
from django.http import Http404
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.api import negotiation
from core.api.negotiation import RememberedContentNegotiation
from core.api.renderers import FastJSONRenderer

ACCEPT_HEADERS = [
    None,
    "*/*",
    "application/json",
    "application/json; indent=4",
    "text/html",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "application/*",
    "text/*, application/json;q=0.5",
    "application/json;q=0.1, text/html;q=0.9",
]


@pytest.fixture(autouse=True)
def nothing_remembered(monkeypatch):
    monkeypatch.setattr(negotiation, "_choices", {})


def request_with(accept=None, query=""):
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    return Request(APIRequestFactory().get(f"/api/v1/claims/{query}", **headers))


def renderers():
    return [FastJSONRenderer(), BrowsableAPIRenderer()]


def choice(negotiator, request, format_suffix=None):
    renderer, media_type = negotiator.select_renderer(request, renderers(), format_suffix)
    return type(renderer), media_type


def outcome(negotiator, request):
    """The choice, or the class of the refusal."""
    try:
        return choice(negotiator, request)
    except (exceptions.NotAcceptable, Http404) as refusal:
        return type(refusal)


@pytest.mark.parametrize("accept", ACCEPT_HEADERS)
@pytest.mark.parametrize("query", ["", "?format=json", "?format=api"])
def test_the_choice_is_drfs_the_first_time_and_every_time_after(accept, query):
    expected = outcome(DefaultContentNegotiation(), request_with(accept, query))
    for _ in range(3):
        assert outcome(RememberedContentNegotiation(), request_with(accept, query)) == expected


def test_the_renderer_returned_is_one_of_the_views_own():
    own = renderers()
    negotiator = RememberedContentNegotiation()
    for _ in range(2):
        renderer, _ = negotiator.select_renderer(request_with("text/html"), own)
        assert renderer is own[1]


def test_choices_are_remembered_per_renderers_format_and_accept_header():
    negotiator = RememberedContentNegotiation()
    choice(negotiator, request_with("text/html"))
    choice(negotiator, request_with("*/*", "?format=json"))
    assert len(negotiation._choices) == 2
    # A format suffix is the same question as ?format=.
    choice(negotiator, request_with("*/*"), format_suffix="json")
    assert len(negotiation._choices) == 2
    negotiator.select_renderer(request_with("text/html, */*;q=0.1"), [JSONRenderer()])
    assert len(negotiation._choices) == 3
    choice(negotiator, request_with("text/html"))
    assert len(negotiation._choices) == 3


def test_refusals_are_decided_every_time_and_never_remembered():
    negotiator = RememberedContentNegotiation()
    for _ in range(2):
        with pytest.raises(exceptions.NotAcceptable):
            choice(negotiator, request_with("image/png"))
        with pytest.raises(Http404):
            choice(negotiator, request_with(None, "?format=xml"))
    assert negotiation._choices == {}


def test_at_most_max_remembered_choices_are_kept(monkeypatch):
    monkeypatch.setattr(negotiation, "MAX_REMEMBERED", 4)
    negotiator = RememberedContentNegotiation()
    for n in range(10):
        choice(negotiator, request_with(f"application/json; version={n}"))
        assert len(negotiation._choices) <= 4
    assert choice(negotiator, request_with("application/json; version=3")) == (
        FastJSONRenderer,
        "application/json; version=3",
    )
