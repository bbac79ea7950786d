"""Recording the reference case through the admin's own pages, as a fact-checker does.

Forms are submitted the way a browser submits them: the page is fetched, every field it shows
is posted back with its value, and only what the fact-checker types is changed.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from claims.admin import verification_text
from claims.choices import AccessMode, CitationRole, Comparator, Stance
from claims.models import Citation, Claim, Statement
from claims.services import citation_save
from sources.admin import ActorAdmin
from sources.choices import ActorKind, SourceKind
from sources.models import Actor, Alias, Snapshot
from sources.services import snapshot_capture
from tests.support.admin import (
    add_inline_row,
    change_url,
    changelist_rows,
    messages_of,
    page_data,
    submit,
)
from tests.support.factories import (
    ActorFactory,
    AliasFactory,
    CitationFactory,
    ClaimFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
    UserFactory,
)

ARTICLE_TEXT = (
    "Pentagon Says Turkey Sent 3,500 Syrian Fighters To Back Libyan Government\n\n"
    "The U.S. military says Turkey sent more than 3,500 Syrian fighters to Libya during the "
    "first three months of 2020 to help the North African country’s internationally "
    "recognized government in its civil war against a rebel commander.\n\n"
    "The Defense Department’s report, seen by the Associated Press on July 17, was the U.S. "
    "military’s first to detail the Turkish deployments that helped change the course of the "
    "war in Libya.\n\n"
    "The United States has accused Moscow of deploying military jets to Libya to provide "
    "support for the Russian mercenaries\n\n"
    "Moscow has denied the Russian state is responsible for any deployments of the Vagner "
    "group and denied sending aircraft to Libya."
)
QUOTE = (
    "The U.S. military says Turkey sent more than 3,500 Syrian fighters to Libya during the "
    "first three months of 2020"
)
CHAIN = (
    "U.S. Department of Defense — report (not public) → seen by Associated Press → "
    "republished by Radio Free Europe/Radio Liberty"
)


# The reference case


@pytest.fixture
def actors(db):
    """The actors of the reference article, with the aliases the article uses."""
    us = ActorFactory(name="United States government", kind=ActorKind.GOVERNMENT)
    AliasFactory(actor=us, name="The United States")
    dod = ActorFactory(name="U.S. Department of Defense", kind=ActorKind.GOVERNMENT_BODY, parent=us)
    for alias in ("Pentagon", "Defense Department", "U.S. military"):
        AliasFactory(actor=dod, name=alias)
    russia = ActorFactory(name="Government of Russia", kind=ActorKind.GOVERNMENT)
    for alias in ("Moscow", "Kremlin"):
        AliasFactory(actor=russia, name=alias)
    ap = ActorFactory(name="Associated Press", kind=ActorKind.NEWS_AGENCY)
    AliasFactory(actor=ap, name="AP")
    rferl = ActorFactory(name="Radio Free Europe/Radio Liberty", kind=ActorKind.NEWS_OUTLET)
    AliasFactory(actor=rferl, name="RFE/RL")
    turkey = ActorFactory(name="Government of Turkey", kind=ActorKind.GOVERNMENT)
    return {"us": us, "dod": dod, "russia": russia, "ap": ap, "rferl": rferl, "turkey": turkey}


@pytest.fixture
def sources(actors):
    """The three sources of the chain, and the snapshot of the article."""
    report = SourceFactory(
        kind=SourceKind.REPORT,
        title="Defense Department report on the Turkish deployments in Libya",
        publisher=actors["dod"],
        url="",
        is_public=False,
    )
    story = SourceFactory(
        kind=SourceKind.AGENCY_STORY,
        title="Associated Press story on the Pentagon report",
        publisher=actors["ap"],
    )
    article = SourceFactory(
        kind=SourceKind.NEWS_ARTICLE,
        title="Pentagon Says Turkey Sent 3,500 Syrian Fighters To Back Libyan Government",
        publisher=actors["rferl"],
    )
    snapshot = snapshot_capture(source=article, text=ARTICLE_TEXT, captured_by="tests")
    return {"report": report, "story": story, "article": article, "snapshot": snapshot}


@pytest.fixture
def claims(actors):
    """C1, asserted by the Pentagon; C4, asserted by the United States and denied by Moscow."""
    c1 = ClaimFactory(
        text="Turkey sent more than 3,500 Syrian fighters to Libya in the first quarter of 2020."
    )
    s1 = StatementFactory(claim=c1, actor=actors["dod"], stated_on=datetime.date(2020, 7, 17))
    c4 = ClaimFactory(text="Russia deployed military jets to Libya to support Russian mercenaries.")
    s4 = StatementFactory(claim=c4, actor=actors["us"], stated_on=datetime.date(2020, 7, 17))
    s5 = StatementFactory(
        claim=c4,
        actor=actors["russia"],
        stance=Stance.DENIES,
        responds_to=s4,
        stated_on=datetime.date(2020, 7, 18),
    )
    return {"c1": c1, "s1": s1, "c4": c4, "s4": s4, "s5": s5}


@pytest.fixture
def chain(sources, claims):
    """S1's chain, recorded through the service: report → AP story → RFE/RL article."""
    statement = claims["s1"]
    origin = citation_save(
        citation=Citation(statement=statement, source=sources["report"], role=CitationRole.ORIGIN)
    )
    story = citation_save(
        citation=Citation(
            statement=statement,
            source=sources["story"],
            role=CitationRole.REPORTS,
            access=AccessMode.SEEN_BY,
            derived_from=origin,
        )
    )
    article = citation_save(
        citation=Citation(
            statement=statement,
            source=sources["article"],
            role=CitationRole.REPUBLISHES,
            derived_from=story,
            quote=QUOTE,
            snapshot=sources["snapshot"],
        )
    )
    return {"origin": origin, "story": story, "article": article}


