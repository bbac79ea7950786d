"""Snapshots: the captured text of a source, hashed, never changed, captured once per text."""

import hashlib

import pytest
from django.db import transaction

from core.services import instance_save
from sources.models import ImmutableRecordError, Snapshot
from sources.services import snapshot_capture
from tests.support.factories import SourceFactory
from tests.support.refusals import refused_by_database

pytestmark = pytest.mark.django_db

TEXT = "The U.S. military says Turkey sent more than 3,500 Syrian fighters to Libya."


@pytest.fixture
def source(db):
    return SourceFactory(title="RFE/RL article")


def test_capture_computes_the_sha256_of_the_text(source):
    """The stored digest is the SHA-256 of the UTF-8 text, so anyone can check it."""
    snapshot = snapshot_capture(source=source, text=TEXT, captured_by="editor")
    snapshot.refresh_from_db()
    assert snapshot.sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert snapshot.text == TEXT


def test_non_ascii_text_is_hashed_as_utf8(source):
    """Typographic quotes and other scripts hash as their UTF-8 bytes."""
    text = "the North African country’s government — طرابلس"
    snapshot = snapshot_capture(source=source, text=text, captured_by="editor")
    assert snapshot.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_saving_an_existing_snapshot_is_refused(source):
    """A snapshot cannot be changed: saving it again raises and the text stays as captured."""
    snapshot = snapshot_capture(source=source, text=TEXT, captured_by="editor")
    snapshot.text = "A corrected text."
    with pytest.raises(ImmutableRecordError):
        snapshot.save()
    with pytest.raises(ImmutableRecordError), transaction.atomic():
        instance_save(instance=snapshot)
    assert Snapshot.objects.get(pk=snapshot.pk).text == TEXT


def test_same_text_twice_gives_the_existing_snapshot(source):
    """Capturing the same text of a source again returns the first capture."""
    first = snapshot_capture(source=source, text=TEXT, captured_by="editor")
    again = snapshot_capture(source=source, text=TEXT, captured_by="someone else")
    assert again.pk == first.pk
    assert again.captured_by == "editor"
    assert source.snapshots.count() == 1


def test_changed_text_gives_a_new_snapshot(source):
    """A source whose text changed gets a second snapshot; the first is kept."""
    first = snapshot_capture(source=source, text=TEXT, captured_by="editor")
    second = snapshot_capture(source=source, text=f"{TEXT} Updated.", captured_by="editor")
    assert second.pk != first.pk
    assert source.snapshots.count() == 2


def test_same_text_of_another_source_is_another_snapshot(source):
    """Two sources that carry the same words each have their own snapshot."""
    other = SourceFactory(title="AP story")
    first = snapshot_capture(source=source, text=TEXT, captured_by="editor")
    second = snapshot_capture(source=other, text=TEXT, captured_by="editor")
    assert first.pk != second.pk
    assert first.sha256 == second.sha256


def test_database_refuses_the_same_text_twice_for_one_source(source):
    """One snapshot per text per source, even for writes that skip the service."""
    Snapshot.objects.create(source=source, text=TEXT, captured_by="editor")
    with refused_by_database("sources_snapshot_unique_source_sha256", "sources_snapshot.sha256"):
        Snapshot.objects.create(source=source, text=TEXT, captured_by="editor")


def test_a_snapshot_longer_than_the_limit_is_refused(db):
    """Quotes are searched in a snapshot on every citation's save: its size is bounded."""
    from django.core.exceptions import ValidationError

    from sources.models import SNAPSHOT_MAX_LENGTH

    with pytest.raises(ValidationError) as refused:
        snapshot_capture(
            source=SourceFactory(), text="a" * (SNAPSHOT_MAX_LENGTH + 1), captured_by="editor"
        )
    assert "text" in refused.value.message_dict
    assert not Snapshot.objects.exists()
