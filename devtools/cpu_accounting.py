"""The CPU time a run of requests cost the machine, per request and per kind of process.

Read from ``/proc`` (Linux) before and after a run: the server's gunicorn processes (its
master and workers), PostgreSQL's processes, Redis's, and the load generator (a finished
child of this process, read from ``getrusage``). Each is user and system time in the kernel's
ticks (10 ms on most machines), so a run needs a few hundred requests for figures to the
nearest 10 µs. Every PostgreSQL or Redis process counts, whoever it serves: nothing else
should be using them during a run.
"""

import os
import resource
from dataclasses import dataclass
from pathlib import Path

KINDS = ("workers", "postgres", "redis", "wrk")
PROC = Path("/proc")


class CpuAccountingError(Exception):
    """No ``/proc`` to read process times from."""


@dataclass(frozen=True)
class Sample:
    processes: dict[int, tuple[str, int, int]]  # pid: (command name, parent pid, ticks)
    children_seconds: float  # CPU time of this process's finished children


def _process(stat: str) -> tuple[int, tuple[str, int, int]]:
    """The pid and (name, parent pid, user + system ticks) of a ``/proc/<pid>/stat`` line."""
    pid, rest = stat.split(" (", 1)
    name, fields = rest.rsplit(") ", 1)
    values = fields.split()
    # After the name: state, ppid (…) and, 12th and 13th, utime and stime.
    return int(pid), (name, int(values[1]), int(values[11]) + int(values[12]))


def sample() -> Sample:
    if not (PROC / "self" / "stat").exists():
        raise CpuAccountingError("CPU accounting reads /proc, which this system lacks.")
    processes = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            pid, process = _process((entry / "stat").read_text())
        except (OSError, ValueError, IndexError):
            continue  # ended meanwhile
        processes[pid] = process
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Sample(processes, children.ru_utime + children.ru_stime)


def _kind(pid: int, name: str, parent: int, server_pid: int) -> str | None:
    if pid == server_pid or parent == server_pid:
        return "workers"
    if name == "postgres":
        return "postgres"
    if name == "redis-server":
        return "redis"
    return None


def per_request(before: Sample, after: Sample, requests: int, server_pid: int) -> dict:
    """Microseconds of CPU per request by kind (``KINDS``) between two samples, and ``all``."""
    if requests <= 0:
        return {}
    tick = 1 / os.sysconf("SC_CLK_TCK")
    seconds = dict.fromkeys(KINDS, 0.0)
    for pid, (name, parent, ticks) in after.processes.items():
        kind = _kind(pid, name, parent, server_pid)
        if kind is None:
            continue
        earlier = before.processes.get(pid)
        started = earlier[2] if earlier is not None and earlier[0] == name else 0
        seconds[kind] += max(0, ticks - started) * tick
    seconds["wrk"] = max(0.0, after.children_seconds - before.children_seconds)
    figures = {kind: value / requests * 1e6 for kind, value in seconds.items()}
    figures["all"] = sum(figures[kind] for kind in KINDS)
    return figures
