"""Fact-checks published elsewhere and rating mappings over the API: the resource matrix,
filters, the derived fields, the refusals, and a claim's own list."""

import pytest
from django.urls import reverse

from claims.models import Claim
from reviews.models import ExternalFactCheck, ExternalRatingMapping
from reviews.services import external_fact_check_save
from sources.models import Actor
from tests.support.api import (
    APIMatrix,
    assert_refused,
    client_with_permissions,
    count_queries,
    found,
)
from tests.support.factories import (
    ActorFactory,
    ClaimFactory,
    ExternalFactCheckFactory,
    ExternalRatingMappingFactory,
    RatingLabelFactory,
    role_user,
)
from tests.support.routes import client_for, superuser_client

FACT_CHECKS = "/api/v1/external-fact-checks/"
MAPPINGS = "/api/v1/rating-mappings/"


def claim_list_url(claim_id) -> str:
    return reverse("api:claim-external-fact-checks", args=[claim_id])


class TestExternalFactChecks(APIMatrix):
    basename = "externalfactcheck"
    model = ExternalFactCheck
    brief_fields = [
        "id",
        "url",
        "display",
        "claim",
        "publisher",
        "web_url",
        "headline",
        "textual_rating",
        "rating_label",
        "published_on",
        "language",
    ]

    def make(self):
        mapping = ExternalRatingMappingFactory(textual_rating="Pants on Fire!")
        fact_check = ExternalFactCheckFactory.build(
            claim=ClaimFactory(),
            publisher=mapping.publisher,
            textual_rating="Pants on fire",
            published_on="2020-05-21",
            language="en",
        )
        return external_fact_check_save(fact_check=fact_check)

    def create_payload(self):
        return {
            "claim": ClaimFactory().pk,
            "publisher": ActorFactory(kind="news_outlet").pk,
            "web_url": "https://www.politifact.com/factchecks/2020/may/21/x/",
            "headline": "No, Turkey did not send 35,000 fighters",
            "claim_reviewed": "Turkey sent 35,000 Syrian fighters to Libya.",
            "textual_rating": "False",
            "published_on": "2020-05-21",
            "language": "en",
        }

    def invalid_payload(self):
        return {**self.create_payload(), "web_url": "not a url", "language": "english"}

    def update_payload(self):
        return {"headline": "Edited through the API"}


class TestRatingMappings(APIMatrix):
    basename = "externalratingmapping"
    model = ExternalRatingMapping
    brief_fields = [
        "id",
        "url",
        "display",
        "publisher",
        "textual_rating",
        "rating_key",
        "label",
        "created_at",
        "updated_at",
    ]

    def make(self):
        return ExternalRatingMappingFactory()

    def create_payload(self):
        return {
            "publisher": ActorFactory(kind="news_outlet").pk,
            "textual_rating": "Pants on Fire!",
            "label": RatingLabelFactory().pk,
        }

    def invalid_payload(self):
        return {"publisher": ActorFactory().pk, "textual_rating": "", "label": 10**17}

    def update_payload(self):
        return {"textual_rating": "Four Pinocchios"}


@pytest.fixture
def editor(db):
    return client_for(role_user("Editor"))


# The representation


def test_the_detail_shows_the_derived_fields_and_the_publisher_as_an_actor(editor):
    fact_check = TestExternalFactChecks().make()
    body = editor.get(f"{FACT_CHECKS}{fact_check.pk}/").json()
    assert body["rating_key"] == "pants on fire"
    assert body["rating_label"]["id"] == fact_check.rating_label_id
    assert set(body["publisher"]) == {"id", "url", "display", "name", "kind"}
    assert body["claim"]["id"] == fact_check.claim_id
    assert body["web_url"] == fact_check.url
    assert body["web_url_normalized"] == fact_check.url_normalized


