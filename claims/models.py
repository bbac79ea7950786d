"""The record: what is claimed, by whom, where it is recorded, and how claims relate."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.utils.text import slugify

from core import dates
from core.constraints import choices_check, withdrawal_check
from core.dates import DatePrecision
from core.models import ExternallyIdentified, History, TimestampedModel, Withdrawable
from core.validators import LANGUAGE_TAG_PATTERN, validate_language_tag, validate_storable_text
from sources.models import Actor, Snapshot, Source

from .choices import (
    AccessMode,
    CitationRole,
    ClaimKind,
    Comparator,
    Confidence,
    RelationKind,
    Stance,
)
from .querysets import (
    CitationQuerySet,
    ClaimQuerySet,
    ClaimRelationQuerySet,
    StatementQuerySet,
    TopicQuerySet,
    period_first,
    period_last,
)
from .quotes import (
    QUOTE_MAX_LENGTH,
    fold,
    locate_quote,
    locate_quote_typographically,
    quote_not_found_message,
)

_COMPARATOR_LABELS = {comparator.value: comparator.label for comparator in Comparator}
_BETWEEN = Comparator.BETWEEN.value


# A topic's slug made from its name: room left for a number ("-2") after it.
SLUG_BASE_LENGTH = 90


class Topic(TimestampedModel):
    """A subject claims are grouped under ("Libya conflict", "foreign fighters")."""

    name = models.CharField(max_length=100, unique=True, validators=[validate_storable_text])
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text="Made from the name, in its own script, when left blank.",
    )

    objects = TopicQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = self.name.strip()
        self.slug = self.slug or self.free_slug()

    def free_slug(self) -> str:
        """The name's slug in its own script ("ливия" for "Ливия"; "topic" for a name of no
        letters or digits), with "-2", "-3"… added when another topic has it: two names
        that differ only in punctuation, or in scripts slugs would drop, both get one."""
        base = slugify(self.name, allow_unicode=True)[:SLUG_BASE_LENGTH].strip("-_") or "topic"
        others = Topic.objects.filter(slug__startswith=base)
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        taken = set(others.values_list("slug", flat=True))
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug


class Claim(Withdrawable, TimestampedModel, ExternallyIdentified):
    """One checkable proposition in canonical wording, with optional structure."""

    # Dates known to a precision, which a year or a month given alone sets (API, admin).
    PARTIAL_DATES = {"period_start": "period_precision", "period_end": "period_precision"}

    text = models.TextField(
        validators=[validate_storable_text],
        help_text="The proposition in canonical wording, checkable on its own.",
    )
    language = models.CharField(
        max_length=35, default="en", validators=[validate_language_tag], db_index=True
    )
    kind = models.CharField(
        max_length=16,
        choices=ClaimKind.choices,
        default=ClaimKind.FACTUAL,
        help_text="A stated position (a threat, a promise) is recorded, not rated true or false.",
    )
    quantity_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    quantity_upper = models.DecimalField(
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Upper bound, only with “between”.",
    )
    quantity_comparator = models.CharField(max_length=16, choices=Comparator.choices, blank=True)
    quantity_unit = models.CharField(
        max_length=100, blank=True, validators=[validate_storable_text]
    )
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    period_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.CharField(max_length=200, blank=True, validators=[validate_storable_text])
    about = models.ManyToManyField(
        Actor, blank=True, related_name="claims_about", help_text="The actors the claim is about."
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="claims")

    objects = ClaimQuerySet.as_manager()
    history = History(m2m_fields=[about, topics])

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            choices_check("kind", ClaimKind),
            withdrawal_check(),
            choices_check("quantity_comparator", Comparator, blank=True),
            choices_check("period_precision", DatePrecision),
            models.CheckConstraint(
                condition=Q(quantity_comparator="") | Q(quantity_value__isnull=False),
                name="%(app_label)s_%(class)s_comparator_needs_value",
                violation_error_message="A comparator needs a value.",
            ),
            models.CheckConstraint(
                condition=Q(quantity_value__isnull=True) | ~Q(quantity_comparator=""),
                name="%(app_label)s_%(class)s_value_needs_comparator",
                violation_error_message="A value needs a comparator (exactly, about, more than…).",
            ),
            models.CheckConstraint(
                condition=~Q(quantity_comparator=Comparator.BETWEEN)
                | Q(quantity_upper__isnull=False, quantity_upper__gt=F("quantity_value")),
                name="%(app_label)s_%(class)s_between_needs_upper_above_value",
                violation_error_message="“Between” needs an upper bound above the value.",
            ),
            models.CheckConstraint(
                condition=Q(quantity_comparator=Comparator.BETWEEN)
                | Q(quantity_upper__isnull=True),
                name="%(app_label)s_%(class)s_upper_only_with_between",
                violation_error_message="An upper bound goes only with “between”.",
            ),
            models.CheckConstraint(
                condition=Q(quantity_unit="") | Q(quantity_value__isnull=False),
                name="%(app_label)s_%(class)s_unit_needs_value",
                violation_error_message="A unit needs a value.",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="%(app_label)s_%(class)s_period_end_not_before_start",
                violation_error_message="The period cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(language__regex=LANGUAGE_TAG_PATTERN),
                name="%(app_label)s_%(class)s_language_format",
            ),
        ]
        # For the API's filters: a period overlapping a range, a quantity range. Full-text
        # search indexes are PostgreSQL-only (migration 0002_search_indexes).
        indexes = [
            models.Index(period_first(), name="claims_claim_period_first_idx"),
            models.Index(period_last(), name="claims_claim_period_last_idx"),
            models.Index(
                fields=["quantity_value"],
                condition=Q(quantity_value__isnull=False),
                name="claims_claim_quantity_idx",
            ),
        ]

    def __str__(self):
        return self.display_text(self.text)

    @staticmethod
    def display_text(text: str) -> str:
        """A claim's text as lists show it: at most 100 characters."""
        return text if len(text) <= 100 else f"{text[:99]}…"

    @property
    def quantity_display(self) -> str:
        """The structured quantity in words: "more than 3,500 Syrian fighters"."""
        return self.describe_quantity(
            self.quantity_value, self.quantity_upper, self.quantity_comparator, self.quantity_unit
        )

    @staticmethod
    def describe_quantity(value, upper, comparator: str, unit: str) -> str:
        if value is None:
            return ""
        # Lists describe a quantity per row: plain strings and f-strings, no enum look-ups.
        words = f"{value.normalize():,f}"
        if upper is not None and comparator == _BETWEEN:
            words = f"{words} and {upper.normalize():,f}"
        label = _COMPARATOR_LABELS.get(comparator)
        if label:
            words = f"{label} {words}"
        return f"{words} {unit}" if unit else words

    @property
    def period_display(self) -> str:
        if self.period_start is None and self.period_end is None:
            return ""
        start = dates.display(self.period_start, self.period_precision) or "…"
        end = dates.display(self.period_end, self.period_precision) or "…"
        return start if start == end else f"{start} – {end}"


