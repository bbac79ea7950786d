"""A change page's fieldsets and tabular inlines, written directly (``core.change_form``):
Django's ``admin/includes/fieldset.html`` and ``admin/edit_inline/tabular.html``, character
for character."""

from pathlib import Path

import django.contrib.admin
import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import Fieldset
from django.forms.models import BaseInlineFormSet
from django.template import Context, RequestContext, Template
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import resolve, reverse

from claims.models import Claim, Statement, Topic
from core.change_form import fieldset_html
from core.templatetags.change_form import tabular_inline
from tests.support.admin import change_url, forms_data
from tests.support.factories import ClaimFactory, StatementFactory, factory_for
from tests.support.reference import reference_claims

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
ADMIN_TEMPLATES = Path(django.contrib.admin.__file__).parent / "templates/admin"
DJANGOS_FIELDSET = Template((ADMIN_TEMPLATES / "includes/fieldset.html").read_text())
DJANGOS_TABULAR = Template((ADMIN_TEMPLATES / "edit_inline/tabular.html").read_text())
TABULAR = "admin/edit_inline/tabular.html"


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


def assert_tabular_as_djangos(request, inline_admin_formset, *, last: bool):
    context = RequestContext(
        request, {"inline_admin_formset": inline_admin_formset, "forloop": {"last": last}}
    )
    djangos = DJANGOS_TABULAR.render(context)
    with context.push():
        assert tabular_inline(context) == djangos, inline_admin_formset.formset.prefix


def assert_page_fieldsets_as_djangos(response):
    """Every fieldset of the page, with the variables Django's change form and stacked
    inline templates include it with, and every tabular inline."""
    assert response.status_code == 200
    inlines = response.context.get("inline_admin_formsets", [])
    for number, inline in enumerate(inlines, start=1):
        if inline.opts.template == TABULAR:
            last = number == len(inlines)
            assert_tabular_as_djangos(response.wsgi_request, inline, last=last)
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


@pytest.mark.parametrize("name", ["includes/fieldset.html", "edit_inline/tabular.html"])
def test_the_admin_pages_use_the_projects_templates(name):
    origin = Path(get_template(f"admin/{name}").origin.name)
    assert origin == Path(__file__).parents[2] / "templates/admin" / name


# Tabular inlines of every kind


class RowForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.data.get("rows-fail"):
            self.add_error("speaker_label", "Too <vague> & short.")
            raise forms.ValidationError("This row disagrees with <the claim>.")
        return cleaned


class RowFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if self.data.get("rows-fail"):
            raise forms.ValidationError("The rows disagree with each other & <more>.")


class EveryKindOfRow(admin.TabularInline):
    """Editable and read-only columns with help texts, a change link, a blank row, a
    collapsible box, rows with errors of their own and of the whole set."""

    model = Statement
    form = RowForm
    formset = RowFormSet
    fields = ["actor", "speaker_label", "stance", "stated_on", "confidence", "created_at"]
    readonly_fields = ["created_at"]
    show_change_link = True
    classes = ["collapse"]
    extra = 1


class ViewOnlyRow(admin.TabularInline):
    """One row at most, seen but not changed, nothing added nor deleted."""

    model = Statement
    fields = ["speaker_label", "stance"]
    show_change_link = True
    max_num = 1
    extra = 0

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RowsAdmin(admin.ModelAdmin):
    fields = ["text"]
    inlines = [EveryKindOfRow, ViewOnlyRow]


@pytest.fixture
def rows_site():
    site = admin.AdminSite(name="rows")
    site.register(Claim, RowsAdmin)
    site.register(Statement)
    return site


def rows_page(site, claim, user, data=None):
    url = f"/rows/claims/claim/{claim.pk}/change/"
    factory = RequestFactory()
    request = factory.get(url) if data is None else factory.post(url, data)
    request.user = user
    request._dont_enforce_csrf_checks = True
    request.resolver_match = resolve(reverse("admin:claims_claim_change", args=[claim.pk]))
    response = site._registry[Claim].change_view(request, str(claim.pk))
    assert response.status_code == 200
    return request, response.context_data["inline_admin_formsets"]


def test_every_kind_of_tabular_inline_is_written_as_djangos_template_writes_it(
    rows_site, admin_user
):
    """Shown, then posted back with errors in each row and in the whole set."""
    claim = ClaimFactory()
    StatementFactory.create_batch(2, claim=claim, speaker_label='Officials "close" to <it>')
    request, inlines = rows_page(rows_site, claim, admin_user)
    for number, inline in enumerate(inlines, start=1):
        assert_tabular_as_djangos(request, inline, last=number == len(inlines))
    forms = []
    for inline in inlines:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {**forms_data(forms), "text": claim.text, "rows-fail": "yes"}
    request, inlines = rows_page(rows_site, claim, admin_user, data)
    every_kind = inlines[0].formset
    assert every_kind.non_form_errors()
    assert every_kind.forms[0].non_field_errors()
    for number, inline in enumerate(inlines, start=1):
        assert_tabular_as_djangos(request, inline, last=number == len(inlines))
