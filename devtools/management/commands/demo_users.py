"""Demo logins for trying the app: created on the first run, printed on every run.

The passwords are generated, stored in ``DEMO_CREDENTIALS_FILE`` (by default
``.demo-credentials``, git-ignored) and read back from there. Deleting the file gives the
demo users new passwords on the next run.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

from devtools.conf import demo_credentials_file

HEADER = "# Demo logins written by `manage.py demo_users`; delete this file to get new passwords.\n"


@dataclass(frozen=True)
class DemoRole:
    """One demo login: who it is for and what it may do."""

    username: str
    title: str
    is_staff: bool = True
    is_superuser: bool = False
    groups: tuple[str, ...] = ()


# The review workflow needs two people besides whoever entered the claim (four-eyes):
# a fact-checker who rates it and an editor who approves and publishes it.
DEMO_ROLES = (
    DemoRole(username="factchecker", title="Fact-checker", groups=("Contributor", "Fact-checker")),
    DemoRole(username="editor", title="Editor", groups=("Editor",)),
    DemoRole(username="admin", title="Administrator", is_superuser=True),
)


def credentials_read(path: Path) -> dict[str, str]:
    """Username → password from the credentials file; empty when there is none."""
    if not path.is_file():
        return {}
    logins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#"):
            logins[parts[0]] = parts[1]
    return logins


def credentials_write(path: Path, logins: dict[str, str]) -> None:
    """Replace the credentials file, readable by its owner only."""
    temporary = path.with_name(f"{path.name}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(HEADER)
        handle.writelines(f"{username} {password}\n" for username, password in logins.items())
    os.replace(temporary, path)


def demo_user_ensure(role: DemoRole, password: str | None) -> str:
    """Make sure the role's user exists with its rights and ``password``; returns the password.

    A user without a stored password, or whose stored one no longer works, gets a new one,
    so the login printed is always one that works.
    """
    user_model = get_user_model()
    user = user_model._default_manager.filter(username=role.username).first()
    if user is None:
        user = user_model(username=role.username)
    wanted = {"is_active": True, "is_staff": role.is_staff, "is_superuser": role.is_superuser}
    changed = user.pk is None
    for attr, value in wanted.items():
        if getattr(user, attr) != value:
            setattr(user, attr, value)
            changed = True
    if password is None or user.pk is None or not user.check_password(password):
        password = secrets.token_urlsafe(24)
        user.set_password(password)
        changed = True
    if changed:
        user.save()
    if role.groups:
        user.groups.add(*Group.objects.filter(name__in=role.groups))
    return password


class Command(BaseCommand):
    help = "Create the demo logins on the first run and print them (URL, username, password)."

    def handle(self, *args, **options):
        path = demo_credentials_file()
        stored = credentials_read(path)
        # The file is written inside the transaction: if it cannot be, no password changes.
        with transaction.atomic():
            logins = {
                role.username: demo_user_ensure(role, stored.get(role.username))
                for role in DEMO_ROLES
            }
            if any(stored.get(username) != password for username, password in logins.items()):
                credentials_write(path, {**stored, **logins})
        stored = credentials_read(path)
        port = os.environ.get("PORT") or "8000"
        self.stdout.write(f"Demo logins (from {path}):")
        self.stdout.write(f"Admin site: http://127.0.0.1:{port}{reverse('admin:index')}")
        for role in DEMO_ROLES:
            self.stdout.write(f"{role.title}:")
            self.stdout.write(f"  username: {role.username}")
            self.stdout.write(f"  password: {stored[role.username]}")
