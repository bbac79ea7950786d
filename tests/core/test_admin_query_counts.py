"""The admin's pages run a number of queries that does not grow with the rows they show.

Each page is requested once to warm per-process caches (content types), then counted at a
small and a large size; the counts must be equal. A failure prints both lists of SQL.
"""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from claims.choices import AccessMode, CitationRole, Stance
from claims.models import Claim, Statement
from core.dates import DatePrecision
from sources.choices import ActorKind, SourceKind
from tests.support.factories import (
    ActorFactory,
    AliasFactory,
    CitationFactory,
    ClaimFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
    factory_for,
)

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
TOPIC = "Libya conflict"
ARTICLE = (
    "The U.S. military says Turkey sent more than 3,500 Syrian fighters to Libya during "
    "the first three months of 2020."
)
QUOTE = "Turkey sent more than 3,500 Syrian fighters to Libya"


def label(model) -> str:
    return model._meta.label


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def chained_citations(statement):
    """Report (origin) → agency story (seen by) → article (quote verified in a snapshot)."""
    report = CitationFactory(
        statement=statement,
        source=SourceFactory(kind=SourceKind.REPORT, url="", is_public=False),
        role=CitationRole.ORIGIN,
    )
    story = CitationFactory(
        statement=statement,
        source=SourceFactory(kind=SourceKind.AGENCY_STORY),
        role=CitationRole.REPORTS,
        access=AccessMode.SEEN_BY,
        derived_from=report,
    )
    snapshot = SnapshotFactory(text=ARTICLE)
    start = ARTICLE.index(QUOTE)
    CitationFactory(
        statement=statement,
        source=snapshot.source,
        role=CitationRole.REPUBLISHES,
        derived_from=story,
        quote=QUOTE,
        snapshot=snapshot,
        quote_start=start,
        quote_end=start + len(QUOTE),
        quote_verified=True,
    )


def accusation_and_denial(claim):
    """An actor (with an alias and a parent) asserts the claim; another denies, answering it."""
    accuser = ActorFactory(kind=ActorKind.GOVERNMENT_BODY, parent=ActorFactory())
    AliasFactory(actor=accuser)
    accusation = StatementFactory(claim=claim, actor=accuser, stated_on=datetime.date(2020, 7, 17))
    denial = StatementFactory(
        claim=claim,
        stance=Stance.DENIES,
        responds_to=accusation,
        stated_on=datetime.date(2020, 7, 1),
        stated_precision=DatePrecision.MONTH,
    )
    return accusation, denial


def actor_row():
    actor = ActorFactory(kind=ActorKind.GOVERNMENT_BODY, parent=ActorFactory(), country="US")
    actor.leader = ActorFactory(kind=ActorKind.PERSON)
    actor.save()
    AliasFactory(actor=actor)


def source_row():
    source = SourceFactory(
        published_on=datetime.date(2020, 7, 1),
        published_precision=DatePrecision.MONTH,
    )
    source.authors.add(ActorFactory(kind=ActorKind.PERSON))
    AliasFactory(actor=source.publisher)
    SnapshotFactory(source=source)


def claim_row():
    claim = ClaimFactory()
    claim.topics.add(TopicFactory(name=TOPIC))
    claim.about.add(ActorFactory())
    accusation_and_denial(claim)


def statement_row():
    _, denial = accusation_and_denial(ClaimFactory())
    chained_citations(denial)


def citation_row():
    chained_citations(StatementFactory(speaker_label="Western officials", actor=None))


# The richest row of each model: every relation its list shows is filled, so a per-row query
# would show. Models not listed here get their factory's default row.
ROWS = {
    "sources.Actor": actor_row,
    "sources.Source": source_row,
    "claims.Claim": claim_row,
    "claims.Statement": statement_row,
    "claims.Citation": citation_row,
}
# A term each row of the model matches, so a search shows every row.
SEARCH_TERMS = {
    "auth.User": "user",
    "auth.Group": "group",
    "sources.Actor": "actor",
    "sources.Source": "source",
    "sources.Snapshot": "source",
    "claims.Claim": "claim",
    "claims.Statement": "claim",
    "claims.Citation": "source",
    "claims.ClaimRelation": "claim",
    "claims.Topic": "topic",
    "reviews.RatingScale": "scale",
    "reviews.Review": "claim",
    "reviews.ExternalFactCheck": "fact check",
    "reviews.ExternalRatingMapping": "rating",
    "core.ApiToken": "integration",
    "core.WebhookSubscription": "hooks",
}


