"""Article intake: captured pages reduced to their article, uploads read, and the admin's
two steps from a pasted text, a file or a URL with its HTML to a source with a snapshot."""

import codecs
import re
import socket
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.dates import DatePrecision, parse_partial
from sources.admin import INTAKE_SALT, intake_next_url
from sources.choices import ActorKind, SourceKind
from sources.intake import IntakeError, ReducedPage, Upload, read_upload, reduce_html
from sources.models import Actor, Snapshot, Source
from sources.services import article_intake
from tests.support.admin import messages_of
from tests.support.factories import ActorFactory, AliasFactory, SourceFactory, UserFactory

PAGES = Path(__file__).parent / "pages"
TRIBUNE_URL = (
    "https://www.harbourtribune.example/news/2026/11/port-authority-denies-dredging-halted"
)
INTAKE = "admin:sources_source_intake"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


# Reducing a captured page


def test_news_page_keeps_the_article_and_drops_the_rest():
    """Navigation, cookie banner, advertisements, related links and footer are left out."""
    reduced = reduce_html(page("harbour_tribune.html"), "https://capture.example/1")
    assert reduced.text.startswith("Port authority denies dredging was halted after fuel spill")
    assert "The port authority on Sunday denied reports" in reduced.text
    assert "on 9 December." in reduced.text
    for boilerplate in [
        "Subscribe",
        "We use cookies",
        "Cheap flights",
        "Refinance your mortgage",
        "Container terminal opening delayed",
        "Rovers win derby",
        "All rights reserved",
        "Share on Facebook",
    ]:
        assert boilerplate not in reduced.text


def test_paragraphs_are_separated_by_blank_lines():
    reduced = reduce_html(page("harbour_tribune.html"))
    paragraphs = reduced.text.split("\n\n")
    assert "Local fishermen told the Tribune on Saturday" in paragraphs[2]
    assert all(paragraph.strip() == paragraph and paragraph for paragraph in paragraphs)
    assert "\n\n\n" not in reduced.text


def test_json_ld_article_comes_before_open_graph():
    """Headline, datePublished, publisher (by its @id in the graph) and inLanguage win over
    the Open Graph tags, which say otherwise on this page."""
    reduced = reduce_html(page("harbour_tribune.html"), "https://capture.example/1")
    assert reduced.title == "Port authority denies dredging was halted after fuel spill"
    assert reduced.publisher == "Harbour Tribune"  # og:site_name says "The Harbour Tribune …"
    assert reduced.published == "2026-11-30"  # article:published_time says the 29th
    assert reduced.language == "en"  # en-GB
    assert reduced.url == TRIBUNE_URL  # the canonical link, not og:url's tracking parameter


def test_page_without_metadata_gives_its_title_and_the_capture_url():
    reduced = reduce_html(page("bare.html"), "https://water.example/notices/12")
    assert reduced == ReducedPage(
        text=reduced.text,
        title="Statement on the water supply",
        publisher="",
        published="",
        language="",
        url="https://water.example/notices/12",
    )
    assert reduced.text.startswith("The water board wishes to inform residents")
    assert "Back to the notices" not in reduced.text
    assert reduced.text.count("\n\n") == 3


def test_non_english_page_takes_its_metadata_from_open_graph():
    reduced = reduce_html(page("courrier_du_port.html"))
    assert reduced.title == "Le port dément l’arrêt du dragage après une fuite"
    assert reduced.publisher == "Le Courrier du Port"
    assert reduced.published == "2026-11-30"
    assert reduced.language == "fr"  # og:locale fr_FR; the page has no <html lang>
    assert reduced.url.startswith("https://www.courrierduport.example/actualite/2026/11/30/")
    assert "L’autorité portuaire a démenti dimanche" in reduced.text
    assert "Publicité" not in reduced.text
    assert "Mentions légales" not in reduced.text


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-07", "2025-07"),
        ("2025", "2025"),
        ("2025-07-04T23:30:00-05:00", "2025-07-04"),  # the day where it was published
        ("2025-02-30", "2024-12-01"),  # no such day: the next source of the date is used
        ("July 2025", "2024-12-01"),
    ],
)
def test_published_is_as_precise_as_the_page_says(published, expected):
    html = (
        '<html><head><script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "datePublished": "{published}"}}</script>'
        '<meta property="article:published_time" content="2024-12-01">'
        "</head><body><article><p>A short article about the bridge.</p></article></body></html>"
    )
    assert reduce_html(html).published == expected


