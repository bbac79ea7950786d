"""The rating scales resource: read-only, each scale with its labels, in fixed queries."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from reviews.models import RatingScale
from tests.support.api import client_with_permissions, count_queries
from tests.support.factories import RatingLabelFactory, RatingScaleFactory
from tests.support.routes import superuser_client

SCALES = "/api/v1/rating-scales/"


def detail_url(scale) -> str:
    return reverse("api:ratingscale-detail", args=[scale.pk])


@pytest.fixture
def reader(db):
    return client_with_permissions("reviews.view_ratingscale")


def test_the_scales_of_the_migration_are_listed_with_their_labels(reader):
    rows = {row["slug"]: row for row in reader.get(SCALES).json()["results"]}
    assert set(rows) == {"six-step", "three-step"}
    six = rows["six-step"]
    assert (six["name"], six["best_value"], six["worst_value"], six["is_default"]) == (
        "Six-step truth scale",
        "5.00",
        "1.00",
        True,
    )
    assert rows["three-step"]["is_default"] is False
    labels = six["labels"]
    assert [label["label"] for label in labels] == [
        "True",
        "Mostly true",
        "Half true",
        "Mostly false",
        "False",
        "Unproven",
    ]
    assert labels[0] == {
        "id": labels[0]["id"],
        "label": "True",
        "value": "5.00",
        "normalized_score": 1.0,
        "description": "The claim is accurate and nothing significant is missing.",
        "colour": "#1e8449",
        "order": 1,
    }
    assert [label["normalized_score"] for label in labels] == [1.0, 0.75, 0.5, 0.25, 0.0, None]
    assert labels[-1]["value"] is None


def test_a_scale_whose_best_value_is_the_lowest_scores_from_its_best(reader):
    """normalized_score runs from the worst (0) to the best (1), whichever way round."""
    scale = RatingScaleFactory(best_value=1, worst_value=4)
    RatingLabelFactory(scale=scale, label="Best", value=1, order=1)
    RatingLabelFactory(scale=scale, label="Middling", value=3, order=2)
    body = reader.get(detail_url(scale)).json()
    assert [(label["label"], label["normalized_score"]) for label in body["labels"]] == [
        ("Best", 1.0),
        ("Middling", pytest.approx(1 / 3)),
    ]


def test_a_scale_detail_carries_an_etag_that_changes_with_its_labels(reader):
    scale = RatingScale.objects.get(slug="three-step")
    response = reader.get(detail_url(scale))
    assert response.status_code == 200
    etag = response["ETag"]
    assert reader.get(detail_url(scale), HTTP_IF_NONE_MATCH=etag).status_code == 304
    RatingLabelFactory(scale=scale, label="Unsupported", value=None, order=9)
    changed = reader.get(detail_url(scale), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["labels"][-1]["label"] == "Unsupported"


def test_scales_are_filtered_by_default_and_slug(reader):
    assert [
        row["slug"] for row in reader.get(SCALES, {"is_default": "true"}).json()["results"]
    ] == ["six-step"]
    assert [
        row["slug"] for row in reader.get(SCALES, {"slug": "three-step"}).json()["results"]
    ] == ["three-step"]
    refused = reader.get(SCALES, {"is_default": "perhaps"})
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["is_default"]


def test_scales_are_read_only_even_for_a_superuser(db):
    """Scales are configured in the admin: no write operation exists (405)."""
    client = superuser_client()
    scale = RatingScale.objects.get(slug="six-step")
    for response in (
        client.post(SCALES, {"name": "Mine", "slug": "mine"}, format="json"),
        client.patch(detail_url(scale), {"name": "Renamed"}, format="json"),
        client.put(detail_url(scale), {"name": "Renamed"}, format="json"),
        client.delete(detail_url(scale)),
    ):
        assert response.status_code == 405, response.content
        assert response.json()["code"] == "method_not_allowed"
    assert RatingScale.objects.get(pk=scale.pk).name == "Six-step truth scale"


def test_reading_scales_needs_the_view_permission(db):
    scale = RatingScale.objects.get(slug="six-step")
    assert APIClient().get(SCALES).status_code == 401
    without = client_with_permissions("reviews.view_review")
    assert without.get(SCALES).status_code == 403
    assert without.get(detail_url(scale)).status_code == 403


def test_the_list_runs_the_same_queries_for_2_and_20_scales(reader):
    reader.get(SCALES)  # the token's first use records it
    small, _ = count_queries(lambda: reader.get(SCALES, {"page_size": 50}))
    for _ in range(18):
        scale = RatingScaleFactory()
        for order in range(1, 4):
            RatingLabelFactory(scale=scale, order=order)
    assert len(reader.get(SCALES, {"page_size": 50}).json()["results"]) == 20
    large, sql = count_queries(lambda: reader.get(SCALES, {"page_size": 50}))
    assert large == small, f"{small} queries for 2 scales, {large} for 20:\n{sql}"
