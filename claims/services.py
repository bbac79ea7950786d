"""Every write to claims, statements, citations and relations; each is one transaction."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from core.history import acting_as
from core.services import instance_create_with_related, instance_save
from sources.models import Actor

from .choices import RelationKind
from .models import Citation, Claim, ClaimRelation, Statement, Topic


@transaction.atomic(savepoint=False)  # as core.services saves: no savepoint of its own
def claim_save(
    *,
    claim: Claim,
    about: Iterable[Actor] | None = None,
    topics: Iterable[Topic] | None = None,
    same_as: Claim | None = None,
    user=None,
    reason: str = "",
) -> Claim:
    """Save a claim and, when given, the actors it is about, its topics, and the claim it
    duplicates (``same_as``: a ``duplicate_of`` relation from this claim to that one)."""
    if claim._state.adding:
        related = {"about": about or (), "topics": topics or ()}
        instance_create_with_related(instance=claim, related=related, user=user, reason=reason)
    else:
        instance_save(instance=claim, user=user, reason=reason)
        with acting_as(user, reason):
            if about is not None:
                claim.about.set(about)
            if topics is not None:
                claim.topics.set(topics)
    if same_as is not None:
        same = ClaimRelation(from_claim=claim, to_claim=same_as, kind=RelationKind.DUPLICATE_OF)
        claim_relation_save(relation=same, user=user, reason=reason)
    return claim


def statement_save(*, statement: Statement, user=None, reason: str = "") -> Statement:
    return instance_save(instance=statement, user=user, reason=reason)


def citation_save(*, citation: Citation, user=None, reason: str = "") -> Citation:
    """Save a citation; its quote is located and verified against its snapshot on the way."""
    return instance_save(instance=citation, user=user, reason=reason)


def claim_relation_save(*, relation: ClaimRelation, user=None, reason: str = "") -> ClaimRelation:
    return instance_save(instance=relation, user=user, reason=reason)


def topic_get_or_create(*, name: str, user=None, reason: str = "") -> Topic:
    """The topic called ``name`` (ignoring case), created if there is none.

    Finding it is one read, in no transaction or savepoint of its own. Two requests naming
    the same new topic at once both find none: the second insert then meets the first
    one's unique name or slug (in its savepoint), and takes the topic the first one made.
    Two new names given the same slug at once ("Libya!", "Libya?"): the second is tried
    again, and takes the next free slug.
    """
    existing = Topic.objects.filter(name__iexact=name.strip())
    topic = existing.first()
    if topic is not None:
        return topic
    attempts = 2
    while True:
        attempts -= 1
        try:
            with transaction.atomic():
                return instance_save(instance=Topic(name=name), user=user, reason=reason)
        except IntegrityError:
            topic = existing.first()
            if topic is not None:
                return topic
            if not attempts:
                raise
