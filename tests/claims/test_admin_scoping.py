"""The statement and citation pages offer only the links their model allows, told apart.

A statement answers another statement of its own claim, a citation derives from another of
its own statement and quotes a snapshot of its own source. Once the page knows the claim, the
statement or the source (the object's own, or the one the add page was opened for), the
choice lists hold only those rows, each labelled; a row posted from outside them is a form
error. Without it, the add page keeps the autocomplete and the model's rules refuse a wrong
choice, as form errors too.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from claims.admin import citation_label, snapshot_label, statement_label
from claims.choices import CitationRole, Stance
from claims.models import Citation, Statement
from core.services import instance_withdraw
from tests.support.admin import change_url, page_data, submit
from tests.support.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
    citation_chain,
    role_user,
)

STATEMENT_ADD = reverse("admin:claims_statement_add")
CITATION_ADD = reverse("admin:claims_citation_add")


class SelectParser(HTMLParser):
    """The options of one ``<select>`` of a page, and whether it is an autocomplete."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.found = False
        self.autocomplete = False
        self.options: list[tuple[str, str]] = []
        self._inside = False
        self._value = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select" and attrs.get("name") == self.name:
            self.found = self._inside = True
            self.autocomplete = "admin-autocomplete" in (attrs.get("class") or "")
        elif tag == "option" and self._inside:
            self._value = attrs.get("value", "")
            self.options.append((self._value, ""))

    def handle_data(self, data):
        if self._inside and self._value is not None:
            value, text = self.options[-1]
            self.options[-1] = (value, text + data)

    def handle_endtag(self, tag):
        if tag == "option":
            self._value = None
        elif tag == "select" and self._inside:
            self._inside = False


def select_of(response, name: str) -> SelectParser:
    assert response.status_code == 200
    parser = SelectParser(name)
    parser.feed(response.content.decode())
    assert parser.found, f"no <select name={name}> on the page"
    return parser


def offered(response, name: str) -> list[tuple[str, str]]:
    """The non-empty options of the select ``name`` in the rendered page, as (value, label)."""
    select = select_of(response, name)
    assert not select.autocomplete, f"{name} is still an autocomplete"
    return [(value, text.strip()) for value, text in select.options if value]


def form_errors(response, name: str) -> list[str]:
    assert response.status_code == 200, "the page should come back with its errors"
    return list(response.context["adminform"].form.errors.get(name, []))


@pytest.fixture
def two_claims(db):
    """C1: an accusation, a confirmation and the denial answering the accusation; C2: one
    statement of another claim, by the same speaker."""
    minister = ActorFactory(name="Minister of Defence")
    c1, c2 = ClaimFactory(), ClaimFactory()
    accusation = StatementFactory(claim=c1, actor=minister, stated_on=datetime.date(2020, 7, 17))
    confirmation = StatementFactory(
        claim=c1, actor=None, speaker_label="Western officials", stance=Stance.CONFIRMS
    )
    denial = StatementFactory(
        claim=c1,
        stance=Stance.DENIES,
        responds_to=accusation,
        stated_on=datetime.date(2020, 7, 18),
    )
    elsewhere = StatementFactory(claim=c2, actor=minister, stated_on=datetime.date(2020, 7, 17))
    return {
        "c1": c1,
        "c2": c2,
        "accusation": accusation,
        "confirmation": confirmation,
        "denial": denial,
        "elsewhere": elsewhere,
    }


@pytest.fixture
def two_chains(db):
    """A statement's chain of three citations, the last quoting a snapshot of its source (which
    has another snapshot); and another statement's chain, with a snapshot of its own."""
    chain = citation_chain(length=3)
    last = chain[-1]
    SnapshotFactory(source=last.source)
    snapshot = SnapshotFactory(source=last.source)
    last.snapshot = snapshot
    last.save()
    other = citation_chain(length=2)
    return {
        "chain": chain,
        "last": last,
        "snapshot": snapshot,
        "other": other,
        "other_snapshot": SnapshotFactory(source=other[-1].source),
    }


