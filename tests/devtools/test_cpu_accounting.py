"""The CPU a run of requests cost, per request and per kind of process, read from /proc."""

import os
import subprocess
import sys

import pytest

from devtools import cpu_accounting
from devtools.cpu_accounting import Sample, _process, per_request
from devtools.http_benchmark import Measure, Report, Run, Target, format_cpu, format_report

TICK_US = 1e6 / os.sysconf("SC_CLK_TCK")


def stat_line(pid, name, ppid, utime, stime) -> str:
    fields = ["S", str(ppid), *["0"] * 9, str(utime), str(stime), *["0"] * 30]
    return f"{pid} ({name}) {' '.join(fields)}"


def test_a_stat_line_gives_the_name_parent_and_both_times_whatever_the_name_holds():
    assert _process(stat_line(42, "gunicorn: worker", 7, 120, 30)) == (
        42,
        ("gunicorn: worker", 7, 150),
    )
    assert _process(stat_line(43, "odd) (name", 1, 1, 2)) == (43, ("odd) (name", 1, 3))


def test_each_kind_is_charged_what_its_processes_spent_during_the_run():
    server = 100
    before = Sample(
        {
            100: ("gunicorn", 1, 5),
            101: ("gunicorn", 100, 50),
            200: ("postgres", 1, 10),
            300: ("redis-server", 1, 7),
            400: ("python3", 1, 0),
            500: ("postgres", 1, 80),
        },
        children_seconds=1.0,
    )
    after = Sample(
        {
            100: ("gunicorn", 1, 5),
            101: ("gunicorn", 100, 70),  # a worker: 20 ticks
            102: ("gunicorn", 100, 10),  # a worker started during the run: all of its 10
            200: ("postgres", 1, 40),  # 30 ticks
            201: ("postgres", 1, 5),  # a backend started during the run
            300: ("redis-server", 1, 9),  # 2 ticks
            400: ("python3", 1, 99),  # not one of the kinds
            500: ("bash", 1, 90),  # the pid taken by another program: all of its 90, not a kind
        },
        children_seconds=1.5,  # wrk: half a second
    )
    figures = per_request(before, after, requests=10, server_pid=server)
    assert figures["workers"] == pytest.approx(30 * TICK_US / 10)
    assert figures["postgres"] == pytest.approx(35 * TICK_US / 10)
    assert figures["redis"] == pytest.approx(2 * TICK_US / 10)
    assert figures["wrk"] == pytest.approx(0.5e6 / 10)
    assert figures["all"] == pytest.approx(sum(figures[k] for k in cpu_accounting.KINDS))
    assert per_request(before, after, requests=0, server_pid=server) == {}


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="reads Linux's /proc")
def test_a_sample_of_this_machine_sees_this_process_and_its_finished_children():
    before = cpu_accounting.sample()
    assert before.processes[os.getpid()][1] == os.getppid()
    subprocess.run([sys.executable, "-c", "sum(range(3_000_000))"], check=True)
    after = cpu_accounting.sample()
    assert after.children_seconds > before.children_seconds


def test_without_proc_it_says_so(monkeypatch, tmp_path):
    monkeypatch.setattr(cpu_accounting, "PROC", tmp_path)
    with pytest.raises(cpu_accounting.CpuAccountingError, match="/proc"):
        cpu_accounting.sample()


def test_the_report_adds_the_cpu_table_only_for_paths_measured_with_it():
    def run(cpu=None):
        return Run(100, 1.0, 0, 0, 5.0, 9.0, cpu=cpu or {})

    cpu = {"workers": 1500.0, "postgres": 250.0, "redis": 70.0, "wrk": 90.0, "all": 1910.0}
    floor = {"workers": 650.0, "postgres": 250.0, "redis": 0.0, "wrk": 90.0, "all": 990.0}
    path = Target("list", "list", ["/api/v1/claims/"], ["/api/v1/claims/"])
    measured = Measure(path, 4, app=[run(cpu), run({**cpu, "workers": 1700.0})], floor=[run(floor)])
    assert (
        format_cpu(measured) == "| list                         |  4 | 1600 | 250 | 70 | 90 | 1910 "
        "| 650 | 250 | 0 | 90 | 990 |"
    )
    report = Report("db", "machine", {}, measures=[measured])
    assert any(line.startswith("CPU a request costs") for line in format_report(report))
    report.measures = [Measure(path, 4, app=[run()], floor=[run()])]
    assert not any(line.startswith("CPU a request costs") for line in format_report(report))
