"""CompiledQuery: a queryset's SQL compiled once, run with new values, rows as the ORM gives."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from psycopg import pq
from rest_framework.exceptions import ValidationError

from claims.api.serializers import StatementSerializer
from claims.models import Claim
from core.compiled import CompiledQuery, object_by_pk, rows_together
from tests.support.factories import ClaimFactory, SnapshotFactory, StatementFactory


def by_pk(pk):
    return Claim.objects.filter(pk=pk).values_list("id", "text", "created_at")


def test_each_run_puts_its_values_where_the_samples_stood(db):
    first, second = ClaimFactory(), ClaimFactory()
    query = CompiledQuery(by_pk, pk=-1)
    assert query.rows(pk=first.pk) == [(first.pk, first.text, first.created_at)]
    assert query.rows(pk=second.pk) == [(second.pk, second.text, second.created_at)]
    assert query.rows(pk=10**12) == []


def test_the_queryset_is_built_and_compiled_once(db, django_assert_num_queries):
    claim = ClaimFactory()
    build = mock.Mock(side_effect=by_pk)
    query = CompiledQuery(build, pk=-1)
    for _ in range(3):
        with django_assert_num_queries(1):
            assert query.rows(pk=claim.pk)[0][0] == claim.pk
    build.assert_called_once_with(pk=-1)


def test_database_values_become_python_values_as_the_orm_makes_them(db):
    """On SQLite a date-time comes back as text: the field's converters still apply."""
    claim = ClaimFactory()
    [(_, _, created_at)] = CompiledQuery(by_pk, pk=-1).rows(pk=claim.pk)
    assert isinstance(created_at, datetime.datetime)
    assert created_at == Claim.objects.get(pk=claim.pk).created_at


def test_rows_are_tuples_whether_or_not_a_value_was_converted(db):
    """Integers and text need no converter on any database; SQLite's date-times do."""
    claim = ClaimFactory()
    plain = CompiledQuery(lambda pk: Claim.objects.filter(pk=pk).values_list("id", "text"), pk=-1)
    assert plain.rows(pk=claim.pk) == [(claim.pk, claim.text)]
    assert type(CompiledQuery(by_pk, pk=-1).rows(pk=claim.pk)[0]) is tuple


def test_a_sample_may_occur_several_times(db):
    low, middle, high = (ClaimFactory().pk for _ in range(3))
    query = CompiledQuery(
        lambda pk: Claim.objects.filter(Q(pk=pk) | Q(pk__gt=pk)).order_by("pk").values_list("pk"),
        pk=-1,
    )
    assert query.rows(pk=middle) == [(middle,), (high,)]
    assert query.rows(pk=low) == [(low,), (middle,), (high,)]


def test_columns_added_for_distinct_ordering_are_not_returned(db):
    """Permission orders by its content type: DISTINCT adds those columns to the SELECT."""
    query = CompiledQuery(
        lambda codename: (
            Permission.objects.filter(codename=codename).distinct().values_list("codename")
        ),
        codename="(a codename)",
    )
    assert query.rows(codename="view_claim") == [("view_claim",)]


def test_every_sample_needs_a_value(db):
    query = CompiledQuery(by_pk, pk=-1)
    with pytest.raises(TypeError, match="pk"):
        query.rows()
    with pytest.raises(TypeError):
        query.rows(pk=1, other=2)


def test_samples_are_integers_strings_or_aware_datetimes_found_in_the_query(db):
    with pytest.raises(ImproperlyConfigured, match="an int, a str or an aware datetime"):
        CompiledQuery(by_pk, pk=datetime.date(2020, 1, 1))
    with pytest.raises(ImproperlyConfigured, match="an int, a str or an aware datetime"):
        CompiledQuery(by_pk, pk=datetime.datetime(2020, 1, 1))
    with pytest.raises(ImproperlyConfigured, match="not among the query's values"):
        CompiledQuery(lambda pk: Claim.objects.values_list("pk"), pk=-1).rows(pk=1)


