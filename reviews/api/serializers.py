"""API representations of rating scales, reviews, their events and comments, and the bodies of
the review workflow's actions.

Reviews are read through these serializers and written through the review services only:
the bodies below are validated here (types, ids, lengths) and handed to ``review_open``,
``review_update`` and ``review_transition``, which decide whether the step may happen. The
body of each workflow step is built from its row of ``reviews.workflow.TRANSITIONS``.
"""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.api.serializers import ClaimBriefSerializer
from claims.models import Claim
from core.api.serializers import (
    BriefSerializer,
    DetailUrlField,
    ModelSerializer,
    RelatedIdField,
    StrictFieldsMixin,
    StrictSerializer,
)

from ..choices import Priority, ReviewState
from ..models import RatingLabel, RatingScale, Review, ReviewComment, ReviewEvent
from ..services import (
    EDITABLE_FIELDS,
    WATCHED_STATES,
    review_available_actions,
    review_gate_failures,
)
from ..workflow import TRANSITIONS, Transition

# The workflow's steps, as the path of their endpoint under /reviews/{id}/.
ACTION_PATHS = {action: transition.path for action, transition in TRANSITIONS.items()}


class UserBriefSerializer(ModelSerializer):
    """A person of the desk: their id (to assign them) and username."""

    class Meta:
        model = get_user_model()
        fields = ["id", "username"]
        read_only_fields = fields


# Rating scales


class RatingLabelSerializer(ModelSerializer):
    """One verdict of a scale, with its place on it."""

    normalized_score = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text="(value − worst) / (best − worst): 1 for the best verdict, 0 for the worst; "
        "null for a verdict off the scale (“Unproven”).",
    )

    class Meta:
        model = RatingLabel
        fields = ["id", "label", "value", "normalized_score", "description", "colour", "order"]
        read_only_fields = fields


class RatingScaleBriefSerializer(BriefSerializer):
    url = DetailUrlField(view_name="api:ratingscale-detail")

    class Meta:
        model = RatingScale
        fields = ["id", "url", "display", "name", "slug", "best_value", "worst_value"]
        read_only_fields = fields


