"""A citation's quote is verified against its snapshot whenever the citation is saved."""

import pytest

from claims.choices import CitationRole
from claims.models import Citation
from claims.quotes import CONTEXT_LENGTH, QUOTE_MAX_LENGTH
from claims.services import citation_save
from sources.services import snapshot_capture
from tests.support.factories import SourceFactory, StatementFactory
from tests.support.refusals import refused_by_database, validation_errors

pytestmark = pytest.mark.django_db

TEXT = (
    "Pentagon Says Turkey Sent 3,500 Syrian Fighters To Back Libyan Government\n\n"
    "The U.S. military says Turkey sent more than 3,500 Syrian fighters to Libya during the "
    "first three months of 2020 to help the North African country’s internationally "
    "recognized government in its civil war against a rebel commander.\n\n"
    "In May, Moscow has denied sending aircraft to Libya.\n\n"
    "In July, Moscow has denied sending aircraft to Libya once more.\n"
)
QUOTE = "Turkey sent more than 3,500 Syrian fighters to Libya"
REPEATED = "Moscow has denied sending aircraft to Libya"


@pytest.fixture
def source(db):
    return SourceFactory(title="RFE/RL article")


@pytest.fixture
def snapshot(source):
    return snapshot_capture(source=source, text=TEXT, captured_by="editor")


@pytest.fixture
def statement(db):
    return StatementFactory()


def cite(statement, source, snapshot=None, role=CitationRole.REPUBLISHES, **fields):
    if role == CitationRole.ORIGIN:
        derived_from = None
    else:
        derived_from = Citation.objects.create(
            statement=statement, source=SourceFactory(), role=CitationRole.ORIGIN
        )
    citation = Citation(
        statement=statement,
        source=source,
        snapshot=snapshot,
        role=role,
        derived_from=derived_from,
        **fields,
    )
    return citation_save(citation=citation)


def test_quote_in_the_snapshot_is_verified_with_offsets_and_context(statement, source, snapshot):
    """The quote's position and W3C TextQuoteSelector context are recorded and stored."""
    citation = cite(statement, source, snapshot, quote=QUOTE)
    citation.refresh_from_db()
    start = TEXT.index(QUOTE)
    end = start + len(QUOTE)
    assert citation.quote_verified is True
    assert (citation.quote_start, citation.quote_end) == (start, end)
    assert citation.quote_prefix == TEXT[start - CONTEXT_LENGTH : start]
    assert citation.quote_suffix == TEXT[end : end + CONTEXT_LENGTH]
    assert citation.quote_in_snapshot == QUOTE


def test_quote_at_the_very_start_has_a_short_prefix(statement, source, snapshot):
    """Context is cut at the text's edges rather than padded."""
    citation = cite(statement, source, snapshot, quote="Pentagon Says")
    assert (citation.quote_start, citation.quote_prefix) == (0, "")


@pytest.mark.parametrize(
    ("hint", "occurrence"),
    [
        ({}, 0),
        ({"quote_prefix": "In May, "}, 0),
        ({"quote_prefix": "In July, "}, 1),
        ({"quote_suffix": " once more"}, 1),
        ({"quote_suffix": ".\n\nIn July"}, 0),
        ({"quote_prefix": "In July, ", "quote_suffix": " once more."}, 1),
    ],
)
def test_prefix_and_suffix_pick_the_occurrence(statement, source, snapshot, hint, occurrence):
    """A quote found twice is placed by its context; without any, the first is taken."""
    citation = cite(statement, source, snapshot, quote=REPEATED, **hint)
    first = TEXT.index(REPEATED)
    starts = [first, TEXT.index(REPEATED, first + 1)]
    assert citation.quote_verified is True
    assert citation.quote_start == starts[occurrence]
    assert citation.quote_in_snapshot == REPEATED


def test_stale_stored_offsets_are_corrected(statement, source, snapshot):
    """Offsets that no longer point at the quote are replaced by where it really stands."""
    citation = cite(statement, source, snapshot, quote=QUOTE)
    later = snapshot_capture(source=source, text=f"Updated on July 20.\n\n{TEXT}", captured_by="x")
    citation.snapshot = later
    citation_save(citation=citation)
    citation.refresh_from_db()
    assert citation.quote_start == later.text.index(QUOTE)
    assert citation.quote_in_snapshot == QUOTE
    assert citation.quote_verified is True