def test_a_value_planned_with_is_written_into_the_sql(db):
    """Each value its own statement: a plan prepared for one is never reused for another."""
    from django.db import connection

    low, middle, high = (ClaimFactory().pk for _ in range(3))
    high_text = Claim.objects.get(pk=high).text
    query = CompiledQuery(
        lambda pk, text: (
            Claim.objects.filter(Q(pk=pk) | Q(pk__gt=pk))
            .exclude(text=text)
            .order_by("pk")
            .values_list("pk")
        ),
        planned_with=("pk",),
        pk=-1,
        text="(some text)",
    )
    sent = []

    def record(execute, sql, params, many, context):
        sent.append((sql, list(params)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert query.rows(pk=middle, text="") == [(middle,), (high,)]
        assert query.rows(pk=low, text="") == [(low,), (middle,), (high,)]
        assert query.rows(pk=high, text=high_text) == []
    (first, first_params), (second, second_params), (_, third_params) = sent
    assert f"= {middle}" in first
    assert f"> {middle}" in first
    assert f"= {low}" in second
    assert first_params == second_params == [""]
    assert third_params == [high_text]


def test_only_an_int_is_written_into_the_sql(db):
    with pytest.raises(ImproperlyConfigured, match="Only an int sample"):
        CompiledQuery(lambda text: Claim.objects.filter(text=text), planned_with=["text"], text="")
    with pytest.raises(ImproperlyConfigured, match="Only an int sample"):
        CompiledQuery(by_pk, planned_with=("other",), pk=-1)
    query = CompiledQuery(by_pk, planned_with=("pk",), pk=-1)
    with pytest.raises(TypeError, match="must be an int"):
        query.rows(pk="1 OR 1=1")


def _fields(obj) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


@pytest.mark.parametrize("factory", [ClaimFactory, SnapshotFactory, StatementFactory])
def test_object_by_pk_is_the_object_the_orm_gets(db, factory):
    made = factory()
    model = type(made)
    found = object_by_pk(model._default_manager, made.pk)
    expected = model._default_manager.get(pk=made.pk)
    assert type(found) is model
    assert _fields(found) == _fields(expected)
    assert not found._state.adding
    assert found._state.db == expected._state.db
    assert not found.get_deferred_fields()


def test_object_by_pk_is_none_for_no_such_object(db):
    assert object_by_pk(Claim.objects, 10**12) is None


def test_object_by_pk_runs_one_query_whatever_the_manager_adds(db, django_assert_num_queries):
    claim = ClaimFactory()
    object_by_pk(Claim.objects, claim.pk)
    with django_assert_num_queries(1) as queries:
        assert object_by_pk(Claim.objects, claim.pk).text == claim.text
    assert "ORDER BY" not in queries.captured_queries[0]["sql"]


def test_a_foreign_key_given_by_id_is_read_by_the_compiled_query(db, monkeypatch):
    """A serializer's foreign key reads its object with ``object_by_pk``; an id of no object
    is the field's own error."""
    claim = ClaimFactory()
    read = mock.Mock(side_effect=object_by_pk)
    monkeypatch.setattr("core.api.serializers.object_by_pk", read)
    field = StatementSerializer().fields["claim"]
    assert field.to_internal_value(claim.pk) == claim
    read.assert_called_once_with(field.queryset, claim.pk)
    with pytest.raises(ValidationError) as refused:
        field.to_internal_value(10**12)
    message = field.error_messages["does_not_exist"].format(pk_value=10**12)
    assert refused.value.detail == [message]
    assert refused.value.detail[0].code == "does_not_exist"


def test_a_datetime_sample_takes_each_run_s_datetime(db):
    """A date-time goes to the database as the ORM sends it (text on SQLite)."""
    old, new = ClaimFactory(), ClaimFactory()
    assert old.created_at < new.created_at
    sample = datetime.datetime(1999, 12, 31, 23, 59, tzinfo=datetime.UTC)
    query = CompiledQuery(
        lambda since: Claim.objects.filter(created_at__gte=since).order_by("pk").values_list("pk"),
        since=sample,
    )
    assert query.rows(since=old.created_at) == [(old.pk,), (new.pk,)]
    assert query.rows(since=new.created_at) == [(new.pk,)]
    in_paris = datetime.timezone(datetime.timedelta(hours=1))
    assert query.rows(since=new.created_at.astimezone(in_paris)) == [(new.pk,)]
    assert query.rows(since=new.created_at + datetime.timedelta(microseconds=1)) == []


def texts_matching(pattern):
    return Claim.objects.filter(text__regex=pattern).order_by("pk").values_list("pk")


def test_queries_run_together_give_each_the_rows_it_gives_alone(db, django_assert_num_queries):
    first, second = ClaimFactory(text="Troops crossed"), ClaimFactory(text="Troops left")
    by_id = CompiledQuery(by_pk, pk=-1)
    matching = CompiledQuery(texts_matching, pattern="^sample$")
    runs = [
        (by_id, {"pk": second.pk}),
        (matching, {"pattern": "^Troops"}),
        (by_id, {"pk": 10**12}),
        (matching, {"pattern": "left$"}),
    ]
    with django_assert_num_queries(4):
        together = rows_together(runs)
    assert together == [query.rows(**values) for query, values in runs]
    assert together[1] == [(first.pk,), (second.pk,)]
    assert type(together[0][0]) is tuple


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pipelines are PostgreSQL's")
def test_queries_run_together_go_to_postgresql_in_one_pipeline(db):
    claim = ClaimFactory()
    query = CompiledQuery(by_pk, pk=-1)
    statuses = []

    def record(execute, sql, params, many, context):
        statuses.append(connection.connection.pgconn.pipeline_status)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        rows_together([(query, {"pk": claim.pk})] * 3)
        query.rows(pk=claim.pk)
    assert statuses == [pq.PipelineStatus.ON] * 3 + [pq.PipelineStatus.OFF]


def test_queries_run_together_see_the_transaction_s_own_writes(db):
    query = CompiledQuery(by_pk, pk=-1)
    with transaction.atomic():
        claim = ClaimFactory()
        [[row], []] = rows_together([(query, {"pk": claim.pk}), (query, {"pk": 10**12})])
    assert row[0] == claim.pk


def test_an_error_in_queries_run_together_is_the_database_s_and_leaves_the_connection_usable(
    db,
):
    claim = ClaimFactory()
    by_id, matching = CompiledQuery(by_pk, pk=-1), CompiledQuery(texts_matching, pattern="^x$")
    with pytest.raises(DatabaseError), transaction.atomic():
        rows_together([(by_id, {"pk": claim.pk}), (matching, {"pattern": "("})])
    assert rows_together([(by_id, {"pk": claim.pk})])[0][0][0] == claim.pk