class Statement(Withdrawable, TimestampedModel, ExternallyIdentified):
    """One actor's stance on a claim: asserts, denies, disputes, confirms, retracts, declines."""

    PARTIAL_DATES = {"stated_on": "stated_precision"}

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="statements")
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text="Who took the stance; leave empty for an unnamed speaker.",
    )
    speaker_label = models.CharField(
        "speaker as written",
        max_length=255,
        blank=True,
        validators=[validate_storable_text],
        help_text="The words the source uses for the speaker (“Western officials”).",
    )
    stance = models.CharField(max_length=16, choices=Stance.choices, default=Stance.ASSERTS)
    stated_on = models.DateField(null=True, blank=True)
    stated_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    responds_to = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="responses",
        help_text="The statement this one answers (a denial answers an accusation).",
    )
    confidence = models.CharField(
        max_length=8,
        choices=Confidence.choices,
        default=Confidence.HIGH,
        help_text="How sure the record is that the speaker took this stance.",
    )
    note = models.TextField(blank=True, validators=[validate_storable_text])

    objects = StatementQuerySet.as_manager()
    history = History(read_by=("claim",))

    class Meta:
        ordering = ["claim_id", "stated_on", "id"]
        constraints = [
            choices_check("stance", Stance),
            withdrawal_check(),
            choices_check("stated_precision", DatePrecision),
            choices_check("confidence", Confidence),
            models.CheckConstraint(
                condition=Q(actor__isnull=False) | ~Q(speaker_label=""),
                name="%(app_label)s_%(class)s_has_speaker",
                violation_error_message="A statement needs an actor or the speaker as written.",
            ),
            models.CheckConstraint(
                condition=~Q(responds_to=F("pk")),
                name="%(app_label)s_%(class)s_not_responding_to_itself",
                violation_error_message="A statement cannot respond to itself.",
            ),
        ]
        indexes = [
            models.Index(fields=["claim", "stance"]),
            # The claims an actor took a stance on (denied, for ?denied_by=), newest first,
            # read from the index alone.
            models.Index(fields=["actor", "stance", "claim"], name="claims_statement_actor_stance"),
            # An actor's claims, newest first, read from the index alone (?actor= of claims).
            models.Index(fields=["actor", "claim"], name="claims_statement_actor_claim"),
        ]

    def __str__(self):
        return f"{self.speaker} {self.get_stance_display()}: {self.claim}"

    @property
    def history_label(self) -> str:
        """How history diffs name it (``core.diffs``): ``str()`` would read its actor."""
        return f"Statement #{self.pk}"

    @property
    def speaker(self) -> str:
        if self.actor_id:
            return str(self.actor)
        return self.speaker_label

    def clean(self):
        self.stated_on = dates.truncate(self.stated_on, self.stated_precision)
        if self.responds_to_id is None:
            return
        if self.pk and self.responds_to_id == self.pk:
            raise ValidationError({"responds_to": "A statement cannot respond to itself."})
        if self.claim_id is not None and self.responds_to.claim_id != self.claim_id:
            # A denial answers an assertion of the same claim; answering one of another claim
            # would have the record say someone was answered about what they never claimed.
            raise ValidationError(
                {"responds_to": "A statement can only respond to a statement on the same claim."}
            )
        seen, current = {self.pk}, self.responds_to
        while current is not None:
            if current.pk in seen:
                raise ValidationError({"responds_to": "These responses would form a loop."})
            seen.add(current.pk)
            current = current.responds_to


