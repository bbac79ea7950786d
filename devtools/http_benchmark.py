"""Claimtrack measured over HTTP as people meet it, beside a floor served the same way.

``devtools.serving.served`` starts the app under gunicorn with the production settings, and
the floor (``devtools.floor_wsgi``: one hand-written query per page and orjson, no framework)
under the same gunicorn, settings and database. wrk drives both at 1, 4 and 8 connections,
path by path, the app's run and the floor's interleaved in rounds so both meet the same load
on the machine. Each path reports requests per second, p50 and p95 (wrk's own latency
histogram) and, where a floor exists, the ratio of the two throughputs; the database queries
one request of the path runs are counted in this process, through the same URL, after a
warm-up request (the steady state of a worker whose caches are filled). Nothing is measured
before the workers have built their claim indexes (each starts building it as it starts).
Before each path, the record is read into the operating system's page cache
(``benchmark.read_into_page_cache``), so that no path is timed reading from disk because the
machine dropped its cache meanwhile.

Writes (a claim, a statement on it, a citation of it) are timed here with one HTTP client a
connection: the figure is the three requests together.

With ``cpu``, each run also reads what it cost the machine per request, by kind of process
(``devtools.cpu_accounting``): where the app's time goes beside the floor's.

Run it with ``manage.py benchmark_http``; docs/performance.md has the figures and how to
reproduce them.
"""

import http.client
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from claims.models import Citation, Claim, Statement
from core.services import instance_delete
from publication.selectors import published_claims, published_topics
from reviews.models import Review
from sources.models import Actor, Snapshot

from . import cpu_accounting
from .benchmark import (
    DETAIL_SAMPLES,
    busiest_alias,
    database_description,
    machine_description,
    read_into_page_cache,
    sample_claim_ids,
)
from .serving import production_settings, served, token_for

BENCHMARK_USERNAME = "http-benchmark"
ADMIN_USERNAME = "http-benchmark-admin"
WRITER_USERNAME = "http-benchmark-writer"
DEFAULT_CONNECTIONS = (1, 4, 8)
# How long to let the workers finish a warm-up's queued requests before the recorded runs.
DRAIN_SECONDS = 3
# How long the workers may take to build their claim indexes before anything is measured.
MATCH_READY_SECONDS = 600
# The settings of the server that change how many queries a request runs.
COUNTED_WITH_SETTINGS = ("API_IDENTITY_CACHE_SECONDS", "CACHES")
WRITE_TOPIC = "HTTP benchmark writes"

# What docs/performance.md promises at 1M claims, per path group.
GOALS = {
    "list": ("ratio", 0.5),
    "detail": ("ratio", 0.3),
    "filter: actor": ("ratio", 0.3),
    "admin": ("p95", 100.0),
    "public": ("p95", 100.0),
    "writes": ("p95", 60.0),
}

