"""core.text: folding names for matching, and text no database should store."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from core.text import fold, has_forbidden_characters


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Moscow", "moscow"),
        ("Moscow", "MOSCOW"),
        ("Moscow", "Móscow"),
        ("Türkiye", "Turkiye"),
        ("Tűrkiye", "Turkiye"),
        ("İstanbul", "Istanbul"),
        ("Straße", "STRASSE"),
        ("Pentagon", "the Pentagon"),
        ("Pentagon", "THE  Pentagon"),
        ("Vagner Group", "  vagner\t\ngroup "),
        ("U.S. military", "U.S.\u00a0military"),
        ("Haftar's forces", "Haftar’s forces"),
        ("Al-Qaeda", "Al\u2011Qaeda"),
        ("Al-Qaeda", "Al–Qaeda"),
        ("“very likely”", '"very likely"'),
        ("financial", "ﬁnancial"),
    ],
)
def test_fold_ignores_case_accents_articles_spacing_and_typography(written, typed):
    """Names that a person would call the same fold to the same text."""
    assert fold(written) == fold(typed)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Moscow", "Moskva"),
        ("Government of Russia", "Government of Turkey"),
        ("Thebes", "bes"),
        ("other", "r"),
        ("Al-Qaeda", "AlQaeda"),
    ],
)
def test_fold_keeps_different_names_apart(one, other):
    """Folding forgets only what does not tell names apart; "the" inside a word stays."""
    assert fold(one) != fold(other)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("The Pentagon", "pentagon"),
        ("Pentagon, the", "pentagon, the"),
        ("the the Pentagon", "pentagon"),
        ("The", "the"),
        ("Theodore", "theodore"),
        ("  Wagner   Group  ", "wagner group"),
        ("", ""),
        (" \t\n", ""),
    ],
)
def test_fold_output(text, folded):
    """Only a leading article is dropped, and only as a word; a lone "the" is kept."""
    assert fold(text) == folded


@given(st.text())
@example("the the Pentagon")
@example("\u2011")  # NFKD makes a typographic hyphen of the non-breaking one
@example("\u1fef")  # NFKD makes a backtick of the Greek varia
@example("İ")
def test_fold_is_idempotent(text):
    """Folding folded text changes nothing, so stored folded names can be compared as they are."""
    once = fold(text)
    assert fold(once) == once


@given(st.text())
def test_fold_ignores_surrounding_whitespace(text):
    """Blanks around a name never make it a different name."""
    assert fold(f" \t{text}\n ") == fold(text)


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("Moscow", False),
        ("", False),
        ("emoji 🛰 and Arabic طرابلس", False),
        ("a\x00b", True),
        ("lone \ud800 surrogate", True),
        ("\udfff", True),
    ],
)
def test_has_forbidden_characters(text, forbidden):
    """NUL bytes and unpaired surrogates are flagged; any other text, however foreign, is not."""
    assert has_forbidden_characters(text) is forbidden
