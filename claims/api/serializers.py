"""API representations of claims, statements, citations and claim relations.

Lists are brief; details carry the structure a fact-checker reads: a claim's statements, each
statement's citations, the chain of each citation from its origin, and the denials. Every
nested object comes from what the viewset prefetched, so no representation runs a query per row.
"""

from typing import NamedTuple

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

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
    ServiceSerializer,
    StrictSerializer,
    WithdrawalFields,
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

    @extend_schema_field(ChainLinkSerializer(many=True))
    def get_chain(self, citation):
        return ChainLinkSerializer(chain_of(citation), many=True, context=self.context).data

    @extend_schema_field(OpenApiTypes.STR)
    def get_chain_display(self, citation):
        return describe_chain(chain_of(citation))


class StatementCitationSerializer(ChainMixin, serializers.ModelSerializer):
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


# Statements


class StatementReferenceSerializer(serializers.ModelSerializer):
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


class ClaimStatementSerializer(serializers.ModelSerializer):
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


class DenialSerializer(serializers.ModelSerializer):
    """A statement denying the claim, with the words it was recorded in."""

    url = DetailUrlField(view_name="api:statement-detail")
    actor = ActorBriefSerializer(read_only=True, allow_null=True)
    speaker = serializers.CharField(read_only=True)
    quotes = serializers.SerializerMethodField(help_text="The quotes of its citations.")

    class Meta:
        model = Statement
        fields = ["id", "url", "actor", "speaker", "stated_on", "responds_to", "quotes"]
        read_only_fields = fields

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


class TopicNamesField(serializers.ListField):
    """A claim's topics as names; a name no topic has yet makes a new topic."""

    def get_attribute(self, instance):
        return [topic.name for topic in instance.topics.all()]


class ClaimSerializer(WithdrawalFields, ServiceSerializer):
    """A claim in full: its structure, statements, citations with chains, denials, relations."""

    url = DetailUrlField(view_name="api:claim-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    quantity_display = serializers.CharField(read_only=True)
    period_display = serializers.CharField(read_only=True)
    about = BriefRelatedField(
        ActorBriefSerializer, queryset=Actor.objects.all(), many=True, required=False
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
        denials = [s for s in claim.statements.all() if s.stance == Stance.DENIES]
        return DenialSerializer(denials, many=True, context=self.context).data

    @extend_schema_field(RelatedClaimSerializer(many=True))
    def get_relations(self, claim):
        relations = [
            *(RelationFromClaim(r, "outgoing", r.to_claim) for r in claim.relations_from.all()),
            *(RelationFromClaim(r, "incoming", r.from_claim) for r in claim.relations_to.all()),
        ]
        relations.sort(key=lambda seen: seen.relation.pk)
        return RelatedClaimSerializer(relations, many=True, context=self.context).data

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
    claim = BriefRelatedField(ClaimBriefSerializer, queryset=Claim.objects.all())
    actor = BriefRelatedField(
        ActorBriefSerializer, queryset=Actor.objects.all(), required=False, allow_null=True
    )
    speaker = serializers.CharField(
        read_only=True, help_text="The actor's name, or the speaker as written."
    )
    responds_to = BriefRelatedField(
        StatementReferenceSerializer,
        queryset=Statement.objects.all(),
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
    statement = BriefRelatedField(StatementBriefSerializer, queryset=Statement.objects.all())
    source = BriefRelatedField(SourceBriefSerializer, queryset=Source.objects.all())
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
    from_claim = BriefRelatedField(ClaimBriefSerializer, queryset=Claim.objects.all())
    to_claim = BriefRelatedField(ClaimBriefSerializer, queryset=Claim.objects.all())

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
