"""The claim's change page reads its claim as the API's detail does (``claims.detail_reads``):
the page must be the one the ORM's prefetches gave, and an id that names no claim must be
answered as Django's admin answers it."""

import re
from unittest import mock

import pytest
from django.urls import reverse

from claims.choices import RelationKind
from claims.detail_reads import claim_for_detail
from claims.models import Claim
from tests.support.admin import messages_of
from tests.support.factories import ClaimFactory, ClaimRelationFactory
from tests.support.reference import add_structure, reference_claims

pytestmark = pytest.mark.django_db

# What differs between two renderings of the same page: the CSRF token and the CSP nonce.
PER_REQUEST = re.compile(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"')


def change_url(pk) -> str:
    return reverse("admin:claims_claim_change", args=[pk])


def orm_read(claim_id: int) -> Claim | None:
    """The claim as the ORM's prefetches read it (what the compiled queries stand for)."""
    return Claim.objects.for_detail().with_relations().filter(pk=claim_id).first()


def page(admin_client, claim) -> str:
    response = admin_client.get(change_url(claim.pk))
    assert response.status_code == 200
    return PER_REQUEST.sub(r'\1=""', response.content.decode())


def test_the_page_reads_the_claim_by_the_compiled_queries(admin_client):
    claim = ClaimFactory()
    with mock.patch("claims.admin.claim_for_detail", wraps=claim_for_detail) as read:
        page(admin_client, claim)
    read.assert_called_once_with(claim.pk)


def test_every_reference_claims_page_is_the_one_the_orm_read_gives(admin_client):
    """Statements (a withdrawn one, answers), citations with their chains, subjects, topics,
    relations both ways, a withdrawn claim: the same page, byte for byte."""
    claims = add_structure(reference_claims())
    assert len(claims) >= 7
    for key, claim in claims.items():
        compiled = page(admin_client, claim)
        with mock.patch("claims.admin.claim_for_detail", side_effect=orm_read) as read:
            assert page(admin_client, claim) == compiled, key
        read.assert_called_once_with(claim.pk)


def test_the_known_duplicates_are_read_with_the_claim(admin_client, count_queries):
    """The panel's duplicates, both ways, come from the relations read with the claim: other
    kinds of relation are not duplicates, and no query of their own is run."""
    claim, earlier, later, supported = ClaimFactory.create_batch(4)
    ClaimRelationFactory(from_claim=claim, to_claim=earlier, kind=RelationKind.DUPLICATE_OF)
    ClaimRelationFactory(from_claim=later, to_claim=claim, kind=RelationKind.DUPLICATE_OF)
    ClaimRelationFactory(from_claim=claim, to_claim=supported, kind=RelationKind.SUPPORTS)

    with count_queries() as queries:
        html = page(admin_client, claim)

    assert f'data-known="{" ".join(map(str, sorted([earlier.pk, later.pk])))}"' in html
    # The relations read with the claim, both ways in one query, and no other.
    relations = [q["sql"] for q in queries.context if '"claims_claimrelation"' in q["sql"]]
    assert len(relations) == 1, queries.explain()


@pytest.mark.parametrize("object_id", ["0", "987654321", str(2**63), str(10**30), "x1", "٣"])
def test_an_id_that_names_no_claim_is_answered_as_django_answers_it(admin_client, object_id):
    ClaimFactory()
    response = admin_client.get(change_url(object_id), follow=True)
    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    assert any("doesn’t exist" in message for message in messages_of(response))
