"""The address a request comes from, as throttles count it.

``REMOTE_ADDR`` is the client, unless ``TRUSTED_PROXY_COUNT`` says how many proxies stand in
front of the app: each of them appends the address it was reached from to
``X-Forwarded-For``, so the client is the entry that many places from the end. Entries further
left were written by the client itself and are never read: a client choosing its own address
would escape every count. With no trusted proxy the header is ignored altogether.

An IPv6 client is counted by its /64 network, the block one subscriber usually gets: counting
single addresses would give whoever holds a /64 as many counts as it has addresses.
"""

import functools
import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The client of ``request``: an IPv4 address, or an IPv6 network written as ``…/64``."""
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR") if proxies else None
    if forwarded:
        entries = [entry.strip() for entry in forwarded.split(",")]
        # Fewer entries than proxies: the request skipped some; the leftmost is the client.
        counted = _counted(entries[-min(proxies, len(entries))])
        if counted is not None:
            return counted
    return _counted(remote) or remote


@functools.lru_cache(maxsize=4096)  # parsing an address costs more than the throttle's read
def _counted(address: str) -> str | None:
    """``address`` as a client is counted by; None if it is not an IP address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
