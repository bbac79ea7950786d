"""API representations of claims, statements, citations and claim relations.

Lists are brief; details carry the structure a fact-checker reads: a claim's statements, each
statement's citations, the chain of each citation from its origin, and the denials. Every
nested object comes from what the viewset prefetched, so no representation runs a query per row.
"""

import functools
from typing import NamedTuple

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import Hyperlink

from claims import matching, services
from claims.chains import chain_to, describe_chain
from claims.choices import AccessMode, CitationRole, RelationKind, Stance
from claims.highlight import highlight
from claims.models import Citation, Claim, ClaimRelation, Statement
from core.api.errors import validation_messages
from core.api.serializers import (
    WITHDRAWAL_FIELDS,
    BriefRelatedField,
    BriefSerializer,
    DetailUrlField,
    ModelSerializer,
    ServiceSerializer,
    StrictSerializer,
    WithdrawalFields,
    detail_url_prefix,
)
from core.validators import MAX_BIGINT
from sources.api.serializers import ActorBriefSerializer, SourceBriefSerializer
from sources.models import Actor, Source

# The longest text POST /claims/match/ takes, and the most claims it answers.
MATCH_TEXT_MAX_LENGTH = 10_000
MATCH_MAX_LIMIT = matching.MAX_LIMIT

# Search highlights


@extend_schema_field(
    {
        "type": "array",
        "nullable": True,
        "items": {
            "type": "array",
            "items": {"type": "integer", "minimum": 0},
            "minItems": 2,
            "maxItems": 2,
        },
        "example": [[4, 12], [20, 27]],
    }
)
class HighlightField(serializers.Field):
    """Where a searched list's query (``?q=``) matched a text: see ``claims.highlight``."""

    def __init__(self, text: str, *, language: str | None = None, fixed_language="", **kwargs):
        self.text_attribute, self.language_attribute = text, language
        self.fixed_language = fixed_language
        super().__init__(read_only=True, source="*", **kwargs)

    def search_query(self) -> str | None:
        if getattr(self.context.get("view"), "action", None) != "list":
            return None
        request = self.context.get("request")
        query = request.query_params.get("q", "").strip() if request is not None else ""
        return query or None

    def to_representation(self, obj):
        query = self.search_query()
        if query is None:
            return None
        if self.language_attribute:
            language = getattr(obj, self.language_attribute)
        else:
            language = self.fixed_language
        return highlight(getattr(obj, self.text_attribute), query, language)


def highlight_field(text: str, **kwargs) -> HighlightField:
    return HighlightField(
        text,
        help_text=f"In a list searched with `q`: where the query's words are in `{text}`, as "
        "`[start, end]` offsets in code points (Unicode characters, not UTF-16 units or "
        "bytes), sorted and not overlapping; only the positive terms of the query are "
        "highlighted, each word stemmed as the text's language is. Null when the list is not "
        "searched.",
        **kwargs,
    )


# Claims


class ClaimBriefSerializer(BriefSerializer):
    """A claim referred to from another object: what identifies it, no counts."""

    url = DetailUrlField(view_name="api:claim-detail")
    quantity_display = serializers.CharField(read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "url", "display", "text", "language", "kind", "quantity_display"]


class ClaimListSerializer(ClaimBriefSerializer):
    """A claim in a list: the brief form with how many statements and denials it has."""

    statement_count = serializers.IntegerField(read_only=True)
    denial_count = serializers.IntegerField(read_only=True)
    highlight = highlight_field("text", language="language")

    class Meta(ClaimBriefSerializer.Meta):
        fields = [
            *ClaimBriefSerializer.Meta.fields,
            "statement_count",
            "denial_count",
            "created_at",
            "updated_at",
            "highlight",
        ]


# The stages a match's signals score, in the order they are answered.
MATCH_STAGES = ("bm25", "bm25_relative", "embedding", "token_match")


def _boolean(value) -> bool | None:
    return None if value is None else bool(value)


# The nested objects of a detail, written without a serializer per object


