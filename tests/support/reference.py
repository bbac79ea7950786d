"""The reference article as test data: its claims by their labelled keys (C1…C6), and
what it lacks added to it (``add_structure``)."""

import datetime
import io
import json

from django.core.management import call_command

from claims.choices import RelationKind, Stance
from claims.models import Claim, ClaimRelation, Statement
from claims.services import claim_relation_save, claim_save, statement_save
from core.services import instance_withdraw
from devtools.reference import default_article_path, expected_path
from tests.support.api import found
from tests.support.factories import UserFactory


def reference_claims() -> dict[str, Claim]:
    """Load the reference article; its claims by their labelled keys (C1…C6)."""
    call_command("load_reference_article", stdout=io.StringIO())
    labels = json.loads(expected_path(default_article_path()).read_text(encoding="utf-8"))
    return {spec["key"]: Claim.objects.get(text=spec["text"]) for spec in labels["claims"]}


def keys(response, claims: dict[str, Claim]) -> set[str]:
    by_id = {claim.pk: key for key, claim in claims.items()}
    return {by_id.get(pk, f"other:{pk}") for pk in found(response)}


def add_structure(claims: dict[str, Claim]) -> dict[str, Claim]:
    """What the reference article lacks: relations both ways, a withdrawn statement, a
    withdrawn claim (with who withdrew it), and a claim ``X1`` whose dated statements answer
    one another, one by a speaker without an actor.

    Statements without a date sort first on SQLite and last on PostgreSQL, so the dated ones
    have a claim of their own: the order is then the same on both.
    """
    editor = UserFactory(username="pinned-editor")
    c1, c2, c4 = claims["C1"], claims["C2"], claims["C4"]
    claim_relation_save(
        relation=ClaimRelation(from_claim=c1, to_claim=c2, kind=RelationKind.SUPPORTS, note="n")
    )
    claim_relation_save(
        relation=ClaimRelation(from_claim=c4, to_claim=c1, kind=RelationKind.CONTRADICTS)
    )
    withdrawn = statement_save(
        statement=Statement(claim=c1, speaker_label="A blogger", stance=Stance.DENIES)
    )
    instance_withdraw(instance=withdrawn, user=editor, reason="Misattributed.")
    instance_withdraw(instance=claims["C3"], user=editor, reason="Duplicate.")
    x1 = claim_save(claim=Claim(text="Mercenaries were paid in dollars.", place="Libya"))
    claim_relation_save(
        relation=ClaimRelation(from_claim=x1, to_claim=c2, kind=RelationKind.REFINES)
    )
    answered = statement_save(
        statement=Statement(
            claim=x1,
            actor=c1.statements.order_by("pk").first().actor,
            stance=Stance.ASSERTS,
            stated_on=datetime.date(2020, 6, 12),
            confidence="medium",
        )
    )
    statement_save(
        statement=Statement(
            claim=x1,
            speaker_label="Western officials",
            stance=Stance.DISPUTES,
            stated_on=datetime.date(2020, 7, 1),
            stated_precision="month",
            responds_to=answered,
            note="Unnamed.",
        )
    )
    return {**claims, "X1": x1}
