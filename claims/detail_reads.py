"""A claim's detail read by compiled queries: the objects ``for_detail().with_relations()``
gives, without building and compiling its querysets on every request. A statement's and a
citation's, as the answer to their writes reads them, the same way (two queries each). The
API's detail and write answers read them, and so does the claim's change page in the admin.

Building the prefetches of a detail (the claim, its statements, their citations, its actors,
topics and relations both ways) costs more than running their indexed queries. Here each is a
``CompiledQuery`` on the claim's id, and the rows become the model instances the ORM would
have made, linked as its ``select_related`` and ``prefetch_related`` link them: every
related object cached, every prefetched relation's queryset holding its rows. The
representation (``ClaimSerializer``, ``PlainRepresentations``) reads them as it reads the
ORM's, and ``tests/claims/api/test_claim_detail_pinned.py`` holds both to the same bytes.

Six queries, each on an index of the claim's id (the citations through their statements',
the relations both ways through either end's), sent together
(``core.compiled.rows_together``: one round trip on PostgreSQL). The order of every list is
the models' own, as the prefetches have it. Each query reads its own snapshot, as the
prefetches' do: a citation whose statement was written after the statements were read is
left out, as a prefetch by the statements' ids leaves it. A statement's two queries (it, its
citations) and a citation's (it, its statement's citations) are sent together too.
"""

import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model, Q, signals
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.manager import BaseManager
from django.db.models.query_utils import DeferredAttribute

from claims.models import Citation, Claim, ClaimRelation, Statement, Topic
from core.compiled import CompiledQuery, rows_together
from core.models import ExternallyIdentified
from sources.models import Actor, Source

# Any id: replaced by the claim's on every run.
SAMPLE_ID = 7_700_001

# The largest id a primary key holds (a bigint); anything else is no claim.
MAX_ID = 2**63 - 1


@functools.cache
def _fields(model) -> tuple[str, ...]:
    return tuple(field.attname for field in model._meta.concrete_fields)


# The attributes of concrete fields that only store their value in the instance's dict (a
# file field's, say, does more).
_PLAIN_ATTRIBUTES = (DeferredAttribute, ForeignKeyDeferredAttribute)


@functools.cache
def _made_without_init(model) -> bool:
    """Whether an instance of ``model`` read with all its fields can be made by filling its
    dict: nothing listens to its construction, its ``__init__`` does nothing more for a row
    read (``Model``'s, or ``ExternallyIdentified``'s, whose class attribute stands for what it
    sets), and every field's attribute just stores the value."""
    own_inits = {base for base in model.__mro__ if "__init__" in vars(base)} - {object}
    return (
        own_inits <= {Model, ExternallyIdentified}
        and not signals.pre_init.has_listeners(model)
        and not signals.post_init.has_listeners(model)
        and all(
            type(model.__dict__.get(field.attname)) in _PLAIN_ATTRIBUTES
            for field in model._meta.concrete_fields
        )
    )


def _instance(model, values: tuple):
    """``model.from_db()`` of a row of all its fields (``_fields(model)``, in order), without
    ``Model.__init__``'s work for each field where it would do nothing more
    (``_made_without_init``): a detail builds some thirty instances a request."""
    if not _made_without_init(model):
        return model.from_db(DEFAULT_DB_ALIAS, _fields(model), values)
    instance = model.__new__(model)
    instance.__dict__.update(zip(_fields(model), values, strict=True))
    state = instance._state = ModelState()
    state.adding = False
    state.db = DEFAULT_DB_ALIAS
    return instance


def _columns(prefix: str, model) -> list[str]:
    return [f"{prefix}{name}" for name in _fields(model)]


# The user who withdrew the claim: the representation shows the username only.
_WITHDRAWN_BY = ("id", "username")

