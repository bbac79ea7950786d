"""Where claims come from: actors (who speaks or publishes), sources and their snapshots."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core import dates
from core.constraints import choices_check, withdrawal_check
from core.dates import DatePrecision
from core.models import ExternallyIdentified, History, TimestampedModel, Withdrawable
from core.text import fold
from core.validators import (
    COUNTRY_CODE_PATTERN,
    LANGUAGE_TAG_PATTERN,
    SHA256_PATTERN,
    WIKIDATA_ID_PATTERN,
    validate_country_code,
    validate_language_tag,
    validate_storable_text,
    validate_wikidata_id,
)

from .choices import ActorKind, SourceKind
from .links import normalize_url
from .querysets import (
    ActorQuerySet,
    AliasQuerySet,
    ImmutableRecordError,
    SnapshotQuerySet,
    SourceQuerySet,
)


class FoldedName(models.Model):
    """A name stored with its folded form, which is what name matching compares."""

    name = models.CharField(max_length=255, validators=[validate_storable_text])
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.prepare_for_save()
        super().save(*args, **kwargs)

    def prepare_for_save(self):
        """Derive the stored fields; bulk writes call it too (core.history)."""
        self.name_folded = fold(self.name)


class Actor(FoldedName, Withdrawable, TimestampedModel, ExternallyIdentified):
    """A person or organisation that makes, relays, publishes or denies claims."""

    kind = models.CharField(max_length=32, choices=ActorKind.choices, db_index=True)
    description = models.TextField(blank=True, validators=[validate_storable_text])
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The organisation this one belongs to (the Pentagon → U.S. government).",
    )
    leader = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_actors",
        help_text="The person who leads this organisation, when it matters to its claims.",
    )
    country = models.CharField(
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text="ISO 3166-1 alpha-2 code, such as US.",
    )
    wikidata_id = models.CharField(
        "Wikidata ID",
        max_length=20,
        blank=True,
        validators=[validate_wikidata_id],
        help_text="Such as Q11209 for the U.S. Department of Defense.",
    )

    objects = ActorQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            choices_check("kind", ActorKind),
            withdrawal_check(),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=WIKIDATA_ID_PATTERN),
                name="%(app_label)s_%(class)s_wikidata_id_format",
                violation_error_message="A Wikidata ID is Q followed by digits.",
            ),
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="%(app_label)s_%(class)s_unique_wikidata_id",
                violation_error_message="Another actor already has this Wikidata ID.",
            ),
            models.CheckConstraint(
                condition=Q(country="") | Q(country__regex=COUNTRY_CODE_PATTERN),
                name="%(app_label)s_%(class)s_country_format",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="%(app_label)s_%(class)s_not_own_parent",
                violation_error_message="An actor cannot be its own parent.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = self.name.strip()
        if self.leader_id and self.leader_id == self.pk:
            raise ValidationError({"leader": "An actor cannot lead itself."})
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError(
                    {"parent": f"“{self.parent}” is already below this actor: a loop."}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def ancestors(self) -> list["Actor"]:
        """Parents up to the top organisation, nearest first."""
        chain, ancestor, seen = [], self.parent, {self.pk}
        while ancestor is not None and ancestor.pk not in seen:
            chain.append(ancestor)
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        return chain


class Alias(FoldedName, TimestampedModel, ExternallyIdentified):
    """Another name an actor goes by ("Pentagon", "Moscow"); matched without case or accents."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")

    objects = AliasQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "name_folded"],
                name="%(app_label)s_%(class)s_unique_actor_name_folded",
                violation_error_message="This actor already has this alias.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = self.name.strip()
        self.name_folded = fold(self.name)
        if not self.actor_id:
            return
        if self.name_folded == fold(self.actor.name):
            raise ValidationError({"name": "This is the actor's own name, not an alias."})
        clash = Alias.objects.filter(actor_id=self.actor_id, name_folded=self.name_folded)
        if clash.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"name": "This actor already has this alias (case and accents do not count)."}
            )


