"""URL normalisation: one document, one URL, however it was pasted."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the reader and never select a different document.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga"}
)
DEFAULT_PORTS = {"http": 80, "https": 443}
# What urlsplit() drops from the ends (C0 controls, space) and what str.strip() drops
# (Unicode spaces), both at once, so a second pass finds nothing more to strip.
_EDGE_JUNK = re.compile(r"^[\s\x00-\x20]+|[\s\x00-\x20]+$")
# A path's trailing slashes, and the blanks a dropped fragment can leave before them.
_PATH_TAIL = re.compile(r"[\s\x00-\x20/]+$")


def normalize_url(url: str) -> str:
    """Canonical form of a URL for uniqueness.

    Lower-cases the scheme and host, drops default ports, fragments, tracking parameters
    (``utm_*`` and the like) and a trailing slash, and sorts the query. Empty stays empty.
    """
    url = _EDGE_JUNK.sub("", url)
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        # Not a URL that can be taken apart (a broken IPv6 host): left for the field's
        # validator to report, rather than failing the whole validation.
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if parts.username:
        netloc = f"{parts.username}@{host}"
    if port and port != DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    path = _PATH_TAIL.sub("", parts.path) or "/"
    if not netloc:
        # Without a host, "//" would start one on the next pass (and Python versions
        # differ on how they join such a path back).
        path = "/" + path.lstrip("/") if path.startswith("/") else path
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMETERS
    )
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))
