"""The matching benchmark's pieces that do not need a server: its texts and its figures."""

import pytest

from devtools.matching_benchmark import TWEET_LENGTH, BenchmarkError, Timing, tweets
from tests.support.factories import ClaimFactory


@pytest.mark.django_db
def test_texts_are_tweets_quoting_claims_of_the_record():
    claims = [
        ClaimFactory(text=f"Turkey sent {n},500 Syrian fighters to Libya in {n}.") for n in range(5)
    ]
    ClaimFactory(text="x " * 400)

    texts = tweets(20, seed=1)

    assert len(texts) == 20
    assert texts == tweets(20, seed=1)  # reproducible
    sources = [set(claim.text.split()) for claim in claims] + [{"x"}]
    for text in texts:
        assert len(text) <= TWEET_LENGTH
        handle, *words, link = text.split()
        assert handle.startswith("@")
        assert link.startswith("https://t.co/")
        # A claim's words, one dropped at most (a long claim is cut to a tweet's length).
        assert any(set(words) <= source for source in sources), text


@pytest.mark.django_db
def test_an_empty_record_is_an_error():
    with pytest.raises(BenchmarkError, match="no claims"):
        tweets(5, seed=1)


def test_figures():
    timing = Timing(latencies=[i / 1000 for i in range(1, 101)], errors=1, seconds=2.0)
    assert timing.per_second == 50
    assert timing.percentile(0.5) == pytest.approx(51)
    assert timing.percentile(0.95) == pytest.approx(96)
    assert Timing().percentile(0.95) == 0