# Claims and statements


def test_a_claim_and_two_statements_are_recorded_from_the_add_page(admin_client, superuser, actors):
    """One submission of the claim page saves the claim, its structure and two statements."""
    topic = TopicFactory(name="Libya conflict")
    response = submit(
        admin_client,
        reverse("admin:claims_claim_add"),
        {
            "text": "Turkey sent more than 3,500 Syrian fighters to Libya in Q1 2020.",
            "quantity_comparator": Comparator.MORE_THAN,
            "quantity_value": "3500",
            "quantity_unit": "Syrian fighters",
            "period_start": "2020-01-01",
            "period_end": "2020-03-31",
            "place": "Libya",
            "about": [str(actors["turkey"].pk)],
            "topics": [str(topic.pk)],
            "statements-0-actor": str(actors["dod"].pk),
            "statements-0-stance": Stance.ASSERTS,
            "statements-0-stated_on": "2020-07-17",
            "statements-1-speaker_label": "Western officials",
            "statements-1-stance": Stance.CONFIRMS,
        },
    )

    assert response.status_code == 302, response.context["errors"]
    claim = Claim.objects.get(text__startswith="Turkey sent more than 3,500")
    assert claim.quantity_display == "more than 3,500 Syrian fighters"
    assert claim.period_display == "1 January 2020 – 31 March 2020"
    assert list(claim.about.all()) == [actors["turkey"]]
    assert list(claim.topics.all()) == [topic]
    assert sorted((s.speaker, s.stance) for s in claim.statements.all()) == [
        ("U.S. Department of Defense", Stance.ASSERTS),
        ("Western officials", Stance.CONFIRMS),
    ]
    assert claim.history.latest().history_user == superuser
    assert {s.history.latest().history_user for s in claim.statements.all()} == {superuser}


def test_model_rules_show_as_form_errors_and_nothing_is_saved(admin_client):
    """A value without a comparator breaks a model rule: the page shows it, no claim is saved."""
    response = submit(
        admin_client,
        reverse("admin:claims_claim_add"),
        {"text": "Some number of fighters went to Libya.", "quantity_value": "3500"},
    )

    assert response.status_code == 200
    assert "A value needs a comparator" in str(response.context["adminform"].form.errors)
    assert not Claim.objects.exists()