def add_rows(model, n: int):
    build = ROWS.get(model._meta.label) or factory_for(model)
    for _ in range(n):
        build()


def assert_same_count(small, large, what: str):
    assert small.count == large.count, (
        f"{what}: {small.count} queries at the small size, {large.count} at the large one.\n"
        f"--- small ---\n{small.explain()}\n--- large ---\n{large.explain()}"
    )


def counted_get(client, count_queries, url, params=None):
    with count_queries() as counter:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return counter, response


def compare_list_sizes(admin_client, count_queries, model, params=None):
    url = admin_url(model, "changelist")
    add_rows(model, 2)
    admin_client.get(url, params or {})
    small, small_page = counted_get(admin_client, count_queries, url, params)
    add_rows(model, 18)
    large, large_page = counted_get(admin_client, count_queries, url, params)
    shown_small = len(small_page.context["cl"].result_list)
    shown_large = len(large_page.context["cl"].result_list)
    assert 2 <= shown_small < shown_large, "the rows must show, or the comparison proves nothing"
    assert_same_count(small, large, f"{label(model)} changelist {params or ''}")


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_changelist_queries_do_not_grow_with_rows(admin_client, count_queries, model):
    """A changelist of 20 rows runs as many queries as one of 2."""
    compare_list_sizes(admin_client, count_queries, model)


@pytest.mark.parametrize(
    "model", [m for m in MODELS if admin.site._registry[m].search_fields], ids=label
)
def test_searched_changelist_queries_do_not_grow_with_rows(admin_client, count_queries, model):
    """A search that matches every row runs as many queries for 20 rows as for 2."""
    term = SEARCH_TERMS[label(model)]
    compare_list_sizes(admin_client, count_queries, model, {"q": term})


@pytest.mark.parametrize(
    "params",
    [
        {"stance": Stance.DENIES},
        {"denied": "yes"},
        {"topic": TOPIC},
        {"denied": "yes", "stance": Stance.ASSERTS, "topic": TOPIC, "q": "claim"},
        {"q": "actor"},
        {"o": "-4"},
    ],
    ids=["stance", "denied", "topic", "all-filters-and-search", "actor-search", "by-count"],
)
def test_filtered_claim_changelist_queries_do_not_grow_with_rows(
    admin_client, count_queries, params
):
    """Filters, an actor search and sorting by an annotation keep the claim list's count flat."""
    if "topic" in params:
        params = {**params}
        params["topics__id__exact"] = str(TopicFactory(name=params.pop("topic")).pk)
    compare_list_sizes(admin_client, count_queries, Claim, params)


@pytest.mark.parametrize(
    ("model", "params"),
    [
        (Statement, {"stance": Stance.DENIES, "actor_kind": ActorKind.GOVERNMENT}),
        (Statement, {"q": "actor"}),
    ],
    ids=["statement-filters", "statement-actor-search"],
)
def test_filtered_statement_changelist_queries_do_not_grow_with_rows(
    admin_client, count_queries, model, params
):
    """The statement list filtered by stance and actor kind, or searched by actor, stays flat."""
    compare_list_sizes(admin_client, count_queries, model, params)


def claim_with_statements(n: int) -> Claim:
    claim = ClaimFactory()
    claim.topics.add(TopicFactory(name=TOPIC))
    claim.about.add(ActorFactory())
    add_statements(claim, n)
    return claim


