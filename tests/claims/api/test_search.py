"""Searching claims (``?q=``) by their text and by the quotes that record them.

PostgreSQL: full-text search with web-search syntax, backed by GIN indexes. SQLite: every
term must appear, ignoring case. The tests marked ``postgres_only`` need PostgreSQL.
"""

import importlib

import pytest
from django.db import connection
from django.utils import timezone

from claims.filtersets import ClaimFilterSet
from claims.models import Citation, Claim, Statement
from claims.search import plain_terms
from core.models import history_written_separately
from tests.support.api import client_with_permissions, count_queries, found
from tests.support.factories import CitationFactory, ClaimFactory, StatementFactory
from tests.support.reference import keys, reference_claims

URL = "/api/v1/claims/"
ON_POSTGRESQL = connection.vendor == "postgresql"


def postgres_only(test):
    skip = pytest.mark.skipif(not ON_POSTGRESQL, reason="full-text search needs PostgreSQL")
    return pytest.mark.postgres_only(skip(test))


sqlite_only = pytest.mark.skipif(ON_POSTGRESQL, reason="the plain match of other databases")
FULL_TEXT_SYNTAX = "&|!():*<>'\"\\"


@pytest.fixture
def reader(db):
    return client_with_permissions("claims.view_claim")


@pytest.fixture
def reference(db):
    return reference_claims()


def quoted(claim_text: str, quote: str) -> Claim:
    """A claim whose one statement is recorded with this quote."""
    statement = StatementFactory(claim=ClaimFactory(text=claim_text))
    return CitationFactory(statement=statement, quote=quote).statement.claim


# Both databases


def test_fighters_libya_finds_the_claims_about_syrian_fighters_in_libya(reader, reference):
    """Both words in the claim's text (or a quote): C1 (3,500 fighters) and C3 (no IS link)."""
    assert keys(reader.get(URL, {"q": "fighters Libya"}), reference) == {"C1", "C3"}


def test_search_reaches_the_quotes_of_a_claims_statements(reader):
    """A word only in a citation's quote finds the claim; the quote's other claims do not."""
    claim = quoted("Troops were moved.", "Officials said the brigade was redeployed overnight.")
    ClaimFactory(text="Nothing about that.")
    assert found(reader.get(URL, {"q": "redeployed"})) == {claim.pk}


@pytest.mark.parametrize("withdrawn", ["statement", "citation"])
def test_the_quotes_of_withdrawn_statements_and_citations_do_not_find_a_claim(reader, withdrawn):
    from core.services import instance_reinstate, instance_withdraw

    claim = quoted("Troops were moved.", "Officials said the brigade was redeployed overnight.")
    statement = claim.statements.get()
    instance = statement if withdrawn == "statement" else statement.citations.get()
    instance_withdraw(instance=instance, reason="misattributed")
    assert found(reader.get(URL, {"q": "redeployed"})) == set()
    instance_reinstate(instance=instance, reason="checked again")
    assert found(reader.get(URL, {"q": "redeployed"})) == {claim.pk}


def test_search_ignores_case_and_needs_every_word(reader):
    both = ClaimFactory(text="Mercenaries arrived in Sirte.")
    ClaimFactory(text="Mercenaries arrived in Benghazi.")
    assert found(reader.get(URL, {"q": "MERCENARIES sirte"})) == {both.pk}


def test_a_word_in_the_text_and_another_in_a_quote_do_not_make_a_match(reader):
    """Each text is matched on its own, as a document of the full-text index is."""
    quoted("Drones were delivered.", "The shipment reached the port of Misrata.")
    assert found(reader.get(URL, {"q": "drones Misrata"})) == set()


def test_a_claim_matching_through_several_quotes_is_listed_once(reader):
    claim = quoted("Aircraft landed.", "Jets landed at the base.")
    CitationFactory(statement=claim.statements.get(), quote="Jets again landed.")
    response = reader.get(URL, {"q": "jets"})
    assert [row["id"] for row in response.json()["results"]] == [claim.pk]


def test_an_excluded_word_removes_matches(reader):
    """``-word`` excludes on both databases."""
    kept = ClaimFactory(text="Syrian fighters reached Tripoli.")
    ClaimFactory(text="Syrian fighters fought for Qaddafi.")
    assert found(reader.get(URL, {"q": "Syrian fighters -Qaddafi"})) == {kept.pk}


