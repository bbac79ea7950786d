"""The fact-check of a claim: rating scales, reviews moving through a workflow, and their events."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from claims.models import Citation, Claim, ClaimRelation
from core.constraints import choices_check
from core.fields import DocumentField
from core.models import History, TimestampedModel, TrackedQuerySet
from core.text import fold
from core.validators import LANGUAGE_TAG_PATTERN, validate_language_tag, validate_storable_text
from sources.links import normalize_url
from sources.models import Actor

from .choices import MatchStatus, Priority, ReviewState
from .querysets import ReviewEventQuerySet, ReviewQuerySet, due_rank, priority_rank
from .workflow import TRANSITIONS

COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"


class RatingScale(TimestampedModel):
    """A desk's verdict scale: its labels, and which end is best (ClaimReview best/worstRating)."""

    name = models.CharField(max_length=100, unique=True, validators=[validate_storable_text])
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, validators=[validate_storable_text])
    best_value = models.DecimalField(max_digits=6, decimal_places=2)
    worst_value = models.DecimalField(max_digits=6, decimal_places=2)
    is_default = models.BooleanField(
        default=False, help_text="The scale new reviews use unless another is chosen."
    )

    objects = TrackedQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(best_value=F("worst_value")),
                name="%(app_label)s_%(class)s_best_differs_from_worst",
                violation_error_message="The best and worst values of a scale must differ.",
            ),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="%(app_label)s_%(class)s_one_default",
                violation_error_message="Another scale is already the default.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        _refuse_changing_what_is_pinned(self, ("best_value", "worst_value"))


class RatingLabel(TimestampedModel):
    """One verdict of a scale ("Mostly false"), with its value, description and colour."""

    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="labels")
    label = models.CharField(max_length=100, validators=[validate_storable_text])
    value = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Its place on the scale; empty for a verdict off the scale (“Unproven”).",
    )
    description = models.TextField(blank=True, validators=[validate_storable_text])
    colour = models.CharField(max_length=7, default="#777777", help_text="Such as #c0392b.")
    order = models.PositiveSmallIntegerField(help_text="Position in lists, best first.")

    objects = TrackedQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["scale_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["scale", "label"],
                name="%(app_label)s_%(class)s_unique_scale_label",
                violation_error_message="This scale already has this label.",
            ),
            models.UniqueConstraint(
                fields=["scale", "order"],
                name="%(app_label)s_%(class)s_unique_scale_order",
                violation_error_message="Another label of this scale has this position.",
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=COLOUR_PATTERN),
                name="%(app_label)s_%(class)s_colour_format",
                violation_error_message="A colour is # and six hexadecimal digits.",
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.scale})"

    @property
    def history_label(self) -> str:
        """How history diffs name it (``core.diffs``): ``str()`` would read its scale."""
        return self.label

    def clean(self):
        _refuse_changing_what_is_pinned(
            self, ("scale_id", "label", "value", "description", "colour")
        )
        if self.value is None or self.scale_id is None:
            return
        low, high = sorted((self.scale.worst_value, self.scale.best_value))
        if not low <= self.value <= high:
            raise ValidationError(
                {"value": f"The value must lie between {low} and {high}, the scale's ends."}
            )

    @property
    def normalized_score(self) -> float | None:
        """(value − worst) / (best − worst): 1 for the best verdict, 0 for the worst."""
        if self.value is None:
            return None
        scale = self.scale
        return float((self.value - scale.worst_value) / (scale.best_value - scale.worst_value))


# Versions whose pinned document quotes their rating label and scale as they were approved.
PINNED_STATES = (
    ReviewState.APPROVED,
    ReviewState.PUBLISHED,
    ReviewState.CORRECTED,
    ReviewState.RETRACTED,
)


