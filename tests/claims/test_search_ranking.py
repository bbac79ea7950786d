"""Language-aware full-text search of claims, and where a query's words are in a text.

The stored search document is PostgreSQL's; on SQLite a search is a plain term match (the
tests that need stemming are skipped there). Highlighting is Python, the same everywhere.
"""

import importlib
import re

import pytest
from django.db import connection
from django.db.models import Q
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claims import search
from claims.highlight import Highlighter, highlight, positive_words
from claims.models import Claim
from claims.search import QuotesMatch, TextMatches
from tests.support.factories import CitationFactory, ClaimFactory

ON_POSTGRESQL = connection.vendor == "postgresql"
postgres_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="stemming and the stored search document need PostgreSQL"
)


def searched(query: str) -> set[int]:
    return set(Claim.objects.search(query).values_list("pk", flat=True))


def words_at(text: str, spans) -> list[str]:
    return [text[start:end] for start, end in spans]


# Languages (PostgreSQL)


@postgres_only
def test_a_french_claim_is_stemmed_as_french(db):
    """ "arrivait" and "arrivées" share the French stem arriv; English stems them apart."""
    french = ClaimFactory(text="Les troupes sont arrivées hier.", language="fr")
    ClaimFactory(text="Les troupes sont arrivées hier.", language="en")
    assert searched("arrivait") == {french.pk}


@postgres_only
def test_a_regional_tag_takes_its_language(db):
    claim = ClaimFactory(text="Les troupes sont arrivées hier.", language="fr-CA")
    assert searched("arrivait") == {claim.pk}


@postgres_only
def test_an_english_claim_is_stemmed_as_english(db):
    claim = ClaimFactory(text="The brigade deployed two fighters.", language="en")
    assert searched("deploying fighter") == {claim.pk}


@postgres_only
def test_a_language_without_a_configuration_is_matched_word_for_word(db):
    """``simple``: case is ignored, but "fighter" is not "fighters" and "the" is a word."""
    claim = ClaimFactory(text="The fighters arrived.", language="sw")
    assert searched("FIGHTERS") == {claim.pk}
    assert searched("fighter") == set()
    assert searched("the") == {claim.pk}


@postgres_only
def test_an_excluded_word_is_stemmed_in_the_claims_language(db):
    """ "-syrien" excludes the French claim that says "syriens", whatever other languages make
    of the word."""
    ClaimFactory(text="Des combattants syriens sont arrivés.", language="fr")
    kept = ClaimFactory(text="Des combattants libyens sont arrivés.", language="fr")
    assert searched("combattant -syrien") == {kept.pk}


@postgres_only
def test_the_document_follows_the_text_and_the_language(db):
    claim = ClaimFactory(text="Les troupes sont arrivées.", language="en")
    assert searched("arrivait") == set()
    claim.language = "fr"
    claim.save()
    assert searched("arrivait") == {claim.pk}
    claim.text = "Les avions sont partis."
    claim.save()
    assert searched("arrivait") == set()


@postgres_only
def test_every_configuration_exists_on_the_server(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        available = {row[0] for row in cursor.fetchall()}
    assert set(search.CONFIGS) <= available


def test_the_query_side_map_is_the_one_the_column_is_generated_with():
    migration = importlib.import_module("claims.migrations.0010_claim_search_document")
    assert migration.LANGUAGE_CONFIGS == search.LANGUAGE_CONFIGS
    assert migration.FALLBACK_CONFIG == search.FALLBACK_CONFIG
    assert migration.config_sql() == search.config_sql("language")


@pytest.mark.parametrize(
    ("tag", "config"),
    [("en", "english"), ("fr-CA", "french"), ("pt-BR", "portuguese"), ("sw", "simple")],
)
def test_language_config(tag, config):
    assert search.language_config(tag) == config


# Highlighting


def test_highlight_offsets_are_the_matching_words():
    text = "Syrian fighters arrived; the fighter jets did not."
    spans = highlight(text, "fighters jet", "en")
    assert words_at(text, spans) == ["fighters", "fighter", "jets"]


def test_highlight_counts_code_points_past_emoji_and_accents():
    text = "🇱🇾 👍🏽 Éléphants à Tripoli: les éléphants arrivés 😀 hier."
    spans = highlight(text, "éléphant arrivée", "fr")
    assert words_at(text, spans) == ["Éléphants", "éléphants", "arrivés"]
    assert spans[0][0] == text.index("Éléphants")


def test_highlight_without_a_stemmer_matches_folded_words_only():
    text = "Wapiganaji WAPIGANAJI wapiganajii"
    assert words_at(text, highlight(text, "wapiganaji", "sw")) == ["Wapiganaji", "WAPIGANAJI"]


def test_highlight_marks_positive_terms_only():
    text = "Jets, aircraft and Qaddafi's forces."
    spans = highlight(text, '"jets aircraft" -qaddafi or forces', "en")
    assert words_at(text, spans) == ["Jets", "aircraft", "forces"]


def test_highlight_skips_english_stop_words():
    text = "The claim is about the border."
    assert words_at(text, highlight(text, "the border", "en")) == ["border"]


def test_positive_words():
    assert positive_words('"Syrian fighters" -Qaddafi jets OR aircraft -"a b"') == (
        "Syrian",
        "fighters",
        "jets",
        "aircraft",
    )


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=300),
    query=st.text(max_size=80),
    language=st.sampled_from(["en", "fr", "de", "ru", "ar", "sw", "", "zz-Latn"]),
)
def test_highlight_spans_are_sorted_disjoint_and_inside_the_text(text, query, language):
    spans = highlight(text, query, language)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        previous_end = end


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.from_regex(r"\w{1,12}", fullmatch=True), min_size=1, max_size=8))
def test_every_word_of_the_query_found_in_the_text_is_highlighted(words):
    text = " ".join(words)
    spans = highlight(text, words[0], "")
    if words[0].lower() != "or":  # the one word of websearch syntax
        assert words[0] in [text[start:end] for start, end in spans]


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.text(st.sampled_from("the sent Sent sends fighters été ete The  ,."), max_size=60),
            st.sampled_from(["en", "fr", "", "zz"]),
        ),
        max_size=6,
    ),
    query=st.sampled_from(["sent", "the fighters", "été", "-sent ete", "Sends"]),
)
def test_one_highlighter_over_a_page_answers_what_highlight_answers_per_row(rows, query):
    """Its verdicts on words are kept per language: "the" is a stop word in English only."""
    page = Highlighter(query)
    assert [page(text, language) for text, language in rows] == [
        highlight(text, query, language) for text, language in rows
    ]


