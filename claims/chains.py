"""The chain behind a citation: from the origin to where the record read it, in words."""

from .choices import AccessMode, CitationRole

ROLE_PHRASES = {
    CitationRole.REPORTS: "reported by",
    CitationRole.REPUBLISHES: "republished by",
    CitationRole.QUOTES: "quoted by",
    CitationRole.TRANSLATES: "translated by",
}
ACCESS_PHRASES = {
    AccessMode.SEEN_BY: "seen by",
    AccessMode.OBTAINED: "obtained by",
    AccessMode.BRIEFED: "briefed to",
    AccessMode.INTERVIEW: "interviewed by",
}
UNKNOWN_ORIGIN = "origin not recorded"


def chain_to(citation, citations_by_id: dict | None = None) -> list:
    """The citations from the origin to ``citation``, origin first.

    With ``citations_by_id`` (the statement's citations, prefetched) it runs no query.
    """
    chain, link, seen = [], citation, set()
    while link is not None and link.pk not in seen:
        chain.append(link)
        seen.add(link.pk)
        if link.derived_from_id is None:
            break
        if citations_by_id is not None and link.derived_from_id in citations_by_id:
            link = citations_by_id[link.derived_from_id]
        else:
            link = link.derived_from
    chain.reverse()
    return chain


def leaf_chains(citations) -> list[list]:
    """Every chain of a statement, one per citation that nothing else derives from."""
    citations = list(citations)
    by_id = {citation.pk: citation for citation in citations}
    derived_from = {citation.derived_from_id for citation in citations}
    return [chain_to(c, by_id) for c in citations if c.pk not in derived_from]


def _source_owner(source) -> str:
    return str(source.publisher) if source.publisher_id else source.title


def describe_link(citation, *, first: bool) -> str:
    source = citation.source
    if first and citation.role == CitationRole.ORIGIN:
        text = f"{_source_owner(source)} — {source.get_kind_display().lower()}"
        return text if source.is_public else f"{text} (not public)"
    phrase = ACCESS_PHRASES.get(citation.access) or ROLE_PHRASES.get(citation.role, "via")
    return f"{phrase} {_source_owner(source)}"


def describe_chain(chain) -> str:
    """ "U.S. Department of Defense — report (not public) → seen by Associated Press → …" """
    if not chain:
        return ""
    parts = [describe_link(link, first=index == 0) for index, link in enumerate(chain)]
    if chain[0].role != CitationRole.ORIGIN:
        parts.insert(0, UNKNOWN_ORIGIN)
    return " → ".join(parts)