def test_language_from_content_language_meta_and_relative_canonical():
    html = (
        '<html><head><meta http-equiv="Content-Language" content="de-AT">'
        '<link rel="canonical" href="/artikel/7"></head>'
        "<body><p>Die Brücke bleibt bis Montag gesperrt.</p></body></html>"
    )
    reduced = reduce_html(html, "https://zeitung.example/print/7?x=1")
    assert reduced.language == "de"
    assert reduced.url == "https://zeitung.example/artikel/7"


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html><head><script>var a = 1;</script></head><body><!-- --></body></html>"],
)
def test_page_without_text_is_refused(html):
    with pytest.raises(IntakeError, match="No article text"):
        reduce_html(html)


def test_reducing_never_reaches_the_network(monkeypatch):
    """No download of a model or a page: every connection attempt fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("reduce_html tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for name in ["harbour_tribune.html", "bare.html", "courrier_du_port.html"]:
        assert reduce_html(page(name), "https://capture.example/").text


# Reading an upload


def test_text_file_changes_only_in_line_endings():
    data = b"Headline\r\n\r\nFirst  paragraph, as typed.  \r\nSecond line.\n"
    assert read_upload("article.TXT", data) == Upload(
        content="Headline\n\nFirst  paragraph, as typed.  \nSecond line.\n", is_html=False
    )


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Tripoli — طرابلس".encode(),
        codecs.BOM_UTF16_LE + "Tripoli — طرابلس".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Tripoli — طرابلس".encode("utf-16-be"),
    ],
)
def test_byte_order_marks_say_the_encoding(data):
    assert read_upload("a.txt", data).content == "Tripoli — طرابلس"


def test_page_in_a_declared_encoding_is_decoded():
    html = page("courrier_du_port.html").replace('charset="utf-8"', 'charset="iso-8859-1"')
    html = html.replace("’", "'").replace("«", '"').replace("»", '"')
    upload = read_upload("courrier.htm", html.encode("iso-8859-1", "xmlcharrefreplace"))
    assert upload.is_html
    assert "L'autorité portuaire a démenti" in upload.content


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "The file is empty."),
        ("blank.txt", b" \r\n\t\n", "The file is empty."),
        ("nul.txt", b"some text\x00more", "binary data"),
        ("controls.txt", b"text\x01\x02\x03", "binary data"),
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "a PDF document"),
        ("page.html", b"PK\x03\x04\x14\x00", "a ZIP archive"),
        ("latin.txt", "Assemblée nationale".encode("latin-1"), "not UTF-8"),
        ("page.html", b'<meta charset="klingon"><p>\xe9</p>', "not UTF-8"),
        ("page.html", b'<meta charset="ascii"><p>\xe9t\xe9</p>', "says it is in ascii"),
        ("broken.txt", codecs.BOM_UTF8 + b"\xff\xfe\xfd", "cannot be read"),
        ("report.pdf", b"some text", ".txt"),
        ("article", b"some text", ".txt"),
    ],
)
def test_upload_refusals_say_why(name, data, message):
    with pytest.raises(IntakeError, match=re.escape(message)):
        read_upload(name, data)


def test_upload_over_the_limit_is_refused(settings):
    settings.SOURCES_INTAKE_MAX_UPLOAD_BYTES = 1024
    assert read_upload("a.txt", b"x" * 1024).content == "x" * 1024
    with pytest.raises(IntakeError, match=r"over 1 kB"):
        read_upload("a.txt", b"x" * 1025)


# Arbitrary input: only the documented error, and well-formed results

PARTIAL = re.compile(r"([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?")
FRAGMENTS = st.sampled_from(
    [
        "<html>",
        "<head>",
        "<body>",
        "<p>",
        "</p>",
        "<article>",
        "<nav>",
        "<meta property='og:locale' content='",
        "<meta property='article:published_time' content='",
        "<link rel=canonical href='",
        "'>",
        '<script type="application/ld+json">',
        '{"@type": "NewsArticle", "headline": ',
        '"datePublished": "2020-02-31", "publisher": {"@id": 1}}',
        '{"@graph": [[[[{"@type": ["Article"], "inLanguage": {"name": 7}}]]]]}',
        "</script>",
        "<?xml version='1.0' encoding='latin-1'?>",
        "<![CDATA[",
        "\x00",
        "\ud800",
        "\r\n",
        "&#0;",
        "&#xD800;",
    ]
)
HTMLISH = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=25).map("".join)


def assert_well_formed(reduced: ReducedPage) -> None:
    assert reduced.text
    assert reduced.text == reduced.text.strip()
    for value in (reduced.text, reduced.title, reduced.publisher, reduced.url):
        assert not re.search("[\x00\r]", value)
        value.encode("utf-8")  # no lone surrogates
    assert PARTIAL.fullmatch(reduced.published)
    assert re.fullmatch(r"([a-z]{2})?", reduced.language)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=st.one_of(HTMLISH, st.text(max_size=300)), url=st.text(max_size=30))
def test_reduce_html_raises_only_intake_error(html, url):
    try:
        reduced = reduce_html(html, url)
    except IntakeError:
        return
    assert_well_formed(reduced)


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(["a.txt", "a.html", "a.HTM", "a.pdf", "", "a.txt.exe"]),
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
    ),
)
def test_read_upload_raises_only_intake_error(name, data):
    try:
        upload = read_upload(name, data)
    except IntakeError:
        return
    assert upload.content.strip()
    assert not re.search("[\x00\r]", upload.content)
    upload.content.encode("utf-8")


# The service


@pytest.fixture
def tribune(db):
    return ActorFactory(name="Harbour Tribune", kind=ActorKind.NEWS_OUTLET)


def intake(user, **changes):
    values = {
        "text": "The port authority denied that dredging had been halted.",
        "title": "Port authority denies dredging was halted",
        "kind": SourceKind.NEWS_ARTICLE,
        "publisher": None,
        "published_on": parse_partial("2026-11"),
        "language": "en",
        "url": TRIBUNE_URL,
        "captured_from": TRIBUNE_URL,
        "user": user,
    }
    return article_intake(**{**values, **changes})


@pytest.mark.django_db
def test_intake_records_a_source_and_its_snapshot(user, tribune):
    snapshot = intake(user, publisher=tribune, reason="Taken in for claim 12")
    source = snapshot.source
    assert (source.title, source.kind, source.publisher, source.url, source.language) == (
        "Port authority denies dredging was halted",
        SourceKind.NEWS_ARTICLE,
        tribune,
        TRIBUNE_URL,
        "en",
    )
    assert str(source.published_on) == "2026-11-01"
    assert source.published_precision == DatePrecision.MONTH
    assert snapshot.text == "The port authority denied that dredging had been halted."
    assert (snapshot.captured_by, snapshot.captured_from) == ("editor", TRIBUNE_URL)
    for record in (source, snapshot):
        [row] = record.history.all()
        assert row.history_user == user
        assert row.history_change_reason == "Taken in for claim 12"


@pytest.mark.django_db
def test_intake_reuses_the_source_with_the_same_normalised_url(user):
    existing = SourceFactory(url=TRIBUNE_URL.replace("https://www.", "HTTPS://WWW.") + "/")
    snapshot = intake(user, url=f"{TRIBUNE_URL}?utm_source=newsletter#top", title="Other")
    assert snapshot.source == existing
    existing.refresh_from_db()
    assert existing.title != "Other"
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_same_text_twice_gives_one_snapshot(user):
    first = intake(user)
    again = intake(user, captured_from="https://mirror.example/")
    assert again.pk == first.pk
    assert Snapshot.objects.count() == 1


@pytest.mark.django_db
def test_new_publisher_is_recorded_with_a_new_source_only(user):
    snapshot = intake(user, publisher=Actor(name="Reuters", kind=ActorKind.NEWS_AGENCY))
    publisher = snapshot.source.publisher
    assert (publisher.name, publisher.kind) == ("Reuters", ActorKind.NEWS_AGENCY)
    assert publisher.history.get().history_user == user
    intake(user, text="A later text.", publisher=Actor(name="AP", kind=ActorKind.NEWS_AGENCY))
    assert not Actor.objects.filter(name="AP").exists()


@pytest.mark.django_db
def test_intake_is_all_or_nothing(user):
    with pytest.raises(ValidationError):
        intake(user, publisher=Actor(name="Reuters", kind=ActorKind.NEWS_AGENCY), language="?")
    assert not Actor.objects.exists()
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_source_without_url_is_recorded_each_time(user):
    first = intake(user, url="", captured_from="")
    second = intake(user, url="", captured_from="", text="Another text.")
    assert first.source != second.source


# The admin's two steps


def step_one(client, **data):
    return client.post(reverse(INTAKE), {"step": "1", **data})


def step_two(client, response, **changes):
    """Post step 2 as the page showed it, with ``changes``."""
    assert response.status_code == 200
    assert response.context["step"] == 2, response.context["form"].errors
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(changes)
    data = {name: value for name, value in data.items() if value is not None}
    return client.post(reverse(INTAKE), {"step": "2", **data})


def upload(name: str, content) -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def recorded(response) -> Snapshot:
    assert response.status_code == 302, response.context and response.context["form"].errors
    snapshot = Snapshot.objects.get()
    assert response.url == intake_next_url(snapshot)
    assert response.url == reverse("admin:sources_snapshot_annotate", args=[snapshot.pk])
    return snapshot


def test_changelist_offers_the_intake(admin_client):
    response = admin_client.get(reverse("admin:sources_source_changelist"))
    assert reverse(INTAKE).encode() in response.content
    assert b"Add from an article" in response.content


def test_step_one_shows_the_three_ways(admin_client):
    response = admin_client.get(reverse(INTAKE))
    assert response.status_code == 200
    assert response.context["step"] == 1
    assert set(response.context["form"].fields) == {"text", "file", "url", "html"}
    assert b'enctype="multipart/form-data"' in response.content


def test_pasted_text_becomes_a_snapshot(admin_client, superuser):
    text = "Bridge closed, minister says\r\n\r\nThe minister said the bridge was closed.\r\n"
    response = step_one(admin_client, text=text)
    form = response.context["form"]
    assert form["title"].value() == "Bridge closed, minister says"
    assert form["kind"].value() == SourceKind.NEWS_ARTICLE
    assert response.context["text"] == text.replace("\r\n", "\n")
    snapshot = recorded(
        step_two(admin_client, response, published_on="2026", language="en", url="")
    )
    assert (
        snapshot.text
        == "Bridge closed, minister says\n\nThe minister said the bridge was closed.\n"
    )
    assert snapshot.captured_by == superuser.get_username()
    source = snapshot.source
    assert (source.title, source.url, source.publisher) == (
        "Bridge closed, minister says",
        "",
        None,
    )
    assert source.published_precision == DatePrecision.YEAR
    assert any("taken in" in message for message in messages_of(admin_client.get("/admin/")))


def test_uploaded_page_prefills_step_two_and_records_a_new_publisher(admin_client):
    response = admin_client.post(
        reverse(INTAKE),
        {"step": "1", "file": upload("tribune.html", page("harbour_tribune.html"))},
    )
    form = response.context["form"]
    assert form["title"].value() == "Port authority denies dredging was halted after fuel spill"
    assert form["published_on"].value() == "2026-11-30"
    assert form["language"].value() == "en"
    assert form["url"].value() == TRIBUNE_URL
    assert form["publisher"].value() is None
    assert form["new_publisher"].value() == "Harbour Tribune"
    assert form["new_publisher_kind"].value() == ActorKind.NEWS_OUTLET
    assert "“Harbour Tribune” is not in the record" in response.content.decode()
    assert "Cheap flights" not in response.context["text"]
    assert response.context["existing_source"] is None

    snapshot = recorded(step_two(admin_client, response))
    source = snapshot.source
    assert source.publisher.name == "Harbour Tribune"
    assert source.publisher.kind == ActorKind.NEWS_OUTLET
    assert (str(source.published_on), source.published_precision) == ("2026-11-30", "day")
    assert snapshot.captured_from == ""
    assert snapshot.text == reduce_html(page("harbour_tribune.html")).text


def test_uploaded_text_file(admin_client):
    response = admin_client.post(
        reverse(INTAKE),
        {"step": "1", "file": upload("notes.txt", "A statement.\r\nSecond line.")},
    )
    assert response.context["text"] == "A statement.\nSecond line."
    assert recorded(step_two(admin_client, response)).text == "A statement.\nSecond line."


def test_url_with_html_resolves_the_publisher_by_alias(admin_client):
    actor = ActorFactory(name="Harbour Tribune Media Ltd", kind=ActorKind.NEWS_OUTLET)
    AliasFactory(actor=actor, name="harbour tribune")
    response = step_one(
        admin_client, url=f"{TRIBUNE_URL}?utm_source=x", html=page("harbour_tribune.html")
    )
    form = response.context["form"]
    assert form["publisher"].value() == actor.pk
    assert not form["new_publisher"].value()
    assert "not in the record" not in response.content.decode()
    assert actor.name in response.content.decode()  # the autocomplete shows its choice
    snapshot = recorded(step_two(admin_client, response))
    assert snapshot.source.publisher == actor
    assert snapshot.captured_from == f"{TRIBUNE_URL}?utm_source=x"
    assert Actor.objects.count() == 1


def test_known_url_attaches_the_snapshot_to_its_source(admin_client):
    existing = SourceFactory(title="Tribune story", url=f"{TRIBUNE_URL}/")
    response = step_one(admin_client, url=TRIBUNE_URL, html=page("harbour_tribune.html"))
    assert response.context["existing_source"] == existing
    assert "the snapshot will be added to it" in response.content.decode()
    snapshot = recorded(step_two(admin_client, response))
    assert snapshot.source == existing
    assert Source.objects.count() == 1


def test_same_article_twice_gives_one_snapshot(admin_client):
    for _ in range(2):
        response = step_one(admin_client, url=TRIBUNE_URL, html=page("courrier_du_port.html"))
        snapshot = recorded(step_two(admin_client, response))
    assert Snapshot.objects.count() == 1
    assert any("already had" in message for message in messages_of(admin_client.get("/admin/")))
    assert snapshot.source.language == "fr"


def test_tampered_text_is_refused(admin_client):
    response = step_one(admin_client, text="The minister said the bridge was closed.")
    payload = response.context["form"]["payload"].value()
    value, signature = payload.rsplit(":", 1)
    forged = step_two(admin_client, response, payload=f"{value[:-2]}xx:{signature}")
    assert forged.status_code == 200
    assert forged.context["form"].errors["payload"] == [
        "The article text was altered or has expired: take the article in again."
    ]
    assert "altered" in forged.content.decode()
    assert not Snapshot.objects.exists()


def test_text_signed_for_another_user_is_refused(admin_client):
    from django.core import signing

    other = UserFactory()
    payload = signing.dumps(
        {"text": "Forged text", "from": "", "user": other.pk}, salt=INTAKE_SALT, compress=True
    )
    response = step_one(admin_client, text="Real text.")
    forged = step_two(admin_client, response, payload=payload)
    assert "payload" in forged.context["form"].errors
    assert not Snapshot.objects.exists()


def test_step_two_errors_keep_the_text(admin_client):
    response = step_one(admin_client, text="Real text.")
    again = step_two(admin_client, response, published_on="2026-13", language="not a tag")
    assert again.status_code == 200
    assert set(again.context["form"].errors) == {"published_on", "language"}
    assert again.context["text"] == "Real text."
    assert not Snapshot.objects.exists()


def test_chosen_and_new_publisher_at_once_is_refused(admin_client, tribune):
    response = step_one(admin_client, text="Real text.")
    again = step_two(admin_client, response, publisher=str(tribune.pk), new_publisher="Reuters")
    assert "new_publisher" in again.context["form"].errors


def test_new_publisher_already_in_the_record_is_used(admin_client, tribune):
    response = step_one(admin_client, text="Real text.")
    snapshot = recorded(step_two(admin_client, response, new_publisher="harbour  TRIBUNE"))
    assert snapshot.source.publisher == tribune
    assert Actor.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, None, "Give the article"),
        ({"text": "  \r\n "}, None, "Give the article"),
        ({"text": "A", "html": "<p>B</p>", "url": TRIBUNE_URL}, None, "not several"),
        ({"html": "<p>B</p>"}, "url", "Give the URL of the page"),
        ({"html": "<p><!-- --></p>", "url": TRIBUNE_URL}, "html", "No article text"),
        ({"text": "A", "url": "not a url"}, "url", "Enter a valid URL"),
    ],
)
def test_step_one_errors_are_form_errors(admin_client, data, field, message):
    response = step_one(admin_client, **data)
    assert response.status_code == 200
    assert response.context["step"] == 1
    errors = response.context["form"].errors.get(field or "__all__", [])
    assert any(message in error for error in errors), response.context["form"].errors


def test_text_and_file_at_once_is_refused(admin_client):
    response = admin_client.post(
        reverse(INTAKE), {"step": "1", "text": "A", "file": upload("a.txt", "B")}
    )
    assert "not several" in response.context["form"].errors["__all__"][0]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", b"%PDF-1.4", ".txt"),
        ("scan.txt", b"%PDF-1.4", "a PDF document"),
        ("latin.txt", "Assemblée".encode("latin-1"), "not UTF-8"),
        ("empty.html", b"", "empty"),
    ],
)
def test_unreadable_upload_is_a_form_error(admin_client, name, content, message):
    response = admin_client.post(reverse(INTAKE), {"step": "1", "file": upload(name, content)})
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["file"])


def test_upload_over_the_limit_is_a_form_error(admin_client, settings):
    settings.SOURCES_INTAKE_MAX_UPLOAD_BYTES = 100
    response = admin_client.post(
        reverse(INTAKE), {"step": "1", "file": upload("big.txt", "x" * 5000)}
    )
    assert "over 100 bytes" in response.context["form"].errors["file"][0]


def staff(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize(
    "codenames",
    [(), ("add_source",), ("add_snapshot",), ("view_source", "add_snapshot")],
)
def test_intake_needs_adding_sources_and_snapshots(client, codenames):
    client.force_login(staff(*codenames))
    assert client.get(reverse(INTAKE)).status_code == 403
    assert step_one(client, text="A text.").status_code == 403
    assert client.post(reverse(INTAKE), {"step": "2", "payload": "x"}).status_code == 403
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_user_who_may_add_both_takes_articles_in(client):
    client.force_login(staff("view_source", "add_source", "add_snapshot", "view_actor"))
    changelist = client.get(reverse("admin:sources_source_changelist"))
    assert b"Add from an article" in changelist.content
    response = step_one(client, text="A text.")
    assert recorded(step_two(client, response)).text == "A text."


@pytest.mark.django_db
def test_changelist_hides_the_intake_from_who_may_not(client):
    client.force_login(staff("view_source", "add_source"))
    changelist = client.get(reverse("admin:sources_source_changelist"))
    assert changelist.status_code == 200
    assert b"Add from an article" not in changelist.content


def test_pages_have_no_inline_scripts_or_styles(admin_client):
    for response in [
        admin_client.get(reverse(INTAKE)),
        step_one(admin_client, url=TRIBUNE_URL, html=page("harbour_tribune.html")),
    ]:
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert not re.search(r" style=|<style", html)


def test_a_line_of_only_control_characters_leaves_no_blank_paragraph():
    assert reduce_html("\x01\n\n0").text == "0"
