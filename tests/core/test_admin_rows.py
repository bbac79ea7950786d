"""A changelist's rows, written directly where Django's generic rendering is slow
(``core.changelist``, the row checkboxes): the same HTML as Django's."""

from urllib.parse import parse_qsl

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import result_list as django_result_list
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import format_html

from claims.models import Claim, Statement
from core.changelist import page_columns, result_list
from core.text import shorten
from tests.support.factories import ClaimFactory, StatementFactory, UserFactory, factory_for
from tests.support.reference import reference_claims

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


def label(model) -> str:
    return model._meta.label


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_the_row_checkbox_is_djangos_own(db):
    claim = ClaimFactory(text='Moscow "denied" <b>it</b> & more')
    ours = admin.site._registry[Claim].action_checkbox(claim)
    djangos = admin.ModelAdmin(Claim, admin.site).action_checkbox(claim)
    assert ours == djangos
    assert "&lt;b&gt;" in ours


def test_the_changelist_rows_carry_their_checkboxes(admin_client, db):
    claims = ClaimFactory.create_batch(3)
    page = admin_client.get(reverse("admin:claims_claim_changelist"))
    for claim in claims:
        assert f'name="_selected_action" value="{claim.pk}" class="action-select"' in page.text


def test_shorten_keeps_a_short_text_and_cuts_a_long_one_with_an_ellipsis():
    assert shorten("Turkey sent fighters.", 21) == "Turkey sent fighters."
    assert shorten("Turkey sent fighters.", 12) == "Turkey sent…"
    assert len(shorten("x" * 500, 90)) == 90


def rows_both_ways(cl) -> tuple[dict, dict]:
    ours, djangos = result_list(cl), django_result_list(cl)
    for context in (ours, djangos):
        context["results"] = ["".join(str(cell) for cell in row) for row in context["results"]]
    return ours, djangos


def assert_rows_as_djangos(cl):
    ours, djangos = rows_both_ways(cl)
    assert ours["results"] == djangos["results"]
    assert ours["result_headers"] == djangos["result_headers"]
    assert ours["result_hidden_fields"] == djangos["result_hidden_fields"]
    assert ours["num_sorted_fields"] == djangos["num_sorted_fields"]


# Changelists of other apps' admins whose rows Django writes (a column that depends on the
# row); every other changelist's rows are written by ``core.changelist``.
WRITTEN_BY_DJANGO: set[str] = set()


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_every_changelist_writes_the_rows_django_writes(admin_client, model):
    """Each registered changelist, on the reference record and a factory's object, plain,
    sorted (the sort kept in each row's link), searched and filtered: the rows are Django's,
    character for character, and they were written directly."""
    reference_claims()
    factory_for(model)()
    url = admin_url(model, "changelist")
    model_admin = admin.site._registry[model]
    queries = [{}, {"o": "-1"}]
    if model_admin.search_fields:
        queries.append({"q": "a", "o": "1"})
    first = admin_client.get(url).context["cl"]
    for spec in first.filter_specs:
        for choice in list(spec.choices(first))[1:2]:
            queries.append(dict(parse_qsl(choice["query_string"].lstrip("?"))))
    for query in queries:
        cl = admin_client.get(url, query).context["cl"]
        assert cl.result_list or query, "nothing listed"
        assert (page_columns(cl) is None) == (label(model) in WRITTEN_BY_DJANGO)
        assert_rows_as_djangos(cl)


class Shown(admin.ModelAdmin):
    """Every kind of column Django's rows know."""

    list_display = [
        "text",
        "__str__",
        "id",
        "kind",
        "language",
        "quantity_comparator",
        "period_precision",
        "created_at",
        "quantity_display",
        "get_kind_display",
        "withdrawn_by",
        "as_of",
        "yes",
        "unset",
        "unreadable",
        lambda claim: f"<{claim.language}>",
        "statements_link",
    ]
    list_display_links = ["id", "kind"]

    @admin.display(boolean=True)
    def yes(self, obj):
        return obj.pk % 2 == 0

    @admin.display(empty_value="(none)")
    def unset(self, obj):
        return None

    def unreadable(self, obj):
        raise Claim.DoesNotExist

    def as_of(self, obj):
        return obj.created_at.date()

    @admin.display
    def statements_link(self, obj):
        return format_html('<a href="/s/{}">{} & co</a>', obj.pk, obj.text[:5])


def changelist_of(model_admin, query: dict, user):
    request = RequestFactory().get("/", query)
    request.user = user
    return model_admin.get_changelist_instance(request)


@pytest.mark.parametrize("links", ["as listed", "none", "default"])
@pytest.mark.parametrize("query", [{}, {"o": "-2.4", "kind__exact": "factual", "q": "a"}])
def test_every_kind_of_column_is_written_as_django_writes_it(db, links, query):
    """Fields (with choices, dates, foreign keys, the key), the row's text, methods of the
    admin (boolean, with an empty value of their own, raising for a missing related row,
    returning dates and HTML), a lambda; several linked columns, none, the first."""
    reference_claims()
    ClaimFactory(text='He said "no" & <left>', kind="factual")
    model_admin = Shown(Claim, admin.site)
    if links == "none":
        model_admin.list_display_links = None
    elif links == "default":
        model_admin.list_display_links = ()
    cl = changelist_of(model_admin, query, UserFactory(is_superuser=True, is_staff=True))
    assert page_columns(cl) is not None
    assert_rows_as_djangos(cl)


def test_a_column_through_relations_is_left_to_django(db):
    """A column naming a path ("actor__name") depends on each row's related rows: the page
    is written by Django's tag, the same rows."""
    StatementFactory()
    model_admin = admin.ModelAdmin(Statement, admin.site)
    model_admin.list_display = ["claim", "actor__name"]
    cl = changelist_of(model_admin, {}, UserFactory(is_superuser=True, is_staff=True))
    assert page_columns(cl) is None
    assert result_list(cl)["results"] == django_result_list(cl)["results"]


def test_pop_up_and_editable_lists_are_left_to_django(admin_client, db):
    ClaimFactory()
    url = reverse("admin:claims_claim_changelist")
    popup = admin_client.get(url, {"_popup": "1", "_to_field": "id"}).context["cl"]
    assert page_columns(popup) is None
    assert_rows_as_djangos(popup)
