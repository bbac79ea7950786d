"""Autocompletes of many (a claim's subjects and topics) label their selection from the
objects the page's claim holds prefetched, with the same HTML as Django's widget."""

import pytest
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim
from core.admin import LoadedAutocompleteSelectMultiple
from tests.support.factories import ActorFactory, ClaimFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    claim = ClaimFactory()
    # Added out of name order: the options are listed in the choices' order, by name.
    claim.about.add(ActorFactory(name="Ministry of Defence"), ActorFactory(name="Pentagon"))
    claim.topics.add(TopicFactory(name="Libya conflict"), TopicFactory(name="Armed forces"))
    return claim


def page_form(admin_client, claim):
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert page.status_code == 200
    return page.context["adminform"].form


def stock_widget(widget):
    """Django's widget for the same field, with the same choices."""
    stock = AutocompleteSelectMultiple(widget.field, widget.admin_site)
    stock.choices = widget.choices
    stock.is_required = widget.is_required
    return stock


@pytest.mark.parametrize("name", ["about", "topics"])
def test_the_selection_is_labelled_without_a_query_as_django_labels_it(admin_client, claim, name):
    form = page_form(admin_client, claim)
    widget = form.fields[name].widget.widget
    assert isinstance(widget, LoadedAutocompleteSelectMultiple)
    assert widget.loaded is not None
    value = form[name].value()
    with CaptureQueriesContext(connection) as queries:
        ours = widget.render(name, value, {"id": f"id_{name}"})
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        theirs = stock_widget(widget).render(name, value, {"id": f"id_{name}"})
    assert len(queries) == 1
    assert ours == theirs
    assert ours.count("selected") == 2


def test_a_selection_other_than_the_claims_is_read_and_labelled(admin_client, claim):
    form = page_form(admin_client, claim)
    widget = form.fields["about"].widget.widget
    other = ActorFactory(name="Kremlin")
    value = [str(other.pk), str(claim.about.order_by("pk").first().pk)]
    with CaptureQueriesContext(connection) as queries:
        ours = widget.render("about", value, {"id": "id_about"})
    assert len(queries) == 1
    assert ours == stock_widget(widget).render("about", value, {"id": "id_about"})
    assert "Kremlin" in ours


def test_choices_in_another_order_are_read_in_that_order(admin_client, claim):
    form = page_form(admin_client, claim)
    widget = form.fields["about"].widget.widget
    widget.choices.queryset = widget.choices.queryset.order_by("-name")
    value = form["about"].value()
    with CaptureQueriesContext(connection) as queries:
        ours = widget.render("about", value, {"id": "id_about"})
    assert len(queries) == 1
    assert ours.index("Pentagon") < ours.index("Ministry of Defence")


def test_a_claim_without_subjects_or_topics_renders_empty_selections(admin_client):
    claim = ClaimFactory()
    form = page_form(admin_client, Claim.objects.get(pk=claim.pk))
    for name in ("about", "topics"):
        widget = form.fields[name].widget.widget
        assert widget.loaded == []
        with CaptureQueriesContext(connection) as queries:
            ours = widget.render(name, form[name].value(), {"id": f"id_{name}"})
        assert len(queries) == 0
        assert ours == stock_widget(widget).render(name, [], {"id": f"id_{name}"})