class Source(Withdrawable, TimestampedModel, ExternallyIdentified):
    """A document or utterance: an article, a report, a post, a broadcast."""

    # Dates known to a precision, which a year or a month given alone sets (API, admin).
    PARTIAL_DATES = {"published_on": "published_precision"}

    kind = models.CharField(max_length=32, choices=SourceKind.choices, db_index=True)
    title = models.CharField(max_length=500, validators=[validate_storable_text])
    publisher = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_sources",
    )
    authors = models.ManyToManyField(Actor, blank=True, related_name="authored_sources")
    url = models.URLField(
        "URL",
        max_length=2000,
        blank=True,
        help_text="As entered; empty for a document that was never published.",
    )
    # One document, one URL however it was pasted: the uniqueness of sources is on this.
    url_normalized = models.CharField("normalised URL", max_length=2100, blank=True, editable=False)
    published_on = models.DateField(null=True, blank=True, db_index=True)
    published_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    language = models.CharField(
        max_length=35,
        default="en",
        validators=[validate_language_tag],
        help_text="BCP 47 tag, such as en or pt-BR.",
        db_index=True,
    )
    is_public = models.BooleanField(
        "public", default=True, help_text="Whether anyone can read this source."
    )
    access_note = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_storable_text],
        help_text="How its content is known when not public, e.g. “seen by the Associated Press”.",
    )
    archive_url = models.URLField("archive URL", max_length=2000, blank=True)

    objects = SourceQuerySet.as_manager()
    history = History(m2m_fields=[authors])

    class Meta:
        ordering = ["-published_on", "id"]
        constraints = [
            choices_check("kind", SourceKind),
            withdrawal_check(),
            choices_check("published_precision", DatePrecision),
            models.UniqueConstraint(
                fields=["url_normalized"],
                condition=~Q(url_normalized=""),
                name="%(app_label)s_%(class)s_unique_url_normalized",
                violation_error_message="Another source already has this URL.",
            ),
            models.CheckConstraint(
                condition=Q(language__regex=LANGUAGE_TAG_PATTERN),
                name="%(app_label)s_%(class)s_language_format",
            ),
        ]
        indexes = [models.Index(fields=["publisher", "-published_on"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.prepare_for_save()
        super().save(*args, **kwargs)

    def prepare_for_save(self):
        """Derive the stored fields; bulk writes call it too (core.history)."""
        self.url_normalized = normalize_url(self.url)

    def clean(self):
        self.url = self.url.strip()
        self.prepare_for_save()
        self.published_on = dates.truncate(self.published_on, self.published_precision)

    @property
    def published_display(self) -> str:
        return dates.display(self.published_on, self.published_precision)


# The captured text of one source, in characters (a long report is about 300,000): quotes are
# searched in it on every save of a citation.
SNAPSHOT_MAX_LENGTH = 2_000_000


class Snapshot(ExternallyIdentified):
    """The text of a source as captured at one moment; immutable, quotes are checked against it."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="snapshots")
    text = models.TextField(
        validators=[validate_storable_text, MaxLengthValidator(SNAPSHOT_MAX_LENGTH)]
    )
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    captured_at = models.DateTimeField(default=timezone.now)
    captured_by = models.CharField(
        max_length=255,
        validators=[validate_storable_text],
        help_text="Who or what captured the text (a person, a tool).",
    )
    captured_from = models.URLField(
        max_length=2000, blank=True, help_text="Where the text was taken from."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SnapshotQuerySet.as_manager()
    history = History()

    class Meta:
        ordering = ["-captured_at", "id"]
        get_latest_by = "captured_at"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "sha256"],
                name="%(app_label)s_%(class)s_unique_source_sha256",
                violation_error_message="This source already has a snapshot with this text.",
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=SHA256_PATTERN),
                name="%(app_label)s_%(class)s_sha256_format",
            ),
        ]
        # Finding a text by its digest, whatever the source (the unique constraint leads
        # with the source); the list, newest capture first, read from an index.
        indexes = [
            models.Index(fields=["sha256"]),
            models.Index(fields=["-captured_at", "id"], name="sources_snapshot_captured_idx"),
        ]

    def __str__(self):
        return f"{self.source} @ {self.captured_at:%Y-%m-%d %H:%M} ({self.sha256[:12]})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecordError("A snapshot cannot be changed; capture a new one.")
        self.prepare_for_save()
        super().save(*args, **kwargs)

    @property
    def history_label(self) -> str:
        """How history diffs name it (``core.diffs``): ``str()`` would read its source."""
        return f"Snapshot {self.captured_at:%Y-%m-%d %H:%M} ({self.sha256[:12]})"

    def prepare_for_save(self):
        """Derive the stored fields; bulk writes call it too (core.history)."""
        self.sha256 = self.digest(self.text)

    def clean(self):
        self.sha256 = self.digest(self.text)

    @staticmethod
    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
