"""The claims API measured against a floor: the least any endpoint serving the same data does.

Each scenario sends requests through the whole Django stack in-process, calling the WSGI
application as a server does (middleware, authentication by bearer token, permissions,
throttling, filters, pagination, serializers, rendering) and, interleaved with them so both
meet the same load on the machine, runs its floor: hand-written SQL fetching the same columns
of the same rows with ``cursor.execute``, turned into dictionaries and dumped with orjson.
The floor formats nothing (no URLs, no display strings, no chains), so the ratio of the two
throughputs is what the framework and the representation cost.

Run it with ``manage.py benchmark_api``; docs/performance.md has the figures and how to
reproduce them.
"""

# The floor's SQL is assembled from the models' table names only; every value is a parameter.
# ruff: noqa: S608

import contextlib
import io
import logging
import math
import os
import platform
import statistics
import time
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import orjson
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.db.models import Count, Max, Min
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils.http import urlencode

from claims.choices import Stance
from claims.models import Citation, Claim, ClaimRelation, Statement, Topic
from core.api.throttling import UserThrottle
from core.text import fold
from core.tokens import api_token_create, api_token_revoke
from sources.models import Actor, Alias

PAGE_SIZE = 50
# The goal at 1M claims: list throughput at least this share of the floor's, in at most
# this many queries per request.
GOAL_RATIO = 0.5
GOAL_QUERIES = 3
BENCHMARK_USERNAME = "api-benchmark"
DETAIL_SAMPLES = 20
# Each scenario's timed requests stop after this many seconds (a slow filter at 1M claims
# would otherwise take an hour), but never before MIN_REQUESTS.
DEFAULT_SECONDS = 60.0
MIN_REQUESTS = 3


class BenchmarkError(Exception):
    """The benchmark cannot run (an empty record, a refused request); the message says why."""


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dumps(data) -> bytes:
    return orjson.dumps(data, default=_json_default)


def _rows(cursor) -> list[dict]:
    rows = cursor.fetchall()  # first: in a pipeline, the description comes with the rows
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in rows]


# The floor's SQL


def _tables() -> dict[str, str]:
    return {
        "claim": Claim._meta.db_table,
        "statement": Statement._meta.db_table,
        "citation": Citation._meta.db_table,
        "relation": ClaimRelation._meta.db_table,
        "topic": Topic._meta.db_table,
        "claim_topics": Claim.topics.through._meta.db_table,
        "claim_about": Claim.about.through._meta.db_table,
        "actor": Actor._meta.db_table,
        "alias": Alias._meta.db_table,
        "source": Claim._meta.apps.get_model("sources", "Source")._meta.db_table,
    }


def list_sql(where: str = "", *, limit: int = PAGE_SIZE, ascending: bool = False) -> str:
    """The columns of the claims list, with the two counts, for the newest 50 current claims
    (``where`` adds conditions with ``AND``)."""
    t = _tables()
    current = "s.withdrawn_at IS NULL AND s.claim_id = c.id"
    conditions = " AND ".join(
        condition
        for condition in ("c.withdrawn_at IS NULL", where.removeprefix("WHERE "))
        if condition
    )
    return (
        "SELECT c.id, c.text, c.language, c.kind, c.quantity_value, c.quantity_upper, "
        "c.quantity_comparator, c.quantity_unit, c.created_at, c.updated_at, "
        f"(SELECT COUNT(*) FROM {t['statement']} s WHERE {current}) AS statement_count, "
        f"(SELECT COUNT(*) FROM {t['statement']} s WHERE {current} "
        "AND s.stance = %s) AS denial_count "
        f"FROM {t['claim']} c WHERE {conditions} "
        f"ORDER BY c.id {'ASC' if ascending else 'DESC'} LIMIT {limit}"
    )


