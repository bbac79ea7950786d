"""This project served over HTTP as in production, for the commands that measure it from outside.

``served()`` runs gunicorn with ``gunicorn.conf.py`` and the production settings on a free
local port, on the database the command itself uses, and stops it afterwards. A command
that runs it creates its own user and token in that database (the server reads them there).
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection

from core.tokens import api_token_create, api_token_revoke

STARTUP_SECONDS = 60


class ServingError(Exception):
    """The server could not be started or did not answer."""


@dataclass
class Server:
    url: str
    log: Path
    pid: int = 0  # gunicorn's master process

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def tracebacks(self) -> int:
        """How many tracebacks the server logged (each server error writes one)."""
        return self.log_text().count("Traceback (most recent call last)")

    def exceptions(self) -> Counter:
        """The exceptions the server logged (each traceback's last line), counted."""
        found: Counter = Counter()
        for block in self.log_text().split("Traceback (most recent call last)")[1:]:
            lines = block.splitlines()[1:]
            last = next((line for line in lines if line and not line[0].isspace()), "?")
            found[last[:300]] += 1
        return found


def database_url() -> str:
    """The database this process uses now as a ``DATABASE_URL``, for the server to use too
    (under the test runner, the test database)."""
    database = connection.settings_dict
    if connection.vendor != "postgresql":
        return f"sqlite:///{database['NAME']}"
    user = quote(database.get("USER") or "", safe="")
    password = quote(database.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = database.get("HOST") or "localhost"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(database['NAME'], safe='')}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(environment: dict[str, str] | None = None) -> dict[str, str]:
    """The variables a server process runs with: the production settings on this database,
    on the local address, with ``environment`` on top."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url(),
        **(environment or {}),
    }


def production_settings(environment: dict[str, str] | None = None, *names: str) -> dict:
    """The values of the settings ``names`` that a server with ``environment`` would have."""
    program = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}, "
        "default=str))"
    )
    completed = subprocess.run(  # noqa: S603  (this Python, a fixed program)
        [sys.executable, "-c", program],
        cwd=settings.BASE_DIR,
        env=production_environment(environment),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


@contextmanager
def served(
    *, workers: int = 2, environment: dict[str, str] | None = None, app: str = "config.wsgi"
):
    """Yield a ``Server`` running gunicorn with the production settings, then stop it.

    ``environment`` adds or overrides variables of the server (rates, timeouts); ``app`` is
    the WSGI application's module (the benchmarks' floors have one of their own).
    """
    port = _free_port()
    base = Path(settings.BASE_DIR)
    env = production_environment(
        {"BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers), **(environment or {})}
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=base,
        env=env,
        check=True,
    )
    with tempfile.TemporaryDirectory() as directory:
        log = Path(directory) / "server.log"
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603  (a module of this project's)
                [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", app],
                cwd=base,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        server = Server(url=f"http://127.0.0.1:{port}", log=log, pid=process.pid)
        try:
            _wait_until_up(server, process)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_until_up(server: Server, process) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServingError(f"The server stopped at start:\n{server.log_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/api/v1/schema/?format=json", timeout=5):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise ServingError(f"The server did not answer within {STARTUP_SECONDS} s.")


@contextmanager
def token_for(username: str, *, roles: tuple[str, ...] = (), superuser: bool = False):
    """A bearer token of ``username`` (created if need be, signing in with tokens only),
    in ``roles``, revoked at the end. Yields the ``Authorization`` header's value."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
    user.is_superuser = user.is_staff = superuser
    user.save()
    for role in roles:
        group = Group.objects.filter(name=role).first()
        if group is None:
            raise ServingError(f"The {role} group is missing: run `manage.py migrate` first.")
        user.groups.add(group)
    token, raw = api_token_create(user=user, name=f"{username} {secrets.token_hex(4)}")
    try:
        yield f"Bearer {raw}"
    finally:
        api_token_revoke(token=token)
