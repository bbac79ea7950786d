"""Rows the importer refuses: reported as file:line: column: message, and nothing of the file
written unless --partial."""

import io
import itertools
import json
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.models import Claim, Statement
from claims.transfer.formats import KINDS_BY_NAME
from claims.transfer.importing import Importer
from tests.support.factories import ActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db

CLAIM = {
    "text": "The bridge was closed",
    "language": "en",
    "kind": "factual",
    "quantity_value": None,
    "quantity_upper": None,
    "quantity_comparator": "",
    "quantity_unit": "",
    "period_start": None,
    "period_end": None,
    "period_precision": "day",
    "place": "",
    "about_uuids": [],
    "topics": [],
    "withdrawn_at": None,
    "withdrawal_reason": "",
}


def claim_row(**fields) -> dict:
    return {"uuid": str(uuid.uuid4()), **CLAIM, **fields}


def write_jsonl(path, rows) -> None:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(*args) -> tuple[str, str, bool]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_record", *map(str, args), stdout=out, stderr=err)
    except CommandError:
        return out.getvalue(), err.getvalue(), False
    return out.getvalue(), err.getvalue(), True


def test_errors_name_file_line_and_column_and_nothing_is_written(tmp_path):
    path = tmp_path / "claims.jsonl"
    write_jsonl(
        path,
        [
            claim_row(text="Good one"),
            claim_row(kind="rumour"),
            "{not json",
            claim_row(about_uuids=[str(uuid.uuid4())]),
            claim_row(period_start="2020-13-01"),
            {k: v for k, v in claim_row().items() if k != "language"},
            claim_row(quantity_value="3500"),
        ],
    )

    out, err, ok = run(path)

    assert not ok
    assert "claims.jsonl:2: kind: Value 'rumour' is not a valid choice." in err
    assert "claims.jsonl:3: row: Not valid JSON" in err
    assert "claims.jsonl:4: about_uuids: No actor has the UUID" in err
    assert "claims.jsonl:5: period_start:" in err
    assert "claims.jsonl:6: language: This column is missing." in err
    assert "claims.jsonl:7: row: A value needs a comparator" in err
    assert "(nothing written)" in out
    assert not Claim.objects.exists()
    assert not Claim.history.exists()


def test_with_partial_the_good_rows_are_written(tmp_path, user):
    path = tmp_path / "claims.jsonl"
    good = claim_row(text="Good one")
    write_jsonl(path, [good, claim_row(kind="rumour"), "[1, 2]", claim_row(text="Another")])

    out, err, ok = run(path, "--partial", "--user", user.username)

    assert not ok
    assert "claims.jsonl:2: kind:" in err
    assert "claims.jsonl:3: row: Each line must be a JSON object." in err
    assert "claims.jsonl: 2 created, 0 updated, 0 unchanged, 2 errors" in out
    assert set(Claim.objects.values_list("text", flat=True)) == {"Good one", "Another"}
    assert str(Claim.objects.get(text="Good one").uuid) == good["uuid"]
    assert Claim.history.filter(history_user=user).count() == 2


def test_a_topic_name_no_topic_can_have_is_reported_on_its_line(tmp_path):
    """A new topic's name is checked with its row: a name too long, or with a NUL byte, is
    the row's error, not the import's end (a blank name is left out, as before)."""
    path = tmp_path / "claims.jsonl"
    rows = [
        claim_row(text="Good one", topics=["Libya", "  "]),
        claim_row(text="Long", topics=["Libya", "x" * 101]),
        claim_row(text="NUL", topics=["bad\x00name"]),
        claim_row(text="Another", topics=["Ливия"]),
    ]
    write_jsonl(path, rows)

    out, err, ok = run(path, "--partial")

    assert not ok
    assert (
        "claims.jsonl:2: topics: Ensure this value has at most 100 characters (it has 101)." in err
    )
    assert "claims.jsonl:3: topics: Text may not contain NUL bytes" in err
    assert "claims.jsonl: 2 created, 0 updated, 0 unchanged, 2 errors" in out
    written = {claim.text: [t.name for t in claim.topics.all()] for claim in Claim.objects.all()}
    assert written == {"Good one": ["Libya"], "Another": ["Ливия"]}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    topics=st.lists(
        st.lists(
            st.one_of(
                st.text(max_size=12),
                st.text(min_size=95, max_size=110),
                st.sampled_from(["Libya", "libya", "Libya!", "Ливия", " ", "a\x00b"]),
            ),
            max_size=3,
        ),
        min_size=1,
        max_size=4,
    ),
    batch_size=st.integers(1, 3),
)
def test_any_topic_names_are_written_or_reported_never_a_crash(
    tmp_path_factory, topics, batch_size
):
    path = tmp_path_factory.mktemp("bulk") / "claims.jsonl"
    marker = uuid.uuid4().hex  # the examples share the test's database
    rows = [claim_row(text=f"{marker} {n}", topics=names) for n, names in enumerate(topics)]
    write_jsonl(path, rows)

    report = Importer(batch_size=batch_size, partial=True).import_file(
        path, KINDS_BY_NAME["claims"], "jsonl"
    )

    refused = {error.split(":")[1] for error in report.errors}  # the lines, a row each
    assert report.created + len(refused) == len(topics)
    assert all(": topics: " in error for error in report.errors)
    assert Claim.objects.filter(text__startswith=marker).count() == report.created


