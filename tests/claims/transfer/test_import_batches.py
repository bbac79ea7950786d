"""Files whose rows name rows of the same file (a statement answering another, a citation
derived from the previous link) are imported in batches like the others: each row after
the one it names, a batch written early when a row names one of its rows, and the objects
the rows name read once a batch."""

import itertools
from uuid import uuid4

import pytest
from django.db import IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from simple_history.models import HistoricalRecords

from claims.models import Citation, Claim, Statement, Topic
from claims.transfer import importing
from claims.transfer.formats import KINDS_BY_NAME
from claims.transfer.importing import Importer, _chunks
from core import copying
from core.models import ChangeEvent
from tests.support.bulk_rows import (
    citation_row,
    claim_row,
    imported,
    statement_row,
    write_jsonl,
)
from tests.support.factories import (
    ActorFactory,
    ClaimFactory,
    SnapshotFactory,
    StatementFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("batch_size", [1, 2, 1000])
def test_answers_are_linked_to_what_they_answer_whatever_the_file_order(tmp_path, batch_size):
    claim, actors = ClaimFactory(), ActorFactory.create_batch(3)
    assertion = statement_row(claim, actors[0])
    denial = statement_row(claim, actors[1], responds_to=assertion, stance="denies")
    rebuttal = statement_row(claim, actors[2], responds_to=denial)
    path = tmp_path / "statements.jsonl"
    write_jsonl(path, [rebuttal, denial, assertion])  # each before what it answers

    report = Importer(batch_size=batch_size).import_file(path, KINDS_BY_NAME["statements"], "jsonl")

    assert (report.created, report.errors) == (3, [])
    by_uuid = {str(s.uuid): s for s in Statement.objects.select_related("responds_to")}
    assert by_uuid[assertion["uuid"]].responds_to is None
    assert str(by_uuid[denial["uuid"]].responds_to.uuid) == assertion["uuid"]
    assert str(by_uuid[rebuttal["uuid"]].responds_to.uuid) == denial["uuid"]
    assert Statement.history.filter(history_type="+").count() == 3


def test_an_answer_to_a_statement_of_another_claim_is_reported_on_its_line(tmp_path):
    """The model's own rule, read against the statement named earlier in the same file."""
    first, second, actor = ClaimFactory(), ClaimFactory(), ActorFactory()
    assertion = statement_row(first, actor)
    stray = statement_row(second, actor, responds_to=assertion, stance="denies")
    path = tmp_path / "statements.jsonl"
    write_jsonl(path, [assertion, stray])

    report = Importer(partial=True).import_file(path, KINDS_BY_NAME["statements"], "jsonl")

    assert report.created == 1
    assert report.errors == [
        "statements.jsonl:2: responds_to_uuid: A statement can only respond to a statement "
        "on the same claim."
    ]


def test_a_chain_of_citations_is_imported_with_its_quotes_located(tmp_path):
    statement = StatementFactory()
    snapshot = SnapshotFactory(text="Officials said the bridge was closed on Monday.")
    origin = citation_row(statement, snapshot)
    report_row = citation_row(statement, snapshot, derived_from=origin, quote="bridge was closed")
    path = tmp_path / "citations.jsonl"
    write_jsonl(path, [report_row, origin])

    report = Importer().import_file(path, KINDS_BY_NAME["citations"], "jsonl")

    assert (report.created, report.errors) == (2, [])
    reported = Citation.objects.select_related("derived_from").get(uuid=report_row["uuid"])
    assert str(reported.derived_from.uuid) == origin["uuid"]
    assert (reported.quote_start, reported.quote_end, reported.quote_verified) == (19, 36, True)


@pytest.mark.parametrize("count", [3, 30])
def test_citations_take_no_query_each_for_the_snapshots_their_quotes_are_checked_against(
    tmp_path, count, django_assert_num_queries
):
    """Each quote is verified against its snapshot's text: the batch's snapshots are read
    once, with the statements and sources its rows name."""
    statements = StatementFactory.create_batch(3)
    snapshots = SnapshotFactory.create_batch(3)
    pairs = itertools.islice(itertools.cycle(itertools.product(statements, snapshots)), count)
    rows = [citation_row(statement, snapshot) for statement, snapshot in pairs]
    # The file's savepoint; the rows, statements, sources, snapshots and citations looked
    # up; the batch's insert with its history and change events (by COPY on PostgreSQL,
    # where the quotes' search documents follow by trigger); the reviews to re-check.
    queries = 17 if connection.vendor == "postgresql" else 14
    with django_assert_num_queries(queries):
        report = imported(tmp_path, "citations", rows)

    assert (report.created, report.errors) == (count, [])
    assert Citation.objects.filter(quote_verified=True).count() == count


def test_new_claims_are_inserted_with_their_actors_and_topics_as_one_creation(tmp_path):
    """As a claim created with its lists through the API: one history row holding them, one
    change event; a topic named for the first time is created once, whatever its case."""
    user = UserFactory()
    russia, turkey = ActorFactory(name="Russia"), ActorFactory(name="Turkey")
    libya = TopicFactory(name="Libya")
    rows = [
        claim_row(text="First", about=[russia, turkey], topics=["libya", "Mercenaries"]),
        claim_row(text="Second", about=[turkey, turkey], topics=["MERCENARIES"]),
        claim_row(text="Third"),
    ]
    path = tmp_path / "claims.jsonl"
    write_jsonl(path, rows)

    report = Importer(user=user).import_file(path, KINDS_BY_NAME["claims"], "jsonl")

    assert (report.created, report.errors) == (3, [])
    mercenaries = Topic.objects.get(name="Mercenaries")
    assert Topic.objects.count() == 2
    expected = {
        "First": ({russia.pk, turkey.pk}, {libya.pk, mercenaries.pk}),
        "Second": ({turkey.pk}, {mercenaries.pk}),
        "Third": (set(), set()),
    }
    for claim in Claim.objects.all():
        about, topics = expected[claim.text]
        assert set(claim.about.values_list("pk", flat=True)) == about
        assert set(claim.topics.values_list("pk", flat=True)) == topics
        (created,) = claim.history.all()
        assert (created.history_type, created.history_user) == ("+", user)
        assert {row.actor_id for row in created.about.all()} == about
        assert {row.topic_id for row in created.topics.all()} == topics
        events = ChangeEvent.objects.filter(resource="claims", object_id=claim.pk)
        assert [(event.action, event.user) for event in events] == [("create", user)]


@pytest.mark.parametrize("count", [3, 30])
def test_claims_with_lists_take_no_query_each(tmp_path, count, django_assert_num_queries):
    """The actors a batch's claims are about are read once, each topic named once, and
    the links inserted together."""
    actors = ActorFactory.create_batch(3)
    TopicFactory(name="Libya")
    rows = [
        claim_row(text=f"Claim {n}", about=actors[: n % 3 + 1], topics=["Libya", "Syria"])
        for n in range(count)
    ]
    # On PostgreSQL the links are copied and their history rows written by one statement
    # each list, after the claims' rows: no look-up of the claims' history rows. The new
    # topic takes one query to find its slug free.
    queries = 25 if connection.vendor == "postgresql" else 26
    with django_assert_num_queries(queries):
        report = imported(tmp_path, "claims", rows)

    assert (report.created, report.errors) == (count, [])


def test_an_answer_to_a_statement_in_no_row_is_reported_once_the_file_is_read(tmp_path):
    """A row waits for the row it names while the file is read a batch at a time; what no
    row of the file nor the database holds is reported on its line at the end."""
    claim, actor = ClaimFactory(), ActorFactory()
    assertion = statement_row(claim, actor)
    stray = statement_row(claim, actor, stance="denies") | {"responds_to_uuid": str(uuid4())}
    denial = statement_row(claim, ActorFactory(), responds_to=assertion, stance="denies")
    path = tmp_path / "statements.jsonl"
    write_jsonl(path, [stray, denial, statement_row(claim, actor), assertion])

    report = Importer(partial=True, batch_size=1).import_file(
        path, KINDS_BY_NAME["statements"], "jsonl"
    )

    assert report.created == 3
    assert report.errors == [
        f"statements.jsonl:1: responds_to_uuid: No statement has the UUID "
        f"{stray['responds_to_uuid']}."
    ]
    answered = Statement.objects.get(uuid=denial["uuid"]).responds_to
    assert str(answered.uuid) == assertion["uuid"]


@pytest.mark.parametrize(
    "spelling",
    [str.upper, lambda text: text.replace("-", ""), lambda text: f"{{{text}}}"],
    ids=["upper", "no-hyphens", "braces"],
)
def test_an_answer_naming_its_statement_in_another_spelling_of_the_uuid_comes_after_it(
    tmp_path, spelling
):
    """A uuid is the same whichever way the file spells it, as the import reads it."""
    claim, actors = ClaimFactory(), ActorFactory.create_batch(2)
    assertion = statement_row(claim, actors[0])
    denial = statement_row(claim, actors[1], responds_to=assertion, stance="denies")
    denial["responds_to_uuid"] = spelling(assertion["uuid"])

    report = imported(tmp_path, "statements", [denial, assertion])

    assert (report.created, report.errors) == (2, [])
    answer = Statement.objects.select_related("responds_to").get(uuid=denial["uuid"])
    assert str(answer.responds_to.uuid) == assertion["uuid"]


def logging_calls(monkeypatch, log: list):
    """Log each batch validated (its first line) and each time rows start being written in
    the background."""
    validated, start = Importer._validated, copying.BackgroundCopies._start

    def logged_validated(self, kind, checked, found, progress):
        log.append(("validated", checked.rows[0][0] if checked.rows else None))
        return validated(self, kind, checked, found, progress)

    def logged_start(self):
        log.append(("sent", None))
        return start(self)

    monkeypatch.setattr(Importer, "_validated", logged_validated)
    monkeypatch.setattr(copying.BackgroundCopies, "_start", logged_start)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_each_batch_of_new_rows_is_written_while_the_next_is_validated(tmp_path, monkeypatch):
    log = []
    logging_calls(monkeypatch, log)
    rows = [claim_row(text=f"Claim {number}") for number in range(5)]
    path = tmp_path / "claims.jsonl"
    write_jsonl(path, rows)

    report = Importer(batch_size=2).import_file(path, KINDS_BY_NAME["claims"], "jsonl")

    assert (report.created, report.errors) == (5, [])
    assert log == [
        ("validated", 1),
        ("sent", None),
        ("validated", 3),
        ("sent", None),
        ("validated", 5),
        ("sent", None),
    ]
    assert Claim.objects.count() == 5
    assert Claim.history.count() == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_a_batch_validated_while_the_batch_before_was_refused_is_validated_again(
    tmp_path, monkeypatch
):
    """The database refused the first batch (a uuid twice): it is saved row by row, and the
    second, validated while it was being written, is looked up and validated again."""
    log = []
    logging_calls(monkeypatch, log)
    first = claim_row(text="First")
    rows = [first, {**first, "text": "Again"}, claim_row(text="Third"), claim_row(text="Fourth")]
    path = tmp_path / "claims.jsonl"
    write_jsonl(path, rows)

    report = Importer(batch_size=2, partial=True).import_file(
        path, KINDS_BY_NAME["claims"], "jsonl"
    )

    assert report.created == 3
    assert report.errors == ["claims.jsonl:2: uuid: Claim with this UUID already exists."]
    assert log == [
        ("validated", 1),
        ("sent", None),
        ("validated", 3),
        ("validated", 3),
        ("sent", None),
    ]
    assert sorted(Claim.objects.values_list("text", flat=True)) == ["First", "Fourth", "Third"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_a_batch_refused_before_its_rows_are_sent_is_saved_row_by_row(tmp_path, monkeypatch):
    """The database refuses a write the batch makes before its rows go (a new topic): the
    batch goes back to its savepoint and its rows are saved one by one, nothing twice."""
    created = importing.topic_get_or_create
    refusals = []

    def refused_once(**options):
        if not refusals:
            refusals.append(options["name"])
            raise IntegrityError("duplicate key value violates unique constraint")
        return created(**options)

    monkeypatch.setattr(importing, "topic_get_or_create", refused_once)
    rows = [
        claim_row(text="First"),
        claim_row(text="Second", topics=["Libya"]),
        claim_row(text="Third", topics=["Libya", "Syria"]),
    ]
    report = imported(tmp_path, "claims", rows, batch_size=3)

    assert refusals == ["Libya"]
    assert (report.created, report.errors) == (3, [])
    topics = {
        claim.text: sorted(t.name for t in claim.topics.all()) for claim in Claim.objects.all()
    }
    assert topics == {"First": [], "Second": ["Libya"], "Third": ["Libya", "Syria"]}
    assert Claim.history.count() == 3
    assert ChangeEvent.objects.filter(resource="claims").count() == 3


def import_one_batch_after_another(self, kind, rows, report, reason, progress):
    """The import before batches overlapped: each batch read, validated and written in turn."""
    for batch in _chunks(rows, self.batch_size):
        self._import_batch(kind, batch, report, reason, progress)


def imported_and_rolled_back(path, batch_size: int, partial: bool):
    """The report of importing the claims of ``path`` and what it wrote, then rolled back."""
    with transaction.atomic():
        report = Importer(batch_size=batch_size, partial=partial).import_file(
            path, KINDS_BY_NAME["claims"], "jsonl"
        )
        written = {
            "claims": sorted(Claim.objects.values_list("uuid", "text", "kind")),
            "topics": sorted(
                Claim.topics.through.objects.values_list("claim__uuid", "topic__name")
            ),
            "history": sorted(Claim.history.values_list("uuid", "text", "history_type")),
            "topics' history": sorted(
                TOPICS_HISTORY.objects.values_list("history__uuid", "topic__name")
            ),
            "events": sorted(ChangeEvent.objects.values_list("resource", "action")),
        }
        transaction.set_rollback(True)
    counts = (report.created, report.updated, report.unchanged, report.written)
    return counts, report.errors, written


UUIDS = [str(uuid4()) for _ in range(5)]
# The history rows of claims' topics (simple-history's model of the links).
TOPICS_HISTORY = HistoricalRecords.m2m_models[Claim.topics.field]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(UUIDS),
            st.sampled_from(["First text", "Second text", " "]),
            st.sampled_from(["factual", "not a kind"]),
            st.sampled_from([[], ["Libya"]]),
        ),
        min_size=1,
        max_size=8,
    ),
    batch_size=st.integers(1, 3),
    partial=st.booleans(),
)
def test_overlapped_batches_import_what_batches_one_after_another_import(
    tmp_path_factory, monkeypatch, rows, batch_size, partial
):
    """Uuids repeated within and across batches, invalid rows, rows with lists: the import
    that validates a batch while the one before it is written reports and writes what the
    import writing each batch before reading the next did."""
    path = tmp_path_factory.mktemp("claims") / "claims.jsonl"
    lines = []
    for uuid, text, kind, topics in rows:
        lines.append(claim_row(text=text, topics=topics) | {"uuid": uuid, "kind": kind})
    write_jsonl(path, lines)

    overlapped = imported_and_rolled_back(path, batch_size, partial)
    with monkeypatch.context() as patch:
        patch.setattr(Importer, "_import_overlapped", import_one_batch_after_another)
        one_after_another = imported_and_rolled_back(path, batch_size, partial)

    assert overlapped == one_after_another
