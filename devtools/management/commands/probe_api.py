"""Send hostile input to the API over HTTP and count the answers; see devtools.probe."""

import json
import urllib.request

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from devtools import probe
from devtools.serving import ServingError, served, token_for

PROBE_USERNAME = "api-probe"
# The probe sends thousands of requests a minute as one user: the server under test must
# not throttle it, or 429s would hide what the input does.
UNTHROTTLED = {"API_THROTTLE_USER": "1000000/minute", "API_THROTTLE_FAILED_AUTH": ""}


class Command(BaseCommand):
    help = (
        "Serve the API with gunicorn and the production settings on the current database, "
        "and send it what an attacker would as a Contributor: odd values in every query "
        "parameter, huge repetitive quotes from several clients at once while another "
        "reads, and concurrent creates naming one new topic. Prints the answers by status "
        "and the reader's latency before and during the attack; any server error fails the "
        "command. What it creates is deleted at the end."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2).")
        parser.add_argument(
            "--attackers", type=int, default=4, help="Clients posting huge quotes at once (4)."
        )
        parser.add_argument(
            "--quotes", type=int, default=3, help="Huge quotes each attacker posts (3)."
        )
        parser.add_argument(
            "--creates", type=int, default=40, help="Concurrent claims naming one topic (40)."
        )
        parser.add_argument("--threads", type=int, default=8, help="Client threads (8).")

    def handle(self, *args, **options):
        created = {"claims": [], "sources": [], "topics": []}
        try:
            with (
                served(workers=options["workers"], environment=UNTHROTTLED) as server,
                token_for(PROBE_USERNAME, roles=("Contributor",)) as authorization,
            ):
                client = probe.Client(server.url, authorization)
                try:
                    failures = self.run(client, server, options, created)
                finally:
                    user = get_user_model().objects.get(username=PROBE_USERNAME)
                    for problem in probe.clean_up(created, user):
                        self.stderr.write(f"not cleaned up: {problem}")
        except (ServingError, probe.ProbeError) as error:
            raise CommandError(str(error)) from error
        if failures:
            raise CommandError(f"{failures} server error(s).")

    def run(self, client, server, options, created) -> int:
        with urllib.request.urlopen(f"{server.url}/api/v1/schema/?format=json") as answer:  # noqa: S310
            schema = json.load(answer)
        detail = client.created(
            "/api/v1/claims/", {"text": "Probe: the claim details are read from", "kind": "factual"}
        )
        created["claims"].append(detail["id"])
        tallies = [
            probe.odd_values(client, schema, detail_id=detail["id"], threads=options["threads"])
        ]
        attack = probe.huge_quotes(
            client, attackers=options["attackers"], per_attacker=options["quotes"], created=created
        )
        tallies.append(attack.tally)
        topics, count = probe.same_topic(
            client, creates=options["creates"], threads=options["threads"], created=created
        )
        tallies.append(topics)
        for tally in tallies:
            statuses = ", ".join(f"{n}× {status}" for status, n in sorted(tally.statuses.items()))
            self.stdout.write(f"{tally.name}: {tally.requests} requests ({statuses})")
            for example in tally.server_errors:
                self.stdout.write(f"  server error: {example}")
        self.stdout.write(f"huge-quote requests: {probe.milliseconds(attack.attack_seconds)}")
        self.stdout.write(f"reader before the attack: {probe.milliseconds(attack.baseline)}")
        self.stdout.write(f"reader during the attack: {probe.milliseconds(attack.during)}")
        self.stdout.write(f"topics of that name afterwards: {count} (expected 1)")
        tracebacks = server.tracebacks()
        self.stdout.write(f"tracebacks in the server's log: {tracebacks}")
        for exception, n in server.exceptions().most_common():
            self.stdout.write(f"  {n}× {exception}")
        failures = sum(tally.failures for tally in tallies) + (count != 1) + tracebacks
        self.stdout.write(f"server errors: {sum(tally.failures for tally in tallies)}")
        return failures
