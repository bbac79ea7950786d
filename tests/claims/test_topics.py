"""Topics are found by name, ignoring case, and made once however many ask at the same time."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction

from claims import services
from claims.models import Topic
from claims.services import topic_get_or_create

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


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
    """Both look, find nothing and insert: the second insert meets the first one's unique
    name and takes that topic instead of failing (each request's transaction stays open a
    while, as a claim's creation does after naming its topics)."""
    writers = 4
    looked = threading.Barrier(writers, timeout=10)
    save = services.instance_save

    def save_once_everyone_has_looked(*, instance, **kwargs):
        if isinstance(instance, Topic):
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

    names = ["Foreign fighters", "foreign fighters", "Foreign Fighters", "Foreign fighters"]
    threads = [threading.Thread(target=create, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len({topic.pk for topic in topics}) == 1
    assert Topic.objects.count() == 1