def by_actor_where(*, stance: str | None = None) -> str:
    """Claims with a statement by the actor a folded name or alias means (stance optional)."""
    t = _tables()
    stance_sql = "AND s.stance = %s " if stance else ""
    return (
        f"WHERE c.id IN (SELECT s.claim_id FROM {t['statement']} s WHERE s.actor_id IN ("
        f"SELECT a.id FROM {t['actor']} a WHERE a.name_folded = %s "
        f"UNION SELECT al.actor_id FROM {t['alias']} al WHERE al.name_folded = %s) {stance_sql})"
    )


def topic_where() -> str:
    """Claims under the topic a slug names."""
    t = _tables()
    return (
        f"WHERE c.id IN (SELECT ct.claim_id FROM {t['claim_topics']} ct "
        f"JOIN {t['topic']} tp ON tp.id = ct.topic_id WHERE tp.slug = %s)"
    )


def search_where() -> str:
    """Claims whose text, or a quote of one of their statements, matches a search (two
    parameters, the word twice)."""
    if connection.vendor == "postgresql":
        # The claims' stored documents of their text and of their quotes (claims.search),
        # parsed as English only: the benchmark's words are English, and a floor may do less
        # than the product.
        match = "{} @@ websearch_to_tsquery('english'::regconfig, %s)"
        return f"WHERE ({match.format('c.search_document')} OR {match.format('c.quote_document')})"
    t = _tables()
    return (
        f"WHERE c.id IN (SELECT id FROM {t['claim']} WHERE text LIKE %s "
        f"UNION SELECT s.claim_id FROM {t['citation']} ci "
        f"JOIN {t['statement']} s ON s.id = ci.statement_id WHERE ci.quote LIKE %s)"
    )


def search_param(word: str) -> str:
    return word if connection.vendor == "postgresql" else f"%{word}%"


class ListFloor:
    """A page of claims: one query, dictionaries, JSON."""

    def __init__(self, where: str = "", params: Callable[[], list] = list):
        self.sql = list_sql(where)
        self.params = params

    def __call__(self) -> bytes:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [Stance.DENIES, *self.params()])
            return _dumps({"results": _rows(cursor)})