_CLAIM = CompiledQuery(
    lambda claim: Claim.objects.filter(pk=claim).values_list(
        *_fields(Claim), *(f"withdrawn_by__{name}" for name in _WITHDRAWN_BY)
    ),
    claim=SAMPLE_ID,
)
# A statement, its actor, and the statement it responds to with that one's actor.
_STATEMENT_COLUMNS = (
    *_fields(Statement),
    *_columns("actor__", Actor),
    *_columns("responds_to__", Statement),
    *_columns("responds_to__actor__", Actor),
)
_STATEMENTS = CompiledQuery(
    lambda claim: Statement.objects.filter(claim_id=claim).values_list(*_STATEMENT_COLUMNS),
    claim=SAMPLE_ID,
)
_CITATIONS = CompiledQuery(
    lambda claim: Citation.objects.filter(statement__claim_id=claim).values_list(
        *_fields(Citation),
        *_columns("source__", Source),
        *_columns("source__publisher__", Actor),
    ),
    claim=SAMPLE_ID,
)
_ABOUT = CompiledQuery(
    lambda claim: Actor.objects.filter(claims_about__id=claim).values_list(*_fields(Actor)),
    claim=SAMPLE_ID,
)
_TOPICS = CompiledQuery(
    lambda claim: Topic.objects.filter(claims__id=claim).values_list(*_fields(Topic)),
    claim=SAMPLE_ID,
)
# The relations from and to the claim, each with the claims at both ends (one of them the
# claim itself: no claim relates to itself).
_RELATIONS = CompiledQuery(
    lambda claim: ClaimRelation.objects.filter(
        Q(from_claim_id=claim) | Q(to_claim_id=claim)
    ).values_list(
        *_fields(ClaimRelation), *_columns("from_claim__", Claim), *_columns("to_claim__", Claim)
    ),
    claim=SAMPLE_ID,
)


class _Rows:
    """Reads model instances off a row, field group after field group."""

    def __init__(self, row: tuple):
        self.row = row
        self.at = 0

    def take(self, model):
        """The next group's instance; None when its primary key is NULL (an outer join that
        found nothing)."""
        names = _fields(model)
        values = self.row[self.at : self.at + len(names)]
        self.at += len(names)
        if values[names.index(model._meta.pk.attname)] is None:
            return None
        return _instance(model, values)

    def skip(self, model) -> None:
        """Pass the next group by: its instance is not wanted."""
        self.at += len(_fields(model))


def _cache(instance, field_name: str, value) -> None:
    """``instance.<field_name>`` is ``value`` without a query, as ``select_related`` sets it."""
    type(instance)._meta.get_field(field_name).set_cached_value(instance, value)


@dataclass(frozen=True)
class _Relation:
    """How the manager of a many-valued relation filters its queryset for an instance
    (``_apply_rel_filters``), read once from one manager: ``for_instance`` then makes the
    queryset a manager would, without making the manager (a detail holds seven or more)."""

    queryset_class: type
    model: type
    # The filter's names, each with the instance's attribute it takes; None for the
    # instance itself (a reverse foreign key's filter).
    filters: tuple[tuple[str, str | None], ...]
    # A reverse foreign key: the key, and the attribute of the instance its rows point at.
    known: tuple | None
    sticky: bool  # many-to-many: a further filter on the relation joins it once

    @classmethod
    def of(cls, instance, name: str) -> "_Relation | None":
        """The relation ``name`` of ``instance``'s model; None where its manager is not the
        plain related manager of its model's default manager, which ``for_instance`` would
        not make as it does."""
        manager = getattr(instance, name)
        default = manager.model._default_manager
        if type(default).get_queryset is not BaseManager.get_queryset or manager._db:
            return None
        if getattr(manager, "through", None) is not None:  # many-to-many
            sides = manager.source_field.related_fields
            if len(sides) != len(manager.core_filters):
                return None
            filters = tuple(
                (key, right.attname)
                for key, (_left, right) in zip(manager.core_filters, sides, strict=True)
            )
            return cls(default._queryset_class, manager.model, filters, None, sticky=True)
        field = manager.field
        if manager.core_filters != {field.name: instance} or len(field.foreign_related_fields) > 1:
            return None
        target = field.target_field.attname
        return cls(
            default._queryset_class, manager.model, ((field.name, None),), (field, target), False
        )

    def for_instance(self, instance):
        queryset = self.queryset_class(model=self.model, hints={"instance": instance})
        queryset._fetch_mode = instance._state.fetch_mode
        filters = {
            key: instance if attname is None else getattr(instance, attname)
            for key, attname in self.filters
        }
        # Applied when something asks for the query (a further filter, say), as a related
        # manager defers its filter.
        queryset._deferred_filter = (False, (), filters)
        queryset._query.filter_is_sticky = self.sticky
        if self.known is not None:
            field, target = self.known
            queryset._known_related_objects = {field: {getattr(instance, target): instance}}
        return queryset


