"""The demo login command: one superuser, a generated password kept in a git-ignored file."""

import stat
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command

from tests.support.demo import printed_login


@pytest.fixture
def credentials(settings, tmp_path, monkeypatch):
    """The credentials file in a temporary folder, and no PORT from the caller's shell."""
    monkeypatch.delenv("PORT", raising=False)
    settings.DEMO_CREDENTIALS_FILE = tmp_path / ".demo-credentials"
    return settings.DEMO_CREDENTIALS_FILE


def demo_users() -> list[str]:
    out = StringIO()
    call_command("demo_users", stdout=out)
    return out.getvalue().splitlines()


def stored_logins(path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split() for line in lines if line and not line.startswith("#"))


@pytest.mark.django_db
def test_first_run_creates_a_superuser_and_prints_its_login(credentials):
    """The first run creates `admin` as a superuser and prints the admin URL and its login."""
    url, username, password = printed_login(demo_users())
    assert url == "http://127.0.0.1:8000/admin/"
    assert username == "admin"
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.is_active
    assert admin.check_password(password)
    assert stored_logins(credentials)["admin"] == password


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "groups"),
    [("Fact-checker", {"Contributor", "Fact-checker"}), ("Editor", {"Editor"})],
)
def test_the_review_roles_get_their_own_logins(credentials, title, groups):
    """A fact-checker and an editor log in with their roles, so four-eyes review can be tried."""
    _, username, password = printed_login(demo_users(), title)
    user = get_user_model().objects.get(username=username)
    assert user.check_password(password)
    assert user.is_staff
    assert not user.is_superuser
    assert set(user.groups.values_list("name", flat=True)) == groups


@pytest.mark.django_db
def test_the_generated_password_is_strong_and_the_file_private(credentials):
    """The password passes the project's validators and only its owner can read the file."""
    _, _, password = printed_login(demo_users())
    assert len(password) >= 32
    validate_password(password, get_user_model().objects.get(username="admin"))
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600


@pytest.mark.django_db
def test_the_printed_url_uses_the_port_from_the_environment(credentials, monkeypatch):
    """`make run PORT=9000` serves on 9000, and the printed URL says so."""
    monkeypatch.setenv("PORT", "9000")
    url, _, _ = printed_login(demo_users())
    assert url == "http://127.0.0.1:9000/admin/"


@pytest.mark.django_db
def test_a_second_run_keeps_the_user_and_its_password(credentials):
    """Running again creates no user and changes no password; it prints the same login."""
    first = printed_login(demo_users())
    hashed = get_user_model().objects.get(username="admin").password
    second = printed_login(demo_users())
    assert second == first
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert get_user_model().objects.get(username="admin").password == hashed


@pytest.mark.django_db
def test_a_deleted_credentials_file_resets_the_password(credentials):
    """Without the file the stored password is unknown, so a new one is set and written."""
    _, _, old = printed_login(demo_users())
    credentials.unlink()
    _, _, new = printed_login(demo_users())
    admin = get_user_model().objects.get(username="admin")
    assert new != old
    assert admin.check_password(new)
    assert not admin.check_password(old)
    assert stored_logins(credentials)["admin"] == new
    assert get_user_model().objects.filter(username="admin").count() == 1


@pytest.mark.django_db
def test_a_stored_password_that_no_longer_works_is_replaced(credentials):
    """A password changed elsewhere makes the file stale; the command prints a working one."""
    _, _, old = printed_login(demo_users())
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("changed in the admin site")
    admin.save()
    _, _, new = printed_login(demo_users())
    admin.refresh_from_db()
    assert new != old
    assert admin.check_password(new)
    assert stored_logins(credentials)["admin"] == new


@pytest.mark.django_db
def test_an_existing_admin_user_gets_its_rights_back(credentials):
    """A pre-existing `admin` without rights is made an active superuser again."""
    get_user_model().objects.create_user(username="admin", password="x", is_active=False)
    _, _, password = printed_login(demo_users())
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_active
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.check_password(password)
