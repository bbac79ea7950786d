"""The annotate screen and its service: a selected passage recorded as a statement, its
claim and its chain, in one submission; refusals land on the part at fault."""

import pytest
from django.urls import reverse

from claims.annotation import Annotation, AnnotationRefused, Hop, annotation_record
from claims.choices import AccessMode, CitationRole, Stance
from claims.models import Citation, Claim, Statement
from sources.choices import ActorKind, SourceKind
from sources.models import Source
from tests.support import who_cogat
from tests.support.admin import messages_of
from tests.support.factories import (
    ActorFactory,
    AliasFactory,
    ClaimFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
    UserFactory,
    role_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot():
    return SnapshotFactory(text=who_cogat.TEXT, source__title=who_cogat.TITLE)


@pytest.fixture
def who():
    actor = ActorFactory(name="World Health Organization", kind=ActorKind.INTERGOVERNMENTAL)
    AliasFactory(actor=actor, name="WHO")
    return actor


def annotate_url(snapshot) -> str:
    return reverse("admin:sources_snapshot_annotate", args=[snapshot.pk])


def form_data(snapshot, quote: str, **changes) -> dict:
    start, end = who_cogat.span(quote)
    data = {
        "selection-quote_start": str(start),
        "selection-quote_end": str(end),
        "selection-role": CitationRole.REPORTS,
        "selection-access": AccessMode.DIRECT,
        "statement-stance": Stance.ASSERTS,
        "statement-stated_precision": "day",
        "statement-confidence": "high",
        "claim-kind": "factual",
        "claim-period_precision": "day",
        "hop-TOTAL_FORMS": "4",
        "hop-INITIAL_FORMS": "0",
        "hop-MIN_NUM_FORMS": "0",
        "hop-MAX_NUM_FORMS": "4",
    }
    for index in range(4):
        data[f"hop-{index}-kind"] = SourceKind.REPORT
        data[f"hop-{index}-access"] = AccessMode.DIRECT
    data.update(changes)
    return data


class TestService:
    def test_records_the_claim_statement_and_chain_in_one_go(self, snapshot, who, user):
        reuters = SourceFactory(title="Reuters story", kind=SourceKind.AGENCY_STORY)
        start, end = who_cogat.span(who_cogat.WHO_QUOTE)
        annotation = Annotation(
            snapshot=snapshot,
            start=start,
            end=end,
            claim=Claim(text="More than 500,000 people in Gaza face famine conditions."),
            statement=Statement(actor=who, stance=Stance.ASSERTS),
            hops=[
                Hop(title="IPC analysis of Gaza", is_public=False),
                Hop(source=reuters, access=AccessMode.SEEN_BY),
            ],
        )

        citation = annotation_record(annotation=annotation, user=user)

        assert citation.quote == who_cogat.WHO_QUOTE
        assert (citation.quote_start, citation.quote_end) == (start, end)
        assert citation.quote_verified
        assert citation.snapshot == snapshot
        assert citation.source == snapshot.source
        chain = [citation.derived_from.derived_from, citation.derived_from, citation]
        assert [link.role for link in chain] == ["origin", "reports", "reports"]
        assert chain[0].source.title == "IPC analysis of Gaza"
        assert not chain[0].source.is_public
        assert chain[1].source == reuters
        assert chain[1].access == AccessMode.SEEN_BY
        assert citation.statement.claim.text.startswith("More than 500,000")
        assert citation.statement.history.get().history_user == user
        assert chain[0].source.history.get().history_user == user

    def test_a_refused_hop_records_nothing(self, snapshot, who):
        start, end = who_cogat.span(who_cogat.WHO_QUOTE)
        annotation = Annotation(
            snapshot=snapshot,
            start=start,
            end=end,
            claim=Claim(text="A claim that must not stay."),
            statement=Statement(actor=who),
            hops=[Hop(title="IPC analysis"), Hop(title="")],
        )

        with pytest.raises(AnnotationRefused) as refused:
            annotation_record(annotation=annotation)

        assert (refused.value.part, refused.value.index) == ("hop", 1)
        assert "title" in refused.value.error.message_dict
        assert not Claim.objects.filter(text="A claim that must not stay.").exists()
        assert not Statement.objects.exists()
        assert not Source.objects.filter(title="IPC analysis").exists()

    @pytest.mark.parametrize(("start", "end"), [(5, 5), (-1, 4), (0, 10**6), (69, 71)])
    def test_a_selection_that_is_no_passage_is_refused(self, snapshot, who, start, end):
        annotation = Annotation(
            snapshot=snapshot,
            start=start,
            end=end,
            claim=ClaimFactory(),
            statement=Statement(actor=who),
        )
        assert snapshot.text[69:71] == "\n\n"

        with pytest.raises(AnnotationRefused) as refused:
            annotation_record(annotation=annotation)

        assert refused.value.part == "citation"
        assert not Citation.objects.exists()


class TestScreen:
    def test_shows_the_text_the_recorded_passages_and_the_form(self, admin_client, snapshot):
        statement = StatementFactory(stance=Stance.DENIES, speaker_label="COGAT", actor=None)
        start, end = who_cogat.span(who_cogat.COGAT_QUOTE)
        Citation.objects.create(
            statement=statement,
            source=snapshot.source,
            snapshot=snapshot,
            role=CitationRole.REPORTS,
            quote=who_cogat.COGAT_QUOTE,
            quote_start=start,
            quote_end=end,
            quote_verified=True,
        )

        response = admin_client.get(annotate_url(snapshot))

        assert response.status_code == 200
        page = response.content.decode()
        assert 'role="textbox"' in page
        assert 'aria-readonly="true"' in page
        assert f'data-start="{start}" class="ct-mark ct-mark--denies"' in page
        segments = response.context["segments"]
        assert "".join(segment["text"] for segment in segments) == who_cogat.TEXT
        assert f'<option value="{statement.pk}">#{statement.pk} COGAT denies' in page
        assert "claims/annotate.js" in page
        assert "claims/matching.js" in page
        assert 'id="ct-matches"' in page
        assert 'data-url="/api/v1/claims/match/"' in page

    def test_the_snapshot_page_links_to_it(self, admin_client, snapshot):
        page = admin_client.get(reverse("admin:sources_snapshot_change", args=[snapshot.pk]))
        assert annotate_url(snapshot) in page.content.decode()

    def test_records_a_statement_and_then_a_denial_answering_it(self, admin_client, snapshot, who):
        url = annotate_url(snapshot)
        data = form_data(
            snapshot,
            who_cogat.WHO_QUOTE,
            **{
                "statement-actor": str(who.pk),
                "claim-text": "More than 500,000 people in Gaza face famine conditions.",
                "claim-quantity_comparator": "more_than",
                "claim-quantity_value": "500000",
                "claim-quantity_unit": "people facing famine",
                "claim-period_start": "2025-08",
                "claim-place": "Gaza",
                "hop-0-title": "IPC analysis of Gaza",
                "hop-0-is_public": "",
                "hop-1-title": "Reuters story on the IPC analysis",
                "hop-1-kind": SourceKind.AGENCY_STORY,
                "hop-1-access": AccessMode.SEEN_BY,
            },
        )

        response = admin_client.post(url, data)

        assert response.status_code == 302, response.context and response.context["errors"]
        citation = Citation.objects.get(snapshot=snapshot)
        assert response.url == f"{url}#citation-{citation.pk}"
        assert citation.quote == who_cogat.WHO_QUOTE
        assert citation.quote_verified
        claim = citation.statement.claim
        assert claim.quantity_value == 500000
        assert claim.period_precision == "month"
        assert citation.derived_from.source.title == "Reuters story on the IPC analysis"
        assert citation.derived_from.derived_from.role == CitationRole.ORIGIN
        assert (
            "Recorded: World Health Organization asserts" in messages_of(admin_client.get(url))[0]
        )

        denial = form_data(
            snapshot,
            who_cogat.COGAT_QUOTE,
            **{
                "statement-speaker_label": "COGAT",
                "statement-stance": Stance.DENIES,
                "statement-responds_to": str(citation.statement_id),
            },
        )
        response = admin_client.post(url, denial)

        assert response.status_code == 302
        answer = Statement.objects.get(stance=Stance.DENIES)
        assert answer.claim == claim
        assert answer.responds_to == citation.statement
        assert answer.citations.get().quote == who_cogat.COGAT_QUOTE
        assert Claim.objects.count() == 1

    def test_nothing_selected_is_a_form_error(self, admin_client, snapshot, who):
        data = form_data(snapshot, who_cogat.WHO_QUOTE, **{"statement-actor": str(who.pk)})
        data["selection-quote_start"] = data["selection-quote_end"] = ""
        data["claim-text"] = "A claim."

        response = admin_client.post(annotate_url(snapshot), data)

        assert response.status_code == 200
        assert "Select the passage in the text first." in response.content.decode()
        assert not Claim.objects.exists()

    def test_a_new_claim_needs_its_text(self, admin_client, snapshot, who):
        data = form_data(snapshot, who_cogat.WHO_QUOTE, **{"statement-actor": str(who.pk)})

        response = admin_client.post(annotate_url(snapshot), data)

        assert response.status_code == 200
        assert response.context["claim_form"].errors["text"]
        assert not Statement.objects.exists()

    def test_a_speaker_is_required_by_the_record(self, admin_client, snapshot):
        data = form_data(snapshot, who_cogat.WHO_QUOTE, **{"claim-text": "A claim."})

        response = admin_client.post(annotate_url(snapshot), data)

        assert response.status_code == 200
        errors = response.context["statement_form"].non_field_errors()
        assert "A statement needs an actor or the speaker as written." in errors
        assert not Claim.objects.exists()
        assert not Statement.objects.exists()

    def test_a_hop_naming_a_source_twice_is_refused(self, admin_client, snapshot, who):
        data = form_data(
            snapshot,
            who_cogat.WHO_QUOTE,
            **{
                "statement-actor": str(who.pk),
                "claim-text": "A claim.",
                "hop-0-source": str(SourceFactory().pk),
                "hop-0-title": "A new one too",
            },
        )

        response = admin_client.post(annotate_url(snapshot), data)

        assert response.status_code == 200
        assert "Pick a source or name a new one, not both." in response.content.decode()

    def test_a_response_to_another_claims_statement_is_refused(self, admin_client, snapshot):
        data = form_data(
            snapshot,
            who_cogat.COGAT_QUOTE,
            **{
                "statement-speaker_label": "COGAT",
                "statement-responds_to": str(StatementFactory().pk),
            },
        )

        response = admin_client.post(annotate_url(snapshot), data)

        assert response.status_code == 200
        assert response.context["statement_form"].errors["responds_to"]

    def test_needs_the_right_to_add_claims_statements_and_citations(self, client, snapshot):
        client.force_login(role_user("Viewer", is_staff=True))
        assert client.get(annotate_url(snapshot)).status_code == 403
        client.force_login(role_user("Contributor", is_staff=True))
        assert client.get(annotate_url(snapshot)).status_code == 200

    def test_a_new_source_in_the_chain_needs_the_right_to_add_sources(self, client, snapshot, who):
        from django.contrib.auth.models import Permission

        user = UserFactory(is_staff=True)
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label="claims", codename__startswith="add_")
            | Permission.objects.filter(codename__in=["view_claim", "view_actor", "view_source"])
        )
        client.force_login(user)
        data = form_data(
            snapshot,
            who_cogat.WHO_QUOTE,
            **{
                "statement-actor": str(who.pk),
                "claim-text": "A claim.",
                "hop-0-title": "A source nobody may add here",
            },
        )

        response = client.post(annotate_url(snapshot), data)

        assert response.status_code == 200
        assert "You may not add sources" in response.content.decode()
        assert not Source.objects.filter(title="A source nobody may add here").exists()
        assert not Claim.objects.exists()

    def test_an_unknown_snapshot_is_not_found(self, admin_client):
        for pk in ("999999", "abc", "9" * 30):
            response = admin_client.get(f"/admin/sources/snapshot/{pk}/annotate/")
            assert response.status_code == 404

    def test_runs_a_fixed_number_of_queries(self, admin_client, snapshot, count_queries):
        def annotated(n):
            for _ in range(n):
                statement = StatementFactory()
                Citation.objects.create(
                    statement=statement,
                    source=snapshot.source,
                    snapshot=snapshot,
                    role=CitationRole.REPORTS,
                    quote=who_cogat.WHO_QUOTE,
                    quote_start=who_cogat.span(who_cogat.WHO_QUOTE)[0],
                    quote_end=who_cogat.span(who_cogat.WHO_QUOTE)[1],
                    quote_verified=True,
                )
            with count_queries() as counter:
                assert admin_client.get(annotate_url(snapshot)).status_code == 200
            return counter.count

        assert annotated(1) == annotated(4)