class DetailFloor:
    """A claim with what its detail shows: about, topics, statements with their actors,
    citations with their sources and publishers, denials, relations. One query each, sent
    together as the app's are (in one pipeline on PostgreSQL)."""

    def __init__(self):
        t = _tables()
        self.claim_sql = (
            "SELECT id, text, language, kind, quantity_value, quantity_upper, "
            "quantity_comparator, quantity_unit, period_start, period_end, period_precision, "
            f"place, created_at, updated_at FROM {t['claim']} WHERE id = %s"
        )
        self.about_sql = (
            f"SELECT a.id, a.name, a.kind FROM {t['claim_about']} ca "
            f"JOIN {t['actor']} a ON a.id = ca.actor_id WHERE ca.claim_id = %s"
        )
        self.topics_sql = (
            f"SELECT t.name FROM {t['claim_topics']} ct JOIN {t['topic']} t "
            "ON t.id = ct.topic_id WHERE ct.claim_id = %s"
        )
        self.statements_sql = (
            "SELECT s.id, s.actor_id, a.name AS actor_name, a.kind AS actor_kind, "
            "s.speaker_label, s.stance, s.stated_on, s.stated_precision, s.responds_to_id, "
            f"s.confidence, s.note FROM {t['statement']} s "
            f"LEFT JOIN {t['actor']} a ON a.id = s.actor_id "
            "WHERE s.claim_id = %s ORDER BY s.stated_on, s.id"
        )
        self.citations_sql = (
            "SELECT ci.id, ci.statement_id, ci.role, ci.access, ci.quote, ci.quote_verified, "
            "ci.quote_start, ci.quote_end, ci.snapshot_id, ci.locator, ci.retrieved_on, "
            "ci.derived_from_id, so.id AS source_id, so.kind AS source_kind, "
            "so.title AS source_title, so.published_on AS source_published_on, "
            "p.id AS publisher_id, p.name AS publisher_name, p.kind AS publisher_kind "
            f"FROM {t['citation']} ci JOIN {t['statement']} s ON s.id = ci.statement_id "
            f"JOIN {t['source']} so ON so.id = ci.source_id "
            f"LEFT JOIN {t['actor']} p ON p.id = so.publisher_id "
            "WHERE s.claim_id = %s ORDER BY ci.id"
        )
        self.relations_sql = (
            "SELECT r.id, r.kind, r.note, r.from_claim_id, r.to_claim_id, "
            "o.id AS other_id, o.text AS other_text "
            f"FROM {t['relation']} r JOIN {t['claim']} o ON o.id = CASE "
            "WHEN r.from_claim_id = %s THEN r.to_claim_id ELSE r.from_claim_id END "
            "WHERE r.from_claim_id = %s OR r.to_claim_id = %s ORDER BY r.id"
        )

    def __call__(self, claim_id: int) -> bytes:
        queries = [
            (self.claim_sql, [claim_id]),
            (self.about_sql, [claim_id]),
            (self.topics_sql, [claim_id]),
            (self.statements_sql, [claim_id]),
            (self.citations_sql, [claim_id]),
            (self.relations_sql, [claim_id, claim_id, claim_id]),
        ]
        with contextlib.ExitStack() as open_cursors:
            cursors = [open_cursors.enter_context(connection.cursor()) for _ in queries]
            together = (
                connection.connection.pipeline()
                if connection.vendor == "postgresql"
                else contextlib.nullcontext()
            )
            with together:
                for cursor, (sql, params) in zip(cursors, queries, strict=True):
                    cursor.execute(sql, params)
                claim_cursor, about, topics, statement_cursor, citation_cursor, relations = cursors
                (claim,) = _rows(claim_cursor)
                claim["about"] = _rows(about)
                claim["topics"] = [row[0] for row in topics.fetchall()]
                statements = _rows(statement_cursor)
                citations = _rows(citation_cursor)
                claim["relations"] = _rows(relations)
        by_statement: dict[int, list[dict]] = {s["id"]: [] for s in statements}
        for citation in citations:
            by_statement[citation["statement_id"]].append(citation)
        for statement in statements:
            statement["citations"] = by_statement[statement["id"]]
        claim["statements"] = statements
        claim["denials"] = [
            {
                "id": s["id"],
                "actor_id": s["actor_id"],
                "quotes": [c["quote"] for c in s["citations"] if c["quote"]],
            }
            for s in statements
            if s["stance"] == Stance.DENIES
        ]
        return _dumps(claim)


# Scenarios and their measurement


def _list_ids(body: dict) -> list[int]:
    return [row["id"] for row in body["results"]]


def _detail_ids(body: dict) -> list[int]:
    statements = body["statements"]
    citations = sorted(c["id"] for s in statements for c in s["citations"])
    return [body["id"], *(s["id"] for s in statements), *citations]


@dataclass
class Scenario:
    """Requests to one endpoint (cycled through ``paths``) and the floor of each."""

    name: str
    paths: list[str]
    floors: list[Callable[[], bytes]]
    ids: Callable[[dict], list[int]]
    # The goal applies to this scenario (the plain list).
    goal: bool = False


