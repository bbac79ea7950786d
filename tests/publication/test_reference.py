"""The reference article's claims, checked and published by the desk, as readers get them."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.choices import Stance
from claims.models import Citation, Claim
from devtools.conf import reference_dir
from sources.models import Source
from sources.services import source_save
from tests.support.pages import parse

pytestmark = pytest.mark.django_db

ARTICLE = "rferl-2020-07-libya-syrian-fighters"
LABELS = json.loads((reference_dir() / f"{ARTICLE}.expected.json").read_text(encoding="utf-8"))
CLAIMS = {spec["key"]: spec for spec in LABELS["claims"]}
FIGHTERS = CLAIMS["C1"]
ARTICLE_URL = "https://www.rferl.example/a/pentagon-turkey-syrian-fighters-libya.html"
CHAIN = (
    "U.S. Department of Defense — report (not public) → seen by Associated Press → "
    "republished by Radio Free Europe/Radio Liberty"
)


@pytest.fixture
def reference(db):
    """The reference article loaded, with the article's public address recorded."""
    call_command("load_reference_article", stdout=StringIO())
    article = Source.objects.get(title=LABELS["article"]["title"])
    article.url = ARTICLE_URL
    return source_save(source=article)


def denials_of(key: str) -> list[dict]:
    return [denial for denial in LABELS["denials"] if denial["target"] == key]


def test_the_3500_fighters_claim_is_published_with_its_chain_and_its_claimreview(
    client, desk, reference
):
    claim = Claim.objects.get(text=FIGHTERS["text"])
    article_citation = Citation.objects.get(statement__claim=claim, source=reference)
    desk.publish(
        claim,
        rating="Unproven",
        explanation="The Pentagon report behind the figure was never made public.",
        evidence=[article_citation],
    )
    response = client.get(reverse("public:detail", args=[claim.pk]))
    assert response.status_code == 200
    page = parse(response)
    assert page.testid("claim") == [FIGHTERS["text"]]
    assert page.testid("verdict") == ["Unproven"]

    asserted = page.find(data_testid="asserted")
    assert asserted.texts(data_testid="speaker") == [FIGHTERS["attributed_to"]]
    assert asserted.texts(data_testid="quote") == [FIGHTERS["quote"]]
    assert asserted.texts(data_testid="chain-summary") == [CHAIN]
    links = [li.text for li in asserted.find(data_testid="chain").find_all("li")]
    assert links[0].startswith("U.S. Department of Defense — report (not public)")
    assert links[1].startswith("seen by Associated Press")
    assert links[2].startswith("republished by Radio Free Europe/Radio Liberty")

    # Moscow's denials answer C4 and C5, not this claim: none is shown here.
    assert denials_of("C1") == []
    assert not page.find_all(data_testid="denied")
    assert "Government of Russia" not in page.find(data_testid="asserted").text

    (document,) = page.json_ld
    article = {
        "@type": "CreativeWork",
        "url": ARTICLE_URL,
        "headline": LABELS["article"]["title"],
        "datePublished": "2020-07",
        "publisher": {"@type": "Organization", "name": "Radio Free Europe/Radio Liberty"},
    }
    assert document["claimReviewed"] == FIGHTERS["text"]
    assert document["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "U.S. Department of Defense"},
        "datePublished": "2020-07",
        "appearance": [article],
        "firstAppearance": article,
    }
    assert document["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unproven",
        "ratingExplanation": "The Pentagon report behind the figure was never made public.",
    }
    assert document["url"] == f"http://testserver/fact-checks/{claim.pk}/"


def test_moscows_denial_is_shown_on_the_claim_it_answers(client, desk, reference):
    (denial,) = denials_of("C4")
    claim = Claim.objects.get(text=CLAIMS["C4"]["text"])
    desk.publish(
        claim,
        rating="Mostly true",
        explanation="The accusation is reported; the record holds no primary source for it.",
        origin_unavailable_reason="The U.S. accusation is known from the article's account only.",
    )
    page = parse(client.get(reverse("public:detail", args=[claim.pk])))
    denied = page.find(data_testid="denied")
    assert denied.texts(data_testid="speaker") == [denial["denier"]]
    assert denied.texts(data_testid="quote") == [denial["quote"]]
    assert f"In answer to {CLAIMS['C4']['attributed_to']}." in denied.text
    assert claim.statements.filter(stance=Stance.DENIES).count() == 1
    assert page.testid("origin-unavailable") == [
        "Why the original source cannot be shown "
        "The U.S. accusation is known from the article's account only."
    ]


def test_the_published_reference_claims_are_listed_and_filtered_by_alias(client, desk, reference):
    for key in ("C1", "C4"):
        desk.publish(
            Claim.objects.get(text=CLAIMS[key]["text"]),
            origin_unavailable_reason="The primary sources are not public.",
        )
    listed = parse(client.get(reverse("public:list"), {"actor": "Moscow"}))
    assert [item.find("a").text for item in listed.find_all(data_testid="fact-check")] == [
        CLAIMS["C4"]["text"]
    ]
    listed = parse(client.get(reverse("public:list"), {"actor": "Pentagon"}))
    assert [item.find("a").text for item in listed.find_all(data_testid="fact-check")] == [
        FIGHTERS["text"]
    ]
