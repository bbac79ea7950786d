"""Send the webhook attempts that are due: retries a task backend that cannot wait held back,
and attempts whose task was lost. Run it from cron where deliveries run without a worker."""

from django.core.management.base import BaseCommand

from core.webhooks import deliveries_due


class Command(BaseCommand):
    help = "Send the pending webhook delivery attempts that are due."

    def handle(self, *args, **options):
        sent = deliveries_due()
        self.stdout.write(f"{len(sent)} attempt(s) sent.")