_RELATIONS_READ: dict[tuple[type, str], _Relation | None] = {}


def _prefetched(instance, name: str, objects: list) -> None:
    """``instance.<name>.all()`` is ``objects`` without a query, as ``prefetch_related``
    leaves it: the manager's queryset (``_Relation``), holding them."""
    key = (type(instance), name)
    if key not in _RELATIONS_READ:
        _RELATIONS_READ[key] = _Relation.of(instance, name)
    relation = _RELATIONS_READ[key]
    if relation is None:
        queryset = getattr(instance, name).get_queryset()
    else:
        queryset = relation.for_instance(instance)
    queryset._result_cache = objects
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def _withdrawn_by(row: _Rows, instance) -> None:
    """The last group of ``row``: who withdrew ``instance`` (id and username), or nobody."""
    values = row.row[row.at : row.at + len(_WITHDRAWN_BY)]
    row.at += len(_WITHDRAWN_BY)
    user = None
    if values[0] is not None:
        user = get_user_model().from_db(DEFAULT_DB_ALIAS, _WITHDRAWN_BY, values)
    _cache(instance, "withdrawn_by", user)


def _statement(row: _Rows) -> Statement:
    """The next groups of ``row``: a statement, its actor, the statement it responds to and
    that one's actor (``_STATEMENT_COLUMNS``)."""
    statement = row.take(Statement)
    _cache(statement, "actor", row.take(Actor))
    responds_to = row.take(Statement)
    responds_actor = row.take(Actor)
    if responds_to is not None:
        _cache(responds_to, "actor", responds_actor)
    _cache(statement, "responds_to", responds_to)
    return statement


def claim_for_detail(claim_id: int) -> Claim | None:
    """The claim with everything its detail shows, or None if there is no such claim."""
    if not 0 < claim_id <= MAX_ID:
        return None
    queries = (_CLAIM, _STATEMENTS, _CITATIONS, _ABOUT, _TOPICS, _RELATIONS)
    found = rows_together([(query, {"claim": claim_id}) for query in queries])
    claim_rows, statement_rows, citation_rows, about, topics, relations = found
    if not claim_rows:
        return None
    row = _Rows(claim_rows[0])
    claim = row.take(Claim)
    _withdrawn_by(row, claim)

    statements, by_id = [], {}
    for values in statement_rows:
        row = _Rows(values)
        statement = _statement(row)
        _cache(statement, "claim", claim)
        statements.append(statement)
        by_id[statement.pk] = statement

    citations = {pk: [] for pk in by_id}
    for values in citation_rows:
        row = _Rows(values)
        citation = row.take(Citation)
        source = row.take(Source)
        _cache(source, "publisher", row.take(Actor))
        _cache(citation, "source", source)
        statement = by_id.get(citation.statement_id)
        if statement is None:  # its statement was added after the statements were read
            continue
        _cache(citation, "statement", statement)
        citations[statement.pk].append(citation)
    for statement in statements:
        _prefetched(statement, "citations", citations[statement.pk])

    _prefetched(claim, "statements", statements)
    _prefetched(claim, "about", [_Rows(values).take(Actor) for values in about])
    _prefetched(claim, "topics", [_Rows(values).take(Topic) for values in topics])
    outgoing, incoming = [], []
    for values in relations:
        row = _Rows(values)
        relation = row.take(ClaimRelation)
        if relation.from_claim_id == claim.pk:  # the claim's own end is not built again
            row.skip(Claim)
            from_claim, to_claim, related = claim, row.take(Claim), outgoing
        else:
            from_claim = row.take(Claim)
            row.skip(Claim)
            to_claim, related = claim, incoming
        _cache(relation, "from_claim", from_claim)
        _cache(relation, "to_claim", to_claim)
        related.append(relation)
    _prefetched(claim, "relations_from", outgoing)
    _prefetched(claim, "relations_to", incoming)
    return claim


