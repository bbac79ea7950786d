"""Measure Claimtrack over HTTP beside its floor; see devtools.http_benchmark and
docs/performance.md."""

from django.core.management.base import BaseCommand, CommandError

from devtools.cpu_accounting import CpuAccountingError
from devtools.http_benchmark import (
    DEFAULT_CONNECTIONS,
    HttpBenchmarkError,
    Options,
    format_report,
    run,
)


def _connections(value: str) -> tuple[int, ...]:
    try:
        counts = tuple(sorted({int(part) for part in value.split(",") if part.strip()}))
    except ValueError as error:
        raise CommandError("--connections is a list of numbers such as 1,4,8.") from error
    if not counts or counts[0] < 1:
        raise CommandError("--connections is a list of numbers of at least 1, such as 1,4,8.")
    return counts


class Command(BaseCommand):
    help = (
        "Serve the app under gunicorn with the production settings, and the floor (one "
        "hand-written query and orjson per page) under the same gunicorn, on this database; "
        "drive both with wrk, interleaved, at each number of connections; print throughput, "
        "p50/p95 latency, the app/floor ratio and the queries per request for every path: the "
        "claims list, a page by cursor, a claim's detail, each main filter, search, match, the "
        "admin's changelists and change pages, the review queue, the public pages, and three "
        "writes (claim, statement, citation) together. Creates a reader, a contributor and a "
        "superuser for the run (tokens revoked at the end) and deletes what the writes made."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--connections",
            default=",".join(map(str, DEFAULT_CONNECTIONS)),
            help="Concurrent connections, each a run (default 1,4,8).",
        )
        parser.add_argument(
            "--seconds", type=float, default=4.0, help="Seconds of each wrk run (4)."
        )
        parser.add_argument(
            "--warmup",
            type=float,
            default=1.0,
            help="Seconds of an unrecorded run of each path first, at the most connections (1).",
        )
        parser.add_argument(
            "--rounds",
            type=int,
            default=2,
            help="Runs of each path at each number of connections, the app's and the floor's "
            "taking turns (2).",
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2).")
        parser.add_argument("--q", default="drones", help="The common word to search (drones).")
        parser.add_argument(
            "--rare-q", default="Nevmonescu", help="The rare word to search (Nevmonescu)."
        )
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            help="Measure only this path, by its name in the report ('list', 'detail', "
            "'claims changelist'…) or its group ('list', 'filter', 'search', 'admin', "
            "'public'), or 'writes' (repeatable).",
        )
        parser.add_argument(
            "--write-trios",
            type=int,
            default=30,
            help="Timed claim+statement+citation trios per connection (30).",
        )
        parser.add_argument(
            "--cpu",
            action="store_true",
            help="Also read the CPU each request costs, by kind of process (Linux's /proc).",
        )
        parser.add_argument(
            "--no-read-record",
            action="store_true",
            help="Do not read the record into the page cache before each path (by PostgreSQL's"
            " pg_prewarm, created if missing).",
        )
        parser.add_argument(
            "--env",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="A setting of the served app, such as CACHE_URL=redis://127.0.0.1:6379/1 "
            "(repeatable).",
        )

    def handle(self, *args, **options):
        if (
            options["seconds"] <= 0
            or options["warmup"] <= 0
            or options["rounds"] < 1
            or options["workers"] < 1
        ):
            raise CommandError(
                "--seconds and --warmup must be above 0, --rounds and --workers at least 1."
            )
        if options["write_trios"] < 1:
            raise CommandError("--write-trios must be at least 1.")
        environment = {}
        for item in options["env"]:
            name, equals, value = item.partition("=")
            if not equals or not name:
                raise CommandError(f"--env takes NAME=VALUE, not {item!r}.")
            environment[name] = value
        try:
            report = run(
                Options(
                    connections=_connections(options["connections"]),
                    seconds=options["seconds"],
                    warmup=options["warmup"],
                    rounds=options["rounds"],
                    workers=options["workers"],
                    word=options["q"],
                    rare_word=options["rare_q"],
                    only=tuple(options["only"]),
                    write_trios=options["write_trios"],
                    environment=environment,
                    cpu=options["cpu"],
                    read_record=not options["no_read_record"],
                ),
                progress=lambda line: self.stderr.write(line, style_func=str),
            )
        except (HttpBenchmarkError, CpuAccountingError) as error:
            raise CommandError(str(error)) from error
        for line in format_report(report):
            self.stdout.write(line)
