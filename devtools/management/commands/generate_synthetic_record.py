"""Generate a synthetic record for benchmarks; see devtools.synthetic and docs/performance.md."""

import time

from django.core.management.base import BaseCommand, CommandError

from devtools.synthetic import (
    DEFAULT_DENIAL_SHARE,
    SyntheticRecord,
    record_contents,
    write_record,
)
from devtools.synthetic_reviews import DEFAULT_REVIEWS_EVERY, write_reviews


class ProgressBar:
    """A progress bar on a command's stderr: redrawn in place on a terminal, a line every 5%
    in a log."""

    width = 30

    def __init__(self, stream, label: str, unit: str = "claims"):
        self.stream = stream
        self.label = label
        self.unit = unit
        self.started = time.monotonic()
        self.interactive = stream.isatty()
        self.last_step = -1

    def __call__(self, done: int, total: int) -> None:
        share = done / total if total else 1.0
        step = int(share * 20)
        if not self.interactive and step == self.last_step and done < total:
            return
        self.last_step = step
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        filled = int(share * self.width)
        bar = "█" * filled + "·" * (self.width - filled)
        line = (
            f"{self.label} {bar} {share:6.1%} {done:,}/{total:,} {self.unit} "
            f"{rate:,.0f}/s, {_duration(elapsed)} elapsed, {_duration(left)} left"
        )
        end = "\n" if done >= total or not self.interactive else ""
        start = "\r" if self.interactive else ""
        # Plain text (no error colouring of stderr), and no line ending while redrawing.
        self.stream.write(f"{start}{line}", style_func=str, ending=end)
        self.stream.flush()


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{seconds:02d}s" if hours else f"{minutes}m{seconds:02d}s"


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic record for benchmarks: a few thousand actors "
        "(parents, leaders, aliases), sources with snapshots, and N claims, each with 1–4 "
        "statements (denials on a share of them), citations in chains, and quotes verified "
        "against the snapshots. The same seed gives the same record. It refuses a database "
        "that holds anything but synthetic data unless --force, and a database that already "
        "holds a synthetic record. History rows are written in bulk as well; --no-history "
        "skips them, which is acceptable only because this data is thrown away after the "
        "benchmark: it is never edited, so there is no change to record, and history would "
        "double the write time and the disk used. Then one factual claim in --reviews-every "
        "gets a review, in every workflow state (see generate_synthetic_reviews)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--claims", type=int, default=100_000, help="How many claims (default 100000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="The seed (default 1).")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help="Claims written per transaction (default 2000); memory grows with it.",
        )
        parser.add_argument(
            "--denial-share",
            type=float,
            default=DEFAULT_DENIAL_SHARE,
            help=f"Share of claims with a denial (default {DEFAULT_DENIAL_SHARE}).",
        )
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Write no history rows (throwaway benchmark data only; see above).",
        )
        parser.add_argument(
            "--reviews-every",
            type=int,
            default=DEFAULT_REVIEWS_EVERY,
            help="Review one factual claim in N, the newest included, in every workflow "
            f"state (default {DEFAULT_REVIEWS_EVERY}; 0 for none).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the synthetic record even though the database holds other data.",
        )

    def handle(self, *args, **options):
        claims, batch_size = options["claims"], options["batch_size"]
        if claims < 1:
            raise CommandError("--claims must be at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if options["reviews_every"] < 0:
            raise CommandError("--reviews-every must be 0 (no reviews) or more.")
        if not 0 <= options["denial_share"] <= 1:
            raise CommandError("--denial-share is a fraction between 0 and 1.")
        contents = record_contents()
        if contents.synthetic:
            raise CommandError(
                "This database already holds a synthetic record. Generate into an empty "
                "database (createdb, then migrate), or empty this one with `manage.py flush`."
            )
        if contents.real and not options["force"]:
            raise CommandError(
                f"This database holds a record that is not synthetic ({', '.join(contents.real)}"
                "). Refusing to mix benchmark data into it; use an empty database, or --force "
                "if you really mean to add synthetic data beside it."
            )
        history = not options["no_history"]
        record = SyntheticRecord(
            claims=claims, seed=options["seed"], denial_share=options["denial_share"]
        )
        self.stdout.write(
            f"Generating {claims:,} claims (seed {options['seed']}, "
            f"{'with' if history else 'without'} history, {len(record.world.actors):,} actors)."
        )
        summary = write_record(
            record,
            history=history,
            batch_size=batch_size,
            progress=ProgressBar(self.stderr, "synthetic record"),
        )
        for kind, count in sorted(summary.rows.items()):
            self.stdout.write(f"  {kind:<32} {count:>12,}")
        seconds = max(summary.seconds, 1e-6)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {summary.total_rows:,} rows in {_duration(summary.seconds)} "
                f"({claims / seconds:,.0f} claims/s, {summary.total_rows / seconds:,.0f} rows/s)."
            )
        )
        if options["reviews_every"]:
            report_reviews(
                self,
                write_reviews(
                    every=options["reviews_every"],
                    seed=options["seed"],
                    history=history,
                    progress=ProgressBar(self.stderr, "synthetic reviews", unit="reviews"),
                ),
            )


def report_reviews(command: BaseCommand, summary) -> None:
    """Write how many reviews ended in each state to the command's output."""
    for state, count in sorted(summary.states.items()):
        command.stdout.write(f"  reviews {state:<24} {count:>12,}")
    if summary.sent_back:
        command.stdout.write(
            f"  ({summary.sent_back:,} meant to be approved were sent back: a gate failed)"
        )
    command.stdout.write(
        command.style.SUCCESS(f"Wrote {summary.total:,} reviews in {_duration(summary.seconds)}.")
    )
