"""The actors resource."""

from sources.models import Actor
from tests.support.api import APIMatrix
from tests.support.factories import ActorFactory, AliasFactory, StatementFactory


class TestActors(APIMatrix):
    basename = "actor"
    model = Actor
    brief_fields = ["id", "url", "display", "name", "kind"]

    def make(self):
        actor = ActorFactory(parent=ActorFactory())
        AliasFactory(actor=actor)
        return actor

    def create_payload(self):
        return {"kind": "government_body", "name": "Ministry of Defence", "aliases": ["MoD"]}

    def invalid_payload(self):
        return {"kind": "planet", "name": "", "wikidata_id": "42"}

    def update_payload(self):
        return {"description": "Renamed in the API"}


def test_actor_filter_by_alias_ignores_case_accents_and_articles(db):
    """?name=the pentagon finds the actor whose alias is "Pentagon"."""
    dod = ActorFactory(name="U.S. Department of Defense")
    AliasFactory(actor=dod, name="Pentagon")
    ActorFactory(name="Other")
    client = TestActors().reader()
    response = client.get("/api/v1/actors/", {"name": "the PENTAGON"})
    assert [row["id"] for row in response.json()["results"]] == [dod.pk]


def test_aliases_written_through_the_api_replace_the_list(db):
    actor = ActorFactory()
    AliasFactory(actor=actor, name="Old name")
    client = TestActors().writer("change")
    response = client.patch(
        f"/api/v1/actors/{actor.pk}/", {"aliases": ["Moscow", "moscow", "Kremlin"]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert sorted(response.json()["aliases"]) == ["Kremlin", "Moscow"]


def test_deleting_an_actor_with_statements_answers_409(db):
    statement = StatementFactory()
    client = TestActors().writer("delete")
    response = client.delete(f"/api/v1/actors/{statement.actor.pk}/")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "protected"
    assert "1 statement" in body["detail"]
    assert Actor.objects.filter(pk=statement.actor.pk).exists()
