"""Attribution frames, stances and claim structure on single sentences."""

import pytest

from claims.extraction import extract
from claims.extraction.sentences import sentence_spans
from claims.extraction.structure import period, place, quantity


def only(text):
    suggestions = extract(text)
    assert len(suggestions) == 1, suggestions
    return suggestions[0]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The Pentagon says Turkey sent 3,500 fighters to Libya.", "The Pentagon"),
        ("Turkey sent 3,500 fighters to Libya, the ministry said on Monday.", "the ministry"),
        ("“We sent nobody,” said Defence Minister Ana Koval.", "Defence Minister Ana Koval"),
        ("“We sent nobody,” Koval told reporters.", "Koval"),
        ("According to COGAT, 120 trucks entered Gaza on Sunday.", "COGAT"),
        (
            "On July 18, Germany, France, and Italy warned that they would apply sanctions.",
            "Germany, France, and Italy",
        ),
        ("The ship's owner, Meridian Shipping, denied that it carried arms.", "Meridian Shipping"),
        ("Tass quoted a navy officer as saying the ship carried fuel.", "a navy officer"),
        ("The claim was denied by the Interior Ministry.", "the Interior Ministry"),
        (
            "However, three security sources told Reuters that 52 police were killed.",
            "three security sources",
        ),
        (
            "The harvest failed, the agency said, citing a report by the Crop Monitor seen by "
            "the AP.",
            "the Crop Monitor",
        ),
        (
            "The Courier reported, citing two firefighters, that the fire spread.",
            "two firefighters",
        ),
    ],
)
def test_speaker_as_written(text, speaker):
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "via"),
    [
        ("Turkey sent troops, according to a report seen by the AP.", ["the AP"]),
        ("Three officials told Reuters the deal was signed.", ["Reuters"]),
        ("Interfax quoted a navy officer as saying the ship carried fuel.", ["Interfax"]),
        (
            "Yenin claimed the plane was hijacked, Russian news agency Tass reported.",
            ["Russian news agency Tass"],
        ),
        (
            "The ministry denied the allegations, according to the state agency VNA.",
            ["the state agency VNA"],
        ),
        ("Moscow said it sent no aircraft.", []),
    ],
)
def test_intermediaries(text, via):
    assert only(text).via == via


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The ministry said 12 people died.", "asserts"),
        ("The ministry denied that 12 people died.", "denies"),
        ("The ministry rejected the figure.", "denies"),
        ("The ministry said the report was false.", "denies"),
        ("The opposition disputed the figure.", "disputes"),
        ("The army confirmed that 12 people died.", "confirms"),
        ("The agency retracted its report.", "retracts"),
        ("The company declined to comment.", "declines"),
        ("The company did not respond to a request for comment.", "declines"),
        ("The mayor called the claim “a lie”.", "denies"),
    ],
)
def test_stance(text, stance):
    assert only(text).stance == stance


def test_a_document_speaks_for_its_author_and_the_outlet_that_saw_it():
    text = (
        "The Defense Department's report, seen by the Associated Press, was the first of its kind. "
        "The report said no evidence was found."
    )
    suggestion = only(text)
    assert suggestion.speaker == "Defense Department"
    assert suggestion.via == ["the Associated Press"]


def test_pronoun_speaker_is_the_previous_speaker():
    text = "Health Minister Tomas Brenn said it was fair. On Tuesday he retracted that statement."
    _, second = extract(text)
    assert second.speaker == "Health Minister Tomas Brenn"
    assert (second.stance, second.responds_to) == ("retracts", 0)


def test_denial_answers_the_statement_it_shares_words_with():
    text = (
        "The army said rebels fired 40 rockets at Tesh. "
        "UN monitors said the hospital in Tesh was full. "
        "The rebel front denied firing rockets."
    )
    suggestions = extract(text)
    assert suggestions[2].stance == "denies"
    assert suggestions[2].responds_to == 0


def test_quotation_after_a_denial_continues_it():
    text = (
        "Meridian Shipping said the tanker carried 700,000 barrels of fuel. "
        "The navy denied that the tanker carried smuggled fuel. "
        "“All of the cargo was declared,” the navy said."
    )
    suggestions = extract(text)
    assert [s.stance for s in suggestions] == ["asserts", "denies", "denies"]
    assert suggestions[2].responds_to == 0


@pytest.mark.parametrize(
    "text",
    [
        "Russia has supported the rebels, mainly through the Vagner Group.",
        "The dam, built in 1978, held back the upper reaches of the river.",
        "Pentagon Says Turkey Sent 3,500 Syrian Fighters To Back Libyan Government",
        "Kelsia's government has said little about the expulsions.",
        "The UN has called for a ceasefire.",
    ],
)
def test_sentences_that_report_nothing(text):
    assert extract(text) == []


def test_sentences_keep_abbreviations_and_quotations_whole():
    text = "The U.S. military said so. “It is false. We did not,” Mr. Ivanov said.\nNext line"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The U.S. military said so.",
        "“It is false. We did not,” Mr. Ivanov said.",
        "Next line",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "sent more than 3,500 Syrian fighters to Libya",
            ("3500", None, "more_than", "Syrian fighters"),
        ),
        ("at least 40 rockets", ("40", None, "at_least", "rockets")),
        ("about 15,000 displaced people", ("15000", None, "about", "displaced people")),
        ("between 35 and 40 percent", ("35", "40", "between", "percent")),
        ("2.5 million tonnes", ("2500000", None, "exactly", "tonnes")),
        ("fewer than 20 trucks", ("20", None, "fewer_than", "trucks")),
        ("up to 15 percent", ("15", None, "at_most", "percent")),
        ("six civilians", ("6", None, "exactly", "civilians")),
    ],
)
def test_quantity(text, expected):
    got = quantity(text)
    assert (got["value"], got["upper"], got["comparator"], got["unit"]) == expected


def test_years_and_days_are_not_quantities():
    assert quantity("in 2011 the war began") is None
    assert quantity("on July 17 the AP saw it") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("during the first three months of 2020", ("2020-01", "2020-03")),
        ("in the first half of 2023", ("2023-01", "2023-06")),
        ("in March 2024", ("2024-03", "2024-03")),
        ("from April to June 2023", ("2023-04", "2023-06")),
        ("between January and June 2024", ("2024-01", "2024-06")),
        ("on July 17, 2020", ("2020-07-17", "2020-07-17")),
        ("in 2019", ("2019", "2019")),
        ("since 2011", ("2011", None)),
    ],
)
def test_period(text, expected):
    got = period(text)
    assert (got["start"], got["end"]) == expected


def test_place():
    assert place("sent fighters to Libya during 2020") == "Libya"
    assert place("told Reuters in March that troops were in Tripoli") == "Tripoli"
    assert place("nothing here") == ""
