"""Put the objects written before the change feed began into it, as creations."""

from django.core.management.base import BaseCommand

from core.changes import baseline


class Command(BaseCommand):
    help = (
        "Write a create event for every object of the change feed's collections that has none "
        "(rows written before the feed began). Run once after upgrading; again, it writes nothing."
    )

    def handle(self, *args, **options):
        for name, count in baseline().items():
            if count:
                self.stdout.write(f"{name}: {count}")
        self.stdout.write("The change feed now lists every object.")