@dataclass
class Result:
    scenario: Scenario
    latencies: list[float] = field(default_factory=list)
    floor_latencies: list[float] = field(default_factory=list)
    queries: int = 0
    floor_queries: int = 0
    rows: int = 0
    same_rows: bool = True

    @staticmethod
    def _p95(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95_ms(self) -> float:
        return self._p95(self.latencies) * 1000

    @property
    def per_second(self) -> float:
        return len(self.latencies) / sum(self.latencies)

    @property
    def floor_median_ms(self) -> float:
        return statistics.median(self.floor_latencies) * 1000

    @property
    def floor_per_second(self) -> float:
        return len(self.floor_latencies) / sum(self.floor_latencies)

    @property
    def ratio(self) -> float:
        return self.per_second / self.floor_per_second


@dataclass
class Report:
    claims: int
    requests: int
    warmup: int
    seconds: float
    results: list[Result]
    database: str
    parameters: dict[str, str]
    # The least a request costs in this stack, and its queries (see measure_framework).
    framework_latencies: list[float] = field(default_factory=list)
    framework_queries: int = 0
    # API_IDENTITY_CACHE_SECONDS: whether requests after the first look their token up.
    identity_cache_seconds: int = 0

    @property
    def framework_median_ms(self) -> float:
        return statistics.median(self.framework_latencies) * 1000

    def best_ratio(self, result: Result) -> float:
        """The highest ratio any endpoint built on this stack could reach for ``result``.

        Such an endpoint pays at least the stack's own cost plus the floor's work.
        """
        floor = statistics.median(result.floor_latencies)
        return floor / (floor + statistics.median(self.framework_latencies))

    def goal_results(self) -> list[Result]:
        return [result for result in self.results if result.scenario.goal]


def database_description() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return connection.vendor


# The schema's tables, materialized views and indexes, with their TOAST tables and indexes.
_RECORD_RELATIONS = """
    SELECT c.oid FROM pg_class c
    WHERE c.relkind IN ('r', 'm', 'i', 't')
      AND (c.relnamespace = current_schema()::regnamespace
           OR c.oid IN (SELECT reltoastrelid FROM pg_class
                        WHERE relnamespace = current_schema()::regnamespace)
           OR c.oid IN (SELECT i.indexrelid FROM pg_index i
                        JOIN pg_class t ON t.reltoastrelid = i.indrelid
                        WHERE t.relnamespace = current_schema()::regnamespace))
"""


def read_into_page_cache() -> int | None:
    """Read the database's tables and indexes (and their TOAST) into the operating system's
    page cache, as a server long in use has them: how many bytes were read, or None where it
    cannot (not PostgreSQL, or ``pg_prewarm``, which it creates if missing, is not there or
    not this user's to create).

    A machine may drop its page cache while a benchmark runs: the paths after it would be
    timed reading from disk, the app's and the floor's runs unequally.
    """
    if connection.vendor != "postgresql":
        return None
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
    except DatabaseError:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(pg_prewarm(oid, 'read')), 0)"
            f" * current_setting('block_size')::bigint FROM ({_RECORD_RELATIONS}) AS record"
        )
        return int(cursor.fetchone()[0])


def machine_description() -> str:
    memory = ""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages * size / 2**30:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        pass
    return (
        f"{os.cpu_count()} CPU cores{memory}, Python {platform.python_version()}, "
        f"{database_description()}"
    )


def busiest_alias(*, denials: bool) -> str | None:
    """An alias (else the name) of the actor with the most statements (or denials)."""
    statements = Statement.objects.exclude(actor=None)
    if denials:
        statements = statements.filter(stance=Stance.DENIES)
    top = (
        statements.order_by()
        .values_list("actor_id", flat=True)
        .annotate(n=Count("id"))
        .order_by("-n", "actor_id")[:10]
    )
    top = list(top)
    if not top:
        return None
    aliases = dict(
        Alias.objects.filter(actor_id__in=top).order_by("-id").values_list("actor_id", "name")
    )
    for actor_id in top:
        if actor_id in aliases:
            return aliases[actor_id]
    return Actor.objects.get(pk=top[0]).name


def sample_claim_ids(count: int = DETAIL_SAMPLES) -> list[int]:
    """Claim ids spread over the whole table (old and new rows alike)."""
    bounds = Claim.objects.aggregate(low=Min("id"), high=Max("id"))
    low, high = bounds["low"], bounds["high"]
    if low is None:
        return []
    ids = []
    for step in range(count):
        target = low + (high - low) * step // max(1, count - 1)
        found = Claim.objects.filter(pk__gte=target).order_by("pk").values_list("pk", flat=True)
        ids.append(found.first())
    return list(dict.fromkeys(i for i in ids if i is not None))


