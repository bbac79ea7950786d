"""Cleaning a post before matching it, and the terms, numbers and names read from it."""

from decimal import Decimal

import pytest

from claims.matching import cleaning


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Look https://t.co/yoEOL6vXBm now", "Look now"),
        ("Look www.example.org/a?b=1 now", "Look now"),
        ("Wow pic.twitter.com/3SV5Z9bAuX", "Wow"),
        ("arrest them #fercdoesntworkpic.twitter.com/TfnWtSocAF", "arrest them fercdoesntwork"),
        ("Cuts #FoodStamps again", "Cuts Food Stamps FoodStamps again"),
        ("@BernieSanders Makes Epic Comeback", "Bernie Sanders BernieSanders Makes Epic Comeback"),
        ("@AnaKasparian@cenkuygur help", "Ana Kasparian AnaKasparian cenkuygur help"),
        ("Boycott @sixflags", "Boycott sixflags"),
        ("RT @someone: Alabama cuts food stamps", "Alabama cuts food stamps"),
        (
            "In Alabama you won't get food stamps. https://t.co/Mp — Amy Jo Cousins "
            "(@_AJCousins) March 18, 2016",
            "In Alabama you won't get food stamps.",
        ),
        (
            "Obama wants war — Donald J. Trump (@realDonaldTrump) September 5, 2013",
            "Obama wants war",
        ),
    ],
)
def test_clean(raw, cleaned):
    assert cleaning.clean(raw) == cleaned


def test_a_dash_inside_the_text_is_not_a_signature():
    text = "Prices rose — sharply — in 2016"
    assert cleaning.clean(text) == text
    assert cleaning.author(text) == ""


def test_the_signature_names_the_author():
    text = "Maybe this is war — Newt Gingrich (@newtgingrich) November 13, 2015"
    assert cleaning.author(text) == "Newt Gingrich"


def test_words_written_as_one_are_split_into_known_words():
    known = {"six", "flag", "shame", "oreo", "newt", "gingrich", "gin", "rich"}.__contains__
    assert cleaning.segment("sixflags", known) == ["six", "flags"]
    assert cleaning.segment("shameonoreos", known) == ["shame", "on", "oreos"]
    assert cleaning.segment("newtgingrich", known) == ["newt", "gingrich"]
    assert cleaning.segment("qwertyuiop", known) is None
    assert cleaning.segment("the", known) is None  # too short to be several words


def test_terms_fold_drop_stopwords_and_stem():
    assert cleaning.terms("The CLAIMS about Café owners were denied, 3,500 times") == [
        "claim",
        "cafe",
        "owner",
        "deni",
        "3500",
        "time",
    ]


def test_a_text_of_only_a_link_has_no_terms():
    assert (
        cleaning.terms(cleaning.clean("https://t.co/abc pic.twitter.com/x — Jo (@jo) May 4")) == []
    )


def test_numbers_are_read_as_quantities():
    assert cleaning.numbers("3,500 fighters, 35k refugees, 4.5% and 1.2 million") == {
        Decimal(3500),
        Decimal(35000),
        Decimal("4.5"),
        Decimal(1200000),
    }
    assert cleaning.numbers("3,500") != cleaning.numbers("35,000")
    assert cleaning.numbers("no number here, nor A4") == set()


def test_amounts_in_words_are_read_as_quantities():
    assert cleaning.numbers("Half a million people") == cleaning.numbers("500,000 people")
    assert cleaning.numbers("two billion dollars and a thousand jobs") == {
        Decimal(2_000_000_000),
        Decimal(1000),
    }
    assert cleaning.numbers("a quarter of a million") == {Decimal(250_000)}
    assert cleaning.numbers("a half-hearted thousandth try") == set()


def test_years_are_not_amounts():
    assert cleaning.quantities({Decimal(2016), Decimal(3500)}) == {Decimal(3500)}


def test_an_amount_opening_a_sentence_is_not_a_name():
    assert cleaning.names("Half a million people in Gaza face famine, WHO says.") == {"gaza"}
    assert cleaning.names("Nearly 3,000 died. Several thousand fled Aleppo.") == {"aleppo"}


def test_names_leave_sentence_openers_out():
    assert cleaning.names("The Senate heard Nancy Pelosi. Breaking: Trump replied.") == {
        "senat",
        "nanci",
        "pelosi",
        "trump",
    }
