"""The statements resource: an actor's stance on a claim, with its citations and chains."""

from claims.choices import Stance
from claims.models import Citation, Statement
from tests.support.api import APIMatrix, client_with_permissions, count_queries
from tests.support.factories import ActorFactory, ClaimFactory, StatementFactory, citation_chain


class TestStatements(APIMatrix):
    basename = "statement"
    model = Statement
    brief_fields = ["id", "url", "display", "claim", "actor", "speaker", "stance", "stated_on"]

    def make(self):
        accusation = StatementFactory()
        statement = StatementFactory(
            claim=accusation.claim, stance=Stance.DENIES, responds_to=accusation
        )
        citation_chain(statement=statement)
        return statement

    def create_payload(self):
        # Makes no statement: the matrix counts statements around it.
        return {
            "claim": ClaimFactory().pk,
            "actor": ActorFactory(name="Government of Russia").pk,
            "stance": "denies",
            "stated_on": "2020-07-17",
            "stated_precision": "month",
            "confidence": "medium",
            "note": "Denied through the foreign ministry.",
        }

    def invalid_payload(self):
        # Neither an actor nor the speaker as written: the model's rule refuses it.
        return {"claim": ClaimFactory().pk, "actor": None, "speaker_label": ""}

    def update_payload(self):
        return {"note": "Confirmed by a second source."}


def writer(*actions):
    return client_with_permissions(
        "claims.view_statement", *(f"claims.{action}_statement" for action in actions)
    )


def test_detail_shows_claim_speaker_response_and_citations_with_chains(db):
    """The detail nests the claim, the actor, what it responds to and each citation's chain."""
    statement = TestStatements().make()
    origin, seen, republished = statement.citations.order_by("id")
    body = writer().get(f"/api/v1/statements/{statement.pk}/").json()
    assert body["claim"]["id"] == statement.claim_id
    assert body["claim"]["text"] == statement.claim.text
    assert body["actor"]["name"] == statement.actor.name
    assert body["speaker"] == statement.actor.name
    assert body["responds_to"]["id"] == statement.responds_to_id
    assert body["responds_to"]["stance"] == "asserts"
    assert [c["id"] for c in body["citations"]] == [origin.pk, seen.pk, republished.pk]
    assert [link["citation"] for link in body["citations"][2]["chain"]] == [
        origin.pk,
        seen.pk,
        republished.pk,
    ]
    assert body["citations"][0]["chain_display"].endswith("report (not public)")


def test_a_denial_responding_to_an_accusation_is_dated_to_its_precision(db):
    """The denial is linked to what it answers; the date is truncated to its precision."""
    accusation = StatementFactory()
    payload = {
        **TestStatements().create_payload(),
        "claim": accusation.claim_id,
        "responds_to": accusation.pk,
    }
    response = writer("add").post("/api/v1/statements/", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stated_on"] == "2020-07-01"
    assert body["stance"] == "denies"
    assert body["responds_to"] == {
        "id": accusation.pk,
        "url": f"http://testserver/api/v1/statements/{accusation.pk}/",
        "speaker": accusation.actor.name,
        "stance": "asserts",
    }
    assert Statement.objects.get(pk=body["id"]).responds_to == accusation


def test_an_unnamed_speaker_is_shown_as_written(db):
    """Without an actor, the speaker is the words the source used."""
    payload = {"claim": ClaimFactory().pk, "speaker_label": "Western officials"}
    response = writer("add").post("/api/v1/statements/", payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["actor"] is None
    assert response.json()["speaker"] == "Western officials"


def test_a_statement_without_speaker_gets_400_naming_the_rule(db):
    """The error comes from the model's rule, as the admin would show it."""
    response = writer("add").post(
        "/api/v1/statements/", TestStatements().invalid_payload(), format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["A statement needs an actor or the speaker as written."]
    }


def test_responses_that_would_loop_get_400(db):
    """A statement cannot come to respond to a response to itself."""
    first = StatementFactory()
    second = StatementFactory(claim=first.claim, responds_to=first)
    response = writer("change").patch(
        f"/api/v1/statements/{first.pk}/", {"responds_to": second.pk}, format="json"
    )
    assert response.status_code == 400
    assert "responds_to" in response.json()["errors"]
    first.refresh_from_db()
    assert first.responds_to is None


def test_update_is_attributed_to_the_token_user(db):
    """The change's history row names the token's user."""
    statement = TestStatements().make()
    client = writer("change")
    response = client.patch(
        f"/api/v1/statements/{statement.pk}/", {"stance": "disputes"}, format="json"
    )
    assert response.status_code == 200, response.content
    latest = statement.history.latest()
    assert (latest.stance, latest.history_user) == ("disputes", client.user)


def test_deleting_a_statement_that_others_respond_to_answers_409(db):
    """An accusation a denial answers cannot be deleted on its own."""
    denial = TestStatements().make()
    response = writer("delete").delete(f"/api/v1/statements/{denial.responds_to_id}/")
    assert response.status_code == 409
    assert response.json()["code"] == "protected"
    assert Statement.objects.filter(pk=denial.responds_to_id).exists()


def test_deleting_a_statement_deletes_its_chain(db):
    """Citations belong to their statement: a whole chain goes with it."""
    statement = TestStatements().make()
    chain = list(statement.citations.values_list("pk", flat=True))
    response = writer("delete").delete(f"/api/v1/statements/{statement.pk}/")
    assert response.status_code == 204, response.content
    assert not Statement.objects.filter(pk=statement.pk).exists()
    assert len(chain) == 3
    assert not Citation.objects.filter(pk__in=chain).exists()


def test_detail_runs_the_same_queries_for_1_and_6_chained_citations(db):
    """Chains are walked through the prefetched citations, never link by link."""
    statement = StatementFactory()
    citation_chain(statement=statement, length=1)
    client = writer()
    url = f"/api/v1/statements/{statement.pk}/"
    client.get(url)
    small, _ = count_queries(lambda: client.get(url))
    citation_chain(statement=statement, length=6)
    large, sql = count_queries(lambda: client.get(url))
    assert large == small, f"{small} queries for 1 citation, {large} for 7:\n{sql}"


def test_a_response_to_a_statement_on_another_claim_gets_400(db):
    """The public page would otherwise say a denial answers someone about another claim."""
    accusation = StatementFactory()
    denial = StatementFactory(stance=Stance.DENIES)
    response = writer("change").patch(
        f"/api/v1/statements/{denial.pk}/", {"responds_to": accusation.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "responds_to": ["A statement can only respond to a statement on the same claim."]
    }
    denial.refresh_from_db()
    assert denial.responds_to is None
