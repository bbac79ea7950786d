"""Resolving a name as written in a source to the one actor it means."""

import pytest

from sources.models import Actor, Alias
from sources.services import ActorNameAmbiguous, ActorNotFound, actor_resolve
from tests.support.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(db):
    """Actors of the reference article, with the aliases it uses for them."""
    named = {}
    for name, aliases in {
        "U.S. Department of Defense": ["Pentagon", "Defense Department", "U.S. military"],
        "United States government": ["The United States"],
        "Government of Russia": ["Moscow", "Kremlin", "the Russian state"],
        "Government of Turkey": ["Turkey", "Ankara", "Türkiye"],
        "Wagner Group": ["Vagner Group"],
    }.items():
        actor = ActorFactory(name=name)
        for alias in aliases:
            Alias.objects.create(actor=actor, name=alias)
        named[name] = actor
    return named


@pytest.mark.parametrize(
    ("written", "actor"),
    [
        ("Moscow", "Government of Russia"),
        ("moscow", "Government of Russia"),
        ("MOSCOW", "Government of Russia"),
        ("  Moscow ", "Government of Russia"),
        ("the Russian state", "Government of Russia"),
        ("Russian state", "Government of Russia"),
        ("Vagner Group", "Wagner Group"),
        ("vagner group", "Wagner Group"),
        ("VAGNER  GROUP", "Wagner Group"),
        ("Wagner Group", "Wagner Group"),
        ("wagner group", "Wagner Group"),
        ("Pentagon", "U.S. Department of Defense"),
        ("the Pentagon", "U.S. Department of Defense"),
        ("The Pentagon", "U.S. Department of Defense"),
        ("U.S. Department of Defense", "U.S. Department of Defense"),
        ("u.s. department of defense", "U.S. Department of Defense"),
        ("United States", "United States government"),
        ("the United States", "United States government"),
        ("Tűrkiye", "Government of Turkey"),
        ("Turkiye", "Government of Turkey"),
        ("TÜRKIYE", "Government of Turkey"),
    ],
)
def test_actor_resolve_by_name_or_alias(actors, written, actor):
    """Case, accents, blanks and a leading "the" do not matter; names and aliases both count."""
    assert actor_resolve(written) == actors[actor]


@pytest.mark.parametrize(
    ("written", "actor"),
    [
        ("moscow", "Government of Russia"),
        ("the Pentagon", "U.S. Department of Defense"),
        ("Tűrkiye", "Government of Turkey"),
        ("Wagner Group", "Wagner Group"),
    ],
)
def test_matching_queryset_finds_the_same_actor(actors, written, actor):
    """Actor.objects.matching is the query behind actor_resolve."""
    assert list(Actor.objects.matching(written)) == [actors[actor]]


@pytest.mark.parametrize("written", ["Haftar", "Moskva", "Pentagon Papers", "", "   ", "the"])
def test_actor_resolve_raises_when_no_actor_goes_by_the_name(actors, written):
    """A name nobody goes by is an ActorNotFound, which names it."""
    with pytest.raises(ActorNotFound) as caught:
        actor_resolve(written)
    assert f"“{written}”" in str(caught.value)
    assert not Actor.objects.matching(written).exists()


def test_actor_resolve_raises_when_two_actors_share_an_alias(actors):
    """A name two actors go by is ambiguous; the error lists both candidates."""
    city = ActorFactory(name="Moscow city government")
    Alias.objects.create(actor=city, name="Moscow")
    with pytest.raises(ActorNameAmbiguous) as caught:
        actor_resolve("moscow")
    assert set(caught.value.candidates) == {actors["Government of Russia"], city}
    message = str(caught.value)
    assert f"Government of Russia (#{actors['Government of Russia'].pk})" in message
    assert f"Moscow city government (#{city.pk})" in message


def test_name_of_one_actor_and_alias_of_another_is_ambiguous(actors):
    """An actor named "Turkey" and another aliased "Turkey" make "turkey" ambiguous."""
    country = ActorFactory(name="Turkey")
    with pytest.raises(ActorNameAmbiguous) as caught:
        actor_resolve("turkey")
    assert set(caught.value.candidates) == {actors["Government of Turkey"], country}
