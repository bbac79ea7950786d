"""Look for candidate duplicate claims now, or enqueue the task that does (``--enqueue``)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from reviews.match_queue import THRESHOLD, find_match_candidates
from reviews.tasks import find_match_candidates_task


class ProgressBar:
    """A one-line bar on a stream, redrawn in place at most every ``interval`` seconds on a
    terminal; in a log, a line every ``LOG_INTERVAL`` seconds."""

    LOG_INTERVAL = 10.0

    def __init__(self, stream, width: int = 30, interval: float = 0.5):
        self.stream = stream
        self.width = width
        self.interactive = stream.isatty()
        self.interval = interval if self.interactive else self.LOG_INTERVAL
        self.started = time.monotonic()
        self.drawn = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.drawn < self.interval:
            return
        self.drawn = now
        share = done / total if total else 1.0
        filled = round(self.width * share)
        elapsed = now - self.started
        rate = done / elapsed if elapsed else 0.0
        left = (total - done) / rate if rate else 0.0
        self.stream.write(
            f"{'\r' if self.interactive else ''}[{'#' * filled}{'.' * (self.width - filled)}] "
            f"{done:,}/{total:,} claims {share:4.0%} {rate:,.0f}/s, {left:,.0f} s left"
        )
        if done >= total or not self.interactive:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Match every current claim against the others and queue the new candidate duplicate "
        "pairs (reviews' match queue). With --enqueue, leave it to the task worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--threshold",
            type=float,
            default=THRESHOLD,
            help=f"Lowest score of a queued pair, 0 to 1 (default {THRESHOLD}).",
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the background task and return."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument(
            "--first-id", type=int, help="Match only the claims from this id (for sharing out)."
        )
        parser.add_argument("--last-id", type=int, help="Match only the claims up to this id.")
        parser.add_argument(
            "--processes",
            type=int,
            default=1,
            help="Share the claims out between this many processes, forked once the claim "
            "index is built, which they share (default 1; up to one per core).",
        )

    def handle(
        self, *args, threshold, enqueue, no_progress, first_id, last_id, processes, **options
    ):
        if not 0 <= threshold <= 1:
            raise CommandError("--threshold must lie between 0 and 1.")
        if processes < 1:
            raise CommandError("--processes must be at least 1.")
        if enqueue and processes > 1:
            raise CommandError("--processes shares out a run here; the task runs in one.")
        bounds = {"first_id": first_id, "last_id": last_id}
        if enqueue:
            result = find_match_candidates_task.enqueue(threshold=threshold, **bounds)
            self.stdout.write(f"Enqueued task {result.id} ({result.status}).")
            return
        progress = None if no_progress else ProgressBar(getattr(self.stderr, "_out", sys.stderr))
        started = time.monotonic()
        counts = find_match_candidates(
            threshold=threshold, progress=progress, processes=processes, **bounds
        )
        self.stdout.write(
            f"{counts.claims:,} claims matched in {time.monotonic() - started:,.1f} s: "
            f"{counts.found:,} pairs at or above {threshold}, {counts.recorded:,} new in the "
            f"queue, {counts.known:,} already there, {counts.related:,} already related as "
            "duplicates."
        )
