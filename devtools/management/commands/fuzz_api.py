"""Run schemathesis with every check against the API served over HTTP, on a scratch database."""

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.serving import ServingError, served

FUZZ_USERNAME = "api-fuzz"


class Command(BaseCommand):
    help = (
        "Generate requests for every operation of the API's schema (schemathesis, every "
        "check) and send them over HTTP to gunicorn with the production settings, as a "
        "superuser's bearer token. The requests write: they go to a scratch SQLite database "
        "with the reference article loaded, or to --database-url (which must be migrated "
        "and which keeps what they write). Exits non-zero on any failure."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--examples", type=int, default=100, help="Examples per operation (100)."
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2).")
        parser.add_argument(
            "--database-url",
            help="Fuzz this database instead of a scratch SQLite one: it keeps what the "
            "requests write.",
        )
        parser.add_argument("--seed", type=int, help="schemathesis's random seed.")
        parser.add_argument("--report", help="Also write schemathesis's JUnit report to this file.")

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as scratch:
            url = options["database_url"] or f"sqlite:///{Path(scratch) / 'fuzz.sqlite3'}"
            environment = {
                "DATABASE_URL": url,
                "API_THROTTLE_USER": "1000000/minute",
                "API_THROTTLE_ANON": "1000000/minute",
                "API_THROTTLE_FAILED_AUTH": "",
            }
            if not options["database_url"]:
                self.manage(environment, "migrate", "--verbosity", "0")
                self.manage(environment, "load_reference_article", "--verbosity", "0")
            authorization = f"Bearer {self.superuser_token(environment)}"
            try:
                with served(workers=options["workers"], environment=environment) as server:
                    code = self.fuzz(server, authorization, options)
                    self.stdout.write(f"tracebacks in the server's log: {server.tracebacks()}")
            except ServingError as error:
                raise CommandError(str(error)) from error
        if code:
            raise CommandError(f"schemathesis reported failures (exit {code}).")

    def manage(self, environment, *arguments) -> str:
        """A manage.py command on the fuzzed database (development settings: ``devtools``)."""
        result = subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
            [sys.executable, "manage.py", *arguments],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", **environment},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise CommandError(f"manage.py {' '.join(arguments)}: {result.stderr[-2000:]}")
        return result.stdout

    def superuser_token(self, environment) -> str:
        password = secrets.token_urlsafe(24)
        create = (
            "from django.contrib.auth import get_user_model\n"
            f"user, _ = get_user_model().objects.get_or_create(username={FUZZ_USERNAME!r})\n"
            "user.is_staff = user.is_superuser = True\n"
            f"user.set_password({password!r})\n"
            "user.save()\n"
        )
        self.manage(environment, "shell", "--no-imports", "--command", create)
        output = self.manage(environment, "create_api_token", FUZZ_USERNAME, "--name", "fuzz")
        return output.strip().splitlines()[-1]

    def fuzz(self, server, authorization, options) -> int:
        command = [
            str(Path(sys.executable).with_name("schemathesis")),
            "--config-file",
            str(Path(__file__).resolve().parents[2] / "schemathesis.toml"),
            "run",
            f"{server.url}/api/v1/schema/?format=json",
            "--checks",
            "all",
            "--max-examples",
            str(options["examples"]),
            "--header",
            f"Authorization: {authorization}",
            "--workers",
            "2",
            "--suppress-health-check",
            "all",
            # Revoking tokens would, sooner or later, revoke the one the requests carry, and
            # every operation after it would only meet 401 (revocation has its own tests).
            "--exclude-operation-id",
            "tokens_destroy",
        ]
        if options["seed"] is not None:
            command += ["--seed", str(options["seed"])]
        if options["report"]:
            command += ["--report", "junit", "--report-junit-path", options["report"]]
        return subprocess.run(command, check=False).returncode  # noqa: S603 (fixed arguments)
