"""Time claim matching and the duplicate candidates of a write over HTTP; see
devtools.matching_benchmark and docs/matching.md."""

import secrets
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from devtools import matching_benchmark as bench
from devtools.serving import ServingError, served, token_for


class Command(BaseCommand):
    help = (
        "Serve the API with gunicorn and the production settings on the current database and "
        "time POST /api/v1/claims/match/ with tweet-length texts, beside its floor (the same "
        "rows read by id), with 1 and 4 clients; and POST /api/v1/claims/ with and without "
        "its duplicate candidates. Prints requests, throughput, p50 and p95 per path."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=10, help="Per round (10).")
        parser.add_argument("--rounds", type=int, default=2, help="Interleaved rounds (2).")
        parser.add_argument("--texts", type=int, default=200, help="Sample texts (200).")
        parser.add_argument("--clients", default="1,4", help="Client counts (1,4).")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2).")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--no-creates", action="store_true", help="Time no writes (creates nothing)."
        )
        parser.add_argument(
            "--search",
            nargs="*",
            default=[],
            metavar="WORD",
            help="Also time ?q=WORD on the claims list (beside its floor), ordered by "
            "relevance, and the admin's claims search, for each word (rare, medium, common).",
        )

    def handle(self, *args, **options):
        try:
            clients = [int(n) for n in options["clients"].split(",")]
            texts = bench.tweets(options["texts"], options["seed"])
        except (ValueError, bench.BenchmarkError) as error:
            raise CommandError(str(error)) from error
        out = self.stdout
        out.write(f"Record: {bench.record_description()}; {len(texts)} sample texts")
        header = f"{'path':<34} {'clients':>7} {'requests':>7} {'per s':>8} {'p50 ms':>8} "
        header += f"{'p95 ms':>8} {'errors':>6}"
        try:
            with token_for(bench.BENCHMARK_USERNAME, superuser=True) as authorization:
                rows = self._matching(texts, clients, authorization, options)
                if options["search"]:
                    rows += self._searches(clients, authorization, options)
                if not options["no_creates"]:
                    rows += self._creates(texts, clients, authorization, options)
        except (ServingError, OSError) as error:
            raise CommandError(str(error)) from error
        finally:
            user = get_user_model().objects.filter(username=bench.BENCHMARK_USERNAME).first()
            if user is not None and not options["no_creates"]:
                deleted = bench.delete_created(user)
                out.write(f"Deleted the {deleted:,} claims the create runs made.")
        out.write("")
        out.write(header)
        for row in rows:
            out.write(row)

    def _matching(self, texts, clients, authorization, options) -> list[str]:
        rows = []
        with served(workers=options["workers"], environment=bench.UNTHROTTLED) as server:
            first = bench.warm(server.url, authorization, texts, options["workers"])
            self.stdout.write(f"Index built by every worker: the first matches took {first:.1f} s")
            for count in clients:
                app, floor = bench.measure_matching(
                    server.url,
                    authorization,
                    texts,
                    clients=count,
                    seconds=options["seconds"],
                    rounds=options["rounds"],
                )
                rows.append(f"{'match (tweet, limit 5)':<34} {count:>7} {bench.describe(app)}")
                floor_label = "  floor: the same rows by id"
                rows.append(f"{floor_label:<34} {count:>7} {bench.describe(floor)}")
                ratio = app.per_second / floor.per_second if floor.per_second else 0
                rows.append(f"{'  ratio of throughputs':<34} {count:>7} {ratio:>25.3f}")
            memory = bench.worker_memory(server.pid)
            sizes = ", ".join(f"{size / 2**20:,.0f} MiB" for size in memory)
            self.stdout.write(f"Workers' resident memory after matching: {sizes}")
        return rows

    def _searches(self, clients, authorization, options) -> list[str]:
        rows = []
        user = get_user_model().objects.get(username=bench.BENCHMARK_USERNAME)
        api = {"Authorization": authorization, "Accept": "application/json"}
        # The session is signed with the server's key: this process signs it with the same.
        key = secrets.token_urlsafe(50)
        with override_settings(SECRET_KEY=key):
            admin = {"Cookie": bench.admin_cookie(user)}
        environment = {**bench.UNTHROTTLED, "SECRET_KEY": key}
        workers, seconds = options["workers"], options["seconds"]
        with (
            served(workers=workers, environment=environment) as server,
            served(workers=workers, app="devtools.floor_wsgi") as floor_server,
        ):
            # The same pages unsearched: what a search adds is the difference.
            for count in clients:
                for label, path, headers in [
                    ("list, unsearched", "/api/v1/claims/", api),
                    ("admin list, unsearched", "/admin/claims/claim/", admin),
                ]:
                    timing = bench.measure_get(
                        server.url, path, headers, clients=count, seconds=seconds
                    )
                    rows.append(f"{label:<34} {count:>7} {bench.describe(timing)}")
            for word in options["search"]:
                query = urlencode({"q": word})
                for count in clients:
                    # The search and its floor over HTTP, interleaved in rounds.
                    searched, floor = bench.Timing(), bench.Timing()
                    for _ in range(options["rounds"]):
                        for timing, url, path, headers in [
                            (searched, server.url, f"/api/v1/claims/?{query}", api),
                            (floor, floor_server.url, f"/claims/?{query}", {}),
                        ]:
                            timing.add(
                                bench.measure_get(
                                    url, path, headers, clients=count, seconds=seconds
                                )
                            )
                    rows.append(f"{f'?q={word}':<34} {count:>7} {bench.describe(searched)}")
                    label = "  floor over HTTP: the same page"
                    rows.append(f"{label:<34} {count:>7} {bench.describe(floor)}")
                    for label, path in [
                        (
                            f"?q={word}&ordering=relevance",
                            f"/api/v1/claims/?{query}&ordering=relevance",
                        ),
                        (f"admin search {word}", f"/admin/claims/claim/?{query}"),
                    ]:
                        headers = admin if label.startswith("admin") else api
                        timing = bench.measure_get(
                            server.url, path, headers, clients=count, seconds=seconds
                        )
                        rows.append(f"{label:<34} {count:>7} {bench.describe(timing)}")
        return rows

    def _creates(self, texts, clients, authorization, options) -> list[str]:
        rows = []
        for label, switch in [("create, with similar", "true"), ("create, similar off", "false")]:
            environment = {**bench.UNTHROTTLED, "CLAIMS_SIMILAR_ON_CREATE": switch}
            with served(workers=options["workers"], environment=environment) as server:
                bench.warm(server.url, authorization, texts, options["workers"])
                for count in clients:
                    timing = bench.measure_creates(
                        server.url, authorization, texts, clients=count, seconds=options["seconds"]
                    )
                    rows.append(f"{label:<34} {count:>7} {bench.describe(timing)}")
        return rows
