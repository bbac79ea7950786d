"""The bulk files of actors, aliases, sources and snapshots (``core.transfer``)."""

from core.transfer import Kind, ManyReference, Reference

from .models import Actor, Alias, Snapshot, Source

ACTORS, ALIASES, SOURCES, SNAPSHOTS = (
    Kind(
        "actors",
        Actor,
        ("name", "kind", "description", "country", "wikidata_id"),
        references=(
            Reference("parent_uuid", "parent", Actor),
            Reference("leader_uuid", "leader", Actor),
        ),
        withdrawal=True,
    ),
    Kind("aliases", Alias, ("name",), references=(Reference("actor_uuid", "actor", Actor),)),
    Kind(
        "sources",
        Source,
        (
            "kind",
            "title",
            "url",
            "published_on",
            "published_precision",
            "language",
            "is_public",
            "access_note",
            "archive_url",
        ),
        references=(Reference("publisher_uuid", "publisher", Actor),),
        many=(ManyReference("author_uuids", "authors", Actor),),
        withdrawal=True,
    ),
    Kind(
        "snapshots",
        Snapshot,
        ("captured_at", "captured_by", "captured_from", "text"),
        references=(Reference("source_uuid", "source", Source),),
    ),
)
# In dependency order: a file refers only to the files before it, and to itself.
KINDS = (ACTORS, ALIASES, SOURCES, SNAPSHOTS)