class PlainRepresentations:
    """A claim's detail and the objects it nests (statements, citations, chains, denials,
    relations, actors, sources), as their serializers below represent them, field for field,
    with the URLs of one request.

    A detail nests dozens of objects, each of which a serializer would represent through a
    field object per value (and the chains through a serializer per citation): here each is
    one dictionary. ``tests/claims/api/test_claim_detail_pinned.py`` holds both to the same
    bytes. ``of()`` answers None where a URL would not be a route's prefix and the id (a
    format suffix, a context without a request): the serializers then represent as usual.
    """

    VIEW_NAMES = (
        "api:actor-detail",
        "api:source-detail",
        "api:claim-detail",
        "api:statement-detail",
        "api:citation-detail",
        "api:claimrelation-detail",
    )
    _date = serializers.DateField()
    # As ModelSerializer maps Claim's quantity fields.
    _quantity = serializers.DecimalField(max_digits=20, decimal_places=4)
    _datetime = serializers.DateTimeField()

    def __init__(self, prefixes: dict[str, str]):
        self.actor_url = prefixes["api:actor-detail"]
        self.source_url = prefixes["api:source-detail"]
        self.claim_url = prefixes["api:claim-detail"]
        self.statement_url = prefixes["api:statement-detail"]
        self.citation_url = prefixes["api:citation-detail"]
        self.relation_url = prefixes["api:claimrelation-detail"]

    @classmethod
    def of(cls, context) -> "PlainRepresentations | None":
        request = context.get("request")
        if request is None or context.get("format"):
            return None
        cached = request.__dict__.get("_plain_representations", False)
        if cached is False:
            prefixes = {name: detail_url_prefix(name, request) for name in cls.VIEW_NAMES}
            cached = None if None in prefixes.values() else cls(prefixes)
            request.__dict__["_plain_representations"] = cached
        return cached

    def quantity(self, value):
        return None if value is None else self._quantity.to_representation(value)

    def date(self, value):
        return None if value is None else self._date.to_representation(value)

    def datetime(self, value):
        return None if value is None else self._datetime.to_representation(value)

    def actor(self, actor) -> dict | None:
        if actor is None:
            return None
        return {
            "id": actor.pk,
            "url": Hyperlink(f"{self.actor_url}{actor.pk}/", actor),
            "display": str(actor),
            "name": actor.name,
            "kind": actor.kind,
        }

    def source(self, source) -> dict:
        return {
            "id": source.pk,
            "url": Hyperlink(f"{self.source_url}{source.pk}/", source),
            "display": str(source),
            "kind": source.kind,
            "title": source.title,
            "publisher": self.actor(source.publisher) if source.publisher_id else None,
            "published_on": self.date(source.published_on),
            "published_precision": source.published_precision,
        }

    def chain(self, links) -> list[dict]:
        return [
            {
                "citation": link.pk,
                "source": self.source(link.source),
                "role": link.role,
                "access": link.access,
            }
            for link in links
        ]

    def citation(self, citation) -> dict:
        """As ``StatementCitationSerializer``."""
        links = chain_of(citation)
        return {
            "id": citation.pk,
            "url": Hyperlink(f"{self.citation_url}{citation.pk}/", citation),
            "source": self.source(citation.source),
            "role": citation.role,
            "access": citation.access,
            "quote": citation.quote,
            "quote_verified": citation.quote_verified,
            "quote_start": citation.quote_start,
            "quote_end": citation.quote_end,
            "snapshot": citation.snapshot_id,
            "locator": citation.locator,
            "retrieved_on": self.date(citation.retrieved_on),
            "derived_from": citation.derived_from_id,
            "chain": self.chain(links),
            "chain_display": describe_chain(links),
            "withdrawn_at": self.datetime(citation.withdrawn_at),
        }

    def statement_url_of(self, statement) -> Hyperlink:
        return Hyperlink(f"{self.statement_url}{statement.pk}/", statement)

    def statement_reference(self, statement) -> dict | None:
        """As ``StatementReferenceSerializer``."""
        if statement is None:
            return None
        return {
            "id": statement.pk,
            "url": self.statement_url_of(statement),
            "speaker": statement.speaker,
            "stance": statement.stance,
        }

    def statement_said(self, statement) -> dict:
        """What a statement says and where it is recorded, as both its representations have
        it: when, in answer to what, how surely, and its citations."""
        return {
            "stated_on": self.date(statement.stated_on),
            "stated_precision": statement.stated_precision,
            "responds_to": (
                self.statement_reference(statement.responds_to)
                if statement.responds_to_id
                else None
            ),
            "confidence": statement.confidence,
            "note": statement.note,
            "citations": [self.citation(c) for c in statement.citations.all()],
        }

    def statement(self, statement) -> dict:
        """As ``ClaimStatementSerializer``."""
        return {
            "id": statement.pk,
            "url": self.statement_url_of(statement),
            "actor": self.actor(statement.actor) if statement.actor_id else None,
            "speaker": statement.speaker,
            "speaker_label": statement.speaker_label,
            "stance": statement.stance,
            **self.statement_said(statement),
            "withdrawn_at": self.datetime(statement.withdrawn_at),
        }

    def denial(self, statement) -> dict:
        """As ``DenialSerializer``."""
        return {
            "id": statement.pk,
            "url": self.statement_url_of(statement),
            "actor": self.actor(statement.actor) if statement.actor_id else None,
            "speaker": statement.speaker,
            "stated_on": self.date(statement.stated_on),
            "responds_to": statement.responds_to_id,
            "quotes": [c.quote for c in statement.citations.all() if c.quote],
        }

    def withdrawal(self, obj) -> dict:
        """As ``WithdrawalFields``, with the times a resource's own detail shows."""
        withdrawn_by = obj.withdrawn_by
        return {
            "withdrawn_at": self.datetime(obj.withdrawn_at),
            "withdrawn_by": None if withdrawn_by is None else withdrawn_by.username,
            "withdrawal_reason": obj.withdrawal_reason,
            "created_at": self.datetime(obj.created_at),
            "updated_at": self.datetime(obj.updated_at),
        }

    def statement_brief(self, statement) -> dict:
        """As ``StatementBriefSerializer``."""
        return {
            "id": statement.pk,
            "url": self.statement_url_of(statement),
            "display": str(statement),
            "claim": statement.claim_id,
            "actor": self.actor(statement.actor) if statement.actor_id else None,
            "speaker": statement.speaker,
            "stance": statement.stance,
            "stated_on": self.date(statement.stated_on),
        }

    def statement_detail(self, statement) -> dict:
        """As ``StatementSerializer``: a statement's own detail."""
        return {
            "id": statement.pk,
            "uuid": str(statement.uuid),
            "url": self.statement_url_of(statement),
            "display": str(statement),
            "claim": self.claim_brief(statement.claim),
            "actor": self.actor(statement.actor) if statement.actor_id else None,
            "speaker_label": statement.speaker_label,
            "speaker": statement.speaker,
            "stance": statement.stance,
            **self.statement_said(statement),
            **self.withdrawal(statement),
        }

    def citation_detail(self, citation) -> dict:
        """As ``CitationSerializer`` outside a searched list: a citation's own detail."""
        links = chain_of(citation)
        return {
            "id": citation.pk,
            "uuid": str(citation.uuid),
            "url": Hyperlink(f"{self.citation_url}{citation.pk}/", citation),
            "display": str(citation),
            "statement": self.statement_brief(citation.statement),
            "source": self.source(citation.source),
            "role": citation.role,
            "derived_from": citation.derived_from_id,
            "access": citation.access,
            "quote": citation.quote,
            "quote_prefix": citation.quote_prefix,
            "quote_suffix": citation.quote_suffix,
            "snapshot": citation.snapshot_id,
            "quote_start": citation.quote_start,
            "quote_end": citation.quote_end,
            "quote_verified": citation.quote_verified,
            "locator": citation.locator,
            "retrieved_on": self.date(citation.retrieved_on),
            "chain": self.chain(links),
            "chain_display": describe_chain(links),
            **self.withdrawal(citation),
            "highlight": None,
        }

    def claim_brief(self, claim) -> dict:
        """As ``ClaimBriefSerializer``."""
        return {
            "id": claim.pk,
            "url": Hyperlink(f"{self.claim_url}{claim.pk}/", claim),
            "display": str(claim),
            "text": claim.text,
            "language": claim.language,
            "kind": claim.kind,
            "quantity_display": claim.quantity_display,
        }

    def claim(self, claim) -> dict:
        """As ``ClaimSerializer`` in a detail (no highlight)."""
        return {
            "id": claim.pk,
            "uuid": str(claim.uuid),
            "url": Hyperlink(f"{self.claim_url}{claim.pk}/", claim),
            "display": str(claim),
            "text": claim.text,
            "language": claim.language,
            "kind": claim.kind,
            "quantity_value": self.quantity(claim.quantity_value),
            "quantity_upper": self.quantity(claim.quantity_upper),
            "quantity_comparator": claim.quantity_comparator,
            "quantity_unit": claim.quantity_unit,
            "quantity_display": claim.quantity_display,
            "period_start": self.date(claim.period_start),
            "period_end": self.date(claim.period_end),
            "period_precision": claim.period_precision,
            "period_display": claim.period_display,
            "place": claim.place,
            "about": [self.actor(actor) for actor in claim.about.all()],
            "topics": [topic.name for topic in claim.topics.all()],
            "statements": [self.statement(s) for s in claim.statements.all()],
            "denials": [self.denial(s) for s in denials_of(claim)],
            "relations": [self.relation(seen) for seen in relations_of(claim)],
            **self.withdrawal(claim),
            "highlight": None,
        }

    def match_result(self, match) -> dict:
        """As ``ClaimMatchResultSerializer``."""
        signals = match.signals
        numbers, actors, stages = signals["numbers"], signals["actors"], signals["stages"]
        through = signals["found_through"]
        return {
            "claim": self.claim_brief(match.claim),
            "score": float(match.score),
            "signals": {
                "shared_terms": [str(term) for term in signals["shared_terms"]],
                "numbers": {
                    "text": [str(number) for number in numbers["text"]],
                    "claim": [str(number) for number in numbers["claim"]],
                    "agree": _boolean(numbers["agree"]),
                },
                "actors": {
                    "shared": [str(name) for name in actors["shared"]],
                    "claim_only": [str(name) for name in actors["claim_only"]],
                    "agree": _boolean(actors["agree"]),
                },
                "stages": {name: float(stages[name]) for name in MATCH_STAGES},
                "found_through": (
                    None
                    if through is None
                    else {"kind": str(through["kind"]), "text": str(through["text"])}
                ),
            },
        }

    def relation(self, seen) -> dict:
        """As ``RelatedClaimSerializer``."""
        relation = seen.relation
        return {
            "id": relation.pk,
            "url": Hyperlink(f"{self.relation_url}{relation.pk}/", relation),
            "kind": relation.kind,
            "direction": seen.direction,
            "other": self.claim_brief(seen.other),
            "note": relation.note,
        }


