"""The BM25 index, the re-ranking stage and the index's sync with the database."""

import datetime
import math
from unittest import mock

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import matching
from claims.matching import bm25, ranking, store
from claims.matching.bm25 import BM25Index
from claims.matching.store import claim_index
from claims.models import Claim
from claims.services import claim_save
from core.services import instance_delete, instance_withdraw
from tests.support.factories import ClaimFactory

# The index


def test_bm25_prefers_the_rarer_shared_term():
    index = BM25Index()
    index.put(1, ["syria", "fighter", "libya"])
    index.put(2, ["fighter", "jet"])
    index.put(3, ["fighter", "pilot"])
    ranked = index.search({"fighter": 1.0, "libya": 1.0}, 10)
    assert ranked[0][0] == 1
    assert len(ranked) == 3


def test_bm25_leaves_out_the_excluded_claim_and_scores_the_others_alike():
    index = BM25Index()
    index.put(1, ["syria", "fighter", "libya"])
    index.put(2, ["fighter", "libya"])
    index.put(3, ["fighter", "pilot"])
    terms = {"fighter": 1.0, "libya": 1.0}
    without = index.search(terms, 10, exclude=1)
    assert without == [hit for hit in index.search(terms, 10) if hit[0] != 1]
    assert index.search(terms, 10, exclude=99) == index.search(terms, 10)
    assert index.search({"syria": 1.0}, 10, exclude=1) == []


def test_bm25_replaces_and_removes_documents():
    index = BM25Index()
    index.put(1, ["alpha"])
    index.put(1, ["beta"])
    assert index.search({"alpha": 1.0}, 5) == []
    assert [pk for pk, _ in index.search({"beta": 1.0}, 5)] == [1]
    index.remove(1)
    assert index.search({"beta": 1.0}, 5) == []
    assert len(index) == 0


def test_bm25_compacts_retired_slots_and_keeps_answers():
    index = BM25Index()
    for n in range(3000):
        index.put(n, ["common", f"word{n}"])
    for n in range(0, 3000, 2):
        index.remove(n)
    assert len(index.ids) < 3000  # compacted
    assert [pk for pk, _ in index.search({"word7": 1.0}, 5)] == [7]
    assert index.search({"word8": 1.0}, 5) == []
    assert len(index.search({"common": 1.0}, 5000)) == 1500


def test_an_unchanged_text_is_not_indexed_again():
    index = BM25Index()
    assert index.put(1, ["alpha"], signature=11)
    assert not index.put(1, ["alpha"], signature=11)
    assert index.holds(1, 11)
    assert not index.holds(1, 12)
    assert not index.holds(2, 11)
    assert index.put(1, ["beta"], signature=12)  # changed
    assert index.holds(1, 12)
    assert not index.holds(1, 11)
    assert index.put(3, ["gamma"])  # no signature: held by none
    assert not index.holds(3, -1)
    index.remove(1)
    assert not index.holds(1, 12)


def test_signatures_follow_their_claims_through_compaction():
    index = BM25Index()
    for n in range(3000):
        index.put(n, [f"word{n}"], signature=n * 7 + 1)
    for n in range(0, 3000, 2):
        index.remove(n)
    assert len(index.ids) < 3000  # compacted
    assert all(index.holds(n, n * 7 + 1) for n in range(1, 3000, 2))
    assert not any(index.holds(n, n * 7 + 1) for n in range(0, 3000, 2))


# Re-ranking: the numeric and actor signals


def assessed(text, claims, similarity=0.8, token_match=0.8):
    """The candidates assessed with the same BM25, similarity and token match: only the
    numbers and the names tell them apart."""
    query = ranking.parse(text)
    candidates = [ranking.Candidate(n, claim, 10.0) for n, claim in enumerate(claims)]
    count = len(candidates)
    ranking.assess(query, candidates, [similarity] * count, [token_match] * count)
    return candidates


def test_differing_numbers_lower_the_score():
    same, other = assessed(
        "3,500 Syrian fighters were sent to Libya",
        [
            "Turkey sent 3,500 Syrian fighters to Libya.",
            "Turkey sent 35,000 Syrian fighters to Libya.",
        ],
    )
    assert same.signals["numbers"] == {"text": ["3500"], "claim": ["3500"], "agree": True}
    assert other.signals["numbers"] == {"text": ["3500"], "claim": ["35000"], "agree": False}
    assert other.score < same.score


def test_years_do_not_veto():
    (candidate,) = assessed("In 2016 Turkey sent fighters", ["Turkey sent fighters in 2019."])
    assert candidate.signals["numbers"]["agree"] is None
    assert candidate.features["number_conflict"] == 0


