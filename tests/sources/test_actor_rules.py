"""Actor integrity: Wikidata IDs, country codes and the parent hierarchy, in both paths."""

import pytest

from sources.choices import ActorKind
from sources.models import Actor
from sources.services import actor_save
from tests.support.factories import ActorFactory
from tests.support.refusals import NON_FIELD_ERRORS, refused_by_database, validation_errors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("wikidata_id", ["Q11209", "Q1", "Q42", ""])
def test_wikidata_id_in_the_right_format_is_accepted(wikidata_id):
    """An item ID is Q followed by digits without a leading zero; none at all is fine too."""
    actor = actor_save(actor=ActorFactory.build(wikidata_id=wikidata_id))
    assert Actor.objects.get(pk=actor.pk).wikidata_id == wikidata_id


@pytest.mark.parametrize("wikidata_id", ["q42", "Q", "Q0", "Q042", "42", "Q42a", "P31", " Q42"])
def test_wikidata_id_in_the_wrong_format_is_refused_by_validation(wikidata_id):
    """A malformed ID is reported on the wikidata_id field and nothing is saved."""
    errors = validation_errors(
        lambda: actor_save(actor=ActorFactory.build(wikidata_id=wikidata_id))
    )
    assert "wikidata_id" in errors
    assert not Actor.objects.exists()


@pytest.mark.parametrize("wikidata_id", ["q42", "Q", "Q0", "Q042", "42", "Q42a", "P31"])
def test_wikidata_id_in_the_wrong_format_is_refused_by_the_database(wikidata_id):
    """The format check holds for writes that skip validation."""
    with refused_by_database("sources_actor_wikidata_id_format"):
        Actor.objects.create(kind=ActorKind.GOVERNMENT, name="X", wikidata_id=wikidata_id)


def test_wikidata_id_is_unique_when_set_in_validation():
    """A second actor with the same Wikidata ID is refused with a readable message."""
    actor_save(actor=ActorFactory.build(name="U.S. Department of Defense", wikidata_id="Q11209"))
    errors = validation_errors(
        lambda: actor_save(actor=ActorFactory.build(name="Pentagon", wikidata_id="Q11209"))
    )
    assert errors[NON_FIELD_ERRORS] == ["Another actor already has this Wikidata ID."]
    assert Actor.objects.count() == 1


def test_wikidata_id_is_unique_when_set_in_the_database():
    """The database refuses the same Wikidata ID twice even past validation."""
    ActorFactory(wikidata_id="Q11209")
    with refused_by_database("sources_actor_unique_wikidata_id", "sources_actor.wikidata_id"):
        ActorFactory(wikidata_id="Q11209")


def test_many_actors_may_have_no_wikidata_id():
    """Empty IDs are not compared: any number of actors may have none, in both paths."""
    actor_save(actor=ActorFactory.build(wikidata_id=""))
    actor_save(actor=ActorFactory.build(wikidata_id=""))
    Actor.objects.create(kind=ActorKind.PERSON, name="Khalifa Haftar", wikidata_id="")
    assert Actor.objects.filter(wikidata_id="").count() == 3


@pytest.mark.parametrize("country", ["US", "LY", ""])
def test_country_code_in_the_right_format_is_accepted(country):
    """An ISO 3166-1 alpha-2 code, or none."""
    actor = actor_save(actor=ActorFactory.build(country=country))
    assert Actor.objects.get(pk=actor.pk).country == country


@pytest.mark.parametrize("country", ["us", "U1", "USA", "U", "1A"])
def test_country_code_in_the_wrong_format_is_refused_by_validation(country):
    """Lower case, digits and three-letter codes are reported on the country field."""
    errors = validation_errors(lambda: actor_save(actor=ActorFactory.build(country=country)))
    assert "country" in errors


@pytest.mark.parametrize("country", ["us", "U1", "1A", "U."])
def test_country_code_in_the_wrong_format_is_refused_by_the_database(country):
    """The country check holds for writes that skip validation."""
    with refused_by_database("sources_actor_country_format"):
        Actor.objects.create(kind=ActorKind.GOVERNMENT, name="X", country=country)


def test_actor_cannot_be_its_own_parent_in_validation():
    """Making an actor its own parent is reported on the parent field."""
    actor = ActorFactory()
    actor.parent = actor
    assert "parent" in validation_errors(lambda: actor_save(actor=actor))
    assert Actor.objects.get(pk=actor.pk).parent_id is None


def test_actor_cannot_be_its_own_parent_in_the_database():
    """The database refuses a row whose parent is itself."""
    actor = ActorFactory()
    actor.parent = actor
    with refused_by_database("sources_actor_not_own_parent"):
        actor.save()


def test_parent_loop_of_two_is_refused():
    """A below B and B below A would be a loop: refused on the parent field."""
    a = actor_save(actor=ActorFactory.build(name="A"))
    b = actor_save(actor=ActorFactory.build(name="B", parent=a))
    a.parent = b
    errors = validation_errors(lambda: actor_save(actor=a))
    assert "a loop" in errors["parent"][0]
    assert Actor.objects.get(pk=a.pk).parent_id is None


def test_parent_loop_of_three_is_refused():
    """A loop through a third actor is found too."""
    a = actor_save(actor=ActorFactory.build(name="A"))
    b = actor_save(actor=ActorFactory.build(name="B", parent=a))
    c = actor_save(actor=ActorFactory.build(name="C", parent=b))
    a.parent = c
    assert "parent" in validation_errors(lambda: actor_save(actor=a))


def test_parent_hierarchy_without_a_loop_is_accepted():
    """Pentagon → U.S. Department of Defense → United States government is a valid chain."""
    government = actor_save(actor=ActorFactory.build(name="United States government"))
    defense = actor_save(
        actor=ActorFactory.build(
            name="U.S. Department of Defense",
            kind=ActorKind.GOVERNMENT_BODY,
            parent=government,
        )
    )
    military = actor_save(
        actor=ActorFactory.build(name="U.S. military", kind=ActorKind.MILITARY, parent=defense)
    )
    assert military.ancestors() == [defense, government]
    assert government.ancestors() == []


def test_actor_cannot_lead_itself():
    """An organisation's leader is someone else."""
    actor = ActorFactory()
    actor.leader = actor
    assert "leader" in validation_errors(lambda: actor_save(actor=actor))


def test_name_is_trimmed_and_folded_on_save():
    """Surrounding blanks are dropped from the name; the folded name is kept for matching."""
    actor = actor_save(actor=ActorFactory.build(name="  The Pentagon "))
    stored = Actor.objects.get(pk=actor.pk)
    assert stored.name == "The Pentagon"
    assert stored.name_folded == "pentagon"


@pytest.mark.parametrize("name", ["Wagner\x00Group", "\ud800"])
def test_name_with_unstorable_characters_is_refused(name):
    """NUL bytes and lone surrogates never reach the database."""
    assert "name" in validation_errors(lambda: actor_save(actor=ActorFactory.build(name=name)))
