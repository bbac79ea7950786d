"""Refit the matching re-ranker's weights on the CheckThat! training split; print MAP@5."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.matching import ranking
from devtools import matching_fit

DEFAULT_DIRECTORY = Path(settings.BASE_DIR).parent / "shared" / "matching"


class Command(BaseCommand):
    help = (
        "Fit the re-ranker's logistic model on the training split's candidates and print its "
        "weights, with MAP@5 on both splits for the fitted weights and for those in use."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            default=str(DEFAULT_DIRECTORY),
            help="The folder of vclaims.jsonl and traindev.json.",
        )
        parser.add_argument("--l2", type=float, default=matching_fit.L2)

    def handle(self, *args, directory, l2, **options):
        directory = Path(directory)
        if not (directory / "vclaims.jsonl").is_file():
            raise CommandError(f"No vclaims.jsonl in {directory}")
        texts, data = matching_fit.load(directory)
        index = matching_fit.index_of(texts)
        self.stdout.write(f"{len(texts):,} claims indexed.")
        splits = {
            name: matching_fit.assess_split(texts, index, data["queries"], data[name])
            for name in ("train", "dev")
        }
        intercept, weights = matching_fit.fit(splits["train"], l2)
        self.stdout.write(f"INTERCEPT = {intercept:.3f}")
        for name, weight in weights.items():
            self.stdout.write(f"    {name!r}: {weight:.3f},")
        for name, split in splits.items():
            fitted = matching_fit.map_at_5(split, intercept, weights)
            in_use = matching_fit.map_at_5(split, ranking.INTERCEPT, ranking.WEIGHTS)
            self.stdout.write(
                f"{name}: {len(split.groups)} tweets, MAP@5 {fitted:.4f} fitted, "
                f"{in_use:.4f} with the weights in use"
            )
