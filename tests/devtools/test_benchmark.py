"""The API benchmark command: it measures every scenario and reports its figures.

Only the structure of the report is tested: performance is measured by the command, never
by a timed test.
"""

import re
from io import StringIO

import orjson
import pytest
from django.core import signals
from django.core.management import CommandError, call_command
from django.db import close_old_connections, connection
from django.test import override_settings

from core.models import ApiToken
from devtools.benchmark import (
    COLUMNS,
    Report,
    Result,
    Scenario,
    WsgiCaller,
    connections_kept,
    read_into_page_cache,
)
from tests.support.factories import ApiTokenFactory, ClaimFactory, role_user

SCENARIOS = ["list", "detail", "actor=", "denied_by=", "q=drones"]
NUMBER = r"[0-9]+(?:\.[0-9]+)?"


@pytest.fixture
def record(db):
    call_command(
        "generate_synthetic_record",
        claims=60,
        no_history=True,
        stdout=StringIO(),
        stderr=StringIO(),
    )


def benchmark(**options) -> str:
    out = StringIO()
    call_command("benchmark_api", stdout=out, **options)
    return out.getvalue()


def rows_of(report: str) -> dict[str, list[str]]:
    """The table's rows by scenario, each split into its columns."""
    lines = report.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("scenario"))
    rows = {}
    for line in lines[header + 1 :]:
        if not line.strip():
            break
        cells = re.split(r"\s{2,}", line.strip())
        rows[cells[0]] = cells
    return rows


def test_the_report_has_every_scenario_with_its_figures(record):
    """Each scenario prints latency, throughput, queries, its floor and the ratio."""
    report = benchmark(requests=3, warmup=1)
    assert "60 claims" in report
    header = next(line for line in report.splitlines() if line.startswith("scenario"))
    for name, _, _ in COLUMNS:
        assert name in header
    rows = rows_of(report)
    assert len(rows) == len(SCENARIOS)
    for prefix in SCENARIOS:
        (cells,) = [cells for name, cells in rows.items() if name.startswith(prefix)]
        assert len(cells) == len(COLUMNS), cells
        timed, median, p95, rate, queries, count, floor_median, floor_rate, floor_queries, ratio = (
            cells[1:11]
        )
        assert timed == "3"
        for value in (median, p95, rate, floor_median, floor_rate, ratio):
            assert re.fullmatch(NUMBER, value), (prefix, value)
        assert float(p95) >= float(median) > 0
        assert int(queries) >= 1
        assert int(floor_queries) >= 1
        assert int(count) >= 0
        assert cells[11] == "yes", f"{prefix}: the floor fetched other rows than the endpoint"


def test_the_report_states_the_goal_for_the_list(record):
    """The list's goal line gives the ratio to the floor and the queries per request."""
    report = benchmark(requests=3, warmup=0)
    goal = next(line for line in report.splitlines() if line.startswith("Goal (list)"))
    assert re.search(r"floor's: [0-9]+%, (met|NOT met)", goal)
    assert re.search(r"queries per request: [0-9]+, (met|NOT met)", goal)


def test_the_report_states_the_stacks_own_cost_and_the_best_ratio(record):
    """An anonymous request refused before any query measures what no endpoint can skip."""
    report = benchmark(requests=3, warmup=0)
    cost = next(line for line in report.splitlines() if line.startswith("The stack's own cost"))
    assert re.search(
        rf"\(an anonymous request refused with 401, 0 queries\): median {NUMBER} ms", cost
    )
    goal = next(line for line in report.splitlines() if line.startswith("Goal (list)"))
    assert re.search(r"The best ratio any endpoint on this stack could reach: [0-9]+%", goal)


def test_the_best_ratio_counts_the_stacks_own_cost_on_top_of_the_floor():
    """With a floor of 1 ms and a stack costing 3 ms, no endpoint can beat 1 / (1 + 3)."""
    scenario = Scenario("list", ["/"], [lambda: b"{}"], lambda body: [])
    result = Result(scenario, latencies=[0.01] * 3, floor_latencies=[0.001] * 3)
    report = Report(
        claims=1,
        requests=3,
        warmup=0,
        seconds=1,
        results=[result],
        database="",
        parameters={},
        framework_latencies=[0.003] * 3,
    )
    assert report.framework_median_ms == pytest.approx(3)
    assert report.best_ratio(result) == pytest.approx(0.25)


def test_the_filters_use_the_busiest_actors_aliases(record):
    """Without --actor/--denied-by, the filters name real actors of the record."""
    from sources.models import Actor

    rows = rows_of(benchmark(requests=3, warmup=0))
    actor = next(name for name in rows if name.startswith("actor="))[len("actor=") :]
    assert Actor.objects.matching(actor).exists()
    assert int(rows[f"actor={actor}"][6]) > 0