def build_scenarios(*, actor: str, denied_by: str, word: str) -> list[Scenario]:
    url = reverse("api:claim-list")

    def listing(params: dict) -> str:
        return f"{url}?{urlencode({'page_size': PAGE_SIZE, **params})}"

    claim_ids = sample_claim_ids()
    detail_floor = DetailFloor()
    return [
        Scenario("list", [listing({})], [ListFloor()], _list_ids, goal=True),
        Scenario(
            "detail",
            [reverse("api:claim-detail", args=[pk]) for pk in claim_ids],
            [lambda pk=pk: detail_floor(pk) for pk in claim_ids],
            _detail_ids,
        ),
        Scenario(
            f"actor={actor}",
            [listing({"actor": actor})],
            [ListFloor(by_actor_where(), lambda: [fold(actor), fold(actor)])],
            _list_ids,
        ),
        Scenario(
            f"denied_by={denied_by}",
            [listing({"denied_by": denied_by})],
            [
                ListFloor(
                    by_actor_where(stance=Stance.DENIES),
                    lambda: [fold(denied_by), fold(denied_by), Stance.DENIES],
                )
            ],
            _list_ids,
        ),
        Scenario(
            f"q={word}",
            [listing({"q": word})],
            [ListFloor(search_where(), lambda: [search_param(word), search_param(word)])],
            _list_ids,
        ),
    ]


class WsgiCaller:
    """GET requests made as a WSGI server makes them: an environ in, the status and body out,
    the response closed.

    Django's test client would add its own bookkeeping to every request (template and
    exception signal hooks, a cookie jar, attributes on the response), 5–7 % of a list
    request's instructions, which no deployed endpoint pays.
    """

    def __init__(self, headers: dict[str, str] | None = None):
        self.application = WSGIHandler()
        self.environ = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "testserver",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.errors": io.StringIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            **{
                f"HTTP_{name.upper().replace('-', '_')}": value
                for name, value in (headers or {}).items()
            },
        }

    def get(self, path: str) -> tuple[int, bytes]:
        path, _, query = path.partition("?")
        environ = {
            **self.environ,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "wsgi.input": io.BytesIO(),
        }
        statuses = []

        def start_response(status, headers, exc_info=None):
            statuses.append(int(status.split(" ", 1)[0]))

        response = self.application(environ, start_response)
        try:
            body = b"".join(response)
        finally:
            response.close()
        return statuses[0], body


@contextlib.contextmanager
def connections_kept():
    """Keep the database connection across requests, as ``CONN_MAX_AGE`` does in production.

    Django closes a connection at the end of a request unless it may live on, and checks a
    kept one at the start of the next (``CONN_HEALTH_CHECKS``). The floor runs on the same
    connection and does neither, so neither is timed.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


class _Session:
    """A Viewer's bearer token for the run, revoked at the end."""

    def __enter__(self):
        user, created = get_user_model().objects.get_or_create(username=BENCHMARK_USERNAME)
        if created:
            user.set_unusable_password()  # it signs in with the run's token only
            user.save(update_fields=["password"])
        viewer = Group.objects.filter(name="Viewer").first()
        if viewer is None:
            raise BenchmarkError("The Viewer group is missing: run `manage.py migrate` first.")
        user.groups.add(viewer)
        self.user = user
        self.token, raw = api_token_create(user=user, name=f"benchmark {uuid.uuid4().hex[:8]}")
        self.caller = WsgiCaller({"Authorization": f"Bearer {raw}", "Accept": "application/json"})
        return self

    def __exit__(self, *exc):
        api_token_revoke(token=self.token)

    def forget_throttling(self) -> None:
        """Start each scenario with no request counted, so that none gets 429."""
        UserThrottle().forget(self.user.pk)

    def get(self, path: str) -> bytes:
        status, body = self.caller.get(path)
        if status != 200:
            raise BenchmarkError(f"GET {path} answered {status}: {body[:300]!r}")
        return body


