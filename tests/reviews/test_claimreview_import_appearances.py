"""The pages where a claim appeared (ClaimReview's ``appearance``), recorded by an import as
sources and citations of the claimant's statement."""

import json
from pathlib import Path

import pytest
from django.db.models import Count

from claims.choices import AccessMode, CitationRole
from claims.matching.store import claim_index
from claims.models import Citation, Statement
from reviews.claimreview_import import MAX_APPEARANCES, UNCHANGED, import_claimreviews
from sources.choices import SourceKind
from sources.models import Source
from tests.support.claimreview import history_rows, record_rows, review
from tests.support.factories import ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "claimreview"
POST = "https://www.facebook.com/jane.poster/posts/1234"
BLOG = "https://blog.example/2021/03/moon-studio/"


@pytest.fixture(autouse=True)
def fresh_index():
    claim_index.reset()
    yield
    claim_index.reset()


def import_file(name: str, **options):
    return import_claimreviews((FILES / name).read_bytes(), name=name, **options)


def import_json(data, **options):
    return import_claimreviews(json.dumps(data), name="reviews.json", **options)


def with_appearances(*urls, **fields) -> dict:
    data = review(**fields)
    data["itemReviewed"]["appearance"] = [{"@type": "CreativeWork", "url": url} for url in urls]
    return data


def test_appearances_are_recorded_as_sources_cited_by_the_claimant_statement():
    user = UserFactory()
    report = import_json(with_appearances(POST, BLOG), user=user)

    (item,) = report.items
    assert "2 appearances recorded as sources" in item.notes
    statement = Statement.objects.select_related("actor").get()
    assert statement.actor.name == "Jane Poster"
    citations = list(statement.citations.select_related("source").order_by("id"))
    assert [c.source.url for c in citations] == [POST, BLOG]
    post, blog = (c.source for c in citations)
    assert (post.kind, post.title) == (
        SourceKind.SOCIAL_POST,
        "facebook.com/jane.poster/posts/1234",
    )
    assert (blog.kind, blog.title) == (SourceKind.OTHER, "blog.example/2021/03/moon-studio")
    assert post.publisher is None
    assert post.is_public
    assert post.language == "en"
    for citation in citations:
        assert (citation.role, citation.access) == (CitationRole.REPORTS, AccessMode.UNKNOWN)
        assert citation.quote == ""
        assert citation.snapshot is None
        assert not citation.quote_verified
        latest = citation.history.get()
        assert latest.history_user == user
        assert latest.history_change_reason == "Imported from reviews.json"
    assert post.history.get().history_change_reason == "Imported from reviews.json"


def test_a_recorded_source_of_the_same_normalised_url_is_reused():
    recorded = SourceFactory(url="https://blog.example/2021/03/moon-studio?utm_source=x")
    report = import_json(with_appearances(BLOG, f"{BLOG}#comments"))

    (item,) = report.items
    assert "1 appearance recorded as a source (1 already in the record)" in item.notes
    assert Source.objects.count() == 1
    (citation,) = Citation.objects.all()
    assert citation.source == recorded
    recorded.refresh_from_db()
    assert recorded.history.count() == 1  # left as it was


def test_a_bad_appearance_is_skipped_with_a_note_and_the_item_recorded():
    bad = "https://exa mple.com/post"
    report = import_json(with_appearances(bad, POST))

    (item,) = report.items
    assert report.problems == []
    assert any(note.startswith("appearance “https://exa mple.com/post” not") for note in item.notes)
    assert "1 appearance recorded as a source" in item.notes
    assert list(Source.objects.values_list("url", flat=True)) == [POST]
    assert Citation.objects.count() == 1


def test_at_most_ten_appearances_are_recorded():
    urls = [f"https://blog.example/{n}" for n in range(MAX_APPEARANCES + 2)]
    report = import_json(with_appearances(*urls))
    (item,) = report.items
    assert "2 more appearances not recorded (at most 10)" in item.notes
    assert Source.objects.count() == Citation.objects.count() == MAX_APPEARANCES


def test_a_reimport_records_no_appearance_again():
    import_json(with_appearances(POST, BLOG))
    before, history = record_rows(), history_rows()

    report = import_json(with_appearances(POST, BLOG, "https://blog.example/another"))

    assert [item.outcome for item in report.items] == [UNCHANGED]
    assert record_rows() == before
    assert history_rows() == history


def test_a_dry_run_records_no_appearance():
    before, history = record_rows(), history_rows()
    dry = import_json(with_appearances(POST, BLOG), dry_run=True)
    assert record_rows() == before
    assert history_rows() == history
    assert "2 appearances recorded as sources" in dry.items[0].notes


def test_a_claim_in_the_record_gets_no_appearance():
    ClaimFactory(text="The moon landing footage was filmed in a studio in Nevada.")
    report = import_json(with_appearances(POST))
    assert "appearances not recorded: the claim was in the record" in report.items[0].notes
    assert not Source.objects.exists()


def test_a_failure_of_an_appearance_leaves_nothing_of_the_item(monkeypatch):
    import reviews.claimreview_import as module

    def refuse(**kwargs):
        raise module.ValidationError({"quote": "Refused."})

    monkeypatch.setattr(module, "citation_save", refuse)
    before = record_rows()
    report = import_json(with_appearances(POST))
    assert report.items == []
    assert [(p.field, p.reason) for p in report.problems] == [
        ("itemReviewed.appearance", "Refused.")
    ]
    assert record_rows() == before


def test_the_folder_s_appearances_are_each_one_source():
    for name in ("politifact-style.html", "fullfact-style.html", "fact-check-insights.csv"):
        import_file(name)
    duplicated = Source.objects.values("url_normalized").annotate(n=Count("id")).filter(n__gt=1)
    assert not duplicated.exists()
    facebook = Source.objects.get(url="https://www.facebook.example/posts/1234567890")
    assert facebook.kind == SourceKind.OTHER  # an example domain, not the platform
    assert facebook.citations.get().statement.claim.text.startswith("Turkey sent 35,000")
