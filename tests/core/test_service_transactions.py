"""Saving through the services in a caller's transaction: no savepoint of its own, so a
refusal ends the whole transaction unless the caller holds a savepoint (core.services)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Topic
from claims.services import claim_save
from core.services import instance_save
from tests.support.api import client_with_permissions
from tests.support.factories import ActorFactory, SnapshotFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)


def refused_claim() -> Claim:
    return Claim(text="", language="en")  # no text: full_clean refuses it


def test_a_claim_statement_and_citation_written_over_the_api_take_no_savepoint():
    client = client_with_permissions(
        "claims.add_claim", "claims.add_statement", "claims.add_citation", "claims.add_topic"
    )
    actor, snapshot = ActorFactory(), SnapshotFactory(text="Fighters crossed the border.")
    TopicFactory(name="Libya")  # a new topic's insert has a savepoint: two requests may race
    with CaptureQueriesContext(connection) as queries:
        claim = client.post(
            "/api/v1/claims/",
            {"text": "Fighters crossed.", "language": "en", "topics": ["Libya"]},
            format="json",
        )
        assert claim.status_code == 201, claim.content
        statement = client.post(
            "/api/v1/statements/",
            {"claim": claim.json()["id"], "actor": actor.pk, "stance": "asserts"},
            format="json",
        )
        assert statement.status_code == 201, statement.content
        citation = client.post(
            "/api/v1/citations/",
            {
                "statement": statement.json()["id"],
                "source": snapshot.source_id,
                "snapshot": snapshot.pk,
                "role": "reports",
                "quote": "Fighters crossed",
            },
            format="json",
        )
        assert citation.status_code == 201, citation.content
    statements = [query["sql"] for query in queries.captured_queries]
    assert not [sql for sql in statements if "SAVEPOINT" in sql.upper()]


def test_a_refusal_in_a_callers_transaction_ends_it_and_nothing_it_wrote_stays():
    refusals = []
    with transaction.atomic():
        instance_save(instance=Topic(name="Kept only with the claim"))
        try:
            claim_save(claim=refused_claim())
        except ValidationError as refusal:
            refusals.append(refusal)
        # Without a savepoint of its own the refusal cannot be stepped over.
        with pytest.raises(TransactionManagementError):
            Topic.objects.count()
    assert refusals
    assert not Topic.objects.filter(name="Kept only with the claim").exists()


def test_a_caller_holding_a_savepoint_goes_on_after_a_refusal():
    with transaction.atomic():
        instance_save(instance=Topic(name="Before"))
        with pytest.raises(ValidationError), transaction.atomic():
            instance_save(instance=refused_claim())
        instance_save(instance=Topic(name="After"))
    assert set(Topic.objects.values_list("name", flat=True)) >= {"Before", "After"}
    assert not Claim.objects.exists()
