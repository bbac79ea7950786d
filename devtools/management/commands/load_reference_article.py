"""Record the reference article and its labelled description; running it twice changes nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from devtools.reference import ReferenceArticleError, default_article_path, reference_article_load


class Command(BaseCommand):
    help = (
        "Record the reference article (its text and .expected.json) as actors, sources, "
        "claims, statements and citations. Safe to run again: present records are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--article",
            type=Path,
            default=None,
            help=f"The article's .txt; its .expected.json lies beside it "
            f"(default: {default_article_path()}).",
        )
        parser.add_argument("--user", help="Username to attribute the records to.")

    def handle(self, *args, article=None, user=None, **options):
        acting_user = None
        if user:
            user_model = get_user_model()
            try:
                acting_user = user_model._default_manager.get_by_natural_key(user)
            except user_model.DoesNotExist as error:
                raise CommandError(f"No user named “{user}”.") from error
        try:
            summary = reference_article_load(article_path=article, user=acting_user)
        except ReferenceArticleError as error:
            raise CommandError(f"Nothing recorded: {error}") from error
        except ValidationError as error:
            raise CommandError(f"Nothing recorded: {'; '.join(error.messages)}") from error
        self.stdout.write(f"Reference article {summary.article}:")
        for line in summary.lines():
            self.stdout.write(f"  {line}")