def test_numbers_on_one_side_only_are_no_conflict():
    (candidate,) = assessed("Turkey sent fighters to Libya", ["Turkey sent 3,500 fighters."])
    assert candidate.signals["numbers"]["agree"] is None


def test_actor_signals_name_shared_and_missing_names():
    (candidate,) = assessed("Pelosi says the bill is dead", ["Schumer and Pelosi killed the bill."])
    assert candidate.signals["actors"] == {
        "shared": ["pelosi"],
        "claim_only": ["schumer"],
        "agree": True,
    }


def test_naming_other_people_lowers_the_score():
    same, other = assessed(
        "Pelosi says the bill is dead", ["Pelosi killed the bill.", "Schumer killed the bill."]
    )
    assert other.signals["actors"]["agree"] is False
    assert other.features["actor_conflict"] == 1
    assert other.score < same.score


def test_scores_are_probabilities():
    candidates = assessed(
        "Turkey sent fighters", ["Turkey sent fighters.", "Cats sleep."], 0.2, 0.1
    )
    assert all(0 < c.score < 1 for c in candidates)


# Ranking claims from the database

CLAIMS = [
    "Turkey sent 3,500 Syrian fighters to Libya.",
    "Turkey sent 35,000 Syrian fighters to Libya.",
    "Republicans in Alabama filed a bill to deny food stamps to people who own cars.",
    "A Kentucky food stamp recipient has $5,000 in unused benefits.",
    "McDonald's restaurants are offering $1 any size fries.",
]


@pytest.fixture
def claims(db):
    return {text: ClaimFactory(text=text) for text in CLAIMS}


def test_the_matching_claim_ranks_first(claims):
    results = matching.match_claims(
        "In Alabama you won't be able to own a car & get food stamps. https://t.co/x "
        "— Amy Jo Cousins (@_AJCousins) March 18, 2016",
        limit=3,
    )
    assert results[0].claim == claims[CLAIMS[2]]
    assert results[0].score > results[1].score
    assert "stamp" in results[0].signals["shared_terms"]


def test_the_number_decides_between_two_wordings(claims):
    results = matching.match_claims("Ankara has moved 35,000 Syrian fighters into Libya", limit=2)
    assert [r.claim for r in results] == [claims[CLAIMS[1]], claims[CLAIMS[0]]]


def test_nothing_shared_matches_nothing(claims):
    assert matching.match_claims("Volcanic eruptions on Io", limit=5) == []


def test_a_batch_scores_each_claim_as_a_match_of_its_text_does(claims):
    first, tenfold = claims[CLAIMS[0]], claims[CLAIMS[1]]
    batch = matching.match_claims_of({first.pk: first.text, tenfold.pk: tenfold.text}, limit=5)
    for claim in (first, tenfold):
        alone = matching.match_claims(claim.text, limit=5, exclude={claim.pk})
        assert [(pk, score) for pk, score, _, _ in batch[claim.pk]] == [
            (match.claim.pk, pytest.approx(match.score, abs=1e-6)) for match in alone
        ]


def test_the_index_follows_writes(claims):
    assert matching.match_claims("penguins of Antarctica", limit=5) == []
    penguin = claim_save(claim=Claim(text="Penguins live in Antarctica."))
    assert [r.claim for r in matching.match_claims("penguins", limit=5)] == [penguin]
    penguin.text = "Polar bears live in the Arctic."
    claim_save(claim=penguin)
    assert matching.match_claims("penguins", limit=5) == []
    assert [r.claim for r in matching.match_claims("polar bears", limit=5)] == [penguin]
    instance_withdraw(instance=penguin, reason="a duplicate")
    assert matching.match_claims("polar bears", limit=5) == []


def test_a_deleted_claim_is_forgotten(claims):
    fries = claims[CLAIMS[4]]
    assert matching.match_claims("any size fries", limit=5)[0].claim == fries
    instance_delete(instance=fries)  # a sync reads what exists: a deleted row is not among it
    assert matching.match_claims("any size fries", limit=5) == []
    assert fries.pk not in claim_index.index.slot_of