def test_a_chain_entered_on_the_statement_page_is_verified_and_described(
    admin_client, sources, claims
):
    """Citations added row by row build the chain; the quoted one is verified at its offsets."""
    statement = claims["s1"]
    url = change_url(statement)

    add_inline_row(
        admin_client, url, "citations", {"source": sources["report"].pk, "role": "origin"}
    )
    origin = statement.citations.get()
    add_inline_row(
        admin_client,
        url,
        "citations",
        {
            "source": sources["story"].pk,
            "role": CitationRole.REPORTS,
            "access": AccessMode.SEEN_BY,
            "derived_from": origin.pk,
        },
    )
    story = statement.citations.get(source=sources["story"])
    response = add_inline_row(
        admin_client,
        url,
        "citations",
        {
            "source": sources["article"].pk,
            "role": CitationRole.REPUBLISHES,
            "derived_from": story.pk,
            "quote": QUOTE,
            "snapshot": sources["snapshot"].pk,
            "locator": "paragraph 1",
        },
    )

    assert response.status_code == 302
    quoted = statement.citations.get(source=sources["article"])
    start = ARTICLE_TEXT.index(QUOTE)
    assert quoted.quote_verified
    assert (quoted.quote_start, quoted.quote_end) == (start, start + len(QUOTE))
    assert quoted.quote_prefix == ARTICLE_TEXT[:start][-len(quoted.quote_prefix) :]
    assert quoted.history.latest().history_user.username == "admin"

    page = admin_client.get(url).content.decode()
    assert escape(f"✓ found verbatim at {start}–{start + len(QUOTE)}") in page
    assert escape(CHAIN) in page


def test_a_quote_not_in_its_snapshot_is_a_form_error_and_nothing_is_saved(
    admin_client, sources, claims
):
    """A quote the snapshot does not contain is refused on the statement page, with the reason."""
    statement = claims["s1"]
    response = add_inline_row(
        admin_client,
        change_url(statement),
        "citations",
        {
            "source": sources["article"].pk,
            "role": CitationRole.ORIGIN,
            "quote": "Turkey sent 5,000 Syrian fighters to Libya",
            "snapshot": sources["snapshot"].pk,
        },
    )

    assert response.status_code == 200
    [formset] = [inline.formset for inline in response.context["inline_admin_formsets"]]
    errors = [error for form_errors in formset.errors for error in form_errors.get("quote", [])]
    assert len(errors) == 1
    assert errors[0].startswith("The quote is not found in the snapshot, even allowing for")
    assert not statement.citations.exists()


def test_a_quote_without_a_snapshot_is_saved_and_shown_as_not_verified(
    admin_client, sources, claims
):
    """A quote with no snapshot to check is kept, and its row says why it is not verified."""
    statement = claims["s1"]
    url = change_url(statement)
    add_inline_row(
        admin_client,
        url,
        "citations",
        {"source": sources["article"].pk, "role": CitationRole.ORIGIN, "quote": "Turkey sent"},
    )

    citation = statement.citations.get()
    assert not citation.quote_verified
    assert verification_text(citation) == "✗ not verified (no snapshot)"
    assert escape("✗ not verified (no snapshot)") in admin_client.get(url).content.decode()


def test_the_claim_page_shows_chains_quotes_and_denials(admin_client, claims, chain):
    """The claim page reads the chain in words, each quote's check, and each denial."""
    page = admin_client.get(change_url(claims["c1"])).content.decode()
    start = ARTICLE_TEXT.index(QUOTE)
    assert escape(CHAIN) in page
    assert escape(QUOTE) in page
    assert escape(f"✓ found verbatim at {start}–{start + len(QUOTE)}") in page
    assert "No denials recorded." in page

    denied = admin_client.get(change_url(claims["c4"]))
    page = denied.content.decode()
    denials = denied.context["adminform"].form.instance
    assert denials == claims["c4"]
    assert (
        "<strong>Government of Russia</strong> denies</a>, 18 July 2020, in response to "
        "United States government (asserts, 17 July 2020)"
    ) in page
    # The denials panel comes straight after the claim's wording, before its structure.
    assert page.index("Government of Russia</strong> denies") < page.index("Quantity")


# Deleting