def labelled(rows, label) -> list[tuple[str, str]]:
    return [(str(row.pk), label(row)) for row in rows]


# Statements: what they respond to


def test_a_statement_page_offers_only_the_other_statements_of_its_claim(admin_client, two_claims):
    """The denial's *responds to* lists the accusation and the confirmation, each by speaker,
    stance and date: not the denial itself, not the same speaker on another claim."""
    response = admin_client.get(change_url(two_claims["denial"]))

    assert offered(response, "responds_to") == labelled(
        [two_claims["accusation"], two_claims["confirmation"]], statement_label
    )
    assert offered(response, "responds_to")[0][1] == (
        f"#{two_claims['accusation'].pk} Minister of Defence asserts, 17 July 2020"
    )
    assert response.context["adminform"].form["responds_to"].value() == two_claims["accusation"].pk


def test_the_claim_page_rows_offer_the_claims_statements_withdrawn_ones_too(
    admin_client, two_claims
):
    """Each statement row of the claim page (and its blank row) lists every statement of the
    claim by id, labelled, read with the claim's own statements: a withdrawn one too, as on
    the statement's page, where the model refuses answering it."""
    withdrawn = StatementFactory(claim=two_claims["c1"], stance=Stance.DENIES)
    instance_withdraw(instance=withdrawn, reason="Misattributed.")
    response = admin_client.get(change_url(two_claims["c1"]))

    statements = [
        two_claims["accusation"],
        two_claims["confirmation"],
        two_claims["denial"],
        Statement.objects.get(pk=withdrawn.pk),
    ]
    formset = response.context["inline_admin_formsets"][0].formset
    assert len(formset.forms) == 4
    for form in [*formset.forms, formset.empty_form]:
        assert [
            (str(value), label) for value, label in form.fields["responds_to"].choices if value
        ] == labelled(statements, statement_label)
    rows = [form["responds_to"].value() for form in formset.forms]
    assert two_claims["accusation"].pk in rows


@pytest.mark.parametrize("target", ["elsewhere", "denial"], ids=["other-claim", "itself"])
def test_a_statement_posted_answering_outside_its_claim_is_a_form_error(
    admin_client, two_claims, target
):
    denial = two_claims["denial"]

    response = submit(admin_client, change_url(denial), {"responds_to": str(two_claims[target].pk)})

    assert "Select a valid choice" in " ".join(form_errors(response, "responds_to"))
    denial.refresh_from_db()
    assert denial.responds_to == two_claims["accusation"]


def test_the_add_page_opened_for_a_claim_offers_its_statements(admin_client, two_claims):
    """``?claim=`` (the claim page's link) chooses the claim and scopes *responds to* to it."""
    url = f"{STATEMENT_ADD}?claim={two_claims['c1'].pk}"
    response = admin_client.get(url)

    assert offered(response, "responds_to") == labelled(
        [two_claims["accusation"], two_claims["confirmation"], two_claims["denial"]],
        statement_label,
    )

    refused = submit(
        admin_client,
        url,
        {
            "actor": str(ActorFactory().pk),
            "stance": Stance.DENIES,
            "responds_to": str(two_claims["elsewhere"].pk),
        },
    )
    assert "Select a valid choice" in " ".join(form_errors(refused, "responds_to"))

    saved = submit(
        admin_client,
        url,
        {
            "speaker_label": "Kremlin spokesman",
            "stance": Stance.DENIES,
            "responds_to": str(two_claims["confirmation"].pk),
        },
    )
    assert saved.status_code == 302
    statement = Statement.objects.get(speaker_label="Kremlin spokesman")
    assert (statement.claim, statement.responds_to) == (
        two_claims["c1"],
        two_claims["confirmation"],
    )


