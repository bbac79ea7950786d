"""Topics are found by name, ignoring case, and made once however many ask at the same time;
each has a slug of its own, in its name's script."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction

from claims import services
from claims.models import SLUG_BASE_LENGTH, Topic
from claims.services import topic_get_or_create
from tests.support.api import client_with_permissions
from tests.support.bulk_rows import claim_row, imported

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def created_at_once(monkeypatch, names: list[str]) -> tuple[list[Topic], list[Exception]]:
    """``topic_get_or_create`` for each name in a thread of its own, each request's first
    save of a topic waiting until every request has looked for it (each request's
    transaction stays open a while after, as a claim's creation does after naming its
    topics): the topics they got, and the errors they met."""
    looked = threading.Barrier(len(names), timeout=10)
    waited = threading.local()
    save = services.instance_save

    def save_once_everyone_has_looked(*, instance, **kwargs):
        if isinstance(instance, Topic) and not getattr(waited, "done", False):
            waited.done = True
            looked.wait()
        return save(instance=instance, **kwargs)

    monkeypatch.setattr(services, "instance_save", save_once_everyone_has_looked)
    topics, errors = [], []

    def create(name):
        try:
            with transaction.atomic():
                topics.append(topic_get_or_create(name=name))
                time.sleep(0.2)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return topics, errors


@pytest.mark.django_db
def test_a_topic_is_found_by_its_name_in_any_case():
    libya = topic_get_or_create(name="Libya conflict")
    assert topic_get_or_create(name="  libya CONFLICT ") == libya
    assert Topic.objects.count() == 1


@pytest.mark.postgres_only
@pytest.mark.skipif(
    not ON_POSTGRESQL, reason="SQLite serialises writers; row locks need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_requests_creating_the_same_new_topic_at_once_share_one_topic(monkeypatch):
    """All look, find nothing and insert: each later insert meets the first one's unique
    name and takes that topic instead of failing."""
    names = ["Foreign fighters", "foreign fighters", "Foreign Fighters", "Foreign fighters"]
    topics, errors = created_at_once(monkeypatch, names)

    assert errors == []
    assert len({topic.pk for topic in topics}) == 1
    assert Topic.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Libya conflict", "libya-conflict"),
        ("Ливия", "ливия"),
        ("الحرب في ليبيا", "الحرب-في-ليبيا"),
        ("利比亚冲突", "利比亚冲突"),
        ("Élections 2020", "élections-2020"),
        ("!!!", "topic"),
    ],
)
def test_a_slug_is_made_from_the_name_in_its_own_script(name, slug):
    assert topic_get_or_create(name=name).slug == slug


@pytest.mark.django_db
def test_names_that_make_the_same_slug_each_get_one_of_their_own():
    names = ["Libya!", "Libya?", "libya.", "Сирия", "Сирия!", "…", "¿?"]
    slugs = [topic_get_or_create(name=name).slug for name in names]
    assert slugs == ["libya", "libya-2", "libya-3", "сирия", "сирия-2", "topic", "topic-2"]


@pytest.mark.django_db
def test_a_long_name_s_slug_leaves_room_for_a_number():
    first = topic_get_or_create(name="a" * 100)
    second = topic_get_or_create(name="a" * 99 + "!")
    assert first.slug == "a" * SLUG_BASE_LENGTH
    assert second.slug == "a" * SLUG_BASE_LENGTH + "-2"


@pytest.mark.django_db
def test_a_slug_stays_when_the_name_changes():
    topic = topic_get_or_create(name="Libya")
    topic.name = "Libya conflict"
    services.instance_save(instance=topic)
    topic.refresh_from_db()
    assert (topic.name, topic.slug) == ("Libya conflict", "libya")


@pytest.mark.django_db
def test_claims_under_topics_of_other_scripts_are_written_and_found_by_slug():
    api = client_with_permissions("claims.add_claim", "claims.view_claim", "claims.add_topic")
    for name in ["Ливия", "Сирия"]:
        response = api.post(
            "/api/v1/claims/",
            {"text": f"Наемники в стране {name}", "language": "ru", "topics": [name]},
            format="json",
        )
        assert response.status_code == 201, response.content
    found = api.get("/api/v1/claims/", {"topic": "сирия"})
    assert [claim["text"] for claim in found.json()["results"]] == ["Наемники в стране Сирия"]


@pytest.mark.django_db
def test_an_import_naming_a_topic_whose_slug_another_has_imports_every_row(tmp_path):
    topic_get_or_create(name="Libya!")
    rows = [
        claim_row(text="One"),
        claim_row(text="Two", topics=["Libya?"]),
        claim_row(text="Three", topics=["Ливия", "Сирия"]),
    ]
    report = imported(tmp_path, "claims", rows, batch_size=2)

    assert (report.created, report.errors) == (3, [])
    assert sorted(Topic.objects.values_list("slug", flat=True)) == [
        "libya",
        "libya-2",
        "ливия",
        "сирия",
    ]


@pytest.mark.postgres_only
@pytest.mark.skipif(
    not ON_POSTGRESQL, reason="SQLite serialises writers; row locks need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_new_names_given_the_same_slug_at_once_each_get_a_topic(monkeypatch):
    """Both choose "libya" before either has written it: the second insert meets the
    first one's slug, and is tried again with the next free one."""
    topics, errors = created_at_once(monkeypatch, ["Libya!", "Libya?"])

    assert errors == []
    assert sorted(topic.slug for topic in topics) == ["libya", "libya-2"]
    assert sorted(Topic.objects.values_list("name", flat=True)) == ["Libya!", "Libya?"]