def test_deleting_an_actor_with_statements_is_refused(admin_client, claims):
    """The delete page names the statements that depend on the actor and deletes nothing."""
    russia = claims["s5"].actor
    url = reverse("admin:sources_actor_delete", args=[russia.pk])

    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 200
    assert response.context["title"] == "Cannot delete actor"
    [dependent] = response.context["protected"]
    assert dependent.startswith("Statement: ")
    assert Actor.objects.filter(pk=russia.pk).exists()


def test_a_refusal_found_only_when_deleting_is_shown_as_an_error(admin_client, claims, monkeypatch):
    """If a statement appeared after the confirmation page, the service refuses: no 500, no log."""
    russia = claims["s5"].actor
    # The confirmation page saw nothing depending on the actor (it changed in between).
    monkeypatch.setattr(
        ActorAdmin, "get_deleted_objects", lambda self, objs, request: ([], {}, set(), [])
    )

    response = admin_client.post(
        reverse("admin:sources_actor_delete", args=[russia.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert response.url == change_url(russia)
    assert messages_of(response) == [
        "Cannot delete actor “Government of Russia”: it is used by 1 statement. "
        "Remove or reassign them first."
    ]
    assert Actor.objects.filter(pk=russia.pk).exists()
    assert Alias.objects.filter(actor=russia).count() == 2
    assert not LogEntry.objects.filter(action_flag=DELETION).exists()


def test_a_refused_bulk_deletion_deletes_nothing(admin_client, claims, monkeypatch):
    """Deleting several actors is all or nothing: one refusal keeps them all."""
    russia = claims["s5"].actor
    unused = ActorFactory(name="An actor nobody cites")
    monkeypatch.setattr(
        ActorAdmin, "get_deleted_objects", lambda self, objs, request: ([], {}, set(), [])
    )

    response = admin_client.post(
        reverse("admin:sources_actor_changelist"),
        {"action": "delete_selected", "_selected_action": [russia.pk, unused.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert any("Cannot delete actor" in message for message in messages_of(response))
    assert Actor.objects.filter(pk__in=[russia.pk, unused.pk]).count() == 2
    assert not LogEntry.objects.filter(action_flag=DELETION).exists()


def test_a_whole_chain_is_deleted_in_one_bulk_deletion(admin_client, superuser, chain):
    """Selecting every link of a chain deletes them all, each after what derives from it."""
    selected = [citation.pk for citation in chain.values()]

    response = admin_client.post(
        reverse("admin:claims_citation_changelist"),
        {"action": "delete_selected", "_selected_action": selected, "post": "yes"},
    )

    assert response.status_code == 302
    assert messages_of(response) == ["Successfully deleted 3 citations."]
    assert not Citation.objects.filter(pk__in=selected).exists()
    deletions = Citation.history.filter(history_type="-")
    assert {record.history_user for record in deletions} == {superuser}


def test_removing_a_link_others_derive_from_is_a_form_error(admin_client, claims, chain):
    """Ticking "delete" on the report row, which the AP story derives from, deletes nothing."""
    statement = claims["s1"]
    url = change_url(statement)
    data = page_data(admin_client.get(url))
    origin_row = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.endswith("-id") and value == str(chain["origin"].pk)
    )
    data[f"{origin_row}-DELETE"] = "on"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in str(
        response.context["errors"]
    )
    assert statement.citations.count() == 3


# Searching


@pytest.mark.parametrize(
    ("term", "expected"),
    [("moscow", "russia"), ("Móscow", "russia"), ("the pentagon", "dod"), ("pentag", "dod")],
)
def test_actors_are_found_by_alias(admin_client, actors, term, expected):
    """The actor search matches aliases without case or accents, and parts of them."""
    rows = changelist_rows(admin_client, Actor, {"q": term})
    assert rows == [actors[expected]]


def test_the_actor_autocomplete_finds_actors_by_alias(admin_client, actors):
    """Typing "Pentag" in a statement's actor box offers the Department of Defense."""
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "claims", "model_name": "statement", "field_name": "actor", "term": "Pentag"},
    )
    assert [result["text"] for result in response.json()["results"]] == [
        "U.S. Department of Defense"
    ]


@pytest.mark.parametrize(("term", "expected"), [("Pentagon", "c1"), ("Moscow", "c4")])
def test_claims_are_found_by_the_alias_of_an_actor_who_took_a_stance(
    admin_client, claims, term, expected
):
    """ "Pentagon" finds the claim the Defense Department asserted; "Moscow" the one it denied."""
    rows = changelist_rows(admin_client, Claim, {"q": term})
    assert rows == [claims[expected]]


def test_claims_are_filtered_by_denial_and_stance(admin_client, claims):
    """The "denied" and "stance" filters keep the claims with such a statement."""
    assert changelist_rows(admin_client, Claim, {"denied": "yes"}) == [claims["c4"]]
    assert changelist_rows(admin_client, Claim, {"denied": "no"}) == [claims["c1"]]
    assert changelist_rows(admin_client, Claim, {"stance": Stance.DENIES}) == [claims["c4"]]
    assert set(changelist_rows(admin_client, Claim, {"stance": Stance.ASSERTS})) == {
        claims["c1"],
        claims["c4"],
    }


def test_sources_are_found_by_the_alias_of_their_publisher(admin_client, sources):
    """ "RFE/RL" finds the article Radio Free Europe/Radio Liberty published."""
    rows = changelist_rows(admin_client, sources["article"].__class__, {"q": "RFE/RL"})
    assert rows == [sources["article"]]


# Actors and snapshots


def test_an_actor_and_its_aliases_are_recorded_from_one_page(admin_client, superuser):
    """The actor page saves the actor and its alias rows through the services."""
    response = submit(
        admin_client,
        reverse("admin:sources_actor_add"),
        {
            "kind": ActorKind.PRIVATE_MILITARY_COMPANY,
            "name": "Wagner Group",
            "aliases-0-name": "Vagner Group",
            "aliases-1-name": "Wagner PMC",
        },
    )

    assert response.status_code == 302
    actor = Actor.objects.get(name="Wagner Group")
    assert sorted(alias.name for alias in actor.aliases.all()) == ["Vagner Group", "Wagner PMC"]
    assert {alias.history.latest().history_user for alias in actor.aliases.all()} == {superuser}


def test_an_alias_that_differs_only_in_case_is_refused(admin_client):
    """ "vagner group" is the alias "Vagner Group" again: the row shows the model's error."""
    actor = ActorFactory(name="Wagner Group")
    AliasFactory(actor=actor, name="Vagner Group")

    response = add_inline_row(admin_client, change_url(actor), "aliases", {"name": "vagner group"})

    assert response.status_code == 200
    assert "This actor already has this alias" in str(
        response.context["inline_admin_formsets"][0].formset.errors
    )
    assert actor.aliases.count() == 1


@pytest.mark.parametrize(
    "aliases",
    [["wagner group"], ["Vagner Group", "VAGNER GROUP"]],
    ids=["own-name", "twice-in-one-submission"],
)
def test_aliases_of_an_actor_being_added_are_checked_against_each_other(admin_client, aliases):
    """Rows the model cannot compare yet (the actor is new) are still refused as duplicates."""
    changes = {"kind": ActorKind.PRIVATE_MILITARY_COMPANY, "name": "Wagner Group"}
    changes.update({f"aliases-{row}-name": name for row, name in enumerate(aliases)})

    response = submit(admin_client, reverse("admin:sources_actor_add"), changes)

    assert response.status_code == 200
    assert "alias" in str(response.context["errors"])
    assert not Actor.objects.exists()


def test_a_chain_is_offered_only_the_citations_of_its_own_statement(admin_client, claims, chain):
    """*Derived from* lists the statement's own citations, labelled by source, role and date;
    a citation of another statement, posted anyway, is a form error and nothing is saved."""
    statement = chain["story"].statement
    page = admin_client.get(change_url(statement))
    field = page.context["inline_admin_formsets"][0].formset.forms[0].fields["derived_from"]
    offered = [label for value, label in field.choices if value]
    assert offered == [
        f"#{c.pk} {c.source.title} ({c.get_role_display()}"
        + (f", {c.source.published_display})" if c.source.published_display else ")")
        for c in statement.citations.order_by("pk")
    ]

    url = reverse("admin:claims_statement_add")
    response = submit(
        admin_client,
        url,
        {
            "claim": str(claims["c1"].pk),
            "speaker_label": "Western officials",
            "citations-0-source": str(chain["story"].source_id),
            "citations-0-role": CitationRole.REPORTS,
            "citations-0-derived_from": str(chain["origin"].pk),
        },
    )
    assert response.status_code == 200
    [formset] = [inline.formset for inline in response.context["inline_admin_formsets"]]
    assert "derived_from" in formset.errors[0]
    assert not Statement.objects.filter(speaker_label="Western officials").exists()


def test_a_statement_answers_only_statements_of_its_own_claim(admin_client, claims):
    claim = claims["c1"]
    page = admin_client.get(change_url(claim))
    field = page.context["inline_admin_formsets"][0].formset.forms[0].fields["responds_to"]
    offered = {value for value, _ in field.choices if value}
    assert offered == set(claim.statements.values_list("pk", flat=True))
    assert offered


def test_a_snapshot_is_captured_in_the_admin_and_then_only_read(admin_client, superuser):
    """Adding a snapshot stores its text (line breaks as typed) and hash; then it is read-only."""
    source = SourceFactory()
    response = submit(
        admin_client,
        reverse("admin:sources_snapshot_add"),
        # Browsers send a textarea's line breaks as CR LF.
        {"source": str(source.pk), "text": ARTICLE_TEXT.replace("\n", "\r\n")},
    )

    assert response.status_code == 302
    snapshot = source.snapshots.get()
    assert snapshot.text == ARTICLE_TEXT
    assert snapshot.sha256 == Snapshot.digest(ARTICLE_TEXT)
    assert snapshot.captured_by == "admin"
    assert snapshot.history.latest().history_user == superuser

    page = admin_client.get(change_url(snapshot))
    assert page.context["has_change_permission"] is False
    assert snapshot.sha256 in page.content.decode()
    assert f'<pre class="ct-snapshot-text">{escape(ARTICLE_TEXT)}</pre>' in page.content.decode()
    edit = admin_client.post(change_url(snapshot), {"captured_by": "someone else"})
    assert edit.status_code == 403
    snapshot.refresh_from_db()
    assert snapshot.captured_by == "admin"


def test_a_snapshot_is_captured_from_its_source_page_with_the_time_it_was_taken(admin_client):
    """The source page links to the snapshot form with the source chosen; when the text was
    captured is entered there (an archive read days ago), not taken as now."""
    source = SourceFactory()
    page = admin_client.get(change_url(source)).content.decode()
    link = f"{reverse('admin:sources_snapshot_add')}?source={source.pk}"
    assert f'<a href="{escape(link)}">Capture a snapshot of this source</a>' in page
    form = admin_client.get(link).context["adminform"].form
    assert form.initial["source"] == str(source.pk)
    response = submit(
        admin_client,
        link,
        {"text": ARTICLE_TEXT, "captured_at_0": "2020-07-20", "captured_at_1": "09:30:00"},
    )
    assert response.status_code == 302
    snapshot = source.snapshots.get()
    assert snapshot.captured_at == datetime.datetime(2020, 7, 20, 9, 30, tzinfo=datetime.UTC)


def test_the_same_text_twice_is_refused_with_a_pointer_to_the_snapshot(admin_client, sources):
    """Capturing identical text again for the same source is a form error, not a duplicate."""
    response = submit(
        admin_client,
        reverse("admin:sources_snapshot_add"),
        {"source": str(sources["article"].pk), "text": ARTICLE_TEXT},
    )

    assert response.status_code == 200
    assert "already has a snapshot with exactly this text" in str(
        response.context["adminform"].form.errors
    )
    assert sources["article"].snapshots.count() == 1


# History


def test_an_edit_through_the_admin_is_attributed_to_the_editor(admin_client, superuser):
    """The history row of an admin edit names the logged-in user."""
    claim = ClaimFactory(text="Turkey sent fighters to Libya.")

    response = submit(
        admin_client, change_url(claim), {"text": "Turkey sent Syrian fighters to Libya."}
    )

    assert response.status_code == 302
    latest = claim.history.latest()
    assert (latest.history_type, latest.text) == ("~", "Turkey sent Syrian fighters to Libya.")
    assert latest.history_user == superuser


def test_reverting_through_the_history_page_restores_the_content(admin_client, superuser):
    """Posting the history page's form for an earlier version puts that version back.

    Its fields and its related sets (topics, actors it is about) both come back.
    """
    libya, turkey = TopicFactory(name="Libya conflict"), TopicFactory(name="Turkey")
    claim = ClaimFactory(text="Turkey sent fighters to Libya.", place="Libya")
    claim.topics.add(libya)
    before_edit = claim.history.latest()
    submit(
        admin_client,
        change_url(claim),
        {"text": "Turkey sent nobody.", "place": None, "topics": [str(turkey.pk)]},
    )
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, before_edit.history_id])

    response = submit(admin_client, url, {})

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.text, claim.place) == ("Turkey sent fighters to Libya.", "Libya")
    assert list(claim.topics.all()) == [libya]
    assert claim.history.latest().history_user == superuser