def test_a_value_of_the_wrong_json_type_is_its_row_s_error(tmp_path):
    """A date given as a number, a reference given as a list: each refused on its line."""
    actors = tmp_path / "actors.jsonl"
    actor = dict.fromkeys(KINDS_BY_NAME["actors"].columns, "")
    actor |= {"name": "Pentagon", "kind": "military", "withdrawn_at": None}
    write_jsonl(
        actors,
        [
            {**actor, "uuid": str(uuid.uuid4())},
            {**actor, "uuid": str(uuid.uuid4()), "leader_uuid": [str(uuid.uuid4())]},
            {**actor, "uuid": str(uuid.uuid4()), "withdrawn_at": 1700000000},
        ],
    )
    claims = tmp_path / "claims.jsonl"
    write_jsonl(claims, [claim_row(period_start=20200101, about_uuids=[["nested"]])])

    out, err, ok = run(actors, claims, "--partial")

    assert not ok
    assert "actors.jsonl:2: leader_uuid: Must be a UUID as text." in err
    assert "actors.jsonl:3: withdrawn_at: Must be a date and time as text." in err
    assert "claims.jsonl:1: period_start: Must be a date as text." in err
    assert "claims.jsonl:1: about_uuids: Must be a list of strings." in err
    assert "actors.jsonl: 1 created, 0 updated, 0 unchanged, 2 errors" in out


JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(),
    st.text(max_size=20),
    st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=1),
    st.sampled_from(["", "en", "factual", "2020-01-01", "2020", "day", "more_than", "1e400"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), kind=st.sampled_from(sorted(KINDS_BY_NAME)))
def test_any_json_value_in_any_column_is_written_or_reported_never_a_crash(
    tmp_path_factory, data, kind
):
    columns = KINDS_BY_NAME[kind].columns
    rows = [
        {column: data.draw(JSON_VALUES, label=column) for column in columns}
        | ({"uuid": str(uuid.uuid4())} if data.draw(st.booleans(), label="a uuid") else {})
        for _ in range(data.draw(st.integers(1, 3), label="rows"))
    ]
    path = tmp_path_factory.mktemp("bulk") / f"{kind}.jsonl"
    write_jsonl(path, rows)

    report = Importer(batch_size=2, partial=True).import_file(path, KINDS_BY_NAME[kind], "jsonl")

    refused = {error.split(":")[1] for error in report.errors}
    assert report.created + len(refused) == len(rows)


def test_a_uuid_twice_in_a_file_keeps_the_first_row_and_reports_the_second(tmp_path):
    """The batch's insert is refused by the database; its rows are then saved one by one,
    so the good ones are kept (with --partial) and the bad one is reported on its line."""
    path = tmp_path / "claims.jsonl"
    first = claim_row(text="First")
    write_jsonl(path, [first, claim_row(text="Other"), {**first, "text": "Second"}])

    out, err, ok = run(path, "--partial")

    assert not ok
    assert "claims.jsonl:3: uuid: Claim with this UUID already exists." in err
    assert "claims.jsonl: 2 created, 0 updated, 0 unchanged, 1 error" in out
    assert sorted(Claim.objects.values_list("text", flat=True)) == ["First", "Other"]
    assert Claim.history.count() == 2


def test_a_row_naming_an_object_of_an_earlier_batch_updates_it(tmp_path):
    """Rows are written in batches: a row naming an object an earlier batch of the same
    file created updates it."""
    path = tmp_path / "claims.jsonl"
    first = claim_row(text="First")
    write_jsonl(path, [first, claim_row(text="Other"), {**first, "text": "First, corrected"}])

    report = Importer(batch_size=2).import_file(path, KINDS_BY_NAME["claims"], "jsonl")

    assert (report.created, report.updated, report.errors) == (2, 1, [])
    assert Claim.objects.get(uuid=first["uuid"]).text == "First, corrected"
    assert Claim.history.filter(uuid=first["uuid"]).count() == 2


