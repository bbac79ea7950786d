"""A change page's inline formsets read their media from their first row
(``core.admin.InlineFormSetMediaOnce``): the page's scripts and styles are Django's."""

from unittest import mock

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from core.admin import InlineFormSetMediaOnce, ServiceAdmin
from tests.support.factories import ClaimFactory, StatementFactory

pytestmark = pytest.mark.django_db


def media_of(response) -> str:
    assert response.status_code == 200
    return str(response.context["media"])


def as_django_builds_it(admin_client, url) -> str:
    """The page's media with Django's inline formsets, which merge every row's."""
    keep = ServiceAdmin.get_inline_formsets

    def djangos(self, *args, **kwargs):
        formsets = keep(self, *args, **kwargs)
        for formset in formsets:
            formset.__class__ = helpers.InlineAdminFormSet
        return formsets

    with mock.patch.object(ServiceAdmin, "get_inline_formsets", djangos):
        return media_of(admin_client.get(url))


@pytest.mark.parametrize("statements", [0, 1, 4])
def test_a_claims_page_has_djangos_media_whatever_its_rows(admin_client, statements):
    claim = ClaimFactory()
    StatementFactory.create_batch(statements, claim=claim)
    url = reverse("admin:claims_claim_change", args=[claim.pk])

    response = admin_client.get(url)

    formsets = response.context["inline_admin_formsets"]
    assert formsets
    assert all(type(f) is InlineFormSetMediaOnce for f in formsets)
    assert media_of(response) == as_django_builds_it(admin_client, url)
    assert "autocomplete.js" in media_of(response)


def test_an_add_page_has_djangos_media(admin_client):
    url = reverse("admin:claims_claim_add")
    assert media_of(admin_client.get(url)) == as_django_builds_it(admin_client, url)


def test_the_media_builds_one_rows_admin_form(admin_client):
    claim = ClaimFactory()
    StatementFactory.create_batch(5, claim=claim)
    response = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    formset = response.context["inline_admin_formsets"][0]
    with mock.patch.object(helpers, "InlineAdminForm", wraps=helpers.InlineAdminForm) as built:
        formset.media  # noqa: B018
    assert built.call_count == 1