# A statement as ``StatementViewSet.shape_full`` reads it, and its citations (``with_chains``).
_STATEMENT = CompiledQuery(
    lambda statement: Statement.objects.filter(pk=statement).values_list(
        *_STATEMENT_COLUMNS,
        *_columns("claim__", Claim),
        *(f"withdrawn_by__{name}" for name in _WITHDRAWN_BY),
    ),
    statement=SAMPLE_ID,
)
_STATEMENT_CITATIONS = CompiledQuery(
    lambda statement: Citation.objects.filter(statement_id=statement).values_list(
        *_fields(Citation), *_columns("source__", Source), *_columns("source__publisher__", Actor)
    ),
    statement=SAMPLE_ID,
)
# A citation as ``CitationViewSet.shape_full`` reads it, and its statement's citations.
_CITATION = CompiledQuery(
    lambda citation: Citation.objects.filter(pk=citation).values_list(
        *_fields(Citation),
        *_columns("statement__", Statement),
        *_columns("statement__claim__", Claim),
        *_columns("statement__actor__", Actor),
        *_columns("source__", Source),
        *_columns("source__publisher__", Actor),
        *(f"withdrawn_by__{name}" for name in _WITHDRAWN_BY),
    ),
    citation=SAMPLE_ID,
)
_CITATION_SIBLINGS = CompiledQuery(
    lambda citation: Citation.objects.filter(statement__citations__id=citation).values_list(
        *_fields(Citation), *_columns("source__", Source), *_columns("source__publisher__", Actor)
    ),
    citation=SAMPLE_ID,
)


def _citations_of(statement: Statement, rows: list[tuple]) -> list[Citation]:
    """The statement's citations from their ``rows``, each with its source and the source's
    publisher, and the statement (whose citations the chains walk)."""
    citations = []
    for values in rows:
        row = _Rows(values)
        citation = row.take(Citation)
        source = row.take(Source)
        _cache(source, "publisher", row.take(Actor))
        _cache(citation, "source", source)
        _cache(citation, "statement", statement)
        citations.append(citation)
    return citations


def statement_for_detail(statement_id: int) -> Statement | None:
    """The statement with everything its detail shows, or None if there is no such
    statement."""
    if not 0 < statement_id <= MAX_ID:
        return None
    runs = [(query, {"statement": statement_id}) for query in (_STATEMENT, _STATEMENT_CITATIONS)]
    rows, citations = rows_together(runs)
    if not rows:
        return None
    row = _Rows(rows[0])
    statement = _statement(row)
    _cache(statement, "claim", row.take(Claim))
    _withdrawn_by(row, statement)
    _prefetched(statement, "citations", _citations_of(statement, citations))
    return statement


def citation_for_detail(citation_id: int) -> Citation | None:
    """The citation with everything its detail shows (its statement's citations for its
    chains), or None if there is no such citation."""
    if not 0 < citation_id <= MAX_ID:
        return None
    runs = [(query, {"citation": citation_id}) for query in (_CITATION, _CITATION_SIBLINGS)]
    rows, siblings = rows_together(runs)
    if not rows:
        return None
    row = _Rows(rows[0])
    citation = row.take(Citation)
    statement = row.take(Statement)
    _cache(statement, "claim", row.take(Claim))
    _cache(statement, "actor", row.take(Actor))
    _cache(citation, "statement", statement)
    source = row.take(Source)
    _cache(source, "publisher", row.take(Actor))
    _cache(citation, "source", source)
    _withdrawn_by(row, citation)
    _prefetched(statement, "citations", _citations_of(statement, siblings))
    return citation
