"""Every model registered in the admin: each of its pages renders for a superuser.

The cases are generated from ``admin.site._registry``, so a newly registered admin is covered
without touching this file (it only needs a factory in ``tests/factories.py``).
"""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from tests.support.factories import factory_for

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
HISTORY_MODELS = [m for m in MODELS if isinstance(admin.site._registry[m], SimpleHistoryAdmin)]
AUTOCOMPLETE_FIELDS = [
    (model, name)
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda i: i[0]._meta.label)
    for name in model_admin.autocomplete_fields
]


# Records the admin never adds: the match queue's pairs are found by its task, task results
# written by the task backend.
MADE_ELSEWHERE = {"reviews.MatchCandidate", "django_tasks_database.DBTaskResult"}
# Records the admin never deletes: a pair of the match queue is confirmed or dismissed; the
# task backend's admin only shows its results.
NEVER_DELETED = {"reviews.MatchCandidate", "django_tasks_database.DBTaskResult"}


def label(model) -> str:
    return model._meta.label


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_recorded_model_is_registered():
    """The admin covers every model of the record, not only the ones someone remembered."""
    from django.apps import apps

    recorded = {
        model
        for app in ("sources", "claims")
        for model in apps.get_app_config(app).get_models()
        if not model._meta.auto_created and not model.__name__.startswith("Historical")
    }
    # Edited on their parent's page: aliases on the actor's, labels on the scale's, comments
    # and events (the timeline) on the review's.
    on_parent_page = {
        apps.get_model(label)
        for label in (
            "sources.Alias",
            "reviews.RatingLabel",
            "reviews.ReviewComment",
            "reviews.ReviewEvent",
        )
    }
    unregistered = recorded - set(admin.site._registry) - on_parent_page
    assert not unregistered, f"Not in the admin: {sorted(m._meta.label for m in unregistered)}"


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_changelist_renders_its_rows(admin_client, model):
    """The changelist answers 200 and lists the object a factory made."""
    obj = factory_for(model)()
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert obj.pk in {row.pk for row in response.context["cl"].result_list}


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_changelist_search_and_every_filter_choice_render(admin_client, model):
    """Searching and each choice of each list filter render the list (no error redirect)."""
    factory_for(model)()
    url = admin_url(model, "changelist")
    if admin.site._registry[model].search_fields:
        assert admin_client.get(url, {"q": "a"}).status_code == 200
    changelist = admin_client.get(url).context["cl"]
    for spec in changelist.filter_specs:
        for choice in spec.choices(changelist):
            response = admin_client.get(url + choice["query_string"])
            assert response.status_code == 200, (spec.title, choice["query_string"])


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_add_page_renders(admin_client, model):
    """The empty add form renders; records only made elsewhere (``MADE_ELSEWHERE``) refuse
    it, even to a superuser."""
    response = admin_client.get(admin_url(model, "add"))
    if label(model) in MADE_ELSEWHERE:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert response.context["add"] is True


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_change_page_renders_the_object(admin_client, model):
    """The change (or, for immutable records, view) page of a saved object renders it."""
    obj = factory_for(model)()
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"].pk == obj.pk


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_history_page_renders(admin_client, model):
    """The history page renders; for recorded models it lists the object's creation."""
    obj = factory_for(model)()
    response = admin_client.get(admin_url(model, "history", obj.pk))
    assert response.status_code == 200
    if model in HISTORY_MODELS:
        assert [record.history_type for record in response.context["page_obj"]][-1] == "+"


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=label)
def test_history_version_page_renders(admin_client, model):
    """A past version of a recorded object renders on its own page (the revert form)."""
    obj = factory_for(model)()
    version = obj.history.earliest()
    response = admin_client.get(admin_url(model, "simple_history", obj.pk, version.history_id))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_delete_confirmation_page_renders(admin_client, model):
    """The delete page renders its confirmation for an object nothing depends on; records
    never deleted (``NEVER_DELETED``) refuse it."""
    obj = factory_for(model)()
    response = admin_client.get(admin_url(model, "delete", obj.pk))
    if label(model) in NEVER_DELETED:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert not response.context["protected"]


@pytest.mark.parametrize(
    ("model", "field_name"), AUTOCOMPLETE_FIELDS, ids=lambda v: getattr(v, "__name__", v)
)
def test_autocomplete_answers_for_every_autocomplete_field(admin_client, model, field_name):
    """Each autocomplete field's search endpoint answers, and lists an existing target."""
    remote_model = model._meta.get_field(field_name).remote_field.model
    target = factory_for(remote_model)()
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field_name,
            "term": "",
        },
    )
    assert response.status_code == 200
    assert str(target.pk) in {result["id"] for result in response.json()["results"]}