class Citation(Withdrawable, TimestampedModel, ExternallyIdentified):
    """Where a statement is recorded: a source, its place in the chain, and the exact words."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    role = models.CharField(max_length=16, choices=CitationRole.choices)
    derived_from = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="derivatives",
        help_text="The citation this source took the statement from: the chain's previous link.",
    )
    access = models.CharField(
        max_length=16,
        choices=AccessMode.choices,
        default=AccessMode.DIRECT,
        help_text="How this source had access to what it relays.",
    )
    quote = models.TextField(
        blank=True,
        validators=[validate_storable_text, MaxLengthValidator(QUOTE_MAX_LENGTH)],
        help_text="The exact words, as they stand in the source.",
    )
    quote_prefix = models.CharField(
        max_length=200, blank=True, help_text="Text just before the quote (filled in if empty)."
    )
    quote_suffix = models.CharField(
        max_length=200, blank=True, help_text="Text just after the quote (filled in if empty)."
    )
    snapshot = models.ForeignKey(
        Snapshot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="citations",
        help_text="The captured text the quote is checked against.",
    )
    quote_start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    quote_end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    quote_verified = models.BooleanField(
        default=False,
        editable=False,
        help_text="The quote was found verbatim in the snapshot at the stored offsets.",
    )
    locator = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_storable_text],
        help_text="Page, paragraph or timecode.",
    )
    retrieved_on = models.DateField(null=True, blank=True)

    objects = CitationQuerySet.as_manager()
    history = History(read_by=("statement",))

    class Meta:
        ordering = ["statement_id", "id"]
        constraints = [
            choices_check("role", CitationRole),
            withdrawal_check(),
            choices_check("access", AccessMode),
            models.CheckConstraint(
                condition=~Q(derived_from=F("pk")),
                name="%(app_label)s_%(class)s_not_derived_from_itself",
                violation_error_message="A citation cannot derive from itself.",
            ),
            models.CheckConstraint(
                condition=~Q(role=CitationRole.ORIGIN) | Q(derived_from__isnull=True),
                name="%(app_label)s_%(class)s_origin_derives_from_nothing",
                violation_error_message="An origin citation derives from nothing.",
            ),
            models.CheckConstraint(
                condition=Q(quote_verified=False)
                | Q(
                    snapshot__isnull=False,
                    quote_start__isnull=False,
                    quote_end__isnull=False,
                    quote_end__gt=F("quote_start"),
                    quote_end=F("quote_start") + Length("quote"),
                ),
                name="%(app_label)s_%(class)s_verified_quote_located",
                violation_error_message=(
                    "A verified quote needs a snapshot and offsets that span the quote."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["source", "role"]),
            # The admin's filters of current citations, in the list's order: a rare role or
            # access (or none at all) is read from these, not found by walking every citation.
            models.Index(
                fields=["role", "statement", "id"],
                condition=Q(withdrawn_at__isnull=True),
                name="claims_citation_role_list",
            ),
            models.Index(
                fields=["access", "statement", "id"],
                condition=Q(withdrawn_at__isnull=True),
                name="claims_citation_access_list",
            ),
            # Quotes not (yet) found in their snapshot: a checker's work list.
            models.Index(
                fields=["statement", "id"],
                condition=Q(withdrawn_at__isnull=True, quote_verified=False),
                name="claims_citation_unverified",
            ),
        ]

    def __str__(self):
        return f"{self.source} ({self.get_role_display()})"

    @property
    def history_label(self) -> str:
        """How history diffs name it (``core.diffs``): ``str()`` would read its source."""
        return f"Citation #{self.pk}"

    def clean(self):
        errors = {}
        if self.derived_from_id is not None:
            errors.update(self._chain_errors())
        if self.snapshot_id and self.source_id and self.snapshot.source_id != self.source_id:
            errors["snapshot"] = "The snapshot must be of this citation's source."
        if errors:
            raise ValidationError(errors)
        if len(self.quote) <= QUOTE_MAX_LENGTH:  # a longer one is refused by its validator
            self._verify_quote()

    def _chain_errors(self) -> dict:
        if self.role == CitationRole.ORIGIN:
            return {"derived_from": "An origin citation derives from nothing."}
        if self.pk and self.derived_from_id == self.pk:
            return {"derived_from": "A citation cannot derive from itself."}
        if self.statement_id and self.derived_from.statement_id != self.statement_id:
            return {"derived_from": "The chain must stay within this citation's statement."}
        seen, link = {self.pk}, self.derived_from
        while link is not None:
            if link.pk in seen:
                return {"derived_from": "This link would make the chain a loop."}
            seen.add(link.pk)
            link = link.derived_from
        return {}

    def _verify_quote(self):
        """Locate the quote in the snapshot and record where; a quote not there is an error.

        Verification is recomputed on every save, so it can never outlive a changed quote.
        A translation is the one role whose words need not stand in the snapshot.
        """
        self.quote_verified = False
        location = None
        if self.quote and self.snapshot_id:
            text = self.snapshot.text
            location = locate_quote(
                text,
                self.quote,
                prefix=self.quote_prefix,
                suffix=self.quote_suffix,
                start=self.quote_start,
            )
            if location is None:
                folded = fold(text)
                location = locate_quote_typographically(text, self.quote, folded)
                if location is not None:
                    # Typed with other quote marks, dashes or spaces: the snapshot's own
                    # characters are what is stored.
                    self.quote = text[location.start : location.end]
                elif self.role != CitationRole.TRANSLATES:
                    raise ValidationError(
                        {"quote": quote_not_found_message(text, self.quote, folded)}
                    )
        if location is None:
            self.quote_start = self.quote_end = None
            return
        self.quote_start, self.quote_end = location.start, location.end
        self.quote_prefix, self.quote_suffix = location.prefix, location.suffix
        self.quote_verified = True

    @property
    def quote_in_snapshot(self) -> str:
        """The snapshot's text at the stored offsets (what verification compared)."""
        if self.snapshot_id is None or self.quote_start is None:
            return ""
        return self.snapshot.text[self.quote_start : self.quote_end]