def test_a_very_long_text_gets_no_suggestions_but_can_be_annotated(admin_client):
    from claims.admin_annotate import SUGGESTION_TEXT_LIMIT

    text = (who_cogat.TEXT * (SUGGESTION_TEXT_LIMIT // len(who_cogat.TEXT) + 1))[
        : SUGGESTION_TEXT_LIMIT + 1
    ]
    snapshot = SnapshotFactory(text=text)

    response = admin_client.get(annotate_url(snapshot))

    assert response.status_code == 200
    assert response.context["suggestions"] == []
    assert "too long to read suggestions from" in response.content.decode()


def test_suggestions_are_offered_and_a_denial_points_at_the_recorded_statement(
    admin_client, snapshot, who
):
    start, end = who_cogat.span(who_cogat.WHO_QUOTE)
    recorded = annotation_record(
        annotation=Annotation(
            snapshot=snapshot,
            start=start,
            end=end,
            claim=ClaimFactory(),
            statement=Statement(actor=who),
        )
    )

    suggestions = admin_client.get(annotate_url(snapshot)).context["suggestions"]

    for item in suggestions:
        assert snapshot.text[item["start"] : item["end"]] == item["quote"]
    (denial,) = [item for item in suggestions if who_cogat.COGAT_QUOTE in item["quote"]]
    assert denial["speaker"] == "COGAT"
    assert denial["stance"] == Stance.DENIES
    assert denial["answers"]["id"] == recorded.statement_id
    assert any(item["recorded"] for item in suggestions)
    assert all(item["actor"]["id"] == who.pk for item in suggestions if "WHO" in item["speaker"])
