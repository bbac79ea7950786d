"""``core.form_rendering.FormRenderer`` writes the HTML Django's templates write."""

import copy
import datetime
import re

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import (
    AdminDateWidget,
    AdminSplitDateTime,
    AdminTimeWidget,
    RelatedFieldWidgetWrapper,
)
from django.forms.renderers import DjangoTemplates
from django.test import override_settings
from django.urls import reverse
from django.utils.safestring import mark_safe

from claims.models import Statement
from core.form_rendering import FormRenderer
from tests.support.admin import change_url
from tests.support.factories import CitationFactory, ClaimFactory, StatementFactory


class EveryWidget(forms.Form):
    text = forms.CharField(max_length=20, initial='a "quoted" <b>bold</b> & more')
    safe = forms.CharField(required=False, initial=mark_safe("<i>kept</i>"))
    number = forms.IntegerField(initial=1500000, widget=forms.NumberInput(attrs={"step": 5}))
    amount = forms.DecimalField(initial="2.50", required=False)
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, initial="https://example.org/?a=1&b=<2>")
    password = forms.CharField(widget=forms.PasswordInput)
    hidden = forms.CharField(widget=forms.HiddenInput, initial="x")
    day = forms.DateField(initial=datetime.date(2020, 7, 17), label="Day?")
    moment = forms.DateTimeField(required=False)
    hour = forms.TimeField(required=False, initial=datetime.time(9, 30))
    flag = forms.BooleanField(required=False, initial=True)
    off = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"disabled": False}))
    upload = forms.FileField(required=False)
    note = forms.CharField(widget=forms.Textarea, initial="two\nlines & <tags>")
    empty_note = forms.CharField(widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A & B"), (3, 3)], initial=3)
    grouped = forms.ChoiceField(
        choices=[("Dates", [(1, datetime.date(2020, 1, 2)), (2, "<two>")]), ("x", "plain")],
        initial=2,
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], initial=["a", "b"])
    radio = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    search = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"autofocus": True, "data-x": "'y'"})
    )
    admin_day = forms.DateField(initial=datetime.date(2020, 7, 17), widget=AdminDateWidget)
    admin_empty_day = forms.DateField(required=False, widget=AdminDateWidget(attrs={"size": 8}))
    admin_hour = forms.TimeField(initial=datetime.time(9, 30), widget=AdminTimeWidget)
    admin_moment = forms.SplitDateTimeField(
        required=False, widget=AdminSplitDateTime, initial=datetime.datetime(2020, 7, 17, 9, 30)
    )


def rendered(form_class, renderer, **kwargs) -> list[str]:
    form = form_class(renderer=renderer, **kwargs)
    parts = [str(form)]
    for field in form:
        parts += [str(field), field.label_tag(), str(field.errors), field.errors.as_ul()]
    return parts


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"auto_id": False},
        {"data": {"text": "x" * 30, "number": "many", "kind": "zz", "note": ""}},
        {"prefix": "row-0", "label_suffix": ""},
    ],
    ids=["unbound", "without-ids", "with-errors", "prefixed"],
)
def test_every_widget_renders_as_with_django_templates(kwargs):
    assert rendered(EveryWidget, FormRenderer(), **kwargs) == rendered(
        EveryWidget, DjangoTemplates(), **kwargs
    )


def without_per_request_tokens(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'nonce="[^"]*"', "", html)


def test_admin_pages_render_as_with_django_templates(admin_client):
    citation = CitationFactory(
        statement=StatementFactory(claim=ClaimFactory()), quote='He said "no" & <left>'
    )
    statement = citation.statement
    pages = [
        change_url(statement.claim),
        change_url(statement),
        change_url(citation),
        change_url(citation.source),
        reverse("admin:claims_claim_add"),
        f"{reverse('admin:claims_statement_add')}?claim={statement.claim_id}",
    ]
    for url in pages:
        with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
            expected = admin_client.get(url)
        with override_settings(FORM_RENDERER="core.form_rendering.FormRenderer"):
            response = admin_client.get(url)
        assert response.status_code == expected.status_code == 200, url
        assert without_per_request_tokens(response.text) == without_per_request_tokens(
            expected.text
        ), url


@pytest.mark.parametrize("widget", [forms.Select(choices=[(1, "One")]), forms.HiddenInput()])
@pytest.mark.parametrize("permissions", [(True, True, True, True), (False, False, False, True)])
@pytest.mark.parametrize("limited", [None, {"kind": "person"}])
def test_the_related_field_wrapper_renders_as_with_django_templates(widget, permissions, limited):
    relation = copy.copy(Statement._meta.get_field("actor").remote_field)
    relation.limit_choices_to = limited
    can_add, can_change, can_delete, can_view = permissions
    wrapper = RelatedFieldWidgetWrapper(
        widget,
        relation,
        admin.site,
        can_add_related=can_add,
        can_change_related=can_change,
        can_delete_related=can_delete,
        can_view_related=can_view,
    )
    assert wrapper.render("statements-0-actor", 1, renderer=FormRenderer()) == wrapper.render(
        "statements-0-actor", 1, renderer=DjangoTemplates()
    )


def add_wrapper():
    return RelatedFieldWidgetWrapper(
        forms.Select(choices=[(1, "One")]),
        Statement._meta.get_field("actor").remote_field,
        admin.site,
        can_add_related=True,
    )


def test_the_wrappers_icons_follow_the_static_url():
    """The icons' tags are kept once made, but never across a change of where static files
    are served from."""
    wrapper = add_wrapper()
    wrapper.render("actor", 1, renderer=FormRenderer())  # made with the default settings
    with override_settings(STATIC_URL="/assets/"):
        ours = wrapper.render("actor", 1, renderer=FormRenderer())
        assert ours == wrapper.render("actor", 1, renderer=DjangoTemplates())
    assert 'src="/assets/admin/img/icon-addlink.svg"' in ours


def test_an_apps_own_admin_date_template_is_rendered_by_django(tmp_path, settings):
    """An app that overrides the admin's date input gets its template, not Django's HTML."""
    renderer = FormRenderer()
    assert renderer.is_admins("admin/widgets/date.html")
    own = tmp_path / "admin/widgets/date.html"
    own.parent.mkdir(parents=True)
    own.write_text("<span>{{ widget.value }}</span>")
    renderer = FormRenderer()
    renderer.engine.engine.dirs = [*renderer.engine.engine.dirs, str(tmp_path)]
    renderer.engine.engine.template_loaders[0].reset()
    assert not renderer.is_admins("admin/widgets/date.html")
    rendered = AdminDateWidget().render("day", "2020-07-17", renderer=renderer)
    assert rendered == "<span>2020-07-17</span>"