def _stamp(claim, when, *, text=None):
    """Set a claim's ``updated_at`` (and its text) as if its transaction had stamped it then."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Claim._meta.db_table} SET updated_at = %s, "  # noqa: S608
            "text = COALESCE(%s, text) WHERE id = %s",
            [when, text, claim.pk],
        )


def _sync(monkeypatch) -> tuple[int, list[int]]:
    """Sync: how many queries it ran, and the claims whose text it read."""
    read = []
    original = store.ClaimIndex._read

    def recording(self, claim_id, *args):
        read.append(claim_id)
        return original(self, claim_id, *args)

    monkeypatch.setattr(store.ClaimIndex, "_read", recording)
    with CaptureQueriesContext(connection) as queries:
        claim_index.sync()
    monkeypatch.undo()
    return len(queries.captured_queries), read


def test_a_sync_reads_the_texts_written_since_the_previous_one_only(db, monkeypatch):
    old = ClaimFactory(text="Penguins live in Antarctica.")
    claim_index.sync()  # builds the index: the claim is in the next sync's margin
    # The claims stamped since, and what the margin's add up to: the same as the index saw.
    assert _sync(monkeypatch) == (2, [])
    new = ClaimFactory(text="Polar bears live in the Arctic.")
    assert _sync(monkeypatch) == (2, [new.pk])
    assert {old.pk, new.pk} <= set(claim_index.seen)
    assert new.pk in claim_index.index.slot_of


def test_a_sync_reads_no_row_of_a_busy_margin(db, monkeypatch):
    claims = ClaimFactory.create_batch(30)
    claim_index.sync()
    rows = []
    original = store.rows_together

    def recording(runs, *args, **kwargs):
        answers = original(runs, *args, **kwargs)
        rows.extend(len(answer) for answer in answers)
        return answers

    def margin_rows(*args):
        raise AssertionError("The margin's rows were read.")

    monkeypatch.setattr(store, "rows_together", recording)
    monkeypatch.setattr(store, "_changed_since_rows", margin_rows)
    claim_index.sync()
    claim_index.sync()  # the 30 claims are now stamped before the previous sync started
    assert rows[-2:] == [0, 1]  # none stamped since; one row of sums
    assert {claim.pk for claim in claims} <= set(claim_index.seen)


def test_a_claim_committed_after_the_sync_that_missed_it_is_read_by_the_next(db, monkeypatch):
    claim_index.sync()
    late = ClaimFactory(text="Penguins live in Antarctica.")
    # Stamped before that sync started, committed after it: the sync could not see it.
    _stamp(late, claim_index.synced_at - datetime.timedelta(seconds=5))
    claim_index.index.remove(late.pk)
    claim_index.seen.pop(late.pk, None)
    claim_index._keep_margin(claim_index.synced_at)
    # The margin does not add up: its rows, then the late claim's text.
    assert _sync(monkeypatch) == (4, [late.pk])
    assert [r.claim for r in matching.match_claims("penguins", limit=5)] == [late]
    assert _sync(monkeypatch) == (2, [])  # the margin adds up again


def test_an_edit_committed_late_is_read_though_the_claim_was_seen(db, monkeypatch):
    claim = ClaimFactory(text="Penguins live in Antarctica.")
    claim_index.sync()
    # An edit stamped before the last sync started, committed after it: same claim, same
    # count, another stamp.
    _stamp(
        claim,
        claim_index.synced_at - datetime.timedelta(microseconds=1),
        text="Polar bears live in the Arctic.",
    )
    assert _sync(monkeypatch) == (4, [claim.pk])
    assert [r.claim for r in matching.match_claims("polar bears", limit=5)] == [claim]


def test_a_claim_deleted_within_the_margin_leaves_the_sync_state(db, monkeypatch):
    kept, deleted = ClaimFactory.create_batch(2)
    claim_index.sync()
    assert _sync(monkeypatch) == (2, [])
    Claim.objects.filter(pk=deleted.pk).delete()
    assert _sync(monkeypatch)[0] == 3  # the margin's rows: the deleted claim is not among them
    assert deleted.pk not in claim_index.seen
    assert kept.pk in claim_index.seen
    assert _sync(monkeypatch) == (2, [])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    at=st.datetimes(
        min_value=datetime.datetime(1990, 1, 1),
        max_value=datetime.datetime(2200, 1, 1),
        timezones=st.just(datetime.UTC),
    )
)
def test_the_database_reads_a_stamp_as_the_index_does(db, at):
    claim = ClaimFactory()
    _stamp(claim, at)
    seconds, microseconds = (
        Claim.objects.filter(pk=claim.pk)
        .values_list(
            store.StampPart("updated_at", "seconds"), store.StampPart("updated_at", "microseconds")
        )
        .get()
    )
    assert (seconds, microseconds) == divmod(store.stamp(at), 1_000_000)


def test_a_sync_s_queries_are_built_once(db):
    """Each sync runs the same compiled queries with its own times; none builds a queryset."""
    claim_index.sync()
    stamped, margin = mock.Mock(wraps=store._stamped_since), mock.Mock(wraps=store._margin)
    with (
        mock.patch.object(store, "_STAMPED_SINCE", {}),
        mock.patch.object(store, "_stamped_since", stamped),
        mock.patch.object(store, "_MARGIN", store.CompiledQuery(margin, **store._MARGIN.samples)),
    ):
        first = ClaimFactory(text="Penguins live in Antarctica.")
        with CaptureQueriesContext(connection) as queries:
            claim_index.sync()
        second = ClaimFactory(text="Polar bears live in the Arctic.")
        with CaptureQueriesContext(connection) as more:
            claim_index.sync()
    assert stamped.call_count == margin.call_count == 1
    assert len(queries.captured_queries) == len(more.captured_queries) == 2
    assert {first.pk, second.pk} <= set(claim_index.index.slot_of)


def test_a_claim_past_the_margin_is_forgotten_by_the_sync_state(db):
    claim = ClaimFactory()
    claim_index.sync()
    long_ago = timezone.now() - store.SYNC_MARGIN * 3
    _stamp(claim, long_ago)
    claim_index.seen[claim.pk] = store.stamp(long_ago)
    claim_index._keep_margin(claim_index.synced_at)
    claim_index.sync()
    assert claim.pk not in claim_index.seen


def test_a_hashtag_written_as_one_word_finds_its_words(db):
    parks = ClaimFactory(text="Six Flags is closing its parks to host a private event.")
    ClaimFactory(text="Flags were flown at half-staff.")
    results = matching.match_claims("Never going back there! #sixflags", limit=2)
    assert results[0].claim == parks
    assert {"six", "flag"} <= set(results[0].signals["shared_terms"])


# The index against BM25 computed plainly, on generated corpora


def plain_bm25(documents: dict[int, list[str]], terms: dict[str, float]) -> dict[int, float]:
    """Every document's BM25 score for ``terms``, from the formula, one document at a time."""
    count = len(documents)
    average = sum(map(len, documents.values())) / count
    scores = {}
    for claim_id, words in documents.items():
        score = 0.0
        for term, query_weight in terms.items():
            occurrences = words.count(term)
            if not occurrences:
                continue
            holding = sum(term in other for other in documents.values())
            idf = max(0.0, math.log(1 + (count - holding + 0.5) / (holding + 0.5)))
            norm = bm25.K1 * (1 - bm25.B + bm25.B * len(words) / average)
            score += query_weight * idf * occurrences * (bm25.K1 + 1) / (occurrences + norm)
        if score > 0:
            scores[claim_id] = score
    return scores