class RatingScaleSerializer(ModelSerializer):
    """A scale with its labels, best first (configured in the admin; read-only here)."""

    url = DetailUrlField(view_name="api:ratingscale-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    labels = RatingLabelSerializer(many=True, read_only=True)

    class Meta:
        model = RatingScale
        fields = [
            "id",
            "url",
            "display",
            "name",
            "slug",
            "description",
            "best_value",
            "worst_value",
            "is_default",
            "labels",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


# Reviews


class ReviewEventSerializer(ModelSerializer):
    """One step of the workflow: who moved the review, when, from which state to which."""

    actor = UserBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ReviewEvent
        fields = ["id", "at", "actor", "action", "from_state", "to_state", "comment"]
        read_only_fields = fields


class ReviewCommentSerializer(StrictFieldsMixin, ModelSerializer):
    """A note on a review; written with ``POST /reviews/{id}/comments/``."""

    author = UserBriefSerializer(read_only=True, allow_null=True)
    text = serializers.CharField(
        max_length=10_000, help_text="The note, at most 10,000 characters."
    )

    class Meta:
        model = ReviewComment
        fields = ["id", "author", "text", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class ReviewBriefSerializer(BriefSerializer):
    """A review in a list or the queue: whose claim, where it stands, who has it, its verdict."""

    url = DetailUrlField(view_name="api:review-detail")
    claim = ClaimBriefSerializer(read_only=True)
    assignee = UserBriefSerializer(read_only=True, allow_null=True)
    # As in the full form, so that a list with ?brief=false keeps each field's type.
    scale = RatingScaleBriefSerializer(read_only=True)
    rating = RatingLabelSerializer(read_only=True, allow_null=True)
    record_changed = serializers.SerializerMethodField(
        help_text="For an approved or published version: whether its record (the claim, its "
        "statements, citations, sources or actors) changed since approval pinned it (see "
        "`GET /reviews/{id}/record-changes/`); null for other versions."
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "url",
            "display",
            "claim",
            "version",
            "state",
            "assignee",
            "due_on",
            "priority",
            "scale",
            "rating",
            "record_changed",
            "published_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_record_changed(self, review) -> bool | None:
        if review.state not in WATCHED_STATES:
            return None
        check = getattr(review, "record_check", None)
        return check.changed if check is not None else None


class ReviewSerializer(ReviewBriefSerializer):
    """A review in full: its workflow, verdict, events, comments, and what you may do next."""

    previous = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The id of the published version this corrects."
    )
    correction = serializers.SerializerMethodField(
        help_text="The id of the version that corrects this one, if any."
    )
    verdict_author = UserBriefSerializer(read_only=True, allow_null=True)
    authors = UserBriefSerializer(
        many=True,
        read_only=True,
        help_text="Everyone who wrote this version's rating, explanation, write-up or "
        "correction note; none of them may approve it.",
    )
    approver = UserBriefSerializer(read_only=True, allow_null=True)
    published_by = UserBriefSerializer(read_only=True, allow_null=True)
    evidence = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Ids of the citations the verdict rests on."
    )
    events = ReviewEventSerializer(many=True, read_only=True)
    comments = ReviewCommentSerializer(many=True, read_only=True)
    available_actions = serializers.SerializerMethodField(
        help_text="The workflow actions you may take now, as the path of each "
        "(`POST /reviews/{id}/<action>/`). Approval is offered whether or not its gates pass "
        "(see `blocking`), never to the verdict's author."
    )
    blocking = serializers.SerializerMethodField(
        help_text="While the review is in review: what blocks its approval by you, one message "
        "per failing gate (empty when an approval would pass; the four-eyes rule is listed "
        "when you wrote the verdict). null in other states, and in lists (it reads the "
        "claim's whole record)."
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "url",
            "display",
            "claim",
            "version",
            "previous",
            "correction",
            "state",
            "assignee",
            "due_on",
            "priority",
            "scale",
            "rating",
            "verdict_author",
            "authors",
            "approver",
            "published_at",
            "published_by",
            "explanation",
            "write_up",
            "evidence",
            "origin_unavailable_reason",
            "correction_note",
            "retraction_reason",
            "pinned_sha256",
            "pinned_at",
            "record_changed",
            "events",
            "comments",
            "available_actions",
            "blocking",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        # What you may do with the review: they depend on who reads it, so its ETag leaves
        # them out (core.api.viewsets.etag_of).
        reader_fields = ["available_actions", "blocking"]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_correction(self, review) -> int | None:
        correction = getattr(review, "correction", None)
        return correction.pk if correction is not None else None

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=list(ACTION_PATHS.values())))
    )
    def get_available_actions(self, review) -> list[str]:
        user = self._user()
        if user is None:
            return []
        return [ACTION_PATHS[action] for action in review_available_actions(review, user)]

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_blocking(self, review) -> list[str] | None:
        if review.state != ReviewState.IN_REVIEW or isinstance(
            self.parent, serializers.ListSerializer
        ):
            return None
        return review_gate_failures(review, approver=self._user())

    def _user(self):
        request = self.context.get("request")
        return request.user if request is not None else None


# Request bodies


class ReviewOpenSerializer(StrictSerializer):
    """``POST /reviews/``: open a draft review of a claim."""

    claim = RelatedIdField(queryset=Claim.objects, help_text="The claim to review.")
    scale = RelatedIdField(
        queryset=RatingScale.objects,
        required=False,
        allow_null=True,
        help_text="The rating scale; the default scale when omitted.",
    )
    assignee = RelatedIdField(
        queryset=get_user_model().objects.all(),
        required=False,
        allow_null=True,
        help_text="The fact-checker to give it to (a user id).",
    )
    due_on = serializers.DateField(required=False, allow_null=True)
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.NORMAL)