def _refuse_changing_what_is_pinned(obj, fields: tuple[str, ...]) -> None:
    """Refuse changing ``fields`` of a saved scale or label that an approved verdict uses.

    A published verdict reads its label as it was approved; changing the label in place
    would make the record say one thing and the published fact-checks another. A new label
    (or a new scale) is added instead.
    """
    if obj.pk is None:
        return
    saved = type(obj).objects.filter(pk=obj.pk).values(*fields).first()
    if saved is None or all(saved[name] == getattr(obj, name) for name in fields):
        return
    what = "scale" if isinstance(obj, RatingScale) else "label"
    used_by = Review.objects.filter(
        state__in=PINNED_STATES, **{"scale" if what == "scale" else "rating": obj}
    )
    if used_by.exists():
        raise ValidationError(
            f"This {what} is part of an approved or published verdict: add a new {what} "
            "instead of changing it."
        )


class Review(ConcurrentTransitionMixin, TimestampedModel):
    """The fact-check of a claim, one version of it, moving through the review workflow.

    The state changes only through the transitions below (their states are
    ``reviews.workflow``'s), called by the review services, which check who may act and the
    gates, lock the row and write a ``ReviewEvent``.
    A correction is a new version; the version it corrects stays readable.
    """

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="reviews")
    version = models.PositiveSmallIntegerField(default=1, editable=False)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="correction",
        help_text="The published version this one corrects.",
    )
    state = FSMField(
        max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT, protected=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reviews",
    )
    due_on = models.DateField(null=True, blank=True)
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    scale = models.ForeignKey(RatingScale, on_delete=models.PROTECT, related_name="reviews")
    rating = models.ForeignKey(
        RatingLabel, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    verdict_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="authored_verdicts",
        help_text="Who rated the claim; never its approver.",
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="authored_reviews",
        help_text="Everyone who wrote this version's rating, explanation, write-up or correction "
        "note; none of them may approve it.",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="approved_reviews",
    )
    explanation = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_storable_text],
        help_text="The verdict in a sentence or two (ClaimReview ratingExplanation).",
    )
    write_up = models.TextField(blank=True, validators=[validate_storable_text])
    evidence = models.ManyToManyField(
        Citation, blank=True, related_name="reviews", help_text="Citations the verdict rests on."
    )
    origin_unavailable_reason = models.TextField(
        blank=True,
        validators=[validate_storable_text],
        help_text="Why a chain cannot reach its primary source (a report never made public).",
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    first_published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the verdict this version carries first went public: its own "
        "publication, or for a correction the publication of the version its chain starts at.",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="published_reviews",
    )
    correction_note = models.TextField(
        blank=True, validators=[validate_storable_text], help_text="What this version corrects."
    )
    retraction_reason = models.TextField(
        blank=True, editable=False, validators=[validate_storable_text]
    )
    # What the verdict rests on, frozen at approval (reviews.pinning): readers see this,
    # never the live record. Set once; its hash is kept in the history, not the document.
    pinned = DocumentField(null=True, blank=True, editable=False)
    pinned_sha256 = models.CharField("pinned SHA-256", max_length=64, blank=True, editable=False)
    pinned_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReviewQuerySet.as_manager()
    history = History(
        m2m_fields=[evidence, authors], excluded_fields=["pinned"], read_by=("claim",)
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        permissions = [
            ("submit_review", "Can submit a claim for review"),
            ("check_review", "Can check and rate claims"),
            ("assign_review", "Can assign reviews"),
            ("approve_review", "Can approve verdicts"),
            ("publish_review", "Can publish, correct and retract verdicts"),
        ]
        constraints = [
            choices_check("state", ReviewState),
            choices_check("priority", Priority),
            models.UniqueConstraint(
                fields=["claim", "version"],
                name="%(app_label)s_%(class)s_unique_claim_version",
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(state__in=ReviewState.open()),
                name="%(app_label)s_%(class)s_one_open_per_claim",
                violation_error_message="This claim already has a review in progress.",
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(state=ReviewState.PUBLISHED),
                name="%(app_label)s_%(class)s_one_published_per_claim",
                violation_error_message="This claim already has a published verdict.",
            ),
            models.CheckConstraint(
                condition=Q(approver__isnull=True)
                | Q(verdict_author__isnull=True)
                | ~Q(approver=F("verdict_author")),
                name="%(app_label)s_%(class)s_four_eyes",
                violation_error_message="The approver cannot be the author of the verdict.",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "priority", "due_on"], name="reviews_review_queue_idx"),
            models.Index(fields=["assignee", "state"], name="reviews_review_assignee_idx"),
            # The queue's order (``QUEUE_ORDERING``), so that a page of it reads its rows in
            # order instead of sorting every review (the expressions are the annotations').
            models.Index(
                priority_rank(), due_rank(), "created_at", "id", name="reviews_review_rank_idx"
            ),
            # The public list and the DataFeed: the published verdicts, newest first.
            models.Index(
                F("first_published_at").desc(),
                F("claim_id").desc(),
                condition=Q(state=ReviewState.PUBLISHED),
                name="reviews_review_public_list_idx",
            ),
        ]

    def __str__(self):
        return f"Review v{self.version} of “{self.claim}” ({self.get_state_display()})"

    @property
    def history_label(self) -> str:
        """How history diffs name it (``core.diffs``): ``str()`` would read its claim."""
        return f"Review v{self.version}"

    def clean_fields(self, exclude=None):
        # clean_fields() assigns each cleaned value back, which a protected state refuses;
        # the state is set only by transitions, and its constraints are still validated.
        super().clean_fields(exclude={*(exclude or ()), "state"})

    def clean(self):
        if self.rating_id and self.scale_id and self.rating.scale_id != self.scale_id:
            raise ValidationError({"rating": "The rating must be a label of the review's scale."})

    # Transitions: state changes only; the services check permissions and gates.

    @transition(
        field=state, source=TRANSITIONS["submit"].sources, target=TRANSITIONS["submit"].target
    )
    def submit(self):
        pass

    @transition(
        field=state, source=TRANSITIONS["start"].sources, target=TRANSITIONS["start"].target
    )
    def start(self):
        pass

    @transition(
        field=state,
        source=TRANSITIONS["request_changes"].sources,
        target=TRANSITIONS["request_changes"].target,
    )
    def request_changes(self):
        pass

    @transition(
        field=state, source=TRANSITIONS["approve"].sources, target=TRANSITIONS["approve"].target
    )
    def approve(self, *, approver):
        self.approver = approver

    @transition(
        field=state, source=TRANSITIONS["publish"].sources, target=TRANSITIONS["publish"].target
    )
    def publish(self, *, publisher):
        self.published_at = timezone.now()
        self.published_by = publisher
        self.first_published_at = (
            self.previous.first_published_at if self.previous_id else self.published_at
        )

    @transition(field=state, source=ReviewState.PUBLISHED, target=ReviewState.CORRECTED)
    def supersede(self):
        """The published version steps down when its correction is published (no user step)."""

    @transition(
        field=state, source=TRANSITIONS["retract"].sources, target=TRANSITIONS["retract"].target
    )
    def retract(self, *, reason: str):
        self.retraction_reason = reason


