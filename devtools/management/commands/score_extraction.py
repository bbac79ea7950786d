"""Score the statement extractor against the hand-labelled development set."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.extraction.scoring import score_directory

DEFAULT_DIRECTORY = Path(settings.BASE_DIR) / "tests" / "claims" / "extraction" / "articles"


class Command(BaseCommand):
    help = "Print recall, precision, speaker accuracy and denial targets per article and overall."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(DEFAULT_DIRECTORY))
        parser.add_argument(
            "--misses", action="store_true", help="List the labelled items not found."
        )

    def handle(self, *args, directory, misses, **options):
        if not Path(directory).is_dir():
            raise CommandError(f"No such directory: {directory}")
        scores, total = score_directory(directory)
        if not scores:
            raise CommandError(f"No NAME.txt with NAME.labels.json in {directory}")
        columns = ("items", 5), ("sugg", 5), ("recall", 7), ("prec", 6), ("speaker", 8)
        columns += ("answers", 8), ("verbatim", 9)
        self.stdout.write(
            f"{'article':<40} " + " ".join(f"{name:>{width}}" for name, width in columns)
        )
        for score in [*scores, total]:
            answers = f"{score.answers_right}/{score.answers}"
            self.stdout.write(
                f"{score.name:<40} {score.labelled:>5} {score.suggested:>5} "
                f"{score.recall:>7.2f} {score.precision:>6.2f} {score.speaker:>8.2f} "
                f"{answers:>8} {score.not_verbatim:>9}"
            )
            if misses:
                for miss in score.misses:
                    self.stdout.write(f"    missed: {miss}")
