"""Measure the claims API against its floor; see devtools.benchmark and docs/performance.md."""

from django.core.management.base import BaseCommand, CommandError

from devtools.benchmark import DEFAULT_SECONDS, BenchmarkError, format_report, run


class Command(BaseCommand):
    help = (
        "Measure the claims API on the current database: the list (50 per page), a claim's "
        "detail, and the filters actor, denied_by and q, each against a floor measured in "
        "the same run (the same rows fetched with raw SQL and dumped with orjson). Prints "
        "median and p95 latency, requests per second, queries per request and the ratio to "
        "the floor. It creates a user in the Viewer group (api-benchmark) and a token, "
        "revoked at the end."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--requests", type=int, default=200, help="Timed requests per scenario (200)."
        )
        parser.add_argument(
            "--warmup", type=int, default=20, help="Untimed requests per scenario first (20)."
        )
        parser.add_argument(
            "--seconds",
            type=float,
            default=DEFAULT_SECONDS,
            help=f"Stop a scenario's timed requests after this long ({DEFAULT_SECONDS:.0f}), "
            "after at least 3.",
        )
        parser.add_argument(
            "--actor",
            help="The name or alias for ?actor= (default: an alias of the busiest actor).",
        )
        parser.add_argument(
            "--denied-by",
            help="The name or alias for ?denied_by= (default: an alias of the actor with the "
            "most denials).",
        )
        parser.add_argument("--q", default="drones", help="The search for ?q= (default: drones).")

    def handle(self, *args, **options):
        if options["requests"] < 1 or options["warmup"] < 0 or options["seconds"] <= 0:
            raise CommandError(
                "--requests must be at least 1, --warmup at least 0 and --seconds above 0."
            )
        try:
            report = run(
                requests=options["requests"],
                warmup=options["warmup"],
                actor=options["actor"],
                denied_by=options["denied_by"],
                word=options["q"],
                seconds=options["seconds"],
                progress=self.measured,
            )
        except BenchmarkError as error:
            raise CommandError(str(error)) from error
        for line in format_report(report):
            self.stdout.write(line)

    def measured(self, result):
        self.stderr.write(
            f"measured {result.scenario.name}: {len(result.latencies)} requests",
            style_func=str,
        )
