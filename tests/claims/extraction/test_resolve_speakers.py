"""Speakers resolved to actors by name or alias."""

import pytest

from claims.extraction import extract, resolve_speakers
from sources.services import actor_save
from tests.support.factories import ActorFactory

pytestmark = pytest.mark.django_db


def test_speakers_resolve_by_name_or_alias_ignoring_case_accents_and_the():
    pentagon = actor_save(
        actor=ActorFactory.build(name="U.S. Department of Defense"), aliases=["Pentagon"]
    )
    russia = actor_save(actor=ActorFactory.build(name="Government of Russia"), aliases=["Moscow"])
    cogat = ActorFactory(name="COGAT")
    text = (
        "The Pentagon says Turkey sent 3,500 fighters to Libya. "
        "MOSCOW denied sending aircraft to Libya. "
        "According to Cogát, 120 trucks entered Gaza. "
        "The Ruritanian navy said it saw nothing."
    )
    assert resolve_speakers(extract(text)) == [pentagon, russia, cogat, None]


def test_ambiguous_names_resolve_to_none():
    actor_save(
        actor=ActorFactory.build(name="Ministry of Water, Estavia"), aliases=["the ministry"]
    )
    actor_save(actor=ActorFactory.build(name="Ministry of Water, Lunera"), aliases=["Ministry"])
    suggestions = extract("The ministry said the dam was safe.")
    assert resolve_speakers(suggestions) == [None]
