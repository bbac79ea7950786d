"""The record's bulk files, in dependency order: one per kind of object (``core.transfer``
says how values are written and read).

Every object is named by its ``uuid``; a reference to another object is that object's uuid
(``parent_uuid``), a list of them in ``…_uuids``; a chain is its citations, each naming the
one it derives from (``derived_from_uuid``).
"""

from core.transfer import FORMATS, Kind, ManyReference, Reference
from sources import transfer as sources
from sources.models import Actor, Snapshot, Source

from ..models import Citation, Claim, ClaimRelation, Statement, Topic

CLAIMS, STATEMENTS, CITATIONS, RELATIONS = (
    Kind(
        "claims",
        Claim,
        (
            "text",
            "language",
            "kind",
            "quantity_value",
            "quantity_upper",
            "quantity_comparator",
            "quantity_unit",
            "period_start",
            "period_end",
            "period_precision",
            "place",
        ),
        many=(
            ManyReference("about_uuids", "about", Actor),
            ManyReference("topics", "topics", Topic, by="name"),
        ),
        withdrawal=True,
    ),
    Kind(
        "statements",
        Statement,
        ("speaker_label", "stance", "stated_on", "stated_precision", "confidence", "note"),
        references=(
            Reference("claim_uuid", "claim", Claim),
            Reference("actor_uuid", "actor", Actor),
            Reference("responds_to_uuid", "responds_to", Statement),
        ),
        withdrawal=True,
    ),
    Kind(
        "citations",
        Citation,
        ("role", "access", "quote", "quote_prefix", "quote_suffix", "locator", "retrieved_on"),
        references=(
            Reference("statement_uuid", "statement", Statement),
            Reference("source_uuid", "source", Source),
            Reference("snapshot_uuid", "snapshot", Snapshot),
            Reference("derived_from_uuid", "derived_from", Citation),
        ),
        withdrawal=True,
    ),
    Kind(
        "relations",
        ClaimRelation,
        ("kind", "note"),
        references=(
            Reference("from_claim_uuid", "from_claim", Claim),
            Reference("to_claim_uuid", "to_claim", Claim),
        ),
    ),
)
# In dependency order: a file refers only to the files before it, and to itself.
KINDS = (*sources.KINDS, CLAIMS, STATEMENTS, CITATIONS, RELATIONS)
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}


def kind_of_file(name: str) -> tuple[Kind, str] | None:
    """The kind and format a file's name says ("claims.jsonl"), or None."""
    stem, _, suffix = name.rpartition(".")
    kind = KINDS_BY_NAME.get(stem)
    if kind is None or suffix not in FORMATS:
        return None
    return kind, suffix
