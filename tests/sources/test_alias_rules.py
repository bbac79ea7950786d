"""Aliases: one per actor after folding case and accents, never the actor's own name."""

import pytest

from sources.models import Alias
from sources.services import alias_add, alias_save
from tests.support.factories import ActorFactory
from tests.support.refusals import refused_by_database, validation_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def russia(db):
    return ActorFactory(name="Government of Russia")


@pytest.mark.parametrize("variant", ["Moscow", "moscow", "MOSCOW", "Móscow", "  moscow  "])
def test_alias_is_unique_per_actor_after_folding_in_validation(russia, variant):
    """A second alias that differs only in case, accents or blanks is reported on name."""
    alias_save(alias=Alias(actor=russia, name="Moscow"))
    errors = validation_errors(lambda: alias_save(alias=Alias(actor=russia, name=variant)))
    assert "already has this alias" in errors["name"][0]
    assert russia.aliases.count() == 1


@pytest.mark.parametrize("variant", ["Moscow", "moscow", "Móscow"])
def test_alias_is_unique_per_actor_after_folding_in_the_database(russia, variant):
    """The database compares folded names, so it refuses what validation would."""
    Alias.objects.create(actor=russia, name="Moscow")
    with refused_by_database("sources_alias_unique_actor_name_folded", "sources_alias.name_folded"):
        Alias.objects.create(actor=russia, name=variant)


def test_the_same_alias_may_name_two_actors(russia):
    """ "Moscow" can stand for the Russian government and for the city's mayoralty alike."""
    mayoralty = ActorFactory(name="Moscow city government")
    alias_save(alias=Alias(actor=russia, name="Moscow"))
    alias_save(alias=Alias(actor=mayoralty, name="moscow"))
    Alias.objects.create(actor=ActorFactory(name="Moscow Times"), name="Moscow")
    assert Alias.objects.filter(name_folded="moscow").count() == 3


@pytest.mark.parametrize(
    "name", ["Wagner Group", "wagner group", "the Wagner Group", "Wágner Group"]
)
def test_alias_equal_to_the_actors_own_name_is_refused(name):
    """An alias that folds to the actor's name adds nothing and is refused on name."""
    wagner = ActorFactory(name="Wagner Group")
    errors = validation_errors(lambda: alias_save(alias=Alias(actor=wagner, name=name)))
    assert errors["name"] == ["This is the actor's own name, not an alias."]
    assert not wagner.aliases.exists()


def test_alias_is_trimmed_and_folded(russia):
    """The alias keeps its spelling, trimmed; the folded form is what matching compares."""
    alias = alias_save(alias=Alias(actor=russia, name="  the Kremlin "))
    alias.refresh_from_db()
    assert alias.name == "the Kremlin"
    assert alias.name_folded == "kremlin"


def test_renaming_an_alias_to_itself_is_not_a_duplicate(russia):
    """Saving an existing alias again does not clash with itself."""
    alias = alias_save(alias=Alias(actor=russia, name="Moscow"))
    alias.name = "moscow"
    alias_save(alias=alias)
    alias.refresh_from_db()
    assert alias.name == "moscow"


def test_alias_add_returns_the_existing_alias_for_a_variant(russia):
    """Adding "MOSCOW" to an actor that already goes by "Moscow" changes nothing."""
    first = alias_add(actor=russia, name="Moscow")
    again = alias_add(actor=russia, name="MÓSCOW")
    assert again == first
    assert again.name == "Moscow"
    assert russia.aliases.count() == 1


def test_alias_add_adds_a_new_name(russia):
    """A name the actor does not have yet becomes a new alias."""
    alias_add(actor=russia, name="Moscow")
    alias_add(actor=russia, name="Kremlin")
    assert sorted(russia.aliases.values_list("name", flat=True)) == ["Kremlin", "Moscow"]