@pytest.mark.parametrize(
    "query", [FULL_TEXT_SYNTAX, "'", '"', "-", "or", "!!!", "a & b | c", "(jets", "jets:*", "\\"]
)
def test_full_text_syntax_characters_never_cause_an_error(reader, query):
    """websearch_to_tsquery tolerates any input; the plain match escapes LIKE wildcards."""
    ClaimFactory(text="Jets and aircraft & more (really).")
    response = reader.get(URL, {"q": query})
    assert response.status_code == 200, response.content


def test_like_wildcards_are_matched_literally(reader):
    """A % or _ in the query is a character to find, not a wildcard."""
    ClaimFactory(text="Turnout was 55 percent.")
    assert found(reader.get(URL, {"q": "%"})) == set()
    assert found(reader.get(URL, {"q": "_"})) == set()


def test_a_query_of_500_characters_is_accepted_and_501_refused(reader):
    assert reader.get(URL, {"q": "word " * 100}).status_code == 200
    response = reader.get(URL, {"q": "x" * 501})
    assert response.status_code == 400
    assert "500" in response.json()["errors"]["q"][0]


def test_search_runs_the_same_queries_for_2_and_20_matches(reader):
    reader.get(URL)  # the token's first use records it; later ones do not
    for _ in range(2):
        quoted("Convoy seen.", "A convoy of trucks crossed the border.")
    small, _ = count_queries(lambda: reader.get(URL, {"q": "convoy trucks"}))
    for _ in range(18):
        quoted("Convoy seen.", "A convoy of trucks crossed the border.")
    large, sql = count_queries(lambda: reader.get(URL, {"q": "convoy trucks"}))
    assert len(found(reader.get(URL, {"q": "convoy trucks"}))) == 20
    assert large == small, f"{small} queries for 2 matches, {large} for 20:\n{sql}"


def test_citations_q_searches_quotes(db):
    client = client_with_permissions("claims.view_citation")
    match = CitationFactory(quote="The ministry denied sending aircraft.")
    CitationFactory(quote="Nothing to see.")
    response = client.get("/api/v1/citations/", {"q": "aircraft ministry"})
    assert found(response) == {match.pk}
    assert client.get("/api/v1/citations/", {"q": FULL_TEXT_SYNTAX}).status_code == 200
    assert client.get("/api/v1/citations/", {"q": "x" * 501}).status_code == 400


def test_a_lone_surrogate_in_the_query_is_an_error_of_q():
    filterset = ClaimFilterSet(data={"q": "jets \udc80"}, queryset=Claim.objects.all())
    assert not filterset.is_valid()
    assert list(filterset.errors) == ["q"]


# PostgreSQL: full-text search


@postgres_only
def test_websearch_phrase_and_exclusion_on_the_reference_article(reader, reference):
    """\"Syrian fighters\" -Qaddafi: the exact phrase, in C1 and C3, nowhere Qaddafi."""
    response = reader.get(URL, {"q": '"Syrian fighters" -Qaddafi'})
    assert keys(response, reference) == {"C1", "C3"}


@postgres_only
def test_websearch_or_on_the_reference_article(reader, reference):
    """Jets (C4's text) or aircraft (Moscow's denial, quoted for C4 and C5)."""
    assert keys(reader.get(URL, {"q": "jets or aircraft"}), reference) == {"C4", "C5"}


@postgres_only
def test_a_phrase_needs_its_words_together_and_in_order(reader):
    together = ClaimFactory(text="Syrian fighters reached Tripoli.")
    ClaimFactory(text="Fighters, some of them Syrian, reached Tripoli.")
    assert found(reader.get(URL, {"q": '"Syrian fighters"'})) == {together.pk}


@postgres_only
def test_stemming_matches_other_forms_of_a_word(reader):
    claim = ClaimFactory(text="The militia deployed two fighters.")
    assert found(reader.get(URL, {"q": "fighter deploys"})) == {claim.pk}


@postgres_only
def test_a_query_of_stop_words_only_matches_nothing(reader):
    ClaimFactory(text="The claim is about the border.")
    assert found(reader.get(URL, {"q": "the"})) == set()


@postgres_only
def test_the_search_uses_the_gin_indexes(db):
    """The conditions use exactly the indexed columns (seen with sequential scans and walks of
    the other indexes off): the claims' text and quote documents, the citations' quotes."""
    claims = Claim.objects.search("fighters Libya").values("pk")
    citations = Citation.objects.search("fighters Libya").values("pk")
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        for queryset in (claims, citations):
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    assert "BitmapOr" in plans[0], plans[0]
    assert "claims_claim_search_document_idx" in plans[0], plans[0]
    assert "claims_claim_quote_document_idx" in plans[0], plans[0]
    assert "claims_citation_quote_search_idx" in plans[1], plans[1]