def test_offsets_that_still_point_at_the_quote_are_kept(statement, source, snapshot):
    """Stored offsets win over a first match, so a repeated quote does not jump back."""
    citation = cite(statement, source, snapshot, quote=REPEATED, quote_prefix="In July, ")
    second = citation.quote_start
    citation.quote_prefix = citation.quote_suffix = ""
    citation_save(citation=citation)
    assert citation.quote_start == second


def test_quote_not_in_the_snapshot_is_refused_with_the_closest_passage(statement, source, snapshot):
    """A quote that is not in the snapshot is reported on the quote field, with the passage
    that comes closest and where it stands, to copy from."""
    errors = validation_errors(
        lambda: cite(
            statement, source, snapshot, quote="Turkey sent more than 3,600 Syrian fighters"
        )
    )
    message = errors["quote"][0]
    assert message.startswith("The quote is not found in the snapshot")
    start = TEXT.index("Turkey sent more than 3,500")
    passage = "Turkey sent more than 3,500 Syrian fighters"
    assert f"at characters {start}–{start + len(passage)}: “{passage}”" in message
    assert not Citation.objects.filter(source=source).exists()


def test_a_quote_nothing_resembles_says_so(statement, source, snapshot):
    errors = validation_errors(
        lambda: cite(statement, source, snapshot, quote="Zebras graze quietly nowhere")
    )
    assert "No passage comes close" in errors["quote"][0]


@pytest.mark.parametrize(
    "typed",
    [
        "the North African country's internationally",  # straight apostrophe for ’
        "the North African country\u2019s  internationally",  # two spaces
        "the North African\ncountry’s internationally",  # a line break for a space
        "the North\u00a0African country’s internationally",  # a no-break space
        "the North African country’s internation\u00adally",  # a soft hyphen
        "the\tNorth African country‘s internationally ",  # another quote mark, a tab
    ],
)
def test_a_quote_differing_only_in_typography_is_stored_as_the_snapshot_has_it(
    statement, source, snapshot, typed
):
    citation = cite(statement, source, snapshot, quote=typed)
    exact = "the North African country’s internationally"
    assert citation.quote == exact
    assert citation.quote_verified
    assert TEXT[citation.quote_start : citation.quote_end] == exact


def test_unicode_forms_and_dashes_are_typography_too(statement, source):
    text = "Le caf\u00e9 \u2014 d\u00e9j\u00e0 ferm\u00e9\u2026 selon l\u2019AFP."
    snapshot = snapshot_capture(source=source, text=text, captured_by="editor")
    typed = "cafe\u0301 - de\u0301ja\u0300 ferme\u0301... selon l'AFP"
    citation = cite(statement, source, snapshot, quote=typed)
    assert citation.quote == "caf\u00e9 \u2014 d\u00e9j\u00e0 ferm\u00e9\u2026 selon l\u2019AFP"
    assert citation.quote_verified


@pytest.mark.parametrize(
    "typed",
    [
        "The north African country’s",  # a letter's case is not typography
        "the North African countrys",  # nor a missing character
        "sent more than 3 500 Syrian",  # nor a digit group's separator
    ],
)
def test_only_typography_is_forgiven(statement, source, snapshot, typed):
    assert "quote" in validation_errors(lambda: cite(statement, source, snapshot, quote=typed))


def test_translation_may_quote_words_not_in_the_snapshot(statement, source, snapshot):
    """A translation's words need not stand in the snapshot; it stays unverified."""
    citation = cite(
        statement,
        source,
        snapshot,
        role=CitationRole.TRANSLATES,
        quote="La Turquie a envoyé plus de 3 500 combattants syriens en Libye",
    )
    citation.refresh_from_db()
    assert citation.quote_verified is False
    assert (citation.quote_start, citation.quote_end) == (None, None)


def test_translation_whose_words_are_in_the_snapshot_is_verified(statement, source, snapshot):
    """A translation is verified like any citation when its quote is found."""
    citation = cite(statement, source, snapshot, role=CitationRole.TRANSLATES, quote=QUOTE)
    assert citation.quote_verified is True


def test_quote_without_a_snapshot_is_unverified(statement, source):
    """With nothing to check against, a quote is recorded but not verified."""
    citation = cite(statement, source, None, quote=QUOTE)
    citation.refresh_from_db()
    assert citation.quote_verified is False
    assert (citation.quote_start, citation.quote_end) == (None, None)


