"""Record the fact-checks of ClaimReview files (``reviews.claimreview_import``)."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reviews.claimreview_import import CREATED, UNCHANGED, UPDATED, import_claimreviews

VERBS = {
    False: {CREATED: "created", UPDATED: "updated", UNCHANGED: "unchanged"},
    True: {CREATED: "would create", UPDATED: "would update", UNCHANGED: "unchanged"},
}


class Command(BaseCommand):
    help = (
        "Record the fact-checks published elsewhere of ClaimReview files: JSON-LD (one "
        "object, a list, an @graph, a DataFeed), HTML pages with JSON-LD or microdata, the "
        "Fact Check Tools API's claims:search answers, Fact-Check Insights CSV and JSON. "
        "Prints a line per item and per problem, and a summary per file. Exits with status 1 "
        "when any item could not be read or recorded (the others are recorded all the same)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="A file, a folder (each file directly in it, by name; hidden ones aside), "
            "or - for standard input.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would change and write nothing.",
        )
        parser.add_argument(
            "--user", metavar="USERNAME", help="Who the history records as having imported."
        )
        parser.add_argument(
            "--stdin-name",
            default="stdin",
            metavar="NAME",
            help="The name standard input is read as: its extension tells CSV (export.csv); "
            "the history's reason names it (default: stdin).",
        )

    def handle(self, *args, paths, dry_run, user, stdin_name, **options):
        files = self._files(paths)
        acting = self._user(user)
        problems = 0
        for path in files:
            if path is None:
                content, name = _stdin().read(), stdin_name
            else:
                try:
                    content, name = path.read_bytes(), path.name
                except OSError as error:
                    raise CommandError(f"Cannot read {path}: {error.strerror}") from error
            report = import_claimreviews(content, name=name, user=acting, dry_run=dry_run)
            verbs = VERBS[dry_run]
            for item in report.items:
                self.stdout.write(f"{verbs[item.outcome]} {item}")
            for problem in report.problems:
                self.stdout.write(f"problem {problem}")
            self.stdout.write(report.summary())
            problems += len(report.problems)
        if problems:
            raise CommandError(
                f"{problems} item{'' if problems == 1 else 's'} could not be read or recorded "
                "(listed above).",
                returncode=1,
            )

    @staticmethod
    def _files(paths: list[str]) -> list[Path | None]:
        """The files to read, in order (None: standard input); every path checked first."""
        files: list[Path | None] = []
        for given in paths:
            if given == "-":
                files.append(None)
                continue
            path = Path(given)
            if path.is_dir():
                found = sorted(
                    p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                )
                if not found:
                    raise CommandError(f"No file in {path}.")
                files.extend(found)
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"No such file or folder: {given}")
        return files

    @staticmethod
    def _user(username: str | None):
        if not username:
            return None
        try:
            return get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user is called “{username}”.") from error


def _stdin():
    return getattr(sys.stdin, "buffer", sys.stdin)