@postgres_only
def test_a_claims_quote_document_follows_its_citations_and_statements(db):
    """Triggers keep the stored quote document in step, even with bulk writes: a quote added,
    edited, moved with its statement to another claim, or deleted is found, or no longer
    found, at once."""
    first, second = ClaimFactory(text="First."), ClaimFactory(text="Second.")
    statement = StatementFactory(claim=first)
    citation = CitationFactory(statement=statement, quote="The brigade was redeployed.")
    assert set(Claim.objects.search("redeployed")) == {first}
    with history_written_separately():
        Citation.objects.filter(pk=citation.pk).update(quote="The brigade stood down.")
        assert set(Claim.objects.search("redeployed")) == set()
        assert set(Claim.objects.search("stood down")) == {first}
        Statement.objects.filter(pk=statement.pk).update(claim=second)
        assert set(Claim.objects.search("stood down")) == {second}
        other = CitationFactory(statement=StatementFactory(claim=second), quote="Tanks moved.")
        assert set(Claim.objects.search("brigade tanks")) == {second}  # its quotes together
        Citation.objects.filter(pk__in=[citation.pk, other.pk]).delete()
        assert set(Claim.objects.search("brigade")) == set()


@postgres_only
def test_a_claims_quotes_are_read_by_the_claim_as_before(db):
    """Migration 0020 reads a claim's quotes from its statements, one statement at a time,
    and filters what is current in the aggregate: the text is migration 0011's, character
    for character (withdrawn statements and citations, empty quotes, citation order)."""
    before = importlib.import_module("claims.migrations.0011_claim_quote_document").QUOTES_OF
    now = importlib.import_module("claims.migrations.0020_quote_document_reads_by_claim")
    claim, other, bare = ClaimFactory(), ClaimFactory(), ClaimFactory()
    first, second = StatementFactory(claim=claim), StatementFactory(claim=claim)
    withdrawn = StatementFactory(claim=claim, withdrawn_at=timezone.now(), withdrawal_reason="x")
    CitationFactory(statement=second, quote="Tanks moved.")
    CitationFactory(statement=first, quote="The brigade was redeployed.")
    CitationFactory(statement=first, quote="")
    CitationFactory(
        statement=first, quote="Gone.", withdrawn_at=timezone.now(), withdrawal_reason="x"
    )
    CitationFactory(statement=withdrawn, quote="Said by the withdrawn one.")
    CitationFactory(statement=StatementFactory(claim=other), quote="Elsewhere.")
    # The two readings are the migrations' own SQL, with no value from outside.
    readings = f"{before.format(claim_id='claim.id')}, {now.QUOTES_OF.format(claim_id='claim.id')}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT claim.id, {readings} FROM claims_claim claim ORDER BY 1")  # noqa: S608
        rows = cursor.fetchall()
    assert [(pk, old) for pk, old, _ in rows] == [(pk, new) for pk, _, new in rows]
    assert {pk: new for pk, _, new in rows} == {
        claim.pk: "Tanks moved.\nThe brigade was redeployed.",
        other.pk: "Elsewhere.",
        bare.pk: None,
    }


@postgres_only
def test_a_claims_quotes_are_stemmed_in_its_language(db):
    claim = ClaimFactory(text="Déclaration.", language="fr")
    CitationFactory(statement=StatementFactory(claim=claim), quote="Les combattants sont arrivés.")
    assert set(Claim.objects.search("combattant arrivée")) == {claim}
    claim.language = "en"
    claim.save()
    with connection.cursor() as cursor:  # remade in the new language's configuration
        cursor.execute(
            "SELECT quote_document = to_tsvector('english', %s) FROM claims_claim WHERE id = %s",
            ["Les combattants sont arrivés.", claim.pk],
        )
        assert cursor.fetchone() == (True,)


# SQLite: the plain match


@sqlite_only
def test_on_sqlite_or_and_quotes_are_ignored(reader):
    """Without full-text search, "jets or aircraft" needs both words."""
    both = ClaimFactory(text="Jets and aircraft landed.")
    ClaimFactory(text="Jets landed.")
    assert found(reader.get(URL, {"q": "jets or aircraft"})) == {both.pk}
    assert found(reader.get(URL, {"q": '"aircraft jets"'})) == {both.pk}


def test_plain_terms_split_required_and_excluded_words():
    assert plain_terms('"Syrian fighters" -Qaddafi jets OR aircraft - --') == (
        ["Syrian", "fighters", "jets", "aircraft"],
        ["Qaddafi"],
    )