class ReviewEvent(models.Model):
    """One step of a review's workflow: who moved it, when, from which state to which."""

    class AppendOnly(Exception):
        """An attempt to change or delete a review event."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=32)
    from_state = models.CharField(max_length=20, choices=ReviewState.choices)
    to_state = models.CharField(max_length=20, choices=ReviewState.choices)
    comment = models.TextField(blank=True, validators=[validate_storable_text])
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Whom the event assigned the review to, when it did.",
    )

    objects = ReviewEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            choices_check("from_state", ReviewState),
            choices_check("to_state", ReviewState),
        ]

    def __str__(self):
        return f"{self.action}: {self.from_state} → {self.to_state}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise self.AppendOnly("Review events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise self.AppendOnly("Review events cannot be deleted.")


class PinnedRecordCheck(models.Model):
    """Whether the record still reads as an approved or published version pinned it.

    Derived data, kept current by ``reviews.signals`` on every write to the record that a
    pinned version rests on (and so not history-tracked): ``live_sha256`` is the hash of the
    record part of the document as it would be pinned now.
    """

    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, primary_key=True, related_name="record_check"
    )
    live_sha256 = models.CharField(max_length=64)
    changed = models.BooleanField(default=False, db_index=True)
    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = "pinned record check"

    def __str__(self):
        return f"{self.review}: {'changed' if self.changed else 'as pinned'}"


class PinnedReference(models.Model):
    """A row of the record that a version's pinned document names (derived from
    ``Review.pinned`` when it is pinned): while that version is approved or public, the row
    is withdrawn, never deleted, so that what the version cites stays at its address."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="pinned_references")
    model = models.CharField(max_length=64, help_text="The row's model, such as claims.statement.")
    object_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "model", "object_id"],
                name="%(app_label)s_%(class)s_unique_review_object",
            )
        ]
        indexes = [models.Index(fields=["model", "object_id"], name="reviews_pinned_object_idx")]

    def __str__(self):
        return f"{self.model} #{self.object_id} (review #{self.review_id})"