VOCABULARY = ["army", "libya", "sent", "fighters", "3500", "syria", "denied", "moscow"]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    documents=st.lists(
        st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8), min_size=1, max_size=40
    ),
    query=st.dictionaries(st.sampled_from(VOCABULARY), st.sampled_from([0.5, 1.0, 2.0])),
    n=st.integers(1, 12),
    exclude=st.integers(0, 40),
)
def test_bm25_finds_the_best_documents_as_the_formula_ranks_them(
    monkeypatch, documents, query, n, exclude
):
    monkeypatch.setattr(bm25, "IMPACT_DRIFT", 0.0)  # impacts at the exact average
    index = BM25Index()
    for claim_id, words in enumerate(documents):
        index.put(claim_id, words)
    expected = plain_bm25(dict(enumerate(documents)), query)
    expected.pop(exclude, None)
    found = index.search(query, n, exclude=exclude)
    best = sorted(expected.values(), reverse=True)[:n]
    assert [score for _, score in found] == pytest.approx(best, rel=1e-4)
    for claim_id, score in found:
        assert expected[claim_id] == pytest.approx(score, rel=1e-4)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    documents=st.lists(
        st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8), min_size=2, max_size=30
    ),
    data=st.data(),
)
def test_documents_indexed_after_the_first_search_score_by_the_formula(
    monkeypatch, documents, data
):
    """A document written to a built index gets its impacts as it is put, at the average of
    the last refresh; with the impacts kept at the exact average, search still scores every
    document by the formula."""
    monkeypatch.setattr(bm25, "IMPACT_DRIFT", 0.0)
    first = data.draw(st.integers(1, len(documents) - 1))
    index = BM25Index()
    for claim_id, words in enumerate(documents[:first]):
        index.put(claim_id, words)
    index.search({"army": 1.0}, 1)  # the impacts computed at the first half's average
    for claim_id, words in enumerate(documents[first:], start=first):
        index.put(claim_id, words)
    lengths = np.frombuffer(index.lengths, dtype=np.uint32)
    for slots, counts, impacts in index.postings.values():
        slots = np.frombuffer(slots, dtype=np.int64)
        written = np.frombuffer(impacts, dtype=np.float32)
        expected = bm25._impacts(
            np.frombuffer(counts, dtype=np.uint8), lengths[slots], index.impact_average
        )
        np.testing.assert_allclose(written, expected, rtol=1e-5)
    query = dict.fromkeys(VOCABULARY, 1.0)
    found = dict(index.search(query, len(documents)))
    expected = plain_bm25(dict(enumerate(documents)), query)
    assert found == pytest.approx(expected, rel=1e-4)