def add_statements(claim, n: int):
    """``n`` statements in pairs (an accusation and the denial answering it), each with a chain."""
    for _ in range(n // 2):
        for statement in accusation_and_denial(claim):
            chained_citations(statement)


def test_claim_change_page_queries_do_not_grow_with_statements(admin_client, count_queries):
    """The claim page (statement rows, denials, chains and quotes) costs the same for 2 or 10."""
    claim = claim_with_statements(2)
    url = admin_url(Claim, "change", claim.pk)
    admin_client.get(url)
    small, small_page = counted_get(admin_client, count_queries, url)
    add_statements(claim, 8)
    large, large_page = counted_get(admin_client, count_queries, url)
    assert small_page.content.decode().count("ct-chain") < large_page.content.decode().count(
        "ct-chain"
    )
    assert_same_count(small, large, "claim change page")


def test_statement_change_page_queries_do_not_grow_with_citations(admin_client, count_queries):
    """The statement page costs the same with 3 or 15 chained citations, each showing its chain."""
    statement = StatementFactory()
    chained_citations(statement)
    url = admin_url(Statement, "change", statement.pk)
    admin_client.get(url)
    small, _ = counted_get(admin_client, count_queries, url)
    for _ in range(4):
        chained_citations(statement)
    large, large_page = counted_get(admin_client, count_queries, url)
    assert len(large_page.context["inline_admin_formsets"][0].formset.initial_forms) == 15
    assert_same_count(small, large, "statement change page")


def test_citation_change_page_queries_do_not_grow_with_its_statements_citations(
    admin_client, count_queries
):
    """The citation page (its chain, and the citations it may derive from) costs the same
    whether its statement has 3 citations or 15."""
    statement = StatementFactory()
    chained_citations(statement)
    citation = statement.citations.order_by("pk").last()
    url = admin_url(type(citation), "change", citation.pk)
    admin_client.get(url)
    small, small_page = counted_get(admin_client, count_queries, url)
    for _ in range(4):
        chained_citations(statement)
    large, large_page = counted_get(admin_client, count_queries, url)
    choices = [
        len(page.context["adminform"].form.fields["derived_from"].choices)
        for page in (small_page, large_page)
    ]
    assert choices[0] < choices[1]
    assert_same_count(small, large, "citation change page")


@pytest.mark.parametrize(
    ("factory", "child"),
    [
        (ActorFactory, lambda actor: AliasFactory(actor=actor)),
        (SourceFactory, lambda source: SnapshotFactory(source=source)),
    ],
    ids=["actor-aliases", "source-snapshots"],
)
def test_change_page_queries_do_not_grow_with_inline_rows(
    admin_client, count_queries, factory, child
):
    """Actor pages (alias rows) and source pages (snapshot rows) cost the same for 2 or 12."""
    obj = factory()
    url = admin_url(type(obj), "change", obj.pk)
    for _ in range(2):
        child(obj)
    admin_client.get(url)
    small, _ = counted_get(admin_client, count_queries, url)
    for _ in range(10):
        child(obj)
    large, _ = counted_get(admin_client, count_queries, url)
    assert_same_count(small, large, f"{label(type(obj))} change page")


def edit_statement(statement, times: int):
    """Each edit gives the statement another actor: its history names one more actor."""
    for _ in range(times):
        statement.actor = ActorFactory()
        statement.note = f"{statement.note}."
        statement.save()


def edit_claim(claim, times: int):
    """Each edit changes the text and adds a topic: a field and a set per history row."""
    for _ in range(times):
        claim.text = f"{claim.text}!"
        claim.save()
        claim.topics.add(TopicFactory())


@pytest.mark.parametrize(
    ("factory", "edit"),
    [(StatementFactory, edit_statement), (ClaimFactory, edit_claim)],
    ids=["statement", "claim"],
)
def test_history_page_queries_do_not_grow_with_its_rows(admin_client, count_queries, factory, edit):
    """A history page names what each row changed (related rows, sets) in fixed queries."""
    obj = factory()
    edit(obj, 2)
    url = admin_url(type(obj), "history", obj.pk)
    admin_client.get(url)
    small, small_page = counted_get(admin_client, count_queries, url)
    edit(obj, 10)
    large, large_page = counted_get(admin_client, count_queries, url)
    assert len(large_page.context["page_obj"]) > len(small_page.context["page_obj"])
    assert_same_count(small, large, f"{label(type(obj))} history page")
