"""A server's first match builds the claim index in a thread of its own, and no request waits
for it longer than ``CLAIMS_MATCH_BUILD_WAIT``: a match answers 503 with Retry-After, a new
claim is saved and answered without its candidates."""

import os
import threading

import pytest
from django.test import override_settings

from claims.matching import store
from claims.matching.store import IndexBuilding, claim_index
from tests.support.api import client_with_permissions
from tests.support.factories import ClaimFactory

MATCH = "/api/v1/claims/match/"
CLAIMS = "/api/v1/claims/"


@pytest.fixture
def slow_build(monkeypatch):
    """Builds block until ``release`` is set, then end without an index (the test's rows
    are in its transaction, which the build's thread cannot read); ``started`` is set once
    one has begun."""
    started, release = threading.Event(), threading.Event()

    def blocked(self):
        started.set()
        release.wait(10)

    monkeypatch.setattr(store.ClaimIndex, "_build", blocked)
    yield started, release
    release.set()
    if claim_index.builder is not None:
        claim_index.builder.join(10)


@override_settings(CLAIMS_MATCH_BUILD_WAIT=0.05)
def test_a_match_during_the_build_answers_503_with_retry_after(db, slow_build):
    ClaimFactory(text="Turkey sent 3,500 Syrian fighters to Libya.")
    reader = client_with_permissions("claims.view_claim")
    response = reader.post(MATCH, {"text": "Syrian fighters in Libya"}, format="json")
    assert response.status_code == 503, response.content
    assert response["Retry-After"] == "10"
    assert response.json()["code"] == "index_building"
    assert slow_build[0].is_set()  # the build runs beside the request


@override_settings(CLAIMS_MATCH_BUILD_WAIT=0.05)
def test_a_claim_written_during_the_build_is_saved_without_candidates(db, slow_build):
    writer = client_with_permissions("claims.add_claim", "claims.view_claim")
    body = {"text": "Turkey sent 3,500 Syrian fighters to Libya.", "language": "en"}
    response = writer.post(CLAIMS, {**body, "kind": "factual"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["similar"] is None


def test_one_build_runs_in_the_background_and_is_waited_for(db, monkeypatch):
    """With a wait, the first sync starts one thread that builds, and returns once it has."""
    builds = []

    def build(self):  # what a build does, without reading the test's uncommitted rows
        builds.append(threading.current_thread().name)
        self.index.put(1, ["fighter"])
        with self.lock:
            self.synced_at = store.timezone.now()

    monkeypatch.setattr(store.ClaimIndex, "_build", build)
    claim_index.sync(wait=5)
    claim_index.sync(wait=5)
    assert builds == ["claim-index-build"]
    assert [pk for pk, _ in claim_index.search({"fighter": 1.0}, 5)] == [1]


def test_without_a_wait_the_caller_builds_the_index(db):
    claim = ClaimFactory(text="Penguins live in Antarctica.")
    claim_index.sync()
    assert claim_index.builder is None
    assert claim.pk in claim_index.index.slot_of


def test_a_build_past_the_wait_raises_and_goes_on(db, slow_build):
    started, _release = slow_build
    with pytest.raises(IndexBuilding):
        claim_index.sync(wait=0.05)
    assert started.wait(5)
    assert claim_index.builder.is_alive()


def test_two_threads_building_at_once_build_once(monkeypatch):
    """A command building the index itself (no wait) while a build runs waits for that build
    and uses it, instead of reading every claim a second time."""
    builds, entered = [], threading.Event()

    def build_now(self):
        builds.append(threading.current_thread().name)
        entered.set()
        threading.Event().wait(0.2)  # the other thread arrives meanwhile
        self.synced_at = store.timezone.now()

    monkeypatch.setattr(store.ClaimIndex, "_build_now", build_now)
    index = store.ClaimIndex()
    first = threading.Thread(target=index._build, name="first")
    first.start()
    entered.wait(5)
    second = threading.Thread(target=index._build, name="second")
    second.start()
    first.join(5)
    second.join(5)
    assert builds == ["first"]
    assert index.synced_at is not None


@pytest.mark.parametrize(
    ("at_start", "wait", "started"),
    [(True, 20.0, True), (False, 20.0, False), (True, 0, False)],
)
def test_a_server_process_starts_the_build_as_it_loads_the_application(
    monkeypatch, at_start, wait, started
):
    """``config.wsgi`` starts it, in the background; not when turned off, nor where matches
    build the index themselves (no wait)."""
    import importlib

    import config.wsgi

    calls = []
    monkeypatch.setattr(store.ClaimIndex, "start_build", lambda self: calls.append(self))
    with override_settings(CLAIMS_MATCH_BUILD_AT_START=at_start, CLAIMS_MATCH_BUILD_WAIT=wait):
        importlib.reload(config.wsgi)
    assert calls == ([claim_index] if started else [])


def test_starting_the_build_does_not_wait_for_it(db, slow_build):
    started, release = slow_build
    claim_index.start_build()
    assert started.wait(5)
    assert claim_index.synced_at is None  # still building; the caller went on
    building = claim_index.builder
    claim_index.start_build()
    assert claim_index.builder is building  # no second build
    assert building.is_alive()
    release.set()


# The child only takes two locks and exits: the other threads of the test process (the
# parallel runner's) cannot deadlock it.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_process_gets_fresh_locks_and_no_build_in_progress():
    """A worker forked while its parent was building must not inherit the held locks (no
    thread of its own would release them) nor the parent's build thread."""
    index = store.ClaimIndex()
    index.building.acquire()
    index.lock.acquire()
    index.builder = threading.Thread(target=lambda: None)
    pid = os.fork()
    if pid == 0:  # the child: its answer is its exit status
        fresh = index.building.acquire(blocking=False) and index.lock.acquire(blocking=False)
        os._exit(0 if fresh and index.builder is None else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert not index.building.acquire(blocking=False)  # the parent's are still held