class ClaimRelation(TimestampedModel, ExternallyIdentified):
    """How two claims relate: one contradicts, supports, refines or supersedes the other."""

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_from")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_to")
    kind = models.CharField(max_length=16, choices=RelationKind.choices)
    note = models.TextField(blank=True, validators=[validate_storable_text])

    objects = ClaimRelationQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["from_claim_id", "id"]
        constraints = [
            choices_check("kind", RelationKind),
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")),
                name="%(app_label)s_%(class)s_not_to_itself",
                violation_error_message="A claim cannot relate to itself.",
            ),
            models.UniqueConstraint(
                fields=["from_claim", "to_claim", "kind"],
                name="%(app_label)s_%(class)s_unique_from_to_kind",
                violation_error_message="These claims are already related this way.",
            ),
        ]

    def __str__(self):
        return f"{self.from_claim} {self.get_kind_display()} {self.to_claim}"

    def clean(self):
        if self.from_claim_id is None or self.to_claim_id is None:
            return
        if self.from_claim_id == self.to_claim_id:
            raise ValidationError({"to_claim": "A claim cannot relate to itself."})
        if self.kind in RelationKind.symmetric():
            mirror = ClaimRelation.objects.filter(
                from_claim_id=self.to_claim_id, to_claim_id=self.from_claim_id, kind=self.kind
            )
            if mirror.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"kind": "These claims are already related this way, the other way round."}
                )