# wrk runs this script: it cycles through the path's URLs (a detail path has several claims)
# and prints its figures as one line of JSON at the end.
WRK_SCRIPT = """
local paths = {%(paths)s}
local method = "%(method)s"
local body = %(body)s
local index = 0
wrk.headers = {%(headers)s}
request = function()
    index = index %% #paths + 1
    return wrk.format(method, paths[index], nil, body)
end
done = function(summary, latency, requests)
    io.write(string.format(
        '\\nRESULT {"requests": %%d, "seconds": %%.6f, "non2xx": %%d, "errors": %%d, '
        .. '"p50": %%d, "p95": %%d, "p99": %%d}\\n',
        summary.requests, summary.duration / 1e6, summary.errors.status,
        summary.errors.connect + summary.errors.read + summary.errors.write
            + summary.errors.timeout,
        latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


class HttpBenchmarkError(Exception):
    """The benchmark cannot run (no wrk, an empty record, a refused request)."""


def _lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal for these values


@dataclass
class Target:
    """One path of the benchmark: the app's URLs and, where there is one, the floor's."""

    name: str
    group: str
    urls: list[str]
    floor_urls: list[str] = field(default_factory=list)
    auth: str = "token"  # token, admin (a signed-in superuser's session) or public
    method: str = "GET"
    body: str | None = None


@dataclass
class Run:
    requests: int
    seconds: float
    non2xx: int
    errors: int
    p50_ms: float
    p95_ms: float
    # Microseconds of CPU a request, by kind of process (cpu_accounting), when measured.
    cpu: dict[str, float] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Measure:
    """A path at one number of connections: the app's runs and the floor's."""

    path: Target
    connections: int
    app: list[Run] = field(default_factory=list)
    floor: list[Run] = field(default_factory=list)
    queries: int | None = None

    @staticmethod
    def _combined(runs: list[Run]) -> tuple[float, float, float]:
        per_second = statistics.median(run.per_second for run in runs)
        return (
            per_second,
            statistics.median(run.p50_ms for run in runs),
            max(run.p95_ms for run in runs),
        )

    @property
    def app_figures(self) -> tuple[float, float, float]:
        return self._combined(self.app)

    @property
    def floor_figures(self) -> tuple[float, float, float] | None:
        return self._combined(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        floor = self.floor_figures
        if not floor or not floor[0]:
            return None
        return self.app_figures[0] / floor[0]

    @property
    def failures(self) -> int:
        return sum(run.non2xx + run.errors for run in self.app + self.floor)

    @staticmethod
    def _cpu(runs: list[Run]) -> dict[str, float]:
        measured = [run.cpu for run in runs if run.cpu]
        if not measured:
            return {}
        return {kind: statistics.median(cpu[kind] for cpu in measured) for kind in measured[0]}

    @property
    def app_cpu(self) -> dict[str, float]:
        return self._cpu(self.app)

    @property
    def floor_cpu(self) -> dict[str, float]:
        return self._cpu(self.floor)


@dataclass
class WriteMeasure:
    connections: int
    trios: list[float]  # seconds for claim + statement + citation
    failures: int

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.trios) * 1000

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.trios)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000

    @property
    def per_second(self) -> float:
        return len(self.trios) / max(sum(self.trios) / self.connections, 1e-9)


def record_description() -> str:
    """The record's size: claims, statements, citations and reviews (PostgreSQL's estimates
    where it keeps them, exact counts elsewhere)."""
    models = {"claims": Claim, "statements": Statement, "citations": Citation, "reviews": Review}
    counts = {}
    for name, model in models.items():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [model._meta.db_table],
                )
                counts[name] = max(cursor.fetchone()[0], 0)
        else:
            counts[name] = model.objects.count()
    published = Review.objects.published().count()
    return ", ".join(f"{n:,} {name}" for name, n in counts.items()) + f" ({published:,} published)"


@dataclass
class Report:
    database: str
    machine: str
    environment: dict[str, str]
    measures: list[Measure] = field(default_factory=list)
    writes: list[WriteMeasure] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise HttpBenchmarkError(
            "wrk is not installed: `apt-get install wrk` (Debian) or see "
            "https://github.com/wg/wrk; the HTTP benchmark drives the server with it."
        )
    return found


def run_wrk(
    base_url: str,
    path: Target,
    urls: list[str],
    headers: dict[str, str],
    *,
    connections: int,
    seconds: float,
) -> Run:
    script = WRK_SCRIPT % {
        "paths": ", ".join(_lua_string(url) for url in urls),
        "method": path.method,
        "body": _lua_string(path.body) if path.body is not None else "nil",
        "headers": ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in headers.items()),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        completed = subprocess.run(  # noqa: S603  (wrk, found on PATH)
            [
                wrk_binary(),
                "--threads",
                str(min(connections, 2)),
                "--connections",
                str(connections),
                "--duration",
                f"{max(1, round(seconds))}s",
                "--timeout",
                "30s",
                "--script",
                file.name,
                base_url,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        os.unlink(file.name)
    line = next(
        (line for line in completed.stdout.splitlines() if line.startswith("RESULT ")), None
    )
    if line is None:
        raise HttpBenchmarkError(f"wrk gave no result: {completed.stdout}{completed.stderr}")
    figures = json.loads(line.removeprefix("RESULT "))
    return Run(
        requests=figures["requests"],
        seconds=figures["seconds"],
        non2xx=figures["non2xx"],
        errors=figures["errors"],
        p50_ms=figures["p50"] / 1000,
        p95_ms=figures["p95"] / 1000,
    )


# What the benchmark reads and writes in the record


def spread_claim_ids(count: int = DETAIL_SAMPLES) -> list[int]:
    """Claims spread over the whole table (``benchmark.sample_claim_ids``), newest first."""
    ids = sample_claim_ids(count)
    if not ids:
        raise HttpBenchmarkError("The database holds no claim: generate a record first.")
    return sorted(ids, reverse=True)


def busiest_topic() -> str | None:
    """A topic that many claims carry, picked cheaply (the most recent claims' first topic)."""
    through = Claim.topics.through
    row = (
        through.objects.filter(claim_id__in=Claim.objects.order_by("-pk").values("pk")[:200])
        .values_list("topic__slug", flat=True)
        .first()
    )
    return row


def published_claim_ids(count: int = DETAIL_SAMPLES) -> list[int]:
    """Claims with a published fact-check, newest and oldest among them."""
    published = published_claims().values_list("pk", flat=True)
    newest = list(published.order_by("-pk")[: count // 2])
    oldest = list(published.order_by("pk")[: count - len(newest)])
    return sorted(set(newest + oldest), reverse=True)


def public_topic() -> str | None:
    """A topic the public list offers (one with a published fact-check)."""
    return published_topics().values_list("slug", flat=True).first()


def admin_urls() -> list[Target]:
    claim_ids = spread_claim_ids(5)
    statement = Statement.objects.order_by("-pk").values_list("pk", flat=True).first()
    citation = Citation.objects.order_by("-pk").values_list("pk", flat=True).first()
    actor = Actor.objects.order_by("pk").values_list("pk", flat=True).first()
    review = Review.objects.order_by("-pk").values_list("pk", flat=True).first()
    paths = [
        Target("claims changelist", "admin", ["/admin/claims/claim/"], auth="admin"),
        Target(
            "claims changelist, search",
            "admin",
            ["/admin/claims/claim/?q=drones"],
            auth="admin",
        ),
        Target(
            "claim change page",
            "admin",
            [f"/admin/claims/claim/{pk}/change/" for pk in claim_ids],
            auth="admin",
        ),
        Target("statements changelist", "admin", ["/admin/claims/statement/"], auth="admin"),
        Target("citations changelist", "admin", ["/admin/claims/citation/"], auth="admin"),
        Target("sources changelist", "admin", ["/admin/sources/source/"], auth="admin"),
        Target("actors changelist", "admin", ["/admin/sources/actor/"], auth="admin"),
        Target("review queue", "admin", ["/admin/reviews/review/"], auth="admin"),
        Target("all reviews", "admin", ["/admin/reviews/review/?queue=all"], auth="admin"),
    ]
    if statement:
        paths.append(
            Target(
                "statement change page",
                "admin",
                [f"/admin/claims/statement/{statement}/change/"],
                auth="admin",
            )
        )
    if citation:
        paths.append(
            Target(
                "citation change page",
                "admin",
                [f"/admin/claims/citation/{citation}/change/"],
                auth="admin",
            )
        )
    if actor:
        paths.append(
            Target(
                "actor change page",
                "admin",
                [f"/admin/sources/actor/{actor}/change/"],
                auth="admin",
            )
        )
    if review:
        paths.append(
            Target(
                "review change page",
                "admin",
                [f"/admin/reviews/review/{review}/change/"],
                auth="admin",
            )
        )
    return paths


def build_paths(*, word: str, rare_word: str, cursor_url: str) -> list[Target]:
    """Every path the benchmark measures; the floor serves the claims list's and detail's
    paths (the same URLs)."""
    actor = busiest_alias(denials=False)
    denied_by = busiest_alias(denials=True)
    topic = busiest_topic()
    claim_ids = spread_claim_ids()

    def listing(**params) -> list[str]:
        return [f"/api/v1/claims/?{urlencode(params)}" if params else "/api/v1/claims/"]

    details = [f"/api/v1/claims/{pk}/" for pk in claim_ids]
    paths = [
        Target("list", "list", listing(), listing()),
        Target("list, page 3 by cursor", "list", [cursor_url], [cursor_url]),
        Target("detail", "detail", details, details),
    ]
    if actor:
        paths.append(Target("filter: actor", "filter", listing(actor=actor), listing(actor=actor)))
    if denied_by:
        urls = listing(denied_by=denied_by)
        paths.append(Target("filter: denied_by", "filter", urls, urls))
    if topic:
        paths.append(Target("filter: topic", "filter", listing(topic=topic), listing(topic=topic)))
    paths += [
        Target("filter: language", "filter", listing(language="fr")),
        Target("filter: has_denial", "filter", listing(has_denial="true")),
        Target("search, common word", "search", listing(q=word), listing(q=word)),
        Target("search, rare word", "search", listing(q=rare_word), listing(q=rare_word)),
        Target(
            "match",
            "match",
            ["/api/v1/claims/match/"],
            method="POST",
            body=json.dumps(
                {
                    "text": Claim.objects.order_by("-pk").values_list("text", flat=True).first(),
                    "limit": 5,
                }
            ),
        ),
    ]
    paths += admin_urls()
    public_ids = published_claim_ids()
    paths.append(Target("public fact-check list", "public", ["/"], auth="public"))
    if slug := public_topic():
        paths.append(
            Target(
                "public list by topic", "public", [f"/?{urlencode({'topic': slug})}"], auth="public"
            )
        )
    if public_ids:
        paths.append(
            Target(
                "public fact-check page",
                "public",
                [f"/fact-checks/{pk}/" for pk in public_ids],
                auth="public",
            )
        )
    paths.append(Target("ClaimReview feed", "public", ["/claimreview/feed.json"], auth="public"))
    return paths


@contextmanager
def benchmark_identities(secret_key: str) -> Iterator[dict[str, dict[str, str]]]:
    """The request headers of each kind of client: a reader's token, a contributor's token,
    a signed-in superuser's session cookie (made with the server's secret key), none."""
    with ExitStack() as stack:
        reader = stack.enter_context(token_for(BENCHMARK_USERNAME, roles=("Viewer",)))
        writer = stack.enter_context(token_for(WRITER_USERNAME, roles=("Contributor",)))
        admin, _ = get_user_model().objects.get_or_create(username=ADMIN_USERNAME)
        admin.is_staff = admin.is_superuser = True
        admin.set_unusable_password()
        admin.save()
        with override_settings(SECRET_KEY=secret_key):
            client = Client()
            client.force_login(admin)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield {
            "token": {"Authorization": reader, "Accept": "application/json"},
            "writer": {
                "Authorization": writer,
                "Accept": "application/json",
                "Content-Type": "application/json",
            },
            "admin": {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"},
            "public": {},
        }


def http_get(base_url: str, url: str, headers: dict[str, str]) -> tuple[int, bytes]:
    return http_request(base_url, "GET", url, headers)


def http_request(
    base_url: str, method: str, url: str, headers: dict[str, str], body: str | None = None
) -> tuple[int, bytes]:
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
    try:
        conn.request(method, url, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_for_matching(
    base_url: str, headers: dict[str, str], *, workers: int, timeout: float = MATCH_READY_SECONDS
) -> float:
    """Wait until the server's workers have built their claim indexes, as a server in use
    has (each builds it as it starts, using a core meanwhile): until ``3 × workers`` matches
    in a row answer 200, not 503. Seconds waited; ``HttpBenchmarkError`` past ``timeout``."""
    started = time.monotonic()
    headers = {**headers, "Content-Type": "application/json"}
    body = json.dumps({"text": "Fighters crossed the border", "limit": 1})
    ready = 0
    while ready < 3 * workers:
        if time.monotonic() - started > timeout:
            raise HttpBenchmarkError(f"The workers' claim indexes were not built in {timeout} s.")
        status, answer = http_request(base_url, "POST", "/api/v1/claims/match/", headers, body)
        if status == 200:
            ready += 1
        elif status == 503:
            ready = 0
            time.sleep(1)
        else:
            raise HttpBenchmarkError(f"A match answered {status}: {answer[:300]!r}")
    return time.monotonic() - started


def cursor_page_url(base_url: str, headers: dict[str, str], page: int = 3) -> str:
    """The URL of the list's ``page``-th page by cursor."""
    url = "/api/v1/claims/"
    for _ in range(page - 1):
        status, body = http_get(base_url, url, headers)
        if status != 200:
            raise HttpBenchmarkError(f"GET {url} answered {status}: {body[:300]!r}")
        following = json.loads(body)["next"]
        if not following:
            raise HttpBenchmarkError("The record has fewer than three pages of claims.")
        parts = urlsplit(following)
        url = f"{parts.path}?{parts.query}"
    return url


def count_queries(path: Target, headers: dict[str, str], server_settings: dict) -> int:
    """The queries one request of ``path`` runs in this process, with the server's identity
    cache and cache settings, after two warm-up requests (as a worker runs them once warm)."""
    meta = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    meta.pop("HTTP_COOKIE", None)
    meta.pop("HTTP_CONTENT_TYPE", None)
    client = Client(SERVER_NAME="localhost", **meta)
    if path.auth == "admin":
        client.force_login(get_user_model().objects.get(username=ADMIN_USERNAME))
    url = path.urls[0]
    with override_settings(
        ALLOWED_HOSTS=["localhost", "testserver", "127.0.0.1"], **server_settings
    ):

        def send():
            if path.method == "POST":
                return client.post(url, path.body, content_type="application/json")
            return client.get(url)

        # Twice: the first match in this process builds its claim index, and the next one
        # catches up with what was written meanwhile, before a match runs as it runs warm.
        send()
        send()
        with CaptureQueriesContext(connection) as captured:
            response = send()
    if response.status_code >= 400:
        raise HttpBenchmarkError(f"{path.method} {url} answered {response.status_code}")
    return len(captured.captured_queries)


# Writes


def write_fixture() -> dict:
    """What the three writes refer to: an actor, and a snapshot with a quote found in it."""
    actor = Actor.objects.order_by("pk").values_list("pk", flat=True).first()
    snapshot = (
        Snapshot.objects.exclude(text="").order_by("-pk").values("pk", "source_id", "text").first()
    )
    if actor is None or snapshot is None:
        raise HttpBenchmarkError("The record needs an actor and a snapshot with text.")
    quote = snapshot["text"][:60].strip()
    return {
        "actor": actor,
        "snapshot": snapshot["pk"],
        "source": snapshot["source_id"],
        "quote": quote,
    }


def write_trio(
    conn: http.client.HTTPConnection,
    headers: dict[str, str],
    fixture: dict,
    created: list[tuple[str, int]],
) -> float:
    """Create a claim, a statement on it and a citation of that statement; seconds taken."""

    def post(url: str, payload: dict) -> int:
        conn.request("POST", url, body=json.dumps(payload), headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 201:
            raise HttpBenchmarkError(f"POST {url} answered {response.status}: {body[:300]!r}")
        return json.loads(body)["id"]

    started = time.perf_counter()
    claim = post(
        "/api/v1/claims/",
        {
            "text": f"A benchmark claim {uuid.uuid4().hex}: more than 3,500 fighters crossed.",
            "language": "en",
            "kind": "factual",
            "topics": [WRITE_TOPIC],
        },
    )
    statement = post(
        "/api/v1/statements/",
        {
            "claim": claim,
            "actor": fixture["actor"],
            "stance": "asserts",
            "stated_on": "2020-07-17",
            "stated_precision": "day",
            "confidence": "medium",
        },
    )
    citation = post(
        "/api/v1/citations/",
        {
            "statement": statement,
            "source": fixture["source"],
            "snapshot": fixture["snapshot"],
            "role": "reports",
            "access": "direct",
            "quote": fixture["quote"],
        },
    )
    seconds = time.perf_counter() - started
    created += [("citation", citation), ("statement", statement), ("claim", claim)]
    return seconds


def measure_writes(
    base_url: str, headers: dict[str, str], *, connections: int, trios: int, created: list
) -> WriteMeasure:
    fixture = write_fixture()
    parts = urlsplit(base_url)
    times: list[float] = []
    failures = 0
    lock = threading.Lock()

    def client(count: int) -> None:
        nonlocal failures
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        made: list = []
        for index in range(count):
            try:
                seconds = write_trio(conn, headers, fixture, made)
            except (HttpBenchmarkError, OSError, http.client.HTTPException):
                with lock:
                    failures += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                continue
            if index:  # the first trio of a connection warms it
                with lock:
                    times.append(seconds)
        conn.close()
        with lock:
            created.extend(made)

    threads = [threading.Thread(target=client, args=(trios + 1,)) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return WriteMeasure(connections=connections, trios=times, failures=failures)


def delete_written(created: list[tuple[str, int]]) -> None:
    """Delete what the writes created, citations first, through the services (history kept)."""
    models = {"citation": Citation, "statement": Statement, "claim": Claim}
    for kind in ("citation", "statement", "claim"):
        for obj in models[kind].objects.filter(pk__in=[pk for k, pk in created if k == kind]):
            instance_delete(instance=obj, reason="HTTP benchmark writes removed")


# The run


@dataclass
class Options:
    connections: tuple[int, ...] = DEFAULT_CONNECTIONS
    seconds: float = 4.0
    warmup: float = 1.0
    rounds: int = 2
    workers: int = 2
    word: str = "drones"
    rare_word: str = "Nevmonescu"
    only: tuple[str, ...] = ()  # names or groups of paths, "writes"; empty: every path
    write_trios: int = 30
    environment: dict[str, str] = field(default_factory=dict)
    cpu: bool = False  # also the CPU a request costs, by kind of process
    read_record: bool = True  # the record read into the page cache before each path


def _accounted_run(options: Options, server, *args, **kwargs) -> Run:
    """``run_wrk`` against ``server``, with the CPU it cost when ``options.cpu``."""
    before = cpu_accounting.sample() if options.cpu else None
    measured = run_wrk(server.url, *args, **kwargs)
    if before is not None:
        measured.cpu = cpu_accounting.per_request(
            before, cpu_accounting.sample(), measured.requests, server.pid
        )
    return measured


def run(options: Options, progress=lambda line: None) -> Report:
    """Serve the app and the floor, measure every path, and delete what the writes made."""
    wrk_binary()
    secret_key = uuid.uuid4().hex + uuid.uuid4().hex
    environment = {"SECRET_KEY": secret_key, **options.environment}
    report = Report(
        database=f"{database_description()}; {record_description()}",
        machine=machine_description(),
        environment={k: v for k, v in environment.items() if k != "SECRET_KEY"},
    )
    with ExitStack() as stack:
        identities = stack.enter_context(benchmark_identities(secret_key))
        app = stack.enter_context(served(workers=options.workers, environment=environment))
        floor = stack.enter_context(
            served(workers=options.workers, environment=environment, app="devtools.floor_wsgi")
        )
        server_settings = production_settings(environment, *COUNTED_WITH_SETTINGS)
        waited = wait_for_matching(app.url, identities["token"], workers=options.workers)
        progress(f"The workers built their claim indexes in {waited:.0f} s.")
        cursor_url = cursor_page_url(app.url, identities["token"])
        paths = build_paths(
            word=options.word,
            rare_word=options.rare_word,
            cursor_url=cursor_url,
        )
        if options.only:
            paths = [p for p in paths if {p.name, p.group} & set(options.only)]
        for index, path in enumerate(paths):
            if options.read_record:
                read = read_into_page_cache()
                if index == 0:
                    progress(
                        "The record cannot be read into the page cache (PostgreSQL's"
                        " pg_prewarm): its reads may come from disk."
                        if read is None
                        else f"The record ({read / 2**20:,.0f} MiB) is read into the page"
                        " cache before each path."
                    )
            headers = identities[path.auth]
            if path.method == "POST":
                headers = {**headers, "Content-Type": "application/json"}
            queries = count_queries(path, identities[path.auth], server_settings)
            # Unrecorded first: every worker loads what the path needs once (templates, the
            # database's pages), as a server in use has.
            warm_connections = max(options.connections[-1], options.workers)
            run_wrk(
                app.url,
                path,
                path.urls,
                headers,
                connections=warm_connections,
                seconds=options.warmup,
            )
            if path.floor_urls:
                run_wrk(
                    floor.url,
                    path,
                    path.floor_urls,
                    {},
                    connections=warm_connections,
                    seconds=options.warmup,
                )
            # The warm-up's last requests may still be queued at the workers when wrk stops:
            # the first recorded run would wait behind them.
            time.sleep(DRAIN_SECONDS)
            for connections in options.connections:
                measure = Measure(path=path, connections=connections, queries=queries)
                for _ in range(options.rounds):
                    measure.app.append(
                        _accounted_run(
                            options,
                            app,
                            path,
                            path.urls,
                            headers,
                            connections=connections,
                            seconds=options.seconds,
                        )
                    )
                    if path.floor_urls:
                        measure.floor.append(
                            _accounted_run(
                                options,
                                floor,
                                path,
                                path.floor_urls,
                                {},
                                connections=connections,
                                seconds=options.seconds,
                            )
                        )
                report.measures.append(measure)
                progress(format_measure(measure))
        if not options.only or "writes" in options.only:
            created: list = []
            try:
                for connections in sorted({1, min(options.connections[-1], 4)}):
                    measure = measure_writes(
                        app.url,
                        identities["writer"],
                        connections=connections,
                        trios=options.write_trios,
                        created=created,
                    )
                    report.writes.append(measure)
                    progress(format_writes(measure))
            finally:
                delete_written(created)
        if app.tracebacks():
            report.refused.append(f"the app logged {app.tracebacks()} tracebacks")
    return report


# The report


def _goal(measure: Measure) -> str:
    if not any(run.requests for run in measure.app):
        return "NO REQUEST FINISHED within a run"
    kind, target = GOALS.get(measure.path.name, GOALS.get(measure.path.group, (None, None)))
    if kind == "ratio" and measure.ratio is not None:
        return "met" if measure.ratio >= target else f"NOT MET (>= {target})"
    if kind == "p95":
        return "met" if measure.app_figures[2] <= target else f"NOT MET (<= {target:.0f} ms)"
    return ""


def format_measure(measure: Measure) -> str:
    per_second, p50, p95 = measure.app_figures
    floor = measure.floor_figures
    ratio = f"{measure.ratio:.2f}" if measure.ratio is not None else "-"
    floor_text = f"{floor[0]:8.1f} {floor[2]:7.1f}" if floor else f"{'-':>8} {'-':>7}"
    failures = f"  {measure.failures} failed" if measure.failures else ""
    return (
        f"| {measure.path.name:<28} | {measure.connections:>2} | {per_second:8.1f} | "
        f"{p50:7.1f} | {p95:7.1f} | {floor_text} | {ratio:>5} | "
        f"{measure.queries if measure.queries is not None else '-':>3} | {_goal(measure)}{failures}"
    )


def format_writes(measure: WriteMeasure) -> str:
    target = GOALS["writes"][1]
    goal = "met" if measure.p95_ms <= target else f"NOT MET (<= {target:.0f} ms)"
    failures = f"  {measure.failures} failed" if measure.failures else ""
    return (
        f"| {'writes (3 POSTs, together)':<28} | {measure.connections:>2} | "
        f"{measure.per_second:8.1f} | {measure.p50_ms:7.1f} | {measure.p95_ms:7.1f} | "
        f"{'-':>8} {'-':>7} | {'-':>5} | {'-':>3} | {goal}{failures}"
    )


HEADER = [
    "| Path                         | c  |  app r/s | app p50 | app p95 "
    "| floor r/s f. p95 | ratio | q   | goal",
    "|---|---|---|---|---|---|---|---|---|",
]


CPU_HEADER = [
    "CPU a request costs, in µs (median of the rounds): the server's gunicorn processes, "
    "PostgreSQL's, Redis's and wrk's, and all four",
    "",
    "| Path                         | c  | app: workers | postgres | redis | wrk | all "
    "| floor: workers | postgres | redis | wrk | all |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
]


def _cpu_cells(cpu: dict[str, float]) -> str:
    kinds = (*cpu_accounting.KINDS, "all")
    return " | ".join(f"{cpu[kind]:.0f}" if cpu else "-" for kind in kinds)


def format_cpu(measure: Measure) -> str:
    return (
        f"| {measure.path.name:<28} | {measure.connections:>2} | "
        f"{_cpu_cells(measure.app_cpu)} | {_cpu_cells(measure.floor_cpu)} |"
    )


def format_report(report: Report) -> list[str]:
    lines = [
        f"Database: {report.database}",
        f"Machine: {report.machine}",
        "Server: gunicorn, production settings"
        + "".join(f", {k}={v}" for k, v in sorted(report.environment.items())),
        "c: connections; latencies in ms (p95: the worst of the rounds); ratio: app ÷ floor "
        "throughput; q: database queries a request runs (counted in-process, warm)",
        "",
        *HEADER,
        *(format_measure(measure) for measure in report.measures),
        *(format_writes(measure) for measure in report.writes),
    ]
    accounted = [measure for measure in report.measures if measure.app_cpu]
    if accounted:
        lines += ["", *CPU_HEADER, *(format_cpu(measure) for measure in accounted)]
    lines += [f"Note: {line}" for line in report.refused]
    return lines