def plain_detail_representations(serializer, detail_class) -> PlainRepresentations | None:
    """What writes ``serializer``'s objects in full, unless its fields were shaped
    (``?fields=``, which builds them), a subclass adds some, or a searched list shows
    highlights: those take the fields."""
    plain = PlainRepresentations.of(serializer.context)
    if (
        plain is None
        or type(serializer) is not detail_class
        or "fields" in serializer.__dict__
        or getattr(serializer.context.get("view"), "action", None) == "list"
    ):
        return None
    return plain


# Citations and their chains


def chain_of(citation) -> list:
    """The links from the origin to ``citation``, walked through its statement's citations.

    The viewsets prefetch those citations (with their sources), so this runs no query.
    """
    siblings = {link.pk: link for link in citation.statement.citations.all()}
    return chain_to(citation, siblings)


class ChainLinkSerializer(serializers.Serializer):
    """One link of a chain: which citation, in which source, in which role, with which access."""

    citation = serializers.IntegerField(source="pk", read_only=True)
    source = SourceBriefSerializer(read_only=True)
    role = serializers.ChoiceField(choices=CitationRole.choices, read_only=True)
    access = serializers.ChoiceField(choices=AccessMode.choices, read_only=True)


class ChainMixin(serializers.Serializer):
    """A citation's chain, as links and in words."""

    chain = serializers.SerializerMethodField(
        help_text="The links from the origin to this citation, origin first."
    )
    chain_display = serializers.SerializerMethodField(
        help_text="The chain in words: “X — report (not public) → seen by Y → republished by Z”."
    )

    @functools.cached_property
    def chain_links(self) -> serializers.ListSerializer:
        """One serializer of links for every citation this serializer shows."""
        return ChainLinkSerializer(many=True, context=self.context)

    def chain_links_of(self, citation) -> list:
        """``chain_of(citation)``, walked once for both fields."""
        chains = self.__dict__.setdefault("_chains", {})
        if citation.pk not in chains:
            chains[citation.pk] = chain_of(citation)
        return chains[citation.pk]

    @extend_schema_field(ChainLinkSerializer(many=True))
    def get_chain(self, citation):
        plain = PlainRepresentations.of(self.context)
        if plain is not None:
            return plain.chain(self.chain_links_of(citation))
        return self.chain_links.to_representation(self.chain_links_of(citation))

    @extend_schema_field(OpenApiTypes.STR)
    def get_chain_display(self, citation):
        return describe_chain(self.chain_links_of(citation))


