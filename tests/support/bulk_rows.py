"""Rows of the bulk files (``claims.transfer``), as an export writes them, for tests."""

import json
import uuid

from claims.transfer.formats import KINDS_BY_NAME
from claims.transfer.importing import Importer


def write_jsonl(path, rows) -> None:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def imported(folder, kind: str, rows: list[dict], **options):
    """The report of importing ``rows`` as the file of ``kind`` (written in ``folder``), by
    an ``Importer(**options)``."""
    path = folder / f"{kind}.jsonl"
    write_jsonl(path, rows)
    return Importer(**options).import_file(path, KINDS_BY_NAME[kind], "jsonl")


def claim_row(*, text: str, about=(), topics=()) -> dict:
    row = dict.fromkeys(KINDS_BY_NAME["claims"].columns, "")
    return row | {
        "uuid": str(uuid.uuid4()),
        "text": text,
        "language": "en",
        "kind": "factual",
        "quantity_value": None,
        "quantity_upper": None,
        "period_start": None,
        "period_end": None,
        "period_precision": "day",
        "about_uuids": [str(actor.uuid) for actor in about],
        "topics": list(topics),
        "withdrawn_at": None,
    }


def statement_row(claim, actor, *, responds_to=None, stance="asserts") -> dict:
    row = dict.fromkeys(KINDS_BY_NAME["statements"].columns, "")
    return row | {
        "uuid": str(uuid.uuid4()),
        "stance": stance,
        "stated_on": None,
        "stated_precision": "day",
        "confidence": "high",
        "claim_uuid": str(claim.uuid),
        "actor_uuid": str(actor.uuid),
        "responds_to_uuid": responds_to["uuid"] if responds_to else None,
        "withdrawn_at": None,
    }


def citation_row(statement, snapshot, *, derived_from=None, quote="the bridge was closed"):
    row = dict.fromkeys(KINDS_BY_NAME["citations"].columns, "")
    return row | {
        "uuid": str(uuid.uuid4()),
        "role": "reports" if derived_from else "origin",
        "access": "direct",
        "quote": quote,
        "retrieved_on": None,
        "statement_uuid": str(statement.uuid),
        "source_uuid": str(snapshot.source.uuid),
        "snapshot_uuid": str(snapshot.uuid),
        "derived_from_uuid": derived_from["uuid"] if derived_from else None,
        "withdrawn_at": None,
    }