def test_snapshot_without_a_quote_is_unverified(statement, source, snapshot):
    """There is nothing to verify when no words are quoted."""
    citation = cite(statement, source, snapshot, quote="")
    assert citation.quote_verified is False


def test_detaching_the_snapshot_drops_verification(statement, source, snapshot):
    """Verification never outlives the snapshot it was made against."""
    citation = cite(statement, source, snapshot, quote=QUOTE)
    citation.snapshot = None
    citation_save(citation=citation)
    citation.refresh_from_db()
    assert citation.quote_verified is False
    assert citation.quote_start is None


def test_changing_the_quote_reverifies_it(statement, source, snapshot):
    """A changed quote is located again; a changed quote not in the snapshot is refused."""
    citation = cite(statement, source, snapshot, quote=QUOTE)
    citation.quote = "internationally recognized government"
    citation.quote_prefix = citation.quote_suffix = ""
    citation_save(citation=citation)
    citation.refresh_from_db()
    assert citation.quote_start == TEXT.index("internationally recognized government")
    assert citation.quote_in_snapshot == "internationally recognized government"

    citation.quote = "an invented sentence"
    assert "quote" in validation_errors(lambda: citation_save(citation=citation))
    citation.refresh_from_db()
    assert citation.quote == "internationally recognized government"
    assert citation.quote_verified is True


def test_database_refuses_a_verified_quote_without_a_snapshot(statement, source):
    """quote_verified=True with nothing to verify against is impossible in the table."""
    with refused_by_database("claims_citation_verified_quote_located"):
        Citation.objects.create(
            statement=statement,
            source=source,
            role=CitationRole.ORIGIN,
            quote=QUOTE,
            quote_start=0,
            quote_end=len(QUOTE),
            quote_verified=True,
        )


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, len(QUOTE) - 1), (0, len(QUOTE) + 1), (5, 5), (None, len(QUOTE)), (0, None)],
)
def test_database_refuses_a_verified_quote_whose_offsets_do_not_span_it(
    statement, source, snapshot, start, end
):
    """Verified offsets must be present and exactly as long as the quote."""
    with refused_by_database("claims_citation_verified_quote_located"):
        Citation.objects.create(
            statement=statement,
            source=source,
            snapshot=snapshot,
            role=CitationRole.ORIGIN,
            quote=QUOTE,
            quote_start=start,
            quote_end=end,
            quote_verified=True,
        )


def test_database_accepts_a_verified_quote_with_spanning_offsets(statement, source, snapshot):
    """The constraint measures the quote in characters, as Python does (curly quotes too)."""
    quote = "North African country’s"
    start = TEXT.index(quote)
    Citation.objects.create(
        statement=statement,
        source=source,
        snapshot=snapshot,
        role=CitationRole.ORIGIN,
        quote=quote,
        quote_start=start,
        quote_end=start + len(quote),
        quote_verified=True,
    )


def test_a_quote_longer_than_the_limit_is_refused_before_any_search(statement, source, monkeypatch):
    """A quote is a passage: past QUOTE_MAX_LENGTH it is refused on its field, unsearched."""
    from claims import models as claims_models

    text = "ab" * (QUOTE_MAX_LENGTH + 10)
    long_snapshot = snapshot_capture(source=source, text=text, captured_by="editor")
    searched = []
    monkeypatch.setattr(claims_models, "locate_quote", lambda *a, **k: searched.append(1))
    errors = validation_errors(
        lambda: cite(statement, source, long_snapshot, quote=text[: QUOTE_MAX_LENGTH + 1])
    )
    assert errors["quote"] == [
        f"Ensure this value has at most {QUOTE_MAX_LENGTH} characters (it has "
        f"{QUOTE_MAX_LENGTH + 1})."
    ]
    assert searched == []


def test_a_quote_at_the_limit_in_a_repetitive_snapshot_is_verified(statement, source):
    text = "ab" * QUOTE_MAX_LENGTH
    repetitive = snapshot_capture(source=source, text=text, captured_by="editor")
    quote = text[1 : QUOTE_MAX_LENGTH + 1]
    citation = cite(statement, source, repetitive, quote=quote)
    assert citation.quote_verified
    assert (citation.quote_start, citation.quote_end) == (1, QUOTE_MAX_LENGTH + 1)