def test_a_user_who_may_only_view_cannot_revert(db, client):
    """A revert is a change: with the view permission alone, the version page refuses it."""
    claim = ClaimFactory(text="Turkey sent fighters to Libya.")
    claim.text = "Turkey sent nobody."
    claim.save()
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(viewer)
    url = reverse(
        "admin:claims_claim_simple_history", args=[claim.pk, claim.history.earliest().history_id]
    )

    assert client.get(url).status_code == 200
    response = client.post(url, {"text": "Turkey sent fighters to Libya.", "language": "en"})

    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.text == "Turkey sent nobody."


def test_statements_saved_from_the_claim_page_keep_their_history(admin_client, superuser, claims):
    """Changing a statement row on the claim page writes the statement's history, attributed."""
    statement = claims["s5"]
    data_key = None
    page = page_data(admin_client.get(change_url(claims["c4"])))
    for key, value in page.items():
        if key.endswith("-id") and value == str(statement.pk):
            data_key = key.removesuffix("-id")
    page[f"{data_key}-stated_precision"] = "month"

    response = admin_client.post(change_url(claims["c4"]), page)

    assert response.status_code == 302
    statement.refresh_from_db()
    assert (statement.stated_on, statement.stated_precision) == (datetime.date(2020, 7, 1), "month")
    assert statement.history.latest().history_user == superuser
    assert Statement.history.filter(id=statement.pk).count() == 2