class StatementCitationSerializer(ChainMixin, ModelSerializer):
    """A citation shown under its statement, with its chain."""

    url = DetailUrlField(view_name="api:citation-detail")
    source = SourceBriefSerializer(read_only=True)

    class Meta:
        model = Citation
        fields = [
            "id",
            "url",
            "source",
            "role",
            "access",
            "quote",
            "quote_verified",
            "quote_start",
            "quote_end",
            "snapshot",
            "locator",
            "retrieved_on",
            "derived_from",
            "chain",
            "chain_display",
            "withdrawn_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        plain = PlainRepresentations.of(self.context)
        return super().to_representation(instance) if plain is None else plain.citation(instance)


# Statements


class StatementReferenceSerializer(ModelSerializer):
    """The statement another one responds to: who, and which stance."""

    url = DetailUrlField(view_name="api:statement-detail")
    speaker = serializers.CharField(read_only=True)

    class Meta:
        model = Statement
        fields = ["id", "url", "speaker", "stance"]


class StatementBriefSerializer(BriefSerializer):
    url = DetailUrlField(view_name="api:statement-detail")
    actor = ActorBriefSerializer(read_only=True, allow_null=True)
    speaker = serializers.CharField(read_only=True)

    class Meta:
        model = Statement
        fields = ["id", "url", "display", "claim", "actor", "speaker", "stance", "stated_on"]


class ClaimStatementSerializer(ModelSerializer):
    """A statement shown under its claim, with its citations and their chains."""

    url = DetailUrlField(view_name="api:statement-detail")
    actor = ActorBriefSerializer(read_only=True, allow_null=True)
    speaker = serializers.CharField(
        read_only=True, help_text="The actor's name, or the speaker as written."
    )
    responds_to = StatementReferenceSerializer(read_only=True, allow_null=True)
    citations = StatementCitationSerializer(many=True, read_only=True)

    class Meta:
        model = Statement
        fields = [
            "id",
            "url",
            "actor",
            "speaker",
            "speaker_label",
            "stance",
            "stated_on",
            "stated_precision",
            "responds_to",
            "confidence",
            "note",
            "citations",
            "withdrawn_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        plain = PlainRepresentations.of(self.context)
        return super().to_representation(instance) if plain is None else plain.statement(instance)


class DenialSerializer(ModelSerializer):
    """A statement denying the claim, with the words it was recorded in."""

    url = DetailUrlField(view_name="api:statement-detail")
    actor = ActorBriefSerializer(read_only=True, allow_null=True)
    speaker = serializers.CharField(read_only=True)
    quotes = serializers.SerializerMethodField(help_text="The quotes of its citations.")

    class Meta:
        model = Statement
        fields = ["id", "url", "actor", "speaker", "stated_on", "responds_to", "quotes"]
        read_only_fields = fields

    def to_representation(self, instance):
        plain = PlainRepresentations.of(self.context)
        return super().to_representation(instance) if plain is None else plain.denial(instance)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_quotes(self, statement):
        return [citation.quote for citation in statement.citations.all() if citation.quote]


class RelationFromClaim(NamedTuple):
    """A claim relation seen from one of its claims."""

    relation: ClaimRelation
    direction: str
    other: Claim


class RelatedClaimSerializer(serializers.Serializer):
    """A claim relation seen from one of its claims.

    ``outgoing``: this claim <kind> the other; ``incoming``: the other <kind> this claim.
    """

    id = serializers.IntegerField(source="relation.pk", read_only=True)
    url = serializers.HyperlinkedRelatedField(
        source="relation", view_name="api:claimrelation-detail", read_only=True
    )
    kind = serializers.ChoiceField(
        source="relation.kind", choices=RelationKind.choices, read_only=True
    )
    direction = serializers.ChoiceField(choices=["outgoing", "incoming"], read_only=True)
    other = ClaimBriefSerializer(read_only=True)
    note = serializers.CharField(source="relation.note", read_only=True)

    def to_representation(self, instance):
        plain = PlainRepresentations.of(self.context)
        return super().to_representation(instance) if plain is None else plain.relation(instance)


class TopicNamesField(serializers.ListField):
    """A claim's topics as names; a name no topic has yet makes a new topic."""

    def get_attribute(self, instance):
        return [topic.name for topic in instance.topics.all()]


def denials_of(claim) -> list:
    return [s for s in claim.statements.all() if s.stance == Stance.DENIES]


def relations_of(claim) -> list[RelationFromClaim]:
    """The claim's relations both ways, in the order they were made."""
    relations = [
        *(RelationFromClaim(r, "outgoing", r.to_claim) for r in claim.relations_from.all()),
        *(RelationFromClaim(r, "incoming", r.from_claim) for r in claim.relations_to.all()),
    ]
    relations.sort(key=lambda seen: seen.relation.pk)
    return relations


class ClaimSerializer(WithdrawalFields, ServiceSerializer):
    """A claim in full: its structure, statements, citations with chains, denials, relations."""

    url = DetailUrlField(view_name="api:claim-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    quantity_display = serializers.CharField(read_only=True)
    period_display = serializers.CharField(read_only=True)
    about = BriefRelatedField(
        ActorBriefSerializer, queryset=Actor.objects, many=True, required=False
    )
    topics = TopicNamesField(
        child=serializers.CharField(max_length=100),
        required=False,
        max_length=100,
        help_text="Topic names; writing the list replaces the topics, creating new ones.",
    )
    statements = ClaimStatementSerializer(many=True, read_only=True)
    denials = serializers.SerializerMethodField(help_text="The statements that deny the claim.")
    relations = serializers.SerializerMethodField(
        help_text="The claim relations from and to this claim."
    )
    highlight = highlight_field("text", language="language")

    class Meta:
        model = Claim
        fields = [
            "id",
            "uuid",
            "url",
            "display",
            "text",
            "language",
            "kind",
            "quantity_value",
            "quantity_upper",
            "quantity_comparator",
            "quantity_unit",
            "quantity_display",
            "period_start",
            "period_end",
            "period_precision",
            "period_display",
            "place",
            "about",
            "topics",
            "statements",
            "denials",
            "relations",
            *WITHDRAWAL_FIELDS,
            "created_at",
            "updated_at",
            "highlight",
        ]

    @extend_schema_field(DenialSerializer(many=True))
    def get_denials(self, claim):
        return DenialSerializer(denials_of(claim), many=True, context=self.context).data

    @extend_schema_field(RelatedClaimSerializer(many=True))
    def get_relations(self, claim):
        return RelatedClaimSerializer(relations_of(claim), many=True, context=self.context).data

    def to_representation(self, instance):
        """The whole claim, as ``PlainRepresentations.claim`` writes it where it can."""
        plain = plain_detail_representations(self, ClaimSerializer)
        return super().to_representation(instance) if plain is None else plain.claim(instance)

    def save_with_service(self, instance, m2m, user):
        names = m2m.get("topics")
        topics = None
        if names is not None:
            try:
                topics = [services.topic_get_or_create(name=name, user=user) for name in names]
            except DjangoValidationError as error:
                messages = [m for ms in validation_messages(error).values() for m in ms]
                raise DjangoValidationError({"topics": messages}) from error
        return services.claim_save(claim=instance, about=m2m.get("about"), topics=topics, user=user)


# Statements and citations as resources


class StatementSerializer(WithdrawalFields, ServiceSerializer):
    """A statement in full, with its citations and their chains."""

    url = DetailUrlField(view_name="api:statement-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    claim = BriefRelatedField(ClaimBriefSerializer, queryset=Claim.objects)
    actor = BriefRelatedField(
        ActorBriefSerializer, queryset=Actor.objects, required=False, allow_null=True
    )
    speaker = serializers.CharField(
        read_only=True, help_text="The actor's name, or the speaker as written."
    )
    responds_to = BriefRelatedField(
        StatementReferenceSerializer,
        queryset=Statement.objects,
        required=False,
        allow_null=True,
    )
    citations = StatementCitationSerializer(many=True, read_only=True)

    class Meta:
        model = Statement
        fields = [
            "id",
            "uuid",
            "url",
            "display",
            "claim",
            "actor",
            "speaker_label",
            "speaker",
            "stance",
            "stated_on",
            "stated_precision",
            "responds_to",
            "confidence",
            "note",
            "citations",
            *WITHDRAWAL_FIELDS,
            "created_at",
            "updated_at",
        ]

    def to_representation(self, instance):
        plain = plain_detail_representations(self, StatementSerializer)
        if plain is None:
            return super().to_representation(instance)
        return plain.statement_detail(instance)

    def save_with_service(self, instance, m2m, user):
        return services.statement_save(statement=instance, user=user)


class CitationBriefSerializer(BriefSerializer):
    url = DetailUrlField(view_name="api:citation-detail")
    source = SourceBriefSerializer(read_only=True)
    # Quotes are searched with English stemming (claims.search), and highlighted likewise.
    highlight = highlight_field("quote", fixed_language="en")

    class Meta:
        model = Citation
        fields = [
            "id",
            "url",
            "display",
            "statement",
            "source",
            "role",
            "quote_verified",
            "highlight",
        ]


class CitationSerializer(WithdrawalFields, ChainMixin, ServiceSerializer):
    """A citation in full, with its chain.

    The quote is located in the snapshot on every save: ``quote_start``, ``quote_end`` and
    ``quote_verified`` are computed, and a quote not found in its snapshot is refused.
    """

    url = DetailUrlField(view_name="api:citation-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    statement = BriefRelatedField(StatementBriefSerializer, queryset=Statement.objects)
    source = BriefRelatedField(SourceBriefSerializer, queryset=Source.objects)
    highlight = highlight_field("quote", fixed_language="en")

    class Meta:
        model = Citation
        fields = [
            "id",
            "uuid",
            "url",
            "display",
            "statement",
            "source",
            "role",
            "derived_from",
            "access",
            "quote",
            "quote_prefix",
            "quote_suffix",
            "snapshot",
            "quote_start",
            "quote_end",
            "quote_verified",
            "locator",
            "retrieved_on",
            "chain",
            "chain_display",
            *WITHDRAWAL_FIELDS,
            "created_at",
            "updated_at",
            "highlight",
        ]

    def to_representation(self, instance):
        plain = plain_detail_representations(self, CitationSerializer)
        if plain is None:
            return super().to_representation(instance)
        return plain.citation_detail(instance)

    def save_with_service(self, instance, m2m, user):
        return services.citation_save(citation=instance, user=user)


class ClaimRelationBriefSerializer(BriefSerializer):
    url = DetailUrlField(view_name="api:claimrelation-detail")

    class Meta:
        model = ClaimRelation
        fields = ["id", "url", "display", "from_claim", "to_claim", "kind"]


class ClaimRelationSerializer(ServiceSerializer):
    url = DetailUrlField(view_name="api:claimrelation-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    from_claim = BriefRelatedField(ClaimBriefSerializer, queryset=Claim.objects)
    to_claim = BriefRelatedField(ClaimBriefSerializer, queryset=Claim.objects)

    class Meta:
        model = ClaimRelation
        fields = [
            "id",
            "uuid",
            "url",
            "display",
            "from_claim",
            "to_claim",
            "kind",
            "note",
            "created_at",
            "updated_at",
        ]

    def save_with_service(self, instance, m2m, user):
        return services.claim_relation_save(relation=instance, user=user)


# Matching a text against the record


class ClaimMatchSerializer(StrictSerializer):
    """A text to match against the record's claims (a tweet, a post, a quote).

    Strict like every request body: ``"5"``, ``true`` or ``2.5`` for the limit and a number
    for the text are refused, not converted.
    """

    text = serializers.CharField(
        max_length=MATCH_TEXT_MAX_LENGTH,
        help_text="The text to match: links, @handles' marks, hashtags' # and an embedded "
        "tweet's “— Name (@handle) date” tail are cleaned away first.",
    )
    limit = serializers.IntegerField(
        min_value=1,
        max_value=MATCH_MAX_LIMIT,
        default=10,
        help_text=f"How many claims to answer, 1 to {MATCH_MAX_LIMIT}.",
    )
    exclude = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_BIGINT),
        max_length=MATCH_MAX_LIMIT,
        default=list,
        help_text="Ids of claims to leave out before ranking, such as the claim whose own "
        f"text is matched (at most {MATCH_MAX_LIMIT}); ids of no claim are ignored.",
    )

    def validate_text(self, value):
        if not matching.has_terms(value):
            raise serializers.ValidationError(
                "Nothing to match once links, handles and punctuation are removed."
            )
        return value


class MatchNumbersSerializer(serializers.Serializer):
    text = serializers.ListField(child=serializers.CharField(), help_text="The text's numbers.")
    claim = serializers.ListField(child=serializers.CharField(), help_text="The claim's.")
    agree = serializers.BooleanField(
        allow_null=True,
        help_text="Whether they share one; null when either states none. Numbers that "
        "differ (3,500 against 35,000) lower the score.",
    )


class MatchActorsSerializer(serializers.Serializer):
    shared = serializers.ListField(
        child=serializers.CharField(), help_text="Names both mention (folded, stemmed)."
    )
    claim_only = serializers.ListField(
        child=serializers.CharField(),
        help_text="Names the claim mentions and the text does not (when the text names any).",
    )
    agree = serializers.BooleanField(
        allow_null=True,
        help_text="Whether they name someone in common; null when either names no one. "
        "Naming different people lowers the score.",
    )


class MatchStagesSerializer(serializers.Serializer):
    bm25 = serializers.FloatField(help_text="The candidate's BM25 score.")
    bm25_relative = serializers.FloatField(help_text="Its BM25 over the best candidate's.")
    embedding = serializers.FloatField(help_text="Cosine similarity of the embeddings.")
    token_match = serializers.FloatField(
        help_text="For each token of the text, its closest token of the claim (cosine of "
        "their vectors), averaged."
    )


class MatchFoundThroughSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text="What the text is: `external_fact_check`, a fact-check of the "
        "claim published elsewhere (its headline, or the claim in its publisher's words)."
    )
    text = serializers.CharField(help_text="The text the claim was ranked on.")


class MatchSignalsSerializer(serializers.Serializer):
    shared_terms = serializers.ListField(
        child=serializers.CharField(), help_text="The index terms (stems) both share."
    )
    numbers = MatchNumbersSerializer()
    actors = MatchActorsSerializer()
    stages = MatchStagesSerializer()
    found_through = MatchFoundThroughSerializer(
        allow_null=True,
        help_text="Null when the claim's own text matched best; otherwise the other text of "
        "the claim that did, which the other signals then describe.",
    )


class ClaimMatchResultSerializer(serializers.Serializer):
    claim = ClaimBriefSerializer(read_only=True)
    score = serializers.FloatField(
        help_text="How likely the claim is the one the text makes, 0 to 1."
    )
    signals = MatchSignalsSerializer(help_text="Why it ranks where it does.")

    def to_representation(self, instance):
        plain = plain_detail_representations(self, ClaimMatchResultSerializer)
        if plain is None:
            return super().to_representation(instance)
        return plain.match_result(instance)


class ClaimMatchResultsSerializer(serializers.Serializer):
    results = ClaimMatchResultSerializer(many=True, help_text="Best first.")


# How many duplicate candidates a new claim's answer carries.
SIMILAR_ON_CREATE = 5


class ClaimCreatedSerializer(ClaimSerializer):
    """A claim just created, with the claims of the record that may say the same."""

    similar = ClaimMatchResultSerializer(
        many=True,
        read_only=True,
        allow_null=True,
        help_text=f"Up to {SIMILAR_ON_CREATE} other current claims that best match the new "
        "claim's text, best first: duplicate candidates, never a refusal (a `duplicate_of` "
        "relation records one). Null when matching is turned off or could not answer; the "
        "claim is saved either way.",
    )

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "similar"]
