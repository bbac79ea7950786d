"""Claim matching measured as its users meet it: over HTTP, concurrent clients, production.

``manage.py benchmark_matching`` serves the app with gunicorn and the production settings
(``devtools.serving``) on the command's database and times, with 1 and 4 clients at once:

- **match**: ``POST /api/v1/claims/match/`` with tweet-length texts made from claims of the
  record (a word dropped, a link and a handle added, as a reader's tweet quotes a claim);
- its **floor**: the least query that returns the same rows, the answered claims read by id
  with raw SQL and dumped with orjson, run by as many client threads from this process (no
  HTTP, no ranking: what reading the answer costs at the least);
- **create**: ``POST /api/v1/claims/`` (its answer carries the duplicate candidates), against
  the same write served with ``CLAIMS_SIMILAR_ON_CREATE=false``: the difference is what the
  candidates add to the write. What the runs create is deleted at the end;
- **search** (``--search WORD ...``): ``GET /api/v1/claims/?q=WORD`` beside its floor, the
  same page by one hand-written query and orjson served by the same gunicorn
  (``devtools.floor_wsgi``), interleaved in rounds; the same search ordered by relevance, and
  the admin's claims changelist searched for the word, signed in as a superuser; and, once,
  both pages unsearched, over HTTP: what a search adds to its page is the difference.

Each worker's index is built before anything is timed (the first matches wait for it); the
workers' resident memory is read from /proc after the runs. See docs/matching.md.
"""

# The floor's SQL names the claims table only; every value is a parameter.
# ruff: noqa: S608

import http.client
import random
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import orjson
import psycopg
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from claims.models import Claim
from core.services import instance_delete

MATCH_PATH = "/api/v1/claims/match/"
CREATE_PATH = "/api/v1/claims/"
BENCHMARK_USERNAME = "matching-benchmark"
# The benchmark sends thousands of requests a minute as one user.
UNTHROTTLED = {"API_THROTTLE_USER": "1000000/minute", "API_THROTTLE_FAILED_AUTH": ""}
TWEET_LENGTH = 280
# How long the workers may take to build their indexes.
WARM_SECONDS = 300
_WORD = re.compile(r"\S+")


class BenchmarkError(Exception):
    pass


def tweets(count: int, seed: int) -> list[str]:
    """Tweet-length texts quoting claims of the record, a word dropped, a handle and a link."""
    rng = random.Random(seed)  # noqa: S311 (reproducible samples, not secrets)
    top = Claim.objects.current().order_by("-id").values_list("id", flat=True).first() or 0
    texts: list[str] = []
    # Claims picked by random ids: no sort of the whole table.
    while len(texts) < count and top:
        ids = [rng.randint(1, top) for _ in range(count * 2)]
        for text in Claim.objects.current().filter(id__in=ids).values_list("text", flat=True):
            words = _WORD.findall(text)
            if len(words) > 4:
                del words[rng.randrange(1, len(words))]
            tail = f" https://t.co/{rng.randbytes(5).hex()}"
            head = f"@{rng.choice(['newsdesk', 'factfan', 'jdoe'])} "
            texts.append((head + " ".join(words))[: TWEET_LENGTH - len(tail)] + tail)
    if not texts:
        raise BenchmarkError("The record has no claims to match: generate one first.")
    return texts[:count]


@dataclass
class Timing:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def add(self, other: "Timing") -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.seconds += other.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


class Client:
    """One keep-alive HTTP connection to the server, with the benchmark's token."""

    def __init__(self, url: str, authorization: str):
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
        self.headers = {
            "Authorization": authorization,
            "Content-Type": "application/json",
            "Accept": "application/json",
        }

    def post(self, path: str, body: dict) -> tuple[int, bytes]:
        self.connection.request("POST", path, orjson.dumps(body), self.headers)
        response = self.connection.getresponse()
        return response.status, response.read()

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes]:
        self.connection.request("GET", path, headers=headers or self.headers)
        response = self.connection.getresponse()
        return response.status, response.read()

    def close(self) -> None:
        self.connection.close()


def _run_clients(clients: int, seconds: float, work) -> Timing:
    """``work(client_number, i)`` called in a loop by ``clients`` threads for ``seconds``;
    it returns whether the call succeeded. Its latencies, errors and the wall time."""
    timings = [Timing() for _ in range(clients)]
    deadline = time.perf_counter() + seconds

    def loop(number: int) -> None:
        i = number
        while time.perf_counter() < deadline:
            before = time.perf_counter()
            ok = work(number, i)
            timings[number].latencies.append(time.perf_counter() - before)
            timings[number].errors += not ok
            i += clients

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Timing(seconds=time.perf_counter() - started)
    for timing in timings:
        total.latencies += timing.latencies
        total.errors += timing.errors
    return total