# What ``highlight`` documents as a word: a run of letters and digits, apostrophes inside.
WORD = re.compile(r"\w+(?:['’]\w+)*")


@settings(max_examples=400, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.lists(
                st.sampled_from(["sent", "Sent", "sends", "s", "t", "é", "'", "’", " ", "-", "_"]),
                max_size=20,
            ).map("".join),
            st.sampled_from(["en", "fr", ""]),
        ),
        max_size=5,
    ),
    query=st.sampled_from(["sent", "s", "t'sent", "sent's", "é", "sends t"]),
)
@example(rows=[("sent t'sent sent's sent_ sent'", "en")], query="sent")
@example(rows=[("t’sent sent", "")], query="sent")
@example(rows=[("t t'sent", "")], query="s t")
def test_a_page_highlights_exactly_the_words_that_match_alone(rows, query):
    """The page's one-pass search finds each word of a text that, read alone, matches: never
    part of a longer word, nor of one joined by an apostrophe."""
    page = Highlighter(query)
    for text, language in rows:
        expected = [
            [match.start(), match.end()]
            for match in WORD.finditer(text)
            if highlight(match.group(), query, language)
        ]
        assert page(text, language) == expected


def test_the_quote_document_and_the_query_function_use_the_same_configurations():
    quotes = importlib.import_module("claims.migrations.0011_claim_quote_document")
    assert quotes.LANGUAGE_CONFIGS == search.LANGUAGE_CONFIGS
    assert quotes.config_sql("language") == search.config_sql("language")
    query = importlib.import_module("claims.migrations.0012_search_query_function")
    assert query.CONFIGS == search.CONFIGS


@postgres_only
def test_the_query_is_one_constant_of_distinct_parses(db):
    """Planned as a constant (so that PostgreSQL can estimate it), each parse once."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT claims_search_tsquery(%s)::text", ["fighters"])
        assert cursor.fetchone()[0] == "'fight' | 'fighter' | 'fighters'"
        cursor.execute(
            "EXPLAIN SELECT 1 FROM claims_claim WHERE search_document @@ claims_search_tsquery(%s)",
            ["fighters"],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "'fight' | 'fighter' | 'fighters'" in plan.replace("''", "'"), plan
    assert "claims_search_tsquery" not in plan, plan


@postgres_only
def test_a_search_parses_its_query_once_and_plans_with_it_on_both_documents(db):
    sql, params = Claim.objects.search("fighters").query.sql_with_params()
    assert sql.count("claims_search_tsquery(") == 1, sql
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall()).replace("''", "'")
    assert "search_document @@ '" in plan, plan
    assert "quote_document @@ '" in plan, plan
    assert plan.count("'fight' | 'fighter' | 'fighters'") == 2, plan
    assert "claims_search" not in plan, plan


@postgres_only
@pytest.mark.parametrize(
    "query",
    [
        "fighters",
        "Fighters bridge",
        '"the bridge"',
        "fighters or jets",
        "the",
        "",
        "!!",
        "jet -bridge",
    ],
)
def test_a_search_finds_what_the_text_or_the_quotes_match_alone(db, query):
    by_text = ClaimFactory(text="Syrian fighters crossed the border.")
    by_quote = CitationFactory(quote="the bridge was closed to jets").statement.claim
    ClaimFactory(text="Nothing of the kind.")
    one_by_one = Claim.objects.filter(
        Q(TextMatches("text", query, stored_document=True)) | Q(QuotesMatch(query))
    )
    assert searched(query) == set(one_by_one.values_list("pk", flat=True))
    assert searched("fighters") == {by_text.pk}
    assert searched("jets") == {by_quote.pk}
