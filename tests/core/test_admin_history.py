"""The admin's history page of every service admin: what each row changed, with names."""

import pytest
from django.contrib import admin
from django.urls import reverse

from claims.models import Statement
from claims.services import statement_save
from tests.support.factories import ActorFactory, StatementFactory, UserFactory


def history_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])


def changes_column(response) -> list[list[tuple]]:
    """Each row's changes as (label, before, after), newest row first."""
    return [
        [(change.label, change.before, change.after) for change in record.history_delta_changes]
        for record in response.context["page_obj"]
        if hasattr(record, "history_delta_changes")
    ]


@pytest.mark.django_db
def test_an_emptied_foreign_key_shows_a_dash_not_a_deleted_object(admin_client):
    statement = StatementFactory(actor=ActorFactory(name="Kremlin"))
    statement.actor = None
    statement.speaker_label = "An unnamed official"
    statement_save(statement=statement, user=UserFactory(username="editor"))

    response = admin_client.get(history_url(statement))

    page = response.content.decode()
    assert response.status_code == 200
    assert "pk=None" not in page
    assert "Deleted" not in page
    assert changes_column(response)[0] == [
        ("actor", "Kremlin", None),
        ("speaker as written", None, "An unnamed official"),
    ]
    assert "<strong>Actor:</strong> <del>Kremlin</del> → <ins>—</ins>" in page


@pytest.mark.django_db
def test_a_row_without_reason_or_user_shows_a_dash_not_none(admin_client):
    statement = StatementFactory()  # made outside any attributed change
    statement.note = "Said twice."
    statement_save(statement=statement, user=UserFactory(), reason="Second source found.")

    response = admin_client.get(history_url(statement))

    page = response.content.decode()
    assert "None" not in page.split('id="change-history"')[1]
    assert "Second source found." in page


@pytest.mark.django_db
def test_the_oldest_row_of_a_page_is_compared_with_the_row_before_the_page(
    admin_client, monkeypatch
):
    statement = StatementFactory(note="")
    for index in range(4):
        statement.note = f"Note {index}"
        statement_save(statement=statement, user=UserFactory())
    monkeypatch.setattr(admin.site._registry[Statement], "history_list_per_page", 2)

    response = admin_client.get(history_url(statement))

    assert changes_column(response) == [
        [("note", "Note 2", "Note 3")],
        [("note", "Note 1", "Note 2")],
    ]