class Matching:
    """The match endpoint and its floor, for one server."""

    def __init__(self, url: str, authorization: str, texts: list[str], clients: int):
        self.texts = texts
        self.clients = [Client(url, authorization) for _ in range(clients)]
        self.answers: dict[int, list[int]] = {}
        self.floor_connections: list[psycopg.Connection] = []

    def match(self, number: int, i: int) -> bool:
        key = i % len(self.texts)
        status, body = self.clients[number].post(MATCH_PATH, {"text": self.texts[key], "limit": 5})
        if status == 200 and key not in self.answers:
            self.answers[key] = [result["claim"]["id"] for result in orjson.loads(body)["results"]]
        return status == 200

    def floor(self, number: int, i: int) -> bool:
        ids = self.answers.get(i % len(self.texts), [])
        with self.floor_connections[number].cursor() as cursor:
            cursor.execute(
                f"SELECT id, text, language, kind FROM {Claim._meta.db_table} WHERE id = ANY(%s)",
                [ids],
            )
            orjson.dumps(cursor.fetchall())
        return True

    def open_floor(self, clients: int) -> None:
        conninfo = connection.get_connection_params()
        conninfo.pop("cursor_factory", None)
        conninfo.pop("context", None)
        self.floor_connections = [psycopg.connect(**conninfo) for _ in range(clients)]

    def close(self) -> None:
        for client in self.clients:
            client.close()
        for floor in self.floor_connections:
            floor.close()


def warm(url: str, authorization: str, texts: list[str], workers: int) -> float:
    """Match until every worker has built its index; the seconds that took.

    A worker builds its index in the background on its first match and answers 503 until it
    is built: as many matches at once as there are workers, until a round answers 200 to all
    of them twice in a row.
    """
    clients = [Client(url, authorization) for _ in range(workers)]
    started = time.perf_counter()
    answered = 0
    while answered < 2:
        if time.perf_counter() - started > WARM_SECONDS:
            raise BenchmarkError(f"The workers did not build their indexes in {WARM_SECONDS} s.")
        statuses = []

        def match(client, text, statuses=statuses):
            statuses.append(client.post(MATCH_PATH, {"text": text})[0])

        threads = [
            threading.Thread(target=match, args=(client, text))
            for client, text in zip(clients, texts, strict=False)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        answered = answered + 1 if set(statuses) == {200} else 0
        if answered == 0:
            time.sleep(1)
    first = time.perf_counter() - started
    for client in clients:
        for text in texts[:20]:
            client.post(MATCH_PATH, {"text": text})
        client.close()
    return first


def worker_memory(master_pid: int) -> list[int]:
    """The resident memory of the server's workers, in bytes."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    sizes = []
    for pid in children.read_text().split() if children.exists() else []:
        status = Path(f"/proc/{pid}/status").read_text()
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        if found:
            sizes.append(int(found.group(1)) * 1024)
    return sizes


def measure_matching(url, authorization, texts, *, clients: int, seconds: float, rounds: int):
    """Match and floor, interleaved in ``rounds`` rounds of ``seconds`` each."""
    matching = Matching(url, authorization, texts, clients)
    app, floor = Timing(), Timing()
    try:
        # Every text's answer is known before the floor reads it.
        for i in range(len(texts)):
            matching.match(0, i)
        matching.open_floor(clients)
        for _ in range(rounds):
            app.add(_run_clients(clients, seconds, matching.match))
            floor.add(_run_clients(clients, seconds, matching.floor))
    finally:
        matching.close()
    return app, floor


def measure_creates(url, authorization, texts, *, clients: int, seconds: float) -> Timing:
    """``POST /api/v1/claims/`` by ``clients`` clients at once for ``seconds``."""
    posters = [Client(url, authorization) for _ in range(clients)]

    def create(number: int, i: int) -> bool:
        text = f"{texts[i % len(texts)]} [benchmark {i}]"
        body = {"text": text, "language": "en", "kind": "factual"}
        status, _ = posters[number].post(CREATE_PATH, body)
        return status == 201

    try:
        return _run_clients(clients, seconds, create)
    finally:
        for poster in posters:
            poster.close()


def delete_created(user) -> int:
    """Delete the claims the create runs made; how many."""
    created = list(Claim.objects.filter(text__contains=" [benchmark "))
    for claim in created:
        instance_delete(instance=claim, user=user)
    return len(created)


def admin_cookie(user) -> str:
    """A session of ``user`` for the admin's pages, as a browser's sign-in leaves one."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def measure_get(url, path: str, headers: dict, *, clients: int, seconds: float) -> Timing:
    """``GET path`` by ``clients`` clients at once for ``seconds``."""
    readers = [Client(url, "") for _ in range(clients)]

    def read(number: int, i: int) -> bool:
        status, _ = readers[number].get(path, headers)
        return status == 200

    try:
        return _run_clients(clients, seconds, read)
    finally:
        for reader in readers:
            reader.close()


def describe(timing: Timing) -> str:
    return (
        f"{len(timing.latencies):>7,} {timing.per_second:>8.1f} "
        f"{timing.percentile(0.5):>8.1f} {timing.percentile(0.95):>8.1f} {timing.errors:>6}"
    )


def record_description() -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {Claim._meta.db_table}")
        (claims,) = cursor.fetchone()
    return f"{claims:,} claims, {connection.vendor}"
