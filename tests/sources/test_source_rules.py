"""Sources: URLs kept as entered and unique in normalised form, language tags, dates."""

import datetime

import pytest

from core.dates import DatePrecision
from sources.choices import SourceKind
from sources.models import Source
from sources.services import source_save
from tests.support.factories import SourceFactory
from tests.support.refusals import NON_FIELD_ERRORS, refused_by_database, validation_errors

pytestmark = pytest.mark.django_db

ARTICLE = "https://www.rferl.org/a/pentagon-report/30737839.html"


def new_source(**fields) -> Source:
    return SourceFactory.build(publisher=None, **fields)


@pytest.mark.parametrize(
    "pasted",
    [
        f"{ARTICLE}?utm_source=twitter&utm_medium=social",
        f"{ARTICLE}#comments",
        "HTTPS://WWW.RFERL.ORG/a/pentagon-report/30737839.html",
        "https://www.rferl.org:443/a/pentagon-report/30737839.html",
        f"{ARTICLE}/",
    ],
)
def test_url_is_kept_as_entered_beside_its_normalised_form(pasted):
    """Whatever form the URL was pasted in, the source keeps it, and its canonical form
    beside it identifies the document."""
    source = source_save(source=new_source(url=pasted))
    stored = Source.objects.get(pk=source.pk)
    assert stored.url == pasted
    assert stored.url_normalized == ARTICLE


@pytest.mark.parametrize(
    "second",
    [
        ARTICLE,
        f"{ARTICLE}?utm_source=twitter",
        "HTTPS://WWW.RFERL.ORG:443/a/pentagon-report/30737839.html/#top",
    ],
)
def test_two_urls_that_normalise_equal_are_refused_in_validation(second):
    """A second source whose URL normalises to an existing one's is the same document."""
    source_save(source=new_source(url=ARTICLE))
    errors = validation_errors(lambda: source_save(source=new_source(url=second)))
    assert errors[NON_FIELD_ERRORS] == ["Another source already has this URL."]
    assert Source.objects.count() == 1


def test_the_same_url_twice_is_refused_by_the_database():
    """The database refuses the same document twice even past validation, whatever form
    of its URL each save was given."""
    Source.objects.create(kind=SourceKind.NEWS_ARTICLE, title="One", url=ARTICLE)
    with refused_by_database(
        "sources_source_unique_url_normalized", "sources_source.url_normalized"
    ):
        Source.objects.create(kind=SourceKind.NEWS_ARTICLE, title="Two", url=f"{ARTICLE}/#top")


def test_many_sources_may_have_no_url():
    """Unpublished documents have no URL, and any number of them may exist, in both paths."""
    source_save(source=new_source(url="", kind=SourceKind.REPORT, is_public=False))
    source_save(source=new_source(url="", kind=SourceKind.REPORT, is_public=False))
    Source.objects.create(kind=SourceKind.REPORT, title="Third", url="")
    assert Source.objects.filter(url="").count() == 3


def test_resaving_a_source_does_not_clash_with_its_own_url():
    """Uniqueness excludes the source itself."""
    source = source_save(source=new_source(url=ARTICLE))
    source.title = "Pentagon Says Turkey Sent 3,500 Syrian Fighters To Back Libyan Government"
    source_save(source=source)
    assert Source.objects.get(pk=source.pk).title.startswith("Pentagon Says")


def test_url_that_cannot_be_parsed_is_a_validation_error():
    """A broken URL is reported on its field rather than crashing validation."""
    errors = validation_errors(lambda: source_save(source=new_source(url="http://[::1/story")))
    assert "url" in errors


@pytest.mark.parametrize("language", ["en", "ar", "ru", "gsw", "pt-BR", "zh-Hant-TW", "es-419"])
def test_bcp47_language_tags_are_accepted(language):
    """Language subtags with optional region, script or numeric region subtags pass."""
    source = source_save(source=new_source(language=language))
    assert Source.objects.get(pk=source.pk).language == language


@pytest.mark.parametrize("language", ["EN", "english", "e", "pt_BR", "en-", "-en", "en-US-"])
def test_malformed_language_tags_are_refused_by_validation(language):
    """Upper-case languages, underscores and names are reported on the language field."""
    errors = validation_errors(lambda: source_save(source=new_source(language=language)))
    assert "language" in errors


@pytest.mark.parametrize("language", ["EN", "english", "e", "pt_BR", "", "en-"])
def test_malformed_language_tags_are_refused_by_the_database(language):
    """The language check holds for writes that skip validation."""
    with refused_by_database("sources_source_language_format"):
        Source.objects.create(kind=SourceKind.REPORT, title="X", language=language)


@pytest.mark.parametrize(
    ("precision", "stored"),
    [
        (DatePrecision.DAY, datetime.date(2020, 7, 17)),
        (DatePrecision.MONTH, datetime.date(2020, 7, 1)),
        (DatePrecision.YEAR, datetime.date(2020, 1, 1)),
    ],
)
def test_publication_date_is_stored_at_its_precision(precision, stored):
    """A date known to the month is stored as the month's first day, and shown as a month."""
    source = source_save(
        source=new_source(published_on=datetime.date(2020, 7, 17), published_precision=precision)
    )
    source.refresh_from_db()
    assert source.published_on == stored
    assert (
        source.published_display
        == {
            DatePrecision.DAY: "17 July 2020",
            DatePrecision.MONTH: "July 2020",
            DatePrecision.YEAR: "2020",
        }[precision]
    )