class ReviewEditSerializer(StrictFieldsMixin, ModelSerializer):
    """``PATCH /reviews/{id}/``: the content of a review. The state, the assignee and the
    workflow's own fields change through the actions only; naming them is a 400."""

    serializer_related_field = RelatedIdField

    class Meta:
        model = Review
        fields = list(EDITABLE_FIELDS)
        extra_kwargs = {
            "rating": {"help_text": "A label of the review's scale (its id), or null."},
            "evidence": {"help_text": "Ids of citations of the claim's statements."},
        }

    WORKFLOW_HINTS = {
        "state": "The state changes through the workflow actions only "
        "(POST /reviews/{id}/submit/, start/, request-changes/, approve/, publish/…).",
        "assignee": "Assign through POST /reviews/{id}/assign/.",
    }

    def get_validators(self):
        # The review's own rules (a rating of its scale, evidence of its claim) are the
        # service's and the model's.
        return []

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                editable = ", ".join(self.fields)
                raise serializers.ValidationError(
                    {
                        name: [
                            self.WORKFLOW_HINTS.get(
                                name, f"This field cannot be edited; the editable ones: {editable}."
                            )
                        ]
                        for name in unknown
                    }
                )
        return super().to_internal_value(data)


# The body of a step: its text (optional, or required with the table's refusal), and for
# ``assign`` the assignee. Steps whose bodies have the same fields share one serializer, named
# as the API has always named it.
_BODY_NAMES = {
    "request_changes": "RequestChangesSerializer",
    "assign": "AssignSerializer",
    "correct": "CorrectSerializer",
    "retract": "RetractSerializer",
}
OPTIONAL_COMMENT_BODY = "The body of a workflow action: an optional comment, kept on its event."
_bodies: dict[str, type[serializers.Serializer]] = {}


def transition_body(transition: Transition) -> type[serializers.Serializer]:
    """The serializer of the request body of ``transition``'s endpoint."""
    name = _BODY_NAMES.get(transition.action, "TransitionSerializer")
    if name not in _bodies:
        fields = {}
        if transition.takes_assignee:
            fields["assignee"] = RelatedIdField(
                queryset=get_user_model().objects.all(),
                help_text="The fact-checker to give the review to (a user id).",
            )
        if transition.text_required:
            fields[transition.text] = serializers.CharField(
                max_length=10_000, help_text=transition.text_help
            )
        else:
            fields[transition.text] = serializers.CharField(
                required=False,
                allow_blank=True,
                default="",
                max_length=10_000,
                help_text=transition.text_help,
            )
        # Described when its text is the optional comment kept on the event.
        doc = None if transition.text_required else OPTIONAL_COMMENT_BODY
        _bodies[name] = type(name, (StrictSerializer,), {"__doc__": doc, **fields})
    return _bodies[name]


# The pinned document and what changed since


class RecordChangeSerializer(serializers.Serializer):
    """One difference between the record a version pinned and the record now."""

    what = serializers.CharField(
        help_text="The object: “The claim”, “Statement #13 (Government of Russia denies)”…"
    )
    field = serializers.CharField(
        help_text="The field in words, or “added”/“withdrawn” for a whole statement or citation."
    )
    before = serializers.JSONField(allow_null=True, help_text="As pinned (null when added).")
    after = serializers.JSONField(allow_null=True, help_text="As it is now (null if withdrawn).")


class RecordChangesSerializer(serializers.Serializer):
    """Whether, and how, the record changed since approval pinned a version."""

    pinned_sha256 = serializers.CharField(help_text="The SHA-256 of the pinned document.")
    pinned_at = serializers.DateTimeField()
    changed = serializers.BooleanField()
    changes = RecordChangeSerializer(many=True)
