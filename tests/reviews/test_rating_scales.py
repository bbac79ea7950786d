"""Rating scales: the default ones, normalised scores, and the rules on labels and ratings."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.services import instance_save
from reviews.models import RatingLabel, RatingScale
from reviews.services import review_open, review_update
from tests.support.factories import (
    RatingLabelFactory,
    RatingScaleFactory,
    checkable_claim,
    role_user,
)

pytestmark = pytest.mark.django_db


def test_the_migration_loads_a_default_six_step_scale_and_a_three_step_one():
    """True … False plus Unproven (off the scale) by default; a short scale beside it."""
    default = RatingScale.objects.get(is_default=True)
    assert default.slug == "six-step"
    assert list(default.labels.values_list("label", "value")) == [
        ("True", Decimal(5)),
        ("Mostly true", Decimal(4)),
        ("Half true", Decimal(3)),
        ("Mostly false", Decimal(2)),
        ("False", Decimal(1)),
        ("Unproven", None),
    ]
    three = RatingScale.objects.get(slug="three-step")
    assert list(three.labels.values_list("label", flat=True)) == [
        "Accurate",
        "Misleading",
        "False",
    ]


@pytest.mark.parametrize(
    ("label", "score"),
    [("True", 1.0), ("Mostly true", 0.75), ("Half true", 0.5), ("False", 0.0), ("Unproven", None)],
)
def test_normalized_score_places_a_label_between_worst_and_best(label, score):
    """(value − worst) / (best − worst); a verdict off the scale has none."""
    assert RatingLabel.objects.get(scale__is_default=True, label=label).normalized_score == score


def test_normalized_score_on_a_scale_whose_best_is_the_lowest_value():
    """A scale may run the other way (1 best, 4 worst); the score still puts best at 1."""
    scale = RatingScaleFactory(best_value=1, worst_value=4)

    assert RatingLabelFactory(scale=scale, value=1).normalized_score == 1.0
    assert RatingLabelFactory(scale=scale, value=3).normalized_score == pytest.approx(1 / 3)


@pytest.mark.parametrize("value", [Decimal("0.5"), Decimal(6)])
def test_a_label_value_outside_the_scale_is_refused(value):
    scale = RatingScale.objects.get(pk=RatingScaleFactory(best_value=5, worst_value=1).pk)

    with pytest.raises(ValidationError) as error, transaction.atomic():
        instance_save(instance=RatingLabel(scale=scale, label="Off", value=value, order=1))

    assert error.value.message_dict["value"] == [
        "The value must lie between 1.00 and 5.00, the scale's ends."
    ]
    assert not scale.labels.exists()


def test_only_one_scale_is_the_default():
    """Validation says so, and the database refuses a second default all the same."""
    with pytest.raises(ValidationError) as error, transaction.atomic():
        instance_save(
            instance=RatingScale(
                name="Mine", slug="mine", best_value=1, worst_value=0, is_default=True
            )
        )
    assert "Another scale is already the default." in error.value.messages

    with pytest.raises(IntegrityError), transaction.atomic():
        RatingScaleFactory(is_default=True)
    assert RatingScale.objects.filter(is_default=True).count() == 1


def test_a_scale_needs_distinct_ends():
    with pytest.raises(ValidationError) as error, transaction.atomic():
        instance_save(instance=RatingScale(name="Flat", slug="flat", best_value=1, worst_value=1))

    assert "The best and worst values of a scale must differ." in error.value.messages


@pytest.mark.parametrize("colour", ["red", "#12345", "#12345g", "123456", "#GGGGGG"])
def test_a_colour_is_a_hash_and_six_hex_digits(colour):
    """Validation refuses a malformed colour; so does the database, for writes that skip it."""
    scale = RatingScaleFactory()

    with pytest.raises(ValidationError) as error, transaction.atomic():
        instance_save(
            instance=RatingLabel(scale=scale, label="Odd", value=3, order=1, colour=colour)
        )
    assert "A colour is # and six hexadecimal digits." in error.value.messages

    with pytest.raises(IntegrityError), transaction.atomic():
        RatingLabelFactory(scale=scale, colour=colour)
    assert not scale.labels.exists()


def test_a_well_formed_colour_is_accepted():
    label = instance_save(
        instance=RatingLabel(
            scale=RatingScaleFactory(), label="Ok", value=3, order=1, colour="#1E8449"
        )
    )
    assert RatingLabel.objects.get(pk=label.pk).colour == "#1E8449"


def test_a_review_takes_a_rating_from_its_own_scale_only():
    """A label of another scale is refused on the review; one of its scale is accepted."""
    checker = role_user("Fact-checker", username="checker")
    review = review_open(claim=checkable_claim(), user=checker)
    other = RatingLabel.objects.get(scale__slug="three-step", label="Accurate")

    with pytest.raises(ValidationError) as error:
        review_update(review=review, user=checker, rating=other)
    assert error.value.message_dict["rating"] == [
        "The rating must be a label of the review's scale."
    ]
    review.refresh_from_db()
    assert review.rating is None

    own = RatingLabel.objects.get(scale__is_default=True, label="Mostly false")
    assert review_update(review=review, user=checker, rating=own).rating == own


def test_a_review_can_use_another_scale():
    editor = role_user("Editor", username="editor")
    three = RatingScale.objects.get(slug="three-step")

    review = review_open(claim=checkable_claim(), user=editor, scale=three)

    assert review.scale == three