@pytest.mark.parametrize("claim", ["", "nonsense", "999999"], ids=["none", "bad", "missing"])
def test_the_add_page_without_a_claim_keeps_the_autocomplete_and_the_model_refuses(
    admin_client, two_claims, claim
):
    """With no claim known the autocomplete stays; one of another claim is the model's error."""
    url = f"{STATEMENT_ADD}?claim={claim}" if claim else STATEMENT_ADD
    page = admin_client.get(url)
    if claim == "999999":  # a claim id that names no claim scopes to nothing
        assert offered(page, "responds_to") == []
        return
    assert select_of(page, "responds_to").autocomplete

    response = submit(
        admin_client,
        url,
        {
            "claim": str(two_claims["c2"].pk),
            "speaker_label": "Kremlin spokesman",
            "stance": Stance.DENIES,
            "responds_to": str(two_claims["accusation"].pk),
        },
    )

    assert form_errors(response, "responds_to") == [
        "A statement can only respond to a statement on the same claim."
    ]
    assert not Statement.objects.filter(speaker_label="Kremlin spokesman").exists()


# Citations: what they derive from, which snapshot they quote


def test_a_citation_page_offers_only_its_statements_citations_and_its_sources_snapshots(
    admin_client, two_chains
):
    last = two_chains["last"]
    response = admin_client.get(change_url(last))

    assert offered(response, "derived_from") == labelled(two_chains["chain"][:2], citation_label)
    assert offered(response, "snapshot") == labelled(
        last.source.snapshots.order_by("-captured_at", "pk"), snapshot_label
    )
    origin = two_chains["chain"][0]
    assert offered(response, "derived_from")[0][1] == (
        f"#{origin.pk} {origin.source.title} (origin)"
    )


@pytest.mark.parametrize(
    ("field", "target"),
    [
        ("derived_from", lambda chains: chains["other"][0]),
        ("derived_from", lambda chains: chains["last"]),
        ("snapshot", lambda chains: chains["other_snapshot"]),
    ],
    ids=["other-statement", "itself", "other-source"],
)
def test_a_citation_posted_with_a_link_out_of_scope_is_a_form_error(
    admin_client, two_chains, field, target
):
    last = two_chains["last"]

    response = submit(admin_client, change_url(last), {field: str(target(two_chains).pk)})

    assert "Select a valid choice" in " ".join(form_errors(response, field))
    last.refresh_from_db()
    assert (last.derived_from, last.snapshot) == (two_chains["chain"][1], two_chains["snapshot"])


def test_the_citation_add_page_opened_for_a_statement_and_source_is_scoped(
    admin_client, two_chains
):
    statement = two_chains["last"].statement
    source = two_chains["last"].source
    url = f"{CITATION_ADD}?statement={statement.pk}&source={source.pk}"
    response = admin_client.get(url)

    assert offered(response, "derived_from") == labelled(two_chains["chain"], citation_label)
    assert [value for value, _ in offered(response, "snapshot")] == [
        str(s.pk) for s in source.snapshots.order_by("-captured_at", "pk")
    ]

    refused = submit(
        admin_client,
        url,
        {"role": CitationRole.REPUBLISHES, "derived_from": str(two_chains["other"][0].pk)},
    )
    assert "Select a valid choice" in " ".join(form_errors(refused, "derived_from"))
    assert statement.citations.count() == 3


def test_the_citation_add_page_without_a_statement_keeps_the_autocomplete(admin_client, two_chains):
    page = admin_client.get(CITATION_ADD)
    assert select_of(page, "derived_from").autocomplete
    assert select_of(page, "snapshot").autocomplete
    statement = two_chains["last"].statement

    response = submit(
        admin_client,
        CITATION_ADD,
        {
            "statement": str(statement.pk),
            "source": str(SourceFactory().pk),
            "role": CitationRole.REPUBLISHES,
            "derived_from": str(two_chains["other"][0].pk),
            "snapshot": str(two_chains["other_snapshot"].pk),
        },
    )

    assert form_errors(response, "derived_from") == [
        "The chain must stay within this citation's statement."
    ]
    assert form_errors(response, "snapshot") == ["The snapshot must be of this citation's source."]
    assert statement.citations.count() == 3


