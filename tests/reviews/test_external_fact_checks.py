"""Fact-checks published elsewhere, and how their ratings read on the desk's scales."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.services import DeletionRefused, instance_delete
from reviews.models import ExternalFactCheck, ExternalRatingMapping
from reviews.services import external_fact_check_save, rating_mapping_delete, rating_mapping_save
from tests.support.admin import messages_of
from tests.support.factories import (
    ActorFactory,
    ClaimFactory,
    ExternalFactCheckFactory,
    ExternalRatingMappingFactory,
    RatingLabelFactory,
    UserFactory,
    role_user,
)

pytestmark = pytest.mark.django_db


def new_fact_check(publisher, textual_rating, **fields) -> ExternalFactCheck:
    fact_check = ExternalFactCheckFactory.build(
        claim=fields.pop("claim", None) or ClaimFactory(),
        publisher=publisher,
        textual_rating=textual_rating,
        **fields,
    )
    return external_fact_check_save(fact_check=fact_check, user=UserFactory())


def test_a_fact_check_reads_as_the_label_its_publishers_rating_maps_to():
    mapping = ExternalRatingMappingFactory(textual_rating="Pants on Fire!")
    other_publisher = ActorFactory()
    # Compared folded: case, accents, spaces and end punctuation aside.
    assert new_fact_check(mapping.publisher, "PANTS  ON FIRE").rating_label == mapping.label
    assert new_fact_check(mapping.publisher, "Mostly false").rating_label is None
    assert new_fact_check(other_publisher, "Pants on Fire!").rating_label is None


def test_a_new_mapping_labels_the_fact_checks_recorded_before_it_in_history():
    publisher, editor = ActorFactory(), UserFactory()
    earlier = [new_fact_check(publisher, "Falso") for _ in range(2)]
    untouched = new_fact_check(publisher, "Verdadero")
    label = RatingLabelFactory(label="False")

    mapping = rating_mapping_save(
        mapping=ExternalRatingMapping(publisher=publisher, textual_rating="falso", label=label),
        user=editor,
    )

    for fact_check in earlier:
        fact_check.refresh_from_db()
        assert fact_check.rating_label == label
        latest = fact_check.history.first()
        assert latest.history_user == editor
        assert latest.history_change_reason == f"rating mapping “{mapping}”"
    untouched.refresh_from_db()
    assert untouched.rating_label is None


def test_editing_or_deleting_a_mapping_takes_its_label_back():
    mapping = ExternalRatingMappingFactory(textual_rating="Falso")
    rating_mapping_save(mapping=mapping)
    falso = new_fact_check(mapping.publisher, "Falso")
    engañoso = new_fact_check(mapping.publisher, "Engañoso")
    assert falso.rating_label == mapping.label

    mapping.textual_rating = "Engañoso"
    rating_mapping_save(mapping=mapping)
    falso.refresh_from_db()
    engañoso.refresh_from_db()
    assert falso.rating_label is None
    assert engañoso.rating_label == mapping.label

    rating_mapping_delete(mapping=mapping)
    engañoso.refresh_from_db()
    assert engañoso.rating_label is None
    assert engañoso.textual_rating == "Engañoso"  # the publisher's words stay


def test_a_publishers_rating_is_mapped_once():
    mapping = ExternalRatingMappingFactory(textual_rating="False")
    again = ExternalRatingMapping(
        publisher=mapping.publisher, textual_rating="FALSE.", label=mapping.label
    )
    with pytest.raises(ValidationError, match="mapped already"):
        rating_mapping_save(mapping=again)


def test_one_url_is_one_fact_check_however_it_is_written():
    first = new_fact_check(ActorFactory(), "False", url="https://factcheck.example/a/")
    with pytest.raises(ValidationError, match="recorded already"):
        new_fact_check(first.publisher, "True", url="https://FACTCHECK.example/a")
    assert ExternalFactCheck.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("url", "not a url"), ("language", "english"), ("textual_rating", ""), ("headline", "a\x00b")],
)
def test_bad_fields_are_refused_by_name(field, value):
    fields = {"textual_rating": "False", field: value}
    with pytest.raises(ValidationError) as refusal:
        new_fact_check(ActorFactory(), **fields)
    assert field in refusal.value.message_dict


def test_a_claim_with_fact_checks_by_others_is_not_deleted():
    fact_check = ExternalFactCheckFactory()
    with pytest.raises(DeletionRefused):
        instance_delete(instance=fact_check.claim)
    with pytest.raises(DeletionRefused):
        instance_delete(instance=fact_check.publisher)


# The admin


def test_the_claims_page_lists_its_fact_checks_by_others(admin_client):
    fact_check = ExternalFactCheckFactory(headline="Pentagon figure checked")
    page = admin_client.get(reverse("admin:claims_claim_change", args=[fact_check.claim_id]))
    assert page.status_code == 200
    assert "Fact-checks published elsewhere" in page.content.decode()
    assert "Pentagon figure checked" in page.content.decode()


def test_a_fact_check_added_in_the_admin_is_labelled(admin_client):
    mapping = ExternalRatingMappingFactory(textual_rating="Pants on Fire!")
    claim = ClaimFactory()
    response = admin_client.post(
        reverse("admin:reviews_externalfactcheck_add"),
        {
            "claim": claim.pk,
            "publisher": mapping.publisher_id,
            "url": "https://factcheck.example/pants/",
            "headline": "No",
            "claim_reviewed": "",
            "textual_rating": "pants on fire",
            "published_on": "2020-05-21",
            "language": "en",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    fact_check = ExternalFactCheck.objects.get()
    assert fact_check.rating_label == mapping.label
    assert fact_check.history.first().history_type == "+"


def test_deleting_a_mapping_in_the_admin_unlabels_its_fact_checks(admin_client):
    mapping = ExternalRatingMappingFactory(textual_rating="False")
    fact_check = new_fact_check(mapping.publisher, "False")
    assert fact_check.rating_label == mapping.label
    response = admin_client.post(
        reverse("admin:reviews_externalratingmapping_delete", args=[mapping.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert messages_of(response)
    fact_check.refresh_from_db()
    assert fact_check.rating_label is None


def test_contributors_record_fact_checks_and_fact_checkers_map_ratings():
    contributor, checker, viewer = (
        role_user("Contributor"),
        role_user("Fact-checker"),
        role_user("Viewer"),
    )
    assert contributor.has_perm("reviews.add_externalfactcheck")
    assert not contributor.has_perm("reviews.add_externalratingmapping")
    assert checker.has_perm("reviews.change_externalratingmapping")
    assert not checker.has_perm("reviews.add_externalfactcheck")
    assert viewer.has_perm("reviews.view_externalfactcheck")
    assert not viewer.has_perm("reviews.change_externalfactcheck")
