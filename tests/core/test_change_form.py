"""A change page's fieldsets, written directly (``core.change_form.fieldset_html``): Django's
``admin/includes/fieldset.html``, character for character."""

from pathlib import Path

import django.contrib.admin
import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import Fieldset
from django.template import Context, Template
from django.template.loader import get_template
from django.urls import reverse

from claims.models import Topic
from core.change_form import fieldset_html
from tests.support.admin import change_url
from tests.support.factories import factory_for
from tests.support.reference import reference_claims

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
DJANGOS_FIELDSET = Template(
    (
        Path(django.contrib.admin.__file__).parent / "templates/admin/includes/fieldset.html"
    ).read_text()
)


def label(model) -> str:
    return model._meta.label


def djangos(fieldset, variables: dict) -> str:
    return DJANGOS_FIELDSET.render(Context({"fieldset": fieldset, **variables}))


def assert_written_as_djangos(fieldset, variables: dict):
    ours = fieldset_html(
        fieldset,
        **{
            name: variables.get(name, "")
            for name in ("heading_level", "prefix", "id_prefix", "id_suffix")
        },
    )
    assert ours == djangos(fieldset, variables), (fieldset.name, variables)


def assert_page_fieldsets_as_djangos(response):
    """Every fieldset of the page, with the variables Django's change form and stacked
    inline templates include it with."""
    assert response.status_code == 200
    for counter, fieldset in enumerate(response.context["adminform"]):
        variables = {"heading_level": 2, "prefix": "fieldset", "id_prefix": 0}
        assert_written_as_djangos(fieldset, {**variables, "id_suffix": counter})
    for inline in response.context.get("inline_admin_formsets", []):
        for parent_counter, inline_form in enumerate(inline):
            for counter, fieldset in enumerate(inline_form):
                variables = {
                    "heading_level": 4,
                    "prefix": fieldset.formset.prefix,
                    "id_prefix": parent_counter,
                    "id_suffix": counter,
                }
                assert_written_as_djangos(fieldset, variables)


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_every_change_and_add_page_is_written_as_djangos_template_writes_it(admin_client, model):
    """Each registered admin's change page (of the reference record's or a factory's row),
    its add page, and its add page posted empty (with its errors)."""
    reference_claims()
    obj = model._default_manager.order_by("pk").first() or factory_for(model)()
    opts = model._meta
    add_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    model_admin = admin.site._registry[model]
    pages = [admin_client.get(change_url(obj))]
    if model_admin.has_add_permission(pages[0].wsgi_request):
        pages += [admin_client.get(add_url), admin_client.post(add_url, {})]
    for response in pages:
        if response.status_code == 302:  # an empty post an admin accepts
            continue
        assert_page_fieldsets_as_djangos(response)


class EveryKindOfField(forms.ModelForm):
    flag = forms.BooleanField(required=False, help_text="Tick <b>it</b> & go.")
    choice = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, help_text="One of them."
    )
    many = forms.MultipleChoiceField(
        choices=[("a", "A")], widget=forms.CheckboxSelectMultiple, required=False
    )
    hidden = forms.CharField(widget=forms.HiddenInput, required=False, help_text="Kept <out>.")
    secret = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Topic
        fields = ["name", "slug"]
        help_texts = {"slug": "Made from the <i>name</i>."}


FIELDSETS = [
    (None, {"fields": ["name"]}),
    (
        "Everything <&>",
        {
            "fields": [
                ("name", "slug"),
                "flag",
                ("choice", "created_at"),
                "many",
                ("hidden", "secret"),
                "created_at",
                ("updated_at", "flag"),
            ],
            "classes": ("collapse", "wide"),
            "description": "<p>Read <b>this</b> first.</p>",
        },
    ),
    ("Hidden only", {"fields": [("hidden", "secret")], "classes": ("collapse",)}),
]


@pytest.mark.parametrize("data", [None, {}, {"name": "x" * 200, "flag": "on", "choice": "z"}])
@pytest.mark.parametrize(
    "variables",
    [
        {"heading_level": 2, "prefix": "fieldset", "id_prefix": 0, "id_suffix": 1},
        {"heading_level": 4, "prefix": "citations", "id_prefix": 3, "id_suffix": 0},
        {},
    ],
    ids=["page", "inline", "no-variables"],
)
def test_every_kind_of_field_and_fieldset_is_written_as_djangos_template_writes_it(
    db, data, variables
):
    """Named and unnamed, collapsible (and open again once it has errors), described;
    checkboxes, radio buttons and boxes (fields in a fieldset of their own), hidden
    fields, help texts, read-only fields alone and beside others, with and without errors."""
    form = EveryKindOfField(data=data)
    if data is not None:
        form.is_valid()
    model_admin = admin.site._registry[Topic]
    for name, options in FIELDSETS:
        fieldset = Fieldset(
            form,
            name,
            readonly_fields=("created_at", "updated_at"),
            model_admin=model_admin,
            **options,
        )
        assert_written_as_djangos(fieldset, variables)


def test_the_admin_pages_use_the_projects_fieldset_template():
    origin = Path(get_template("admin/includes/fieldset.html").origin.name)
    assert origin == Path(__file__).parents[2] / "templates/admin/includes/fieldset.html"
