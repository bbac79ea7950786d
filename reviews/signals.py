"""The reviews app listens to writes of the record it pins (it cannot be called by them: the
record's apps are below it).

Deleting a claim, statement, citation, source or actor that an approved or public version's
pin names is refused (``DeletionRefused``, a 409 in the API, a message in the admin): it is
withdrawn instead, and stays at its address.

Any save or deletion of a claim, statement, citation, source, actor or topic (rows written in
bulk included, ``core.history.bulk_written``: one query for them all), and any change of a
claim's actors or topics, re-checks the approved and published versions that rest on
it (``pinned_records_recheck``), in the same transaction: the record-changed flag is then
never behind the record, and a write that is rolled back leaves it as it was. A write that
touches no pinned version costs one query; creating a claim (with its actors and topics),
an actor, a source or a topic costs none: no version rests on what did not exist.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from claims.models import Citation, Claim, Statement, Topic
from core.compiled import CompiledQuery
from core.history import bulk_written
from core.services import DeletionRefused
from sources.models import Actor, Source

from .models import Review
from .services import WATCHED_STATES, pinned_records_recheck, pinned_reference_of

# For each model of the record: the reviews whose claim a written object belongs to.
AFFECTED = {
    Claim: lambda obj: Q(claim_id=obj.pk),
    Statement: lambda obj: Q(claim_id=obj.claim_id),
    Citation: lambda obj: Q(claim__statements=obj.statement_id),
    Source: lambda obj: Q(claim__statements__citations__source=obj.pk),
    Actor: lambda obj: (
        Q(claim__statements__actor=obj.pk)
        | Q(claim__about=obj.pk)
        | Q(claim__statements__citations__source__publisher=obj.pk)
    ),
    Topic: lambda obj: Q(claim__topics=obj.pk),
}


# What no version can rest on before it is saved: a claim, actor, source or topic is new to
# the record (a new statement or citation belongs to a claim that may have versions).
UNUSED_WHEN_NEW = (Claim, Actor, Source, Topic)


def _watched():
    return Review.objects.filter(state__in=WATCHED_STATES, pinned_sha256__gt="").order_by()


# The most frequent writes (a claim, a statement, a citation) look for their reviews with
# SQL compiled once: on a record with no pinned version there, that is all they cost.
SAMPLE_ID = 7_700_003
_OF_CLAIM = CompiledQuery(
    lambda claim: _watched().filter(claim_id=claim).values_list("pk"), claim=SAMPLE_ID
)
_OF_STATEMENT = CompiledQuery(
    lambda statement: _watched().filter(claim__statements=statement).values_list("pk"),
    statement=SAMPLE_ID,
)
COMPILED = {
    Claim: lambda obj: _OF_CLAIM.rows(claim=obj.pk),
    Statement: lambda obj: _OF_CLAIM.rows(claim=obj.claim_id),
    Citation: lambda obj: _OF_STATEMENT.rows(statement=obj.statement_id),
}


def recheck_reviews(rows) -> None:
    """Re-check the reviews whose ids ``rows`` (one-tuples) hold: none costs no query."""
    if rows:
        pks = [pk for (pk,) in rows]
        pinned_records_recheck(reviews=list(Review.objects.filter(pk__in=pks)))


def recheck(condition: Q) -> None:
    recheck_reviews(list(_watched().filter(condition).values_list("pk")))


def record_written(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # fixtures loaded as they are
    if sender in UNUSED_WHEN_NEW and kwargs.get("created"):
        return  # nothing rests on it yet
    compiled = COMPILED.get(sender)
    if compiled is not None:
        recheck_reviews(compiled(instance))
    else:
        recheck(AFFECTED[sender](instance))


# For the models written in bulk most (an import's statements and citations): the reviews of
# many written objects at once.
AFFECTED_IN_BULK = {
    Claim: lambda objs: Q(claim_id__in={obj.pk for obj in objs}),
    Statement: lambda objs: Q(claim_id__in={obj.claim_id for obj in objs}),
    Citation: lambda objs: Q(claim__statements__in={obj.statement_id for obj in objs}),
}


def records_written_in_bulk(sender, objs, created, **kwargs):
    """``record_written`` for rows written together (``core.history.bulk_written``): one
    query for them all."""
    objs = list(objs)
    if not objs or (created and sender in UNUSED_WHEN_NEW):
        return
    condition = AFFECTED_IN_BULK.get(sender)
    if condition is not None:
        recheck(condition(objs))
    else:
        recheck(reduce(or_, (AFFECTED[sender](obj) for obj in objs)))


def claim_related_changed(sender, instance, action, pk_set, reverse, **kwargs):
    """A claim's actors or topics changed (from the claim's side, or the other's)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        recheck_reviews(_OF_CLAIM.rows(claim=instance.pk))
    elif pk_set:
        recheck(Q(claim_id__in=pk_set))
    else:  # cleared from the actor's or topic's side: its claims are no longer known
        recheck(AFFECTED[type(instance)](instance))


def refuse_deleting_what_is_pinned(sender, instance, **kwargs):
    """A row a pinned version names is withdrawn, not deleted (also when a deletion cascades)."""
    reference = pinned_reference_of(instance)
    if reference is None:
        return
    review = reference.review
    raise DeletionRefused(
        instance,
        [],
        message=(
            f"Cannot delete {instance._meta.verbose_name} “{instance}”: version "
            f"{review.version} of the fact-check of claim #{review.claim_id} "
            f"({review.get_state_display().lower()}) rests on it. Withdraw it instead: it "
            "stays at its address, out of lists."
        ),
    )


# The rows a pin may name.
PINNABLE = (Claim, Statement, Citation, Source, Actor)


def connect() -> None:
    for model in PINNABLE:
        pre_delete.connect(
            refuse_deleting_what_is_pinned,
            sender=model,
            dispatch_uid=f"reviews.pinned.{model._meta.label_lower}",
        )
    for model in AFFECTED:
        uid = f"reviews.recheck.{model._meta.label_lower}"
        post_save.connect(record_written, sender=model, dispatch_uid=uid)
        post_delete.connect(record_written, sender=model, dispatch_uid=f"{uid}.delete")
        bulk_written.connect(records_written_in_bulk, sender=model, dispatch_uid=f"{uid}.bulk")
    for through in (Claim.about.through, Claim.topics.through):
        m2m_changed.connect(
            claim_related_changed,
            sender=through,
            dispatch_uid=f"reviews.recheck.{through._meta.label_lower}",
        )