def measure(
    scenario: Scenario, session: _Session, *, requests: int, warmup: int, seconds: float
) -> Result:
    """Time ``requests`` requests and their floors, or as many as fit in ``seconds``.

    A slow scenario still gets ``MIN_REQUESTS`` timed requests; the warm-up takes at most a
    fifth of the time.
    """
    result = Result(scenario)
    session.forget_throttling()
    count = len(scenario.paths)
    clock = time.perf_counter
    started = clock()
    for i in range(warmup):
        if i and clock() - started > seconds / 5:
            break
        session.get(scenario.paths[i % count])
        scenario.floors[i % count]()
    for i in range(min(count, requests)):
        body = orjson.loads(session.get(scenario.paths[i]))
        floor = orjson.loads(scenario.floors[i]())
        result.same_rows &= scenario.ids(body) == scenario.ids(floor)
        if i == 0:
            result.rows = len(body["results"]) if "results" in body else 1
    with CaptureQueriesContext(connection) as context:
        session.get(scenario.paths[0])
    result.queries = len(context.captured_queries)
    with CaptureQueriesContext(connection) as context:
        scenario.floors[0]()
    result.floor_queries = len(context.captured_queries)
    started = clock()
    # Interleaved, so that both meet the same load from anything else on the machine.
    for i in range(requests):
        if i >= MIN_REQUESTS and clock() - started > seconds:
            break
        path, floor = scenario.paths[i % count], scenario.floors[i % count]
        before = clock()
        session.get(path)
        middle = clock()
        floor()
        result.latencies.append(middle - before)
        result.floor_latencies.append(clock() - middle)
    return result


def measure_framework(path: str, *, requests: int) -> tuple[list[float], int]:
    """Latencies of anonymous requests to ``path``, and the queries one of them runs.

    Refused with 401 by the permission check, before any query, such a request still passes
    through everything an endpoint cannot skip: the middleware, URL resolution, DRF's request
    wrapping, authentication, content negotiation, the error handler and JSON rendering.
    """
    caller = WsgiCaller({"Accept": "application/json"})
    # Each refusal would otherwise log an "Unauthorized" warning.
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return _time_refusals(caller, path, requests=requests)
    finally:
        logger.setLevel(level)


