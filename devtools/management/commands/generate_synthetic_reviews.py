"""Add reviews to a synthetic record that has none; see devtools.synthetic_reviews."""

from django.core.management.base import BaseCommand, CommandError

from devtools.management.commands.generate_synthetic_record import ProgressBar, report_reviews
from devtools.synthetic import record_contents
from devtools.synthetic_reviews import DEFAULT_REVIEWS_EVERY, write_reviews
from reviews.models import Review


class Command(BaseCommand):
    help = (
        "Review one factual claim in N of a synthetic record, the newest claim included, "
        "with the rows the review services write (events, pinned documents): drafts, submitted, "
        "in review, changes requested, approved, published, corrected and retracted reviews, "
        "deterministic for the seed. For a record generated without reviews; it refuses a "
        "database that holds reviews already, or no synthetic record."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=DEFAULT_REVIEWS_EVERY,
            help=f"Review one factual claim in N (default {DEFAULT_REVIEWS_EVERY}).",
        )
        parser.add_argument("--seed", type=int, default=1, help="The seed (default 1).")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=200,
            help="Reviews written per transaction (default 200).",
        )
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Write no history rows (for a record generated with --no-history).",
        )
        parser.add_argument(
            "--through-services",
            action="store_true",
            help="Take each review through the review services step by step instead of "
            "writing it in bulk: the same rows with a history row per step, about a hundred "
            "times slower.",
        )

    def handle(self, *args, **options):
        if options["every"] < 1:
            raise CommandError("--every must be at least 1.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        if not record_contents().synthetic:
            raise CommandError(
                "This database holds no synthetic record: generate one first "
                "(generate_synthetic_record)."
            )
        if Review.objects.exists():
            raise CommandError("This database holds reviews already; refusing to add more.")
        summary = write_reviews(
            every=options["every"],
            seed=options["seed"],
            batch_size=options["batch_size"],
            history=not options["no_history"],
            through_services=options["through_services"],
            progress=ProgressBar(self.stderr, "synthetic reviews", unit="reviews"),
        )
        report_reviews(self, summary)
