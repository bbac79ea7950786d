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

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from claims.models import Citation, Claim, ClaimRelation, Statement, Topic
from core.compiled import CompiledQuery, rows_together
from core.rows import concrete_attnames, instance_from_row, prefetched
from sources.models import Actor, Source

# Any id: replaced by the claim's on every run.
SAMPLE_ID = 7_700_001

# The largest id a primary key holds (a bigint); anything else is no claim.
MAX_ID = 2**63 - 1


def _columns(prefix: str, model) -> list[str]:
    return [f"{prefix}{name}" for name in concrete_attnames(model)]


# The user who withdrew the claim: the representation shows the username only.
_WITHDRAWN_BY = ("id", "username")

_CLAIM = CompiledQuery(
    lambda claim: Claim.objects.filter(pk=claim).values_list(
        *concrete_attnames(Claim), *(f"withdrawn_by__{name}" for name in _WITHDRAWN_BY)
    ),
    claim=SAMPLE_ID,
)
# A statement, its actor, and the statement it responds to with that one's actor.
_STATEMENT_COLUMNS = (
    *concrete_attnames(Statement),
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
        *concrete_attnames(Citation),
        *_columns("source__", Source),
        *_columns("source__publisher__", Actor),
    ),
    claim=SAMPLE_ID,
)
_ABOUT = CompiledQuery(
    lambda claim: Actor.objects.filter(claims_about__id=claim).values_list(
        *concrete_attnames(Actor)
    ),
    claim=SAMPLE_ID,
)
_TOPICS = CompiledQuery(
    lambda claim: Topic.objects.filter(claims__id=claim).values_list(*concrete_attnames(Topic)),
    claim=SAMPLE_ID,
)
# The relations from and to the claim, each with the claims at both ends (one of them the
# claim itself: no claim relates to itself).
_RELATIONS = CompiledQuery(
    lambda claim: ClaimRelation.objects.filter(
        Q(from_claim_id=claim) | Q(to_claim_id=claim)
    ).values_list(
        *concrete_attnames(ClaimRelation),
        *_columns("from_claim__", Claim),
        *_columns("to_claim__", Claim),
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
        names = concrete_attnames(model)
        values = self.row[self.at : self.at + len(names)]
        self.at += len(names)
        if values[names.index(model._meta.pk.attname)] is None:
            return None
        return instance_from_row(model, values)

    def skip(self, model) -> None:
        """Pass the next group by: its instance is not wanted."""
        self.at += len(concrete_attnames(model))


def _cache(instance, field_name: str, value) -> None:
    """``instance.<field_name>`` is ``value`` without a query, as ``select_related`` sets it."""
    type(instance)._meta.get_field(field_name).set_cached_value(instance, value)


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
        prefetched(statement, "citations", citations[statement.pk])

    prefetched(claim, "statements", statements)
    prefetched(claim, "about", [_Rows(values).take(Actor) for values in about])
    prefetched(claim, "topics", [_Rows(values).take(Topic) for values in topics])
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
    prefetched(claim, "relations_from", outgoing)
    prefetched(claim, "relations_to", incoming)
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
        *concrete_attnames(Citation),
        *_columns("source__", Source),
        *_columns("source__publisher__", Actor),
    ),
    statement=SAMPLE_ID,
)
# A citation as ``CitationViewSet.shape_full`` reads it, and its statement's citations.
_CITATION = CompiledQuery(
    lambda citation: Citation.objects.filter(pk=citation).values_list(
        *concrete_attnames(Citation),
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
        *concrete_attnames(Citation),
        *_columns("source__", Source),
        *_columns("source__publisher__", Actor),
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
    prefetched(statement, "citations", _citations_of(statement, citations))
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
    prefetched(statement, "citations", _citations_of(statement, siblings))
    return citation