def test_named_filters_are_used_as_given(record):
    """--actor, --denied-by and --q set the filters' values."""
    rows = rows_of(
        benchmark(requests=3, warmup=0, actor="nobody at all", denied_by="nobody", q="tanks")
    )
    assert rows["actor=nobody at all"][6] == "0"
    assert rows["denied_by=nobody"][6] == "0"
    assert "q=tanks" in rows


def test_the_token_is_revoked_after_the_run(record):
    """The run's token does not outlive it."""
    benchmark(requests=3, warmup=0)
    assert ApiToken.objects.filter(user__username="api-benchmark").exists()
    assert not ApiToken.objects.active().filter(user__username="api-benchmark").exists()


def test_an_empty_database_is_refused(db):
    """Without claims there is nothing to measure: a clear error, no traceback."""
    with pytest.raises(CommandError, match="no claims"):
        benchmark(requests=3)


def test_throughput_and_percentiles_from_latencies():
    """Requests per second is the count over the time spent; p95 is a nearest rank."""
    scenario = Scenario("list", ["/"], [lambda: b"{}"], lambda body: [])
    result = Result(
        scenario,
        latencies=[0.01] * 19 + [0.1],
        floor_latencies=[0.005] * 20,
    )
    assert result.median_ms == pytest.approx(10)
    assert result.p95_ms == pytest.approx(10)
    assert result.per_second == pytest.approx(20 / 0.29)
    assert result.floor_per_second == pytest.approx(200)
    assert result.ratio == pytest.approx((20 / 0.29) / 200)


def test_a_slow_scenario_stops_at_the_time_budget(record):
    """With no time to spare, each scenario still times its minimum of three requests."""
    rows = rows_of(benchmark(requests=50, warmup=5, seconds=1e-9))
    assert {cells[1] for cells in rows.values()} == {"3"}


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(60, "its identity cached for 60 s"), (0, "its identity read on every request")],
)
def test_the_report_says_whether_token_identities_are_cached(record, settings, seconds, words):
    settings.API_IDENTITY_CACHE_SECONDS = seconds
    assert words in benchmark(requests=3, warmup=0)


def test_the_report_says_how_requests_are_made(record):
    assert "called as a WSGI server calls it" in benchmark(requests=3, warmup=0)


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_requests_go_through_the_wsgi_application_with_their_headers(db):
    """The caller gets what the application answers: 401 without a token, the list with one."""
    claim = ClaimFactory()
    token = ApiTokenFactory(user=role_user("Viewer"))
    with connections_kept():
        status, body = WsgiCaller({"Accept": "application/json"}).get("/api/v1/claims/")
        assert status == 401
        assert orjson.loads(body)["status"] == 401
        caller = WsgiCaller({"Authorization": f"Bearer {token.secret}"})
        status, body = caller.get("/api/v1/claims/?page_size=1")
    assert status == 200
    assert [row["id"] for row in orjson.loads(body)["results"]] == [claim.pk]


def test_connections_are_closed_between_requests_again_after_the_run():
    """The run keeps its connection across requests; afterwards Django's handling is back."""

    def connected() -> bool:
        return all(
            any(receiver() is close_old_connections for _, receiver, *_ in signal.receivers)
            for signal in (signals.request_started, signals.request_finished)
        )

    def interrupted_run():
        with connections_kept():
            assert not connected()
            raise RuntimeError("the run failed")

    assert connected()
    with pytest.raises(RuntimeError, match="the run failed"):
        interrupted_run()
    assert connected()


def test_the_record_is_read_into_the_page_cache_where_postgresql_can(db):
    """By pg_prewarm, created if missing: every table of the record with its indexes and
    TOAST, and nothing outside the database; elsewhere, nothing can be."""
    ClaimFactory.create_batch(3)
    read = read_into_page_cache()
    if connection.vendor != "postgresql":
        assert read is None
        return
    if read is None:
        pytest.skip("pg_prewarm is not there, or not this database user's to create")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_prewarm'")
        assert cursor.fetchone() == (1,)
        cursor.execute(
            "SELECT pg_relation_size('claims_claim'), sum(pg_relation_size(indexrelid)),"
            " pg_database_size(current_database())"
            " FROM pg_index WHERE indrelid = 'claims_claim'::regclass"
        )
        table, indexes, database = cursor.fetchone()
    assert table > 0
    assert table + indexes <= read <= database
    assert read_into_page_cache() == read  # nothing written meanwhile: the same pages
