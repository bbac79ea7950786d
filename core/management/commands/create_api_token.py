"""Create an API token for a user and print it once, on the last line."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.tokens import MAX_EXPIRES_DAYS, api_token_create


class Command(BaseCommand):
    help = "Create an API token for USERNAME; the token is printed once, on the last line."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")
        parser.add_argument(
            "--expires-days",
            type=int,
            default=None,
            help=f"Days until it expires, 1 to {MAX_EXPIRES_DAYS} (default: never).",
        )

    def handle(self, *args, username, name, expires_days, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named “{username}”.") from None
        if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRES_DAYS:
            raise CommandError(f"--expires-days must be between 1 and {MAX_EXPIRES_DAYS}.")
        expires_in = timedelta(days=expires_days) if expires_days else None
        try:
            token, raw = api_token_create(user=user, name=name, expires_in=expires_in)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        expiry = "never expires"
        if token.expires_at:
            expiry = f"expires {token.expires_at:%Y-%m-%d %H:%M} UTC"
        self.stdout.write(f"Token “{token.name}” for {user.username} ({expiry}). Shown only once:")
        self.stdout.write(raw)