def test_a_created_fact_check_is_labelled_by_its_publishers_mapping(editor):
    mapping = ExternalRatingMappingFactory(textual_rating="Pants on Fire!")
    body = {
        **TestExternalFactChecks().create_payload(),
        "publisher": mapping.publisher_id,
        "textual_rating": "PANTS ON FIRE",
    }
    response = editor.post(FACT_CHECKS, body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["rating_label"]["id"] == mapping.label_id


def test_the_derived_fields_cannot_be_written(editor):
    body = {**TestExternalFactChecks().create_payload(), "rating_label": RatingLabelFactory().pk}
    response = editor.post(FACT_CHECKS, body, format="json")
    assert_refused(response, "rating_label")
    assert not ExternalFactCheck.objects.exists()


def test_a_url_already_recorded_however_written_is_a_400_on_web_url(editor):
    ExternalFactCheckFactory(url="https://factcheck.example/a/")
    body = {**TestExternalFactChecks().create_payload(), "web_url": "HTTPS://FACTCHECK.example/a"}
    response = editor.post(FACT_CHECKS, body, format="json")
    assert_refused(response, "web_url")
    assert "recorded already" in response.json()["errors"]["web_url"][0]
    assert ExternalFactCheck.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("web_url", "javascript:alert(1)"),
        ("web_url", ""),
        ("language", "english"),
        ("textual_rating", ""),
        ("textual_rating", "x" * 501),
        ("published_on", "21 May 2020"),
        ("claim", 10**17),
    ],
)
def test_bad_fields_are_400_on_that_field(editor, field, value):
    body = {**TestExternalFactChecks().create_payload(), field: value}
    response = editor.post(FACT_CHECKS, body, format="json")
    assert_refused(response, field)
    assert not ExternalFactCheck.objects.exists()


# Filters


def test_filters(editor):
    mapping = ExternalRatingMappingFactory(textual_rating="False")
    first = ExternalFactCheckFactory.build(
        claim=ClaimFactory(),
        publisher=mapping.publisher,
        textual_rating="False",
        published_on="2020-05-21",
        language="en",
        url="https://factcheck.example/one/",
    )
    external_fact_check_save(fact_check=first)
    second = ExternalFactCheckFactory(published_on="2021-01-02", language="pt-BR")
    undated = ExternalFactCheckFactory(claim=first.claim)

    def listed(**params):
        return found(editor.get(FACT_CHECKS, params))

    assert listed(claim=first.claim_id) == {first.pk, undated.pk}
    assert listed(publisher=mapping.publisher_id) == {first.pk}
    assert listed(publisher=mapping.publisher.name) == {first.pk}
    assert listed(rating_label=mapping.label_id) == {first.pk}
    assert listed(has_label="true") == {first.pk}
    assert listed(has_label="false") == {second.pk, undated.pk}
    assert listed(language="pt-BR") == {second.pk}
    assert listed(published_after="2021-01-01") == {second.pk}
    assert listed(published_before="2020-12-31") == {first.pk}
    assert listed(web_url="HTTPS://FactCheck.example/one?utm_source=x#top") == {first.pk}
    assert listed(ordering="created_at") == {first.pk, second.pk, undated.pk}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("claim", "x"),
        ("language", "english"),
        ("published_after", "May 2020"),
        ("has_label", "maybe"),
        ("ordering", "textual_rating"),
    ],
)
def test_bad_filters_are_400_on_that_parameter(editor, name, value):
    assert_refused(editor.get(FACT_CHECKS, {name: value}), name)


def test_mappings_filter_by_publisher(editor):
    mapping, other = ExternalRatingMappingFactory(), ExternalRatingMappingFactory()
    assert found(editor.get(MAPPINGS, {"publisher": mapping.publisher_id})) == {mapping.pk}
    assert found(editor.get(MAPPINGS, {"label": other.label_id})) == {other.pk}


# Roles


def test_contributors_record_fact_checks_and_fact_checkers_map_ratings(db):
    contributor = client_for(role_user("Contributor"))
    checker = client_for(role_user("Fact-checker"))
    viewer = client_for(role_user("Viewer"))
    fact_check_body = TestExternalFactChecks().create_payload()
    mapping_body = TestRatingMappings().create_payload()

    assert checker.post(FACT_CHECKS, fact_check_body, format="json").status_code == 403
    assert contributor.post(MAPPINGS, mapping_body, format="json").status_code == 403
    assert viewer.post(FACT_CHECKS, fact_check_body, format="json").status_code == 403
    assert viewer.post(MAPPINGS, mapping_body, format="json").status_code == 403
    assert contributor.post(FACT_CHECKS, fact_check_body, format="json").status_code == 201
    assert checker.post(MAPPINGS, mapping_body, format="json").status_code == 201
    for client in (contributor, checker, viewer):
        assert client.get(FACT_CHECKS).status_code == 200
        assert client.get(MAPPINGS).status_code == 200


# Rating mappings relabel through their services