# The roles


def test_a_contributor_is_offered_the_same_scoped_choices(client, two_claims, two_chains):
    client.force_login(role_user("Contributor", username="contributor", is_staff=True))

    statement_page = client.get(change_url(two_claims["denial"]))
    assert [value for value, _ in offered(statement_page, "responds_to")] == [
        str(two_claims["accusation"].pk),
        str(two_claims["confirmation"].pk),
    ]
    citation_page = client.get(change_url(two_chains["last"]))
    assert [value for value, _ in offered(citation_page, "derived_from")] == [
        str(c.pk) for c in two_chains["chain"][:2]
    ]


def test_a_fact_checker_reads_the_links_without_a_form(client, two_claims):
    """Fact-checkers only view statements: the link is shown as text, no choice is built."""
    client.force_login(role_user("Fact-checker", username="checker", is_staff=True))
    response = client.get(change_url(two_claims["denial"]))
    assert response.status_code == 200
    assert "responds_to" not in response.context["adminform"].form.fields
    assert str(two_claims["accusation"].claim) in response.content.decode()


# Queries


def add_statements(claim, n: int):
    for _ in range(n):
        StatementFactory(claim=claim, stated_on=datetime.date(2020, 7, 17))


def add_citations(statement, source, n: int):
    for _ in range(n):
        CitationFactory(statement=statement, role=CitationRole.ORIGIN)
        SnapshotFactory(source=source)


def same_count(client, count_queries, url, grow):
    """The page at ``url`` runs as many queries before and after ``grow()``."""
    client.get(url)
    with count_queries() as small:
        assert client.get(url).status_code == 200
    grow()
    with count_queries() as large:
        response = client.get(url)
    assert small.count == large.count, (
        f"{small.count} queries at the small size, {large.count} at the large one.\n"
        f"--- small ---\n{small.explain()}\n--- large ---\n{large.explain()}"
    )
    return response


def test_the_statement_page_runs_as_many_queries_for_2_or_12_statements_to_answer(
    admin_client, count_queries, two_claims
):
    denial = two_claims["denial"]
    response = same_count(
        admin_client,
        count_queries,
        change_url(denial),
        lambda: add_statements(denial.claim, 10),
    )
    assert len(offered(response, "responds_to")) == 12


def test_the_add_page_for_a_claim_runs_as_many_queries_for_3_or_13_statements(
    admin_client, count_queries, two_claims
):
    claim = two_claims["c1"]
    response = same_count(
        admin_client,
        count_queries,
        f"{STATEMENT_ADD}?claim={claim.pk}",
        lambda: add_statements(claim, 10),
    )
    assert len(offered(response, "responds_to")) == 13


def test_the_citation_page_runs_as_many_queries_for_2_or_12_citations_and_snapshots(
    admin_client, count_queries, two_chains
):
    last = two_chains["last"]
    response = same_count(
        admin_client,
        count_queries,
        change_url(last),
        lambda: add_citations(last.statement, last.source, 10),
    )
    assert len(offered(response, "derived_from")) == 12
    assert len(offered(response, "snapshot")) == 12
    assert Citation.objects.filter(statement=last.statement).count() == 13


def test_page_data_posts_back_the_scoped_selection_unchanged(admin_client, two_claims):
    """Saving the page as shown keeps the link: the selection is among the choices."""
    denial = two_claims["denial"]
    data = page_data(admin_client.get(change_url(denial)))
    assert data["responds_to"] == str(two_claims["accusation"].pk)
    assert admin_client.post(change_url(denial), data).status_code == 302
    denial.refresh_from_db()
    assert denial.responds_to == two_claims["accusation"]