def _time_refusals(caller: WsgiCaller, path: str, *, requests: int) -> tuple[list[float], int]:
    for _ in range(max(1, requests // 10)):
        caller.get(path)
    with CaptureQueriesContext(connection) as context:
        status, _ = caller.get(path)
    if status != 401:
        raise BenchmarkError(f"GET {path} without a token answered {status}.")
    clock = time.perf_counter
    latencies = []
    for _ in range(requests):
        before = clock()
        caller.get(path)
        latencies.append(clock() - before)
    return latencies, len(context.captured_queries)


def run(
    *,
    requests: int,
    warmup: int,
    seconds: float = DEFAULT_SECONDS,
    actor: str | None = None,
    denied_by: str | None = None,
    word: str = "drones",
    progress: Callable[[Result], None] | None = None,
) -> Report:
    """Measure every scenario against the current database; ``progress`` gets each result."""
    claims = Claim.objects.count()
    if not claims:
        raise BenchmarkError(
            "The database holds no claims: generate a record first "
            "(manage.py generate_synthetic_record)."
        )
    actor = actor or busiest_alias(denials=False) or ""
    denied_by = denied_by or busiest_alias(denials=True) or actor
    # The request path as production serves it: no SQL kept in memory (DEBUG off), the
    # connection kept across requests, and the requests' host allowed.
    with (
        override_settings(DEBUG=False, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]),
        connections_kept(),
        warnings.catch_warnings(),
        _Session() as session,
    ):
        # WhiteNoise warns when static files were not collected; the API serves none.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        scenarios = build_scenarios(actor=actor, denied_by=denied_by, word=word)
        results = []
        for scenario in scenarios:
            result = measure(scenario, session, requests=requests, warmup=warmup, seconds=seconds)
            results.append(result)
            if progress:
                progress(result)
        framework_latencies, framework_queries = measure_framework(
            reverse("api:claim-list"), requests=requests
        )
    return Report(
        claims=claims,
        requests=requests,
        warmup=warmup,
        seconds=seconds,
        results=results,
        database=machine_description(),
        parameters={"actor": actor, "denied_by": denied_by, "q": word},
        framework_latencies=framework_latencies,
        framework_queries=framework_queries,
        identity_cache_seconds=settings.API_IDENTITY_CACHE_SECONDS,
    )


# Output

COLUMNS = [
    ("scenario", "<", 12),
    ("requests", ">", 8),
    ("median ms", ">", 9),
    ("p95 ms", ">", 8),
    ("req/s", ">", 8),
    ("queries", ">", 7),
    ("rows", ">", 4),
    ("floor median ms", ">", 15),
    ("floor req/s", ">", 11),
    ("floor queries", ">", 13),
    ("endpoint/floor", ">", 14),
    ("same rows", ">", 9),
]


def _line(values, first_width: int) -> str:
    widths = [first_width, *(width for _, _, width in COLUMNS[1:])]
    return "  ".join(
        f"{value!s:{align}{width}}"
        for value, (_, align, _), width in zip(values, COLUMNS, widths, strict=True)
    )


def _identity_description(seconds: int) -> str:
    if seconds:
        return f"its identity cached for {seconds} s"
    return "its identity read on every request"


def format_report(report: Report) -> list[str]:
    lines = [
        f"Claims API benchmark: {report.claims:,} claims; {report.database}.",
        f"Up to {report.requests} requests per scenario (or {report.seconds:.0f} s) after "
        f"up to {report.warmup} warm-up requests, in-process through the whole Django stack "
        "called as a WSGI server calls it "
        f"(bearer token, {_identity_description(report.identity_cache_seconds)}, DEBUG off), "
        "each request followed by its floor (raw SQL + orjson).",
        "",
    ]
    first_width = max(COLUMNS[0][2], *(len(r.scenario.name) for r in report.results))
    lines.append(_line([name for name, _, _ in COLUMNS], first_width))
    for result in report.results:
        lines.append(
            _line(
                [
                    result.scenario.name,
                    len(result.latencies),
                    f"{result.median_ms:.2f}",
                    f"{result.p95_ms:.2f}",
                    f"{result.per_second:.1f}",
                    result.queries,
                    result.rows,
                    f"{result.floor_median_ms:.2f}",
                    f"{result.floor_per_second:.1f}",
                    result.floor_queries,
                    f"{result.ratio:.2f}",
                    "yes" if result.same_rows else "NO",
                ],
                first_width,
            )
        )
    lines.append("")
    lines.append(
        f"The stack's own cost (an anonymous request refused with 401, "
        f"{report.framework_queries} queries): median {report.framework_median_ms:.2f} ms."
    )
    for result in report.goal_results():
        met_ratio = result.ratio >= GOAL_RATIO
        met_queries = result.queries <= GOAL_QUERIES
        lines.append(
            f"Goal ({result.scenario.name}): throughput ≥ {GOAL_RATIO:.0%} of the floor's: "
            f"{result.ratio:.0%}, {'met' if met_ratio else 'NOT met'}; "
            f"≤ {GOAL_QUERIES} queries per request: {result.queries}, "
            f"{'met' if met_queries else 'NOT met'}. The best ratio any endpoint on this "
            f"stack could reach: {report.best_ratio(result):.0%} (floor / (floor + the "
            "stack's own cost))."
        )
    if not all(result.same_rows for result in report.results):
        lines.append("Warning: some endpoint and floor returned different rows; compare their SQL.")
    return lines
