"""What a verdict rests on, frozen when it is approved: the pinned document of a version.

Approval pins the claim's wording and structure, its statements with their citations,
quotes and chains (the *record* part), and the verdict itself: the rating label's text,
value and scale, the explanation, write-up, correction note and evidence (the *verdict*
part), as one JSON document with its SHA-256. Readers (the public pages, ClaimReview, the
API's published view) get that document, never the live rows, so later edits of the record
cannot move a published verdict. Building the record part again from the live rows and
comparing says whether, and how, the record changed since (``record_changes``).

The document holds what a reader is shown, display strings included (a chain in words, a
date as precise as it is known), so that a version reads the same whatever the code later
says in its place. It is built in a fixed number of queries whatever the claim's size.
"""

import hashlib
import json

from claims.chains import chain_to, describe_chain, describe_link
from claims.choices import CitationRole
from claims.models import Claim
from core import dates

SCHEMA = 1


# Hashing


def document_sha256(document: dict) -> str:
    """The SHA-256 of a document's canonical JSON (sorted keys, no spaces)."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# The record part


def _date(value) -> str | None:
    return value.isoformat() if value is not None else None


def _number(value) -> str | None:
    """A decimal as its exact digits (JSON numbers would round it)."""
    return None if value is None else format(value.normalize(), "f")


def actor_document(actor) -> dict | None:
    if actor is None:
        return None
    return {
        "id": actor.pk,
        "name": actor.name,
        "kind": actor.kind,
        "wikidata_id": actor.wikidata_id,
    }


def source_document(source) -> dict:
    return {
        "id": source.pk,
        "kind": source.kind,
        "kind_display": source.get_kind_display(),
        "title": source.title,
        "publisher": actor_document(source.publisher),
        "url": source.url,
        "archive_url": source.archive_url,
        "is_public": source.is_public,
        "access_note": source.access_note,
        "published_on": _date(source.published_on),
        "published_precision": source.published_precision,
        "published_display": source.published_display,
    }


def citation_document(citation) -> dict:
    return {
        "id": citation.pk,
        "role": citation.role,
        "access": citation.access,
        "derived_from": citation.derived_from_id,
        "quote": citation.quote,
        "quote_verified": citation.quote_verified,
        "locator": citation.locator,
        "source": source_document(citation.source),
    }


def chain_document(chain: list) -> dict:
    return {
        "summary": describe_chain(chain),
        "origin_known": bool(chain) and chain[0].role == CitationRole.ORIGIN,
        "links": [
            {"citation": link.pk, "text": describe_link(link, first=index == 0)}
            for index, link in enumerate(chain)
        ],
    }


def statement_document(statement) -> dict:
    """A current statement with its current citations (a withdrawn one is not part of the
    record any more; a chain may still pass through it)."""
    every = list(statement.citations.all())
    by_id = {citation.pk: citation for citation in every}
    citations = [citation for citation in every if citation.withdrawn_at is None]
    responds_to = statement.responds_to
    return {
        "id": statement.pk,
        "stance": statement.stance,
        "stance_display": statement.get_stance_display(),
        "speaker": statement.speaker,
        "actor": actor_document(statement.actor),
        "speaker_label": statement.speaker_label,
        "stated_on": _date(statement.stated_on),
        "stated_precision": statement.stated_precision,
        "date_display": dates.display(statement.stated_on, statement.stated_precision),
        "confidence": statement.confidence,
        "responds_to": None
        if responds_to is None
        else {
            "id": responds_to.pk,
            "speaker": responds_to.speaker,
            "stance": responds_to.stance,
            "stance_display": responds_to.get_stance_display(),
        },
        "citations": [citation_document(citation) for citation in citations],
        "chains": [chain_document(chain_to(leaf, by_id)) for leaf in _leaves(citations)],
    }


def _leaves(citations) -> list:
    """The citations no current one derives from, each the end of one chain."""
    derived_from = {citation.derived_from_id for citation in citations}
    return [citation for citation in citations if citation.pk not in derived_from]


def claim_document(claim) -> dict:
    return {
        "id": claim.pk,
        "text": claim.text,
        "language": claim.language,
        "kind": claim.kind,
        "quantity": {
            "comparator": claim.quantity_comparator,
            "value": _number(claim.quantity_value),
            "upper": _number(claim.quantity_upper),
            "unit": claim.quantity_unit,
        },
        "quantity_display": claim.quantity_display,
        "period_start": _date(claim.period_start),
        "period_end": _date(claim.period_end),
        "period_precision": claim.period_precision,
        "period_display": claim.period_display,
        "place": claim.place,
        "about": [actor_document(actor) for actor in claim.about.all()],
        "topics": [
            {"id": topic.pk, "name": topic.name, "slug": topic.slug} for topic in claim.topics.all()
        ],
    }


def record_document(claim_id: int, *, claim: Claim | None = None) -> dict:
    """The record part of a fact-check, read from the live rows of claim ``claim_id`` (or
    from ``claim``, that claim as ``Claim.objects.for_detail()`` has just read it)."""
    if claim is None:
        claim = Claim.objects.for_detail().get(pk=claim_id)
    statements = [s for s in claim.statements.all() if s.withdrawn_at is None]
    return {
        "claim": claim_document(claim),
        "statements": [statement_document(statement) for statement in statements],
    }


# The verdict part


def rating_document(label) -> dict | None:
    if label is None:
        return None
    scale = label.scale
    return {
        "id": label.pk,
        "label": label.label,
        "value": _number(label.value),
        "description": label.description,
        "colour": label.colour,
        "scale": {
            "id": scale.pk,
            "name": scale.name,
            "slug": scale.slug,
            "best": _number(scale.best_value),
            "worst": _number(scale.worst_value),
        },
    }


def verdict_document(review) -> dict:
    return {
        "version": review.version,
        "rating": rating_document(review.rating),
        "explanation": review.explanation,
        "write_up": review.write_up,
        "origin_unavailable_reason": review.origin_unavailable_reason,
        "correction_note": review.correction_note,
        "evidence": sorted(citation.pk for citation in review.evidence.all()),
    }


def pinned_document(review) -> dict:
    """The document approval pins for ``review``: its record and its verdict, as they are."""
    return {
        "schema": SCHEMA,
        "record": record_document(review.claim_id),
        "verdict": verdict_document(review),
    }


def pinned_objects(document: dict) -> set[tuple[str, int]]:
    """The rows of the record a pinned document names, as (model label, id): the claim, its
    statements and citations, their sources, and every actor it names."""
    record = document["record"]
    claim = record["claim"]
    objects = {("claims.claim", claim["id"])}
    actors = {actor["id"] for actor in claim["about"]}
    for statement in record["statements"]:
        objects.add(("claims.statement", statement["id"]))
        if statement["actor"]:
            actors.add(statement["actor"]["id"])
        for citation in statement["citations"]:
            objects.add(("claims.citation", citation["id"]))
            source = citation["source"]
            objects.add(("sources.source", source["id"]))
            if source["publisher"]:
                actors.add(source["publisher"]["id"])
    return objects | {("sources.actor", pk) for pk in actors}


# What changed since


FIELD_NAMES = {
    "text": "text",
    "language": "language",
    "kind": "kind",
    "quantity_display": "quantity",
    "period_display": "period",
    "place": "place",
    "about": "actors it is about",
    "topics": "topics",
    "stance": "stance",
    "speaker": "speaker",
    "date_display": "date",
    "confidence": "confidence",
    "responds_to": "the statement it answers",
    "role": "role",
    "access": "access",
    "derived_from": "the citation it derives from",
    "quote": "quote",
    "quote_verified": "verification",
    "locator": "locator",
    "source": "source",
    "chains": "chains",
}
# What says the same again in other words (the raw values behind a display string).
_UNSHOWN = {
    "quantity",
    "period_start",
    "period_end",
    "period_precision",
    "stated_on",
    "stated_precision",
    "stance_display",
    "actor",
    "speaker_label",
    "id",
}


def record_changes(pinned: dict, live: dict) -> list[dict]:
    """What differs between the record a version pinned and the record now, in words.

    Each change is ``{"what", "field", "before", "after"}``: ``what`` names the object (the
    claim, "Statement #13 (Government of Russia denies)", "Citation #20"), ``field`` the
    field in words, or "added"/"withdrawn" for whole statements and citations.
    """
    changes = _fields("The claim", pinned["claim"], live["claim"])
    before = {statement["id"]: statement for statement in pinned["statements"]}
    after = {statement["id"]: statement for statement in live["statements"]}
    for pk in sorted(before.keys() | after.keys()):
        old, new = before.get(pk), after.get(pk)
        what = _statement_name(old or new)
        if old is None or new is None:
            changes.append(_whole(what, old, new))
            continue
        changes += _fields(what, old, new, skip={"citations"})
        changes += _citation_changes(old["citations"], new["citations"])
    return changes


def _statement_name(statement: dict) -> str:
    return f"Statement #{statement['id']} ({statement['speaker']} {statement['stance_display']})"


def _whole(what: str, old, new) -> dict:
    # What a pin names cannot be deleted: gone from the record, it was withdrawn.
    return {
        "what": what,
        "field": "added" if old is None else "withdrawn",
        "before": None,
        "after": None,
    }


def _citation_changes(before_list: list, after_list: list) -> list[dict]:
    changes = []
    before = {citation["id"]: citation for citation in before_list}
    after = {citation["id"]: citation for citation in after_list}
    for pk in sorted(before.keys() | after.keys()):
        old, new = before.get(pk), after.get(pk)
        what = f"Citation #{pk} ({(old or new)['source']['title']})"
        if old is None or new is None:
            changes.append(_whole(what, old, new))
        else:
            changes += _fields(what, old, new)
    return changes


def _fields(what: str, old: dict, new: dict, skip=frozenset()) -> list[dict]:
    changes = []
    for key in old.keys() | new.keys():
        if key in skip or key in _UNSHOWN or old.get(key) == new.get(key):
            continue
        changes.append(
            {
                "what": what,
                "field": FIELD_NAMES.get(key, key.replace("_", " ")),
                "before": _shown(old.get(key)),
                "after": _shown(new.get(key)),
            }
        )
    return sorted(changes, key=lambda change: change["field"])


def _shown(value):
    """A value as a reader would name it: a source or an actor by its name, a chain in words."""
    if isinstance(value, dict):
        for key in ("title", "name", "speaker", "summary"):
            if value.get(key):
                return value[key]
        return value
    if isinstance(value, list):
        return [_shown(item) for item in value]
    return value
