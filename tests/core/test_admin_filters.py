"""A changelist's filters, written directly where Django's generic rendering is slow: each
filter as Django's ``admin/filter.html`` writes it (``core.changelist.filter_html``), and the
related rows' choices (the publishers) with Django's query strings."""

from pathlib import Path
from urllib.parse import parse_qsl

import django.contrib.admin
import pytest
from django.contrib import admin
from django.contrib.admin.filters import RelatedFieldListFilter
from django.contrib.admin.templatetags.admin_list import admin_list_filter
from django.template import Context, Template
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import mark_safe

from claims.models import Citation
from core.admin import IndexedRelatedFilter
from core.changelist import filter_html
from sources.models import Source
from tests.support.factories import ActorFactory, SourceFactory, factory_for
from tests.support.reference import reference_claims

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
DJANGOS_FILTER = Template(
    (Path(django.contrib.admin.__file__).parent / "templates/admin/filter.html").read_text()
)


def label(model) -> str:
    return model._meta.label


def changelist(admin_client, model, query=None):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    page = admin_client.get(url, query or {})
    assert page.status_code == 200, (url, query)
    return page.context["cl"]


def djangos_filter(spec, cl) -> str:
    return DJANGOS_FILTER.render(
        Context({"title": spec.title, "choices": list(spec.choices(cl)), "spec": spec})
    )


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_every_filter_is_written_as_djangos_template_writes_it(admin_client, model):
    """Each registered changelist's filters, plain, with each filter's second choice taken
    and with a search kept in their links: Django's HTML, character for character."""
    reference_claims()
    factory_for(model)()
    first = changelist(admin_client, model)
    queries = [{}]
    if first.model_admin.search_fields:
        queries.append({"q": 'a "b" & <c> é'})
    for spec in first.filter_specs:
        for choice in list(spec.choices(first))[1:2]:
            queries.append(dict(parse_qsl(choice["query_string"].lstrip("?"))))
    for query in queries:
        cl = changelist(admin_client, model, query)
        for spec in cl.filter_specs:
            assert admin_list_filter(cl, spec) == djangos_filter(spec, cl), (query, spec.title)


@pytest.mark.parametrize(
    "choice",
    [
        {"selected": True, "query_string": "?a=1&b=%C3%A9", "display": "Agence <Terkel> & co"},
        {"selected": False, "query_string": "?q=caf\u00e9 bar", "display": 2020},
        {"selected": False, "query_string": mark_safe("?x=<i>"), "display": mark_safe("<b>b</b>")},
    ],
)
def test_a_choice_is_written_as_djangos_template_writes_it(choice):
    choices = [{"selected": False, "query_string": "?", "display": "All"}, choice]
    expected = DJANGOS_FILTER.render(Context({"title": "publisher <x>", "choices": choices}))
    assert filter_html("publisher <x>", choices) + "\n" == expected


@pytest.fixture
def publishers(db):
    """Sources of three publishers, one named with what a URL and HTML must escape, and one
    source of none."""
    named = [ActorFactory(name=name) for name in ("Agence Terkel", "Q&A <Radio>", "Écho")]
    for publisher in named:
        SourceFactory(publisher=publisher)
    SourceFactory(publisher=None)
    return named


@pytest.mark.parametrize("model", [Source, Citation], ids=label)
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"q": "a&b=c é", "o": "-1"},
        "other filter",
        "one publisher",
        "no publisher",
    ],
    ids=["plain", "searched-sorted", "other-filter", "one-publisher", "no-publisher"],
)
def test_the_publishers_query_strings_are_djangos(admin_client, publishers, model, query):
    path = "publisher" if model is Source else "source__publisher"
    if query == "other filter":
        query = {"kind__exact": "article"} if model is Source else {"role__exact": "reports"}
    elif query == "one publisher":
        query = {f"{path}__id__exact": publishers[1].pk}
    elif query == "no publisher":
        query = {f"{path}__isnull": "True"}
    cl = changelist(admin_client, model, query)
    (spec,) = [s for s in cl.filter_specs if isinstance(s, IndexedRelatedFilter)]
    ours = list(spec.choices(cl))
    djangos = list(RelatedFieldListFilter.choices(spec, cl))
    assert ours == djangos
    names = sorted(publisher.name for publisher in publishers)
    assert [choice["display"] for choice in ours][1:] == [*names, "-"]
    assert sum(choice["selected"] for choice in ours) == 1


def test_with_facets_the_publishers_choices_are_djangos_with_their_counts(admin_client, publishers):
    cl = changelist(admin_client, Source, {"_facets": "True"})
    (spec,) = [s for s in cl.filter_specs if isinstance(s, IndexedRelatedFilter)]
    choices = list(spec.choices(cl))
    assert choices == list(RelatedFieldListFilter.choices(spec, cl))
    assert choices[1]["display"] == "Agence Terkel (1)"


def test_the_admin_pages_use_the_projects_filter_template():
    origin = Path(get_template("admin/filter.html").origin.name)
    assert origin == Path(__file__).parents[2] / "templates/admin/filter.html"
