"""The admin's list of apps and models (every page's sidebar, and the index), written by
``core.navigation`` as Django's ``admin/app_list.html`` writes it."""

from pathlib import Path

import django.contrib.admin
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.template.loader import get_template
from django.urls import reverse

from core.navigation import app_list_html
from tests.support.factories import UserFactory

DJANGOS_APP_LIST = Template(
    (Path(django.contrib.admin.__file__).parent / "templates/admin/app_list.html").read_text()
)


def djangos(app_list, request, show_changelinks) -> str:
    return DJANGOS_APP_LIST.render(
        Context({"app_list": app_list, "request": request, "show_changelinks": show_changelinks})
    )


def ours(app_list, request, show_changelinks) -> str:
    """The project's ``admin/app_list.html``, as the admin's pages include it."""
    return get_template("admin/app_list.html").render(
        {"app_list": app_list, "show_changelinks": show_changelinks}, request
    )


def staff(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture(params=["superuser", "viewer", "adder", "nobody"])
def user(request, db, admin_user):
    return {
        "superuser": lambda: admin_user,
        "viewer": lambda: staff("view_claim", "view_source", "view_actor"),
        "adder": lambda: staff("view_claim", "add_claim", "change_statement", "add_topic"),
        "nobody": lambda: staff(),
    }[request.param]()


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:index"),
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_add"),
        reverse("admin:app_list", args=["claims"]),
        reverse("admin:sources_actor_changelist") + "?q=%C3%A9",
    ],
)
def test_the_app_list_is_written_as_djangos_template_writes_it(client, user, url):
    client.force_login(user)
    page = client.get(url)
    assert page.status_code in (200, 403, 404)  # an app a user sees nothing of is a 404
    request = page.wsgi_request
    app_list = admin.site.get_app_list(request)
    for show_changelinks in (False, True):
        expected = djangos(app_list, request, show_changelinks)
        assert ours(app_list, request, show_changelinks) == expected
        assert app_list_html(app_list, request.path, show_changelinks) + "\n" == expected


def test_a_model_without_a_list_or_an_add_page_is_written_as_django_writes_it(rf, admin_user):
    request = rf.get("/admin/claims/")
    app_list = [
        {
            "name": "Claims & <more>",
            "app_label": "claims",
            "app_url": "/admin/claims/",
            "models": [
                {"name": "Plain", "object_name": "Plain", "admin_url": None, "add_url": None},
                {
                    "name": "Viewed",
                    "object_name": "Viewed",
                    "admin_url": "/admin/claims/viewed/",
                    "add_url": None,
                    "view_only": True,
                },
            ],
        }
    ]
    for show_changelinks in (False, True):
        expected = djangos(app_list, request, show_changelinks)
        assert ours(app_list, request, show_changelinks) == expected
        assert app_list_html(app_list, request.path, show_changelinks) + "\n" == expected


def test_the_admin_pages_use_the_projects_app_list():
    origin = Path(get_template("admin/app_list.html").origin.name)
    assert origin == Path(__file__).parents[2] / "templates/admin/app_list.html"