def test_saving_and_deleting_a_mapping_relabels_the_publishers_fact_checks(editor):
    fact_check = ExternalFactCheckFactory(textual_rating="Falso")
    label = RatingLabelFactory()
    body = {"publisher": fact_check.publisher_id, "textual_rating": "falso.", "label": label.pk}
    response = editor.post(MAPPINGS, body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["rating_key"] == "falso"
    fact_check.refresh_from_db()
    assert fact_check.rating_label == label
    assert fact_check.history.first().history_user == editor.user

    again = editor.post(MAPPINGS, {**body, "textual_rating": "FALSO"}, format="json")
    assert_refused(again, "non_field_errors")

    deleted = editor.delete(f"{MAPPINGS}{response.json()['id']}/")
    assert deleted.status_code == 204
    fact_check.refresh_from_db()
    assert fact_check.rating_label is None


# Deleting what fact-checks by others rest on


def test_deleting_a_claim_or_an_actor_with_fact_checks_by_others_answers_409(db):
    fact_check = ExternalFactCheckFactory()
    client = superuser_client()
    for url in (
        f"/api/v1/claims/{fact_check.claim_id}/",
        f"/api/v1/actors/{fact_check.publisher_id}/",
    ):
        response = client.delete(url)
        assert response.status_code == 409, response.content
        body = response.json()
        assert body["code"] == "protected"
        assert "1 fact-check published elsewhere" in body["detail"]
    assert Claim.objects.filter(pk=fact_check.claim_id).exists()
    assert Actor.objects.filter(pk=fact_check.publisher_id).exists()


def test_deleting_a_fact_check_is_kept_in_history(editor):
    fact_check = ExternalFactCheckFactory()
    assert editor.delete(f"{FACT_CHECKS}{fact_check.pk}/").status_code == 204
    assert not ExternalFactCheck.objects.exists()
    deleted = ExternalFactCheck.history.filter(id=fact_check.pk).first()
    assert deleted.history_type == "-"
    assert deleted.history_user == editor.user


# A claim's own list


def test_a_claims_fact_checks_by_others_newest_first_undated_last(db):
    claim = ClaimFactory()
    undated = ExternalFactCheckFactory(claim=claim)
    old = ExternalFactCheckFactory(claim=claim, published_on="2019-01-01")
    new = ExternalFactCheckFactory(claim=claim, published_on="2021-01-01")
    ExternalFactCheckFactory()  # another claim's
    client = client_with_permissions("claims.view_claim", "reviews.view_externalfactcheck")
    response = client.get(claim_list_url(claim.pk))
    assert response.status_code == 200, response.content
    assert [row["id"] for row in response.json()] == [new.pk, old.pk, undated.pk]
    etag = response["ETag"]
    assert client.get(claim_list_url(claim.pk), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_claims_list_needs_both_permissions_and_an_existing_claim(db):
    claim = ClaimFactory()
    only_claims = client_with_permissions("claims.view_claim")
    assert only_claims.get(claim_list_url(claim.pk)).status_code == 403
    both = client_with_permissions("claims.view_claim", "reviews.view_externalfactcheck")
    assert both.get(claim_list_url(10**17)).status_code == 404
    assert both.get(claim_list_url(claim.pk)).json() == []


def test_a_claims_list_runs_the_same_queries_for_2_and_12_rows(db):
    claim = ClaimFactory()
    client = client_with_permissions("claims.view_claim", "reviews.view_externalfactcheck")

    def make(n):
        for _ in range(n):
            fact_check = TestExternalFactChecks().make()
            fact_check.claim = claim
            external_fact_check_save(fact_check=fact_check)

    make(2)
    small, _ = count_queries(lambda: client.get(claim_list_url(claim.pk)))
    make(10)
    large, sql = count_queries(lambda: client.get(claim_list_url(claim.pk)))
    assert large == small, sql


def test_the_routes_are_in_the_schema(db):
    schema = superuser_client().get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths[FACT_CHECKS])
    assert {"get", "put", "patch", "delete"} <= set(paths[f"{FACT_CHECKS}{{id}}/"])
    assert {"get", "post"} <= set(paths[MAPPINGS])
    assert "get" in paths["/api/v1/claims/{id}/external-fact-checks/"]
    properties = schema["components"]["schemas"]["ExternalFactCheck"]["properties"]
    assert properties["rating_key"]["readOnly"] is True
    assert properties["rating_label"]["readOnly"] is True
