"""Hostile input against a running Claimtrack, over HTTP, as a Contributor would send it.

Three runs, each counting every answer by status (a server error is a failure):

- odd values (``%``, format directives, quotes, control and bidirectional characters, long
  strings) in every query parameter the schema documents, on every GET operation;
- huge repetitive quotes: citations with 10,000-character quotes checked against a
  repetitive 900,000-character snapshot, several at once, while another client keeps
  reading the claims list; that client's latency before and during the attack is the
  figure that matters;
- concurrent creates of claims naming one new topic: the topic must be created once.

What the runs create is deleted at the end.
"""

import http.client
import json
import statistics
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from claims.models import Claim, Topic
from core.services import instance_delete
from sources.models import Source

ODD_VALUES = [
    "%",
    "%25",
    "%s",
    "%(id)s",
    "%d%d%d%n",
    "'",
    '"',
    "\\",
    "1,2,%",
    "-1",
    "0",
    "1e309",
    "NaN",
    "[]",
    "{}",
    "../..",
    "🙂",
    "\u202ex",
    "\x7f",
    "a" * 2000,
]
SNAPSHOT_TEXT = "ab" * 450_000
QUOTES = ("ab" * 5_000, "ab" * 4_999 + "ba")  # found 445,000 times; found nowhere


@dataclass
class Tally:
    """Answers of one run by status, with a few examples of server errors."""

    name: str
    statuses: Counter = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, status: int, what: str) -> None:
        with self.lock:
            self.statuses[status] += 1
            if status >= 500 and len(self.server_errors) < 10:
                self.server_errors.append(f"{status} {what}")

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def failures(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


class Client:
    """One keep-alive HTTP connection to the server, per thread."""

    def __init__(self, url: str, authorization: str, timeout: float = 120):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.headers = {"Authorization": authorization, "Accept": "application/json"}
        self.timeout = timeout
        self.local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.local.connection = connection
        return connection

    def send(self, method: str, path: str, body=None) -> tuple[int, bytes, float]:
        """Status, body and seconds taken; a dropped connection is retried once."""
        headers = dict(self.headers)
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(2):
            connection = self._connection()
            started = time.perf_counter()
            try:
                connection.request(method, path, body=payload, headers=headers)
                response = connection.getresponse()
                content = response.read()
                return response.status, content, time.perf_counter() - started
            except (http.client.HTTPException, OSError):
                connection.close()
                self.local.connection = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def created(self, path: str, body: dict) -> dict:
        status, content, _ = self.send("POST", path, body)
        if status != 201:
            raise ProbeError(f"POST {path} answered {status}: {content[:300]!r}")
        return json.loads(content)


class ProbeError(Exception):
    pass


def _path_with(path: str, name: str, value: str) -> str:
    return f"{path}?{quote(name, safe='')}={quote(value, safe='')}"


def odd_values(client: Client, schema: dict, *, detail_id: int, threads: int) -> Tally:
    """Every documented query parameter of every GET operation, with each odd value."""
    tally = Tally("odd values in every query parameter")
    requests = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        concrete = path
        for parameter in get.get("parameters", []) + operations.get("parameters", []):
            if parameter.get("in") == "path":
                concrete = concrete.replace("{" + parameter["name"] + "}", str(detail_id))
        names = [p["name"] for p in get.get("parameters", []) if p.get("in") == "query"]
        for name in [*names, "%", "ordering%s"]:
            requests.extend(_path_with(concrete, name, value) for value in ODD_VALUES)

    def one(target: str):
        status, _, _ = client.send("GET", target)
        tally.count(status, f"GET {target[:200]}")

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, requests))
    return tally


@dataclass
class QuoteAttack:
    tally: Tally
    attack_seconds: list[float]
    baseline: list[float]
    during: list[float]


def huge_quotes(client: Client, *, attackers: int, per_attacker: int, created: dict) -> QuoteAttack:
    """``attackers`` clients each post ``per_attacker`` huge-quote citations at once, while
    another reads ``/api/v1/claims/?page_size=1`` in a loop."""
    token = uuid.uuid4().hex[:12]
    source = client.created(
        "/api/v1/sources/",
        {
            "kind": "news_article",
            "title": f"Probe: a repetitive page {token}",
            "web_url": f"https://probe.invalid/{token}",
        },
    )
    created["sources"].append(source["id"])
    snapshot = client.created(
        "/api/v1/snapshots/",
        {"source": source["id"], "text": SNAPSHOT_TEXT, "captured_by": "probe_api"},
    )
    claim = client.created(
        "/api/v1/claims/", {"text": f"Probe: a claim quoted at length {token}", "kind": "factual"}
    )
    created["claims"].append(claim["id"])
    statement = client.created(
        "/api/v1/statements/",
        {"claim": claim["id"], "speaker_label": "A probe", "stance": "asserts"},
    )
    reader = "/api/v1/claims/?page_size=1"
    baseline = [client.send("GET", reader)[2] for _ in range(30)]
    tally = Tally(f"{attackers} clients posting huge repetitive quotes at once")
    attack_seconds: list[float] = []
    during: list[float] = []
    done = threading.Event()

    def attack(index: int):
        for number in range(per_attacker):
            body = {
                "statement": statement["id"],
                "source": source["id"],
                "role": "reports",
                "snapshot": snapshot["id"],
                "quote": QUOTES[(index + number) % 2],
            }
            status, _, seconds = client.send("POST", "/api/v1/citations/", body)
            tally.count(status, "POST /api/v1/citations/ (huge quote)")
            attack_seconds.append(seconds)

    def read():
        while not done.is_set():
            status, _, seconds = client.send("GET", reader)
            tally.count(status, f"GET {reader}")
            during.append(seconds)

    bystander = threading.Thread(target=read)
    bystander.start()
    with ThreadPoolExecutor(attackers) as pool:
        list(pool.map(attack, range(attackers)))
    done.set()
    bystander.join()
    return QuoteAttack(tally, attack_seconds, baseline, during)


def same_topic(client: Client, *, creates: int, threads: int, created: dict) -> tuple[Tally, int]:
    """``creates`` claims posted at once, all naming one topic no claim has yet; returns the
    answers and how many topics of that name exist afterwards."""
    name = f"Probe topic {uuid.uuid4().hex[:12]}"
    tally = Tally(f"{creates} concurrent creates naming one new topic")

    def one(index: int):
        body = {"text": f"Probe claim {index} about {name}", "kind": "factual", "topics": [name]}
        status, content, _ = client.send("POST", "/api/v1/claims/", body)
        tally.count(status, "POST /api/v1/claims/ (same new topic)")
        if status == 201:
            created["claims"].append(json.loads(content)["id"])

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(creates)))
    created["topics"].append(name)
    return tally, Topic.objects.filter(name__iexact=name).count()


def clean_up(created: dict, user) -> list[str]:
    """Delete what the runs created; returns what could not be deleted."""
    left = []
    for model, pks in ((Claim, created["claims"]), (Source, created["sources"])):
        for obj in model.objects.filter(pk__in=pks):
            try:
                if isinstance(obj, Source):
                    for snapshot in obj.snapshots.all():
                        instance_delete(instance=snapshot, user=user)
                instance_delete(instance=obj, user=user)
            except Exception as error:
                left.append(f"{model.__name__} #{obj.pk}: {error}")
    for topic in Topic.objects.filter(name__in=created["topics"]):
        instance_delete(instance=topic, user=user)
    return left


def milliseconds(values: list[float]) -> str:
    if not values:
        return "—"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"median {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {ordered[-1] * 1000:.0f} ms ({len(ordered)} requests)"
    )
