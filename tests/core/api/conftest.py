import pytest
from django.core.cache import cache


@pytest.fixture
def round_trips(monkeypatch):
    """The default cache's round trips from here on (each borrows a client): on Redis."""
    client, calls = cache._cache, []
    get_client = client.get_client
    monkeypatch.setattr(
        client, "get_client", lambda *a, **k: calls.append(a) or get_client(*a, **k)
    )
    return calls