# Dates known to a month or a year


def test_months_and_years_typed_as_dates_set_their_precision(admin_client, actors):
    """A period of months and a statement made in a month, typed as "2020-01" and "2020-07":
    the precisions follow, where "Day" was left selected."""
    response = submit(
        admin_client,
        reverse("admin:claims_claim_add"),
        {
            "text": "Turkey sent Syrian fighters to Libya in the first quarter of 2020.",
            "period_start": "2020-01",
            "period_end": "2020-03",
            "statements-0-actor": str(actors["dod"].pk),
            "statements-0-stance": Stance.ASSERTS,
            "statements-0-stated_on": "2020-07",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    claim = Claim.objects.get(text__startswith="Turkey sent Syrian fighters")
    assert (claim.period_precision, claim.period_display) == ("month", "January 2020 – March 2020")
    [statement] = claim.statements.all()
    assert (str(statement.stated_on), statement.stated_precision) == ("2020-07-01", "month")


def test_a_year_and_a_month_in_one_period_are_a_form_error(admin_client):
    response = submit(
        admin_client,
        reverse("admin:claims_claim_add"),
        {"text": "A claim over a mixed period.", "period_start": "2020", "period_end": "2020-03"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["period_precision"] == [
        "The dates give different precisions: choose one."
    ]
    assert not Claim.objects.exists()


def test_a_month_that_does_not_exist_is_a_form_error(admin_client):
    response = submit(
        admin_client,
        reverse("admin:claims_claim_add"),
        {"text": "A claim in no month.", "period_start": "2020-13"},
    )
    assert response.status_code == 200
    assert "period_start" in response.context["adminform"].form.errors


def test_a_quantity_is_shown_in_the_form_as_people_write_it(admin_client):
    claim = ClaimFactory(quantity_value=Decimal("1100000"), quantity_comparator="exactly")
    response = admin_client.get(change_url(claim))
    field = response.context["adminform"].form["quantity_value"]
    assert field.value() == Decimal("1100000.0000")
    assert 'value="1100000"' in str(field)


def test_change_pages_add_rows_on_request_and_add_pages_offer_blank_ones(admin_client, claims):
    """A claim's and a statement's pages list their saved rows with no blank row to render;
    the "Add another" row stays, and the add pages keep their blank rows."""
    statement = claims["s1"]
    pages = {
        change_url(statement.claim): ("statements", 1, 0),
        change_url(statement): ("citations", 0, 0),
        reverse("admin:claims_claim_add"): ("statements", 0, 2),
        reverse("admin:claims_statement_add"): ("citations", 0, 1),
    }
    for url, (prefix, saved, blank) in pages.items():
        response = admin_client.get(url)
        [formset] = [
            inline.formset
            for inline in response.context["inline_admin_formsets"]
            if inline.formset.prefix == prefix
        ]
        assert (formset.initial_form_count(), formset.total_form_count()) == (
            saved,
            saved + blank,
        ), url
        assert f'id="{prefix}-empty"' in response.text, url


def test_the_citations_list_joins_only_what_its_rows_show(admin_client, db):
    """Source, speaker and claim: each table joined beyond those costs the planner more than
    the page's query takes to run (a chain's origin and the snapshot are not shown)."""
    citation = CitationFactory()
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(reverse("admin:claims_citation_changelist"))
    assert escape(citation.source.title) in page.content.decode()
    (rows,) = [q["sql"] for q in queries if q["sql"].startswith('SELECT "claims_citation"."id"')]
    assert rows.count(" JOIN ") == 4, rows
    assert "sources_snapshot" not in rows
    # Of the joined tables, the columns the rows show: not a claim's or a speaker's record.
    assert '"claims_claim"."text"' in rows
    assert '"claims_claim"."kind"' not in rows
    assert '"sources_actor"."name"' in rows
    assert '"sources_actor"."kind"' not in rows
    statement = citation.statement
    assert escape(statement.speaker) in page.content.decode()
    assert escape(str(statement.claim)) in page.content.decode()


def test_the_claim_pages_statement_rows_are_the_statements_its_claim_was_read_with(
    admin_client, superuser
):
    """The rows are the inline's own reading of the claim's statements (withdrawn ones too,
    undated ones where the database sorts them), taken from the claim's prefetch: no query
    reads the statements again, and a row changed on the page is saved."""
    claim = ClaimFactory()
    dated = StatementFactory(claim=claim, stated_on=datetime.date(2020, 7, 17))
    StatementFactory(claim=claim, stated_on=None)
    StatementFactory(claim=claim, stated_on=datetime.date(2019, 1, 2))
    withdrawn = StatementFactory(
        claim=claim,
        stated_on=datetime.date(2021, 3, 4),
        withdrawn_at=datetime.datetime(2021, 4, 1, tzinfo=datetime.UTC),
        withdrawal_reason="Misread the source.",
    )
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(change_url(claim))
    statement_reads = [q for q in queries if 'FROM "claims_statement"' in q["sql"]]
    assert len(statement_reads) == 1  # the claim's prefetch
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Statement
    )
    model_admin = response.context["adminform"].model_admin
    inline = next(
        i
        for i in model_admin.get_inline_instances(response.wsgi_request, claim)
        if i.model is Statement
    )
    own_reading = list(inline.get_queryset(response.wsgi_request).filter(claim=claim))
    assert [form.instance for form in formset.initial_forms] == own_reading
    assert withdrawn in own_reading

    data = page_data(response)
    row = next(key for key, value in data.items() if key.endswith("-id") and value == str(dated.pk))
    data[f"{row.removesuffix('-id')}-speaker_label"] = "Pentagon officials"
    assert admin_client.post(change_url(claim), data).status_code == 302
    dated.refresh_from_db()
    assert dated.speaker_label == "Pentagon officials"