def test_a_refused_batch_is_saved_row_by_row_and_the_next_is_not_touched(tmp_path):
    """The first batch's insert fails (a uuid twice): its rows are saved one by one, the
    refused one is reported, and the next batch is written as usual."""
    actor = ActorFactory()
    twice = str(uuid.uuid4())
    rows = [
        {"uuid": twice, "name": "Kremlin", "actor_uuid": str(actor.uuid)},
        {"uuid": twice, "name": "Russian presidency", "actor_uuid": str(actor.uuid)},
        {"uuid": str(uuid.uuid4()), "name": "Moscow", "actor_uuid": str(actor.uuid)},
    ]
    path = tmp_path / "aliases.jsonl"
    write_jsonl(path, rows)

    report = Importer(partial=True, batch_size=2).import_file(
        path, KINDS_BY_NAME["aliases"], "jsonl"
    )

    assert report.created == 2
    assert report.errors == ["aliases.jsonl:2: uuid: Alias with this UUID already exists."]
    assert sorted(actor.aliases.values_list("name", flat=True)) == ["Kremlin", "Moscow"]


def test_a_reference_to_an_unknown_uuid_is_refused(tmp_path):
    claim = ClaimFactory()
    missing = uuid.uuid4()
    columns = KINDS_BY_NAME["statements"].columns
    row = dict.fromkeys(columns, "")
    row |= {
        "uuid": str(uuid.uuid4()),
        "claim_uuid": str(claim.uuid),
        "actor_uuid": str(missing),
        "stance": "asserts",
        "stated_precision": "day",
        "confidence": "high",
    }
    path = tmp_path / "statements.csv"
    path.write_text(",".join(columns) + "\n" + ",".join(row[c] for c in columns) + "\n")

    _, err, ok = run(path)

    assert not ok
    assert f"statements.csv:2: actor_uuid: No actor has the UUID {missing}." in err
    assert not Statement.objects.exists()


def test_a_csv_file_without_a_column_is_refused(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("uuid,name\n" + f"{uuid.uuid4()},Someone\n", encoding="utf-8")

    _, err, ok = run(path)

    assert not ok
    assert "actors.csv:1: kind: This column is missing." in err


def test_the_admin_validation_applies_to_updates(tmp_path):
    """An actor made its own parent's parent: the loop the admin refuses, refused here."""
    top = ActorFactory(name="Top")
    child = ActorFactory(name="Child", parent=top)
    rows = []
    for actor, parent in ((top, child), (child, top)):
        rows.append(
            {
                "uuid": str(actor.uuid),
                "name": actor.name,
                "kind": actor.kind,
                "description": "",
                "country": "",
                "wikidata_id": "",
                "parent_uuid": str(parent.uuid),
                "leader_uuid": None,
                "withdrawn_at": None,
                "withdrawal_reason": "",
            }
        )
    path = tmp_path / "actors.jsonl"
    write_jsonl(path, rows)

    _, err, ok = run(path)

    assert not ok
    assert "actors.jsonl:1: parent_uuid:" in err
    assert "a loop" in err
    top.refresh_from_db()
    assert top.parent is None


def test_a_file_not_named_after_a_kind_is_refused(tmp_path):
    path = tmp_path / "people.jsonl"
    path.write_text("{}\n")
    _, _, ok = run(path)
    assert not ok


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(st.text(max_size=80), max_size=5), fmt=st.sampled_from(["jsonl", "csv"]))
def test_arbitrary_lines_never_crash_the_importer(tmp_path_factory, lines, fmt):
    for kind in ("claims", "citations", "actors"):
        path = tmp_path_factory.mktemp("bulk") / f"{kind}.{fmt}"
        path.write_text("\n".join(lines), encoding="utf-8")
        report = Importer().import_file(path, KINDS_BY_NAME[kind], fmt)
        assert report.created == 0
        assert all(error.startswith(f"{kind}.{fmt}:") for error in report.errors)


@pytest.mark.parametrize("count", [3, 30])
def test_new_rows_naming_other_objects_take_no_query_each(
    tmp_path, count, django_assert_num_queries
):
    """The objects a file's rows name are looked up once a batch, by their uuids; the rows'
    validation does not look each up again (relations that support: no rule of theirs
    reads the database)."""
    claims = ClaimFactory.create_batch(6)
    pairs = list(itertools.permutations(claims, 2))[:count]
    rows = [
        {
            "uuid": str(uuid.uuid4()),
            "kind": "supports",
            "note": "",
            "from_claim_uuid": str(first.uuid),
            "to_claim_uuid": str(second.uuid),
        }
        for first, second in pairs
    ]
    path = tmp_path / "relations.jsonl"
    write_jsonl(path, rows)
    kind = KINDS_BY_NAME["relations"]

    # The file's savepoint, the rows and the claims looked up, and the batch's insert:
    # with its history and change events, by COPY in a savepoint on PostgreSQL.
    queries = 12 if connection.vendor == "postgresql" else 11
    with django_assert_num_queries(queries):
        report = Importer().import_file(path, kind, "jsonl")

    assert (report.created, report.errors) == (count, [])