class ReviewComment(TimestampedModel):
    """A note on a review, by a fact-checker or an editor."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(validators=[validate_storable_text])

    objects = TrackedQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text if len(self.text) <= 60 else f"{self.text[:59]}…"


class MatchCandidate(models.Model):
    """Two current claims the matcher found alike: the match queue's entry, until someone
    confirms them the same claim (a ``duplicate_of`` relation is recorded) or dismisses them
    (the pair is never suggested again).

    The pair is stored once, lower id first. Deleting either claim deletes its candidates:
    an open candidate is a suggestion, not something that rests on the claim, and a decided
    one keeps its history rows (the relation it recorded is deleted with the claim anyway).
    """

    first_claim = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the pair's unique constraint leads with it
        help_text="The claim with the lower id: the older one, which a duplicate points to.",
    )
    second_claim = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The claim with the higher id: recorded as the duplicate on confirmation.",
    )
    score = models.FloatField(
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="How alike the matcher found them, 0 to 1.",
    )
    signals = models.JSONField(
        default=dict, blank=True, help_text="What the matcher saw: shared terms, numbers, names."
    )
    status = models.CharField(max_length=16, choices=MatchStatus.choices, default=MatchStatus.OPEN)
    found_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    relation = models.ForeignKey(
        ClaimRelation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The duplicate relation recorded when the pair was confirmed.",
    )

    objects = TrackedQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = "match candidate"
        permissions = [("find_matchcandidates", "Can look for candidate pairs now")]
        constraints = [
            choices_check("status", MatchStatus),
            models.CheckConstraint(
                condition=Q(first_claim__lt=F("second_claim")),
                name="%(app_label)s_%(class)s_two_claims_in_order",
                violation_error_message="A candidate pairs two different claims, lower id first.",
            ),
            models.UniqueConstraint(
                fields=["first_claim", "second_claim"],
                name="%(app_label)s_%(class)s_one_per_pair",
                violation_error_message="These claims are already a candidate pair.",
            ),
            models.CheckConstraint(
                condition=Q(status=MatchStatus.OPEN, decided_at__isnull=True)
                | (~Q(status=MatchStatus.OPEN) & Q(decided_at__isnull=False)),
                name="%(app_label)s_%(class)s_decided_when_closed",
                violation_error_message="A decided candidate has its date, an open one none.",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1),
                name="%(app_label)s_%(class)s_score_in_range",
                violation_error_message="The score lies between 0 and 1.",
            ),
        ]
        indexes = [
            # The queue: open candidates, best score first.
            models.Index(
                F("score").desc(),
                "id",
                condition=Q(status=MatchStatus.OPEN),
                name="reviews_match_open_queue_idx",
            ),
        ]

    def __str__(self):
        return f"claims #{self.first_claim_id} and #{self.second_claim_id}"


class ExternalRatingMapping(TimestampedModel):
    """How another organisation's textual rating reads on one of the desk's scales:
    PolitiFact's "Pants on Fire!" as the desk's "False". Fact-checks of that publisher with
    that rating (compared folded: case and accents aside) carry the label."""

    publisher = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="rating_mappings")
    textual_rating = models.CharField(max_length=500, validators=[validate_storable_text])
    # The rating folded: what fact-checks' ratings are compared by.
    rating_key = models.CharField(max_length=500, editable=False)
    label = models.ForeignKey(
        RatingLabel,
        on_delete=models.PROTECT,
        related_name="external_mappings",
        help_text="The desk's label this rating reads as.",
    )

    objects = TrackedQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["publisher_id", "rating_key"]
        verbose_name = "rating mapping"
        constraints = [
            models.UniqueConstraint(
                fields=["publisher", "rating_key"],
                name="%(app_label)s_%(class)s_unique_publisher_rating",
                violation_error_message="This publisher's rating is mapped already.",
            ),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.textual_rating}"

    def save(self, *args, **kwargs):
        self.prepare_for_save()
        super().save(*args, **kwargs)

    def prepare_for_save(self):
        """Derive the stored fields; bulk writes call it too (core.history)."""
        self.rating_key = rating_key(self.textual_rating)

    def clean(self):
        self.prepare_for_save()  # the uniqueness is checked on the derived key


def rating_key(textual_rating: str) -> str:
    """What a textual rating is compared by: folded, its spaces and end punctuation aside."""
    return " ".join(fold(textual_rating).split()).rstrip(" .!")


class ExternalFactCheck(TimestampedModel):
    """A fact-check of a claim published by another organisation (read from its ClaimReview
    markup, a feed, or typed in): recorded as such, never passing through the desk's workflow,
    never shown as one of its verdicts. Its URL identifies it: reading it again updates it."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="external_fact_checks")
    publisher = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="external_fact_checks",
        help_text="The organisation that published it.",
    )
    url = models.URLField("URL", max_length=2000, help_text="Where it is published.")
    url_normalized = models.CharField("normalised URL", max_length=2100, editable=False)
    headline = models.TextField(blank=True, validators=[validate_storable_text])
    claim_reviewed = models.TextField(
        blank=True,
        validators=[validate_storable_text],
        help_text="The claim in the publisher's words, where they differ from the record's.",
    )
    textual_rating = models.CharField(
        max_length=500,
        validators=[validate_storable_text],
        help_text="The publisher's verdict, as it wrote it.",
    )
    rating_key = models.CharField(max_length=500, editable=False)  # as rating mappings compare
    rating_label = models.ForeignKey(
        RatingLabel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="The desk's label the rating reads as (its publisher's rating mappings).",
    )
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(
        max_length=35,
        blank=True,
        validators=[validate_language_tag],
        help_text="BCP 47 tag, such as en or pt-BR.",
    )

    objects = TrackedQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = "fact-check published elsewhere"
        verbose_name_plural = "fact-checks published elsewhere"
        constraints = [
            models.UniqueConstraint(
                fields=["url_normalized"],
                name="%(app_label)s_%(class)s_unique_url",
                violation_error_message="A fact-check with this URL is recorded already.",
            ),
            models.CheckConstraint(
                condition=Q(language="") | Q(language__regex=LANGUAGE_TAG_PATTERN),
                name="%(app_label)s_%(class)s_language_format",
            ),
        ]
        indexes = [
            models.Index(fields=["claim", "-published_on"]),
            models.Index(fields=["publisher", "rating_key"]),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.textual_rating}"

    def save(self, *args, **kwargs):
        self.prepare_for_save()
        super().save(*args, **kwargs)

    def prepare_for_save(self):
        """Derive the stored fields; bulk writes call it too (core.history)."""
        self.url_normalized = normalize_url(self.url)
        self.rating_key = rating_key(self.textual_rating)

    def clean(self):
        self.url = self.url.strip()
        self.prepare_for_save()
