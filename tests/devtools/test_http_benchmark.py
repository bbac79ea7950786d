"""The HTTP benchmark: the app and its floor served by gunicorn, driven by wrk, every path
reported with its figures, and nothing left behind."""

import os
import re
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from claims.choices import Stance
from claims.models import Citation, Claim, Statement
from core.models import ApiToken
from devtools.http_benchmark import (
    GOALS,
    Measure,
    Run,
    Target,
    WriteMeasure,
    build_paths,
    format_measure,
)
from tests.support.factories import ClaimFactory, StatementFactory, TopicFactory

WRK_REQUIRED = bool(os.environ.get("CLAIMTRACK_WRK_REQUIRED"))


def run(**figures) -> Run:
    return Run(
        **{
            "requests": 100,
            "seconds": 1.0,
            "non2xx": 0,
            "errors": 0,
            "p50_ms": 5.0,
            "p95_ms": 9.0,
            **figures,
        }
    )


def test_the_ratio_is_the_app_throughput_over_the_floors():
    measure = Measure(
        path=Target("list", "list", ["/api/v1/claims/"], ["/claims/"]),
        connections=4,
        app=[run(requests=60), run(requests=40)],
        floor=[run(requests=100), run(requests=100)],
        queries=1,
    )
    assert measure.ratio == pytest.approx(0.5)
    assert measure.app_figures == (50.0, 5.0, 9.0)
    assert format_measure(measure).rstrip().endswith("met")


def test_a_path_under_its_goal_says_so_and_failures_are_counted():
    measure = Measure(
        path=Target("claim change page", "admin", ["/admin/claims/claim/1/change/"], auth="admin"),
        connections=1,
        app=[run(p95_ms=150.0, non2xx=3)],
    )
    line = format_measure(measure)
    assert f"NOT MET (<= {GOALS['admin'][1]:.0f} ms)" in line
    assert line.endswith("3 failed")


def test_a_path_whose_requests_outlast_the_run_is_not_met():
    measure = Measure(
        path=Target("claims changelist", "admin", ["/admin/claims/claim/"], auth="admin"),
        connections=1,
        app=[run(requests=0, p50_ms=0.0, p95_ms=0.0)],
    )
    assert "NO REQUEST FINISHED" in format_measure(measure)


def test_writes_are_timed_as_three_requests_together():
    measure = WriteMeasure(connections=1, trios=[0.02] * 19 + [0.1], failures=0)
    assert measure.p50_ms == pytest.approx(20.0)
    assert measure.p95_ms == pytest.approx(20.0)
    assert WriteMeasure(connections=1, trios=[0.02] * 18 + [0.1] * 2, failures=0).p95_ms == (
        pytest.approx(100.0)
    )


@pytest.mark.parametrize(
    "options",
    [
        {"connections": "0"},
        {"connections": "a,b"},
        {"rounds": 0},
        {"seconds": 0},
        {"warmup": 0},
        {"env": ["NOVALUE"]},
        {"write_trios": 0},
    ],
)
def test_bad_options_are_refused(db, options):
    with pytest.raises(CommandError):
        call_command("benchmark_http", stdout=StringIO(), **options)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the servers share the test database")
def test_every_path_asked_for_is_measured_against_the_served_app(migration_data):
    if not shutil.which("wrk"):
        if WRK_REQUIRED:
            pytest.fail("wrk is required here (CLAIMTRACK_WRK_REQUIRED)")
        pytest.skip("wrk is not installed")
    call_command(
        "generate_synthetic_record",
        claims=200,
        no_history=True,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    claims, statements, citations = (m.objects.count() for m in (Claim, Statement, Citation))
    out, progress = StringIO(), StringIO()
    call_command(
        "benchmark_http",
        connections="1,2",
        seconds=1,
        rounds=1,
        write_trios=2,
        cpu=True,
        only=[
            "list",
            "detail",
            "filter: actor",
            "claims changelist",
            "public fact-check list",
            "writes",
        ],
        stdout=out,
        stderr=progress,
    )
    assert "into the page cache" in progress.getvalue()  # or why it cannot be
    report, _, cpu_table = out.getvalue().partition("CPU a request costs")
    rows = [line for line in report.splitlines() if line.startswith("| ") and "Path" not in line]
    names = {re.split(r"\s*\|\s*", row)[1] for row in rows}
    assert {
        "list",
        "list, page 3 by cursor",
        "detail",
        "filter: actor",
        "claims changelist",
        "public fact-check list",
        "writes (3 POSTs, together)",
    } <= names
    assert len(rows) == 2 * len(names)  # each at 1 and 2 connections
    assert "failed" not in report
    assert "200 claims" in report.splitlines()[0]  # the record measured, in the header
    assert "tracebacks" not in report
    # the list and detail have a floor and a ratio; the admin page has neither
    for row in rows:
        cells = re.split(r"\s*\|\s*", row)
        if cells[1] in ("list", "detail"):
            assert re.fullmatch(r"[0-9.]+", cells[7])
        if cells[1] == "claims changelist":
            assert cells[7] == "-"
    # with cpu, what each request cost the app's workers and the floor's, path by path
    cpu_rows = {
        tuple(re.split(r"\s*\|\s*", line)[1:3]): re.split(r"\s*\|\s*", line)[3:-1]
        for line in cpu_table.splitlines()
        if line.startswith("| ") and "Path" not in line
    }
    assert {name for name, _ in cpu_rows} == names - {"writes (3 POSTs, together)"}
    app_workers, *_, app_all = cpu_rows[("list", "1")][:5]
    assert 0 < float(app_workers) <= float(app_all)
    assert cpu_rows[("claims changelist", "2")][5:] == ["-"] * 5  # no floor
    # the writes are deleted again, and the tokens revoked
    assert (Claim.objects.count(), Statement.objects.count(), Citation.objects.count()) == (
        claims,
        statements,
        citations,
    )
    assert not ApiToken.objects.active().filter(user__username__startswith="http-benchmark")


def test_each_filter_is_in_the_filter_group(db):
    claim = ClaimFactory()
    StatementFactory(claim=claim, stance=Stance.DENIES)
    TopicFactory().claims.add(claim)
    paths = build_paths(word="claim", rare_word="Nevmonescu", cursor_url="/api/v1/claims/")
    filters = {path.name for path in paths if path.group == "filter"}
    assert {"filter: actor", "filter: denied_by", "filter: topic"} <= filters
    assert all(name.startswith("filter: ") for name in filters)
