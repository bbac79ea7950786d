"""Request rates, counted per client in fixed windows and weighed as a sliding one.

DRF's own throttles keep each client's whole request history (a timestamp per request) in
the cache and read and write it whole on every request: at 3,000 requests a minute that is
a list of 3,000 floats pickled twice per request (and sent twice over the network with a
shared cache), and two concurrent requests each write back their own copy, losing the
other's. Here a client has one counter per window (the period of its rate). A request reads
the current and the previous window's counters and increments the current one with
``cache.incr``, atomic on a shared cache. The request rate is estimated as the current
window's count plus the previous window's, weighted by the share of that window still within
the last period: a "sliding window counter", exact when requests are spread evenly. On Redis
(``core.backends.redis``) the read and the increment are one round trip: the request is
counted first, and the count taken back if it is refused.

On Redis a process counts a client's requests ahead, a thousandth of the rate at a time
(``LEASE_SHARE``; one at a time for rates under 2,000 a period): one round trip counts the
next requests of the client in this process, as many as the rate leaves room for, and those
are then served without one. Every request served was counted before it was, so the rate is
never exceeded; requests counted and not served before their window ends stay counted, so a
client may be refused up to a thousandth of its rate early per process.

Rates are read from the settings on every request (DRF's throttles copy
``DEFAULT_THROTTLE_RATES`` when their module is imported, so a rate changed later, per
environment or in a test, would be ignored). A rate of ``None`` turns that throttle off. A
rate is ``<number>/<period>``, the period a unit (``second``, ``minute``, ``hour``, ``day``, or
their first letter) optionally preceded by a count: ``10/15minutes``, ``30/15m``.

Clients are told apart by ``core.clients.client_address``: ``REMOTE_ADDR``, and
``X-Forwarded-For`` only through the proxies ``TRUSTED_PROXY_COUNT`` trusts.

``FailureThrottle`` counts failures instead of requests (failed authentications, failed
logins): ``refuses()`` before an attempt reads the counts and counts nothing, ``failed()``
after an attempt that failed counts it.
"""

import functools
import math
import re
import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from core.clients import client_address

# The request attribute that holds a count made before the throttles ran
# (``UserThrottle.count_ahead``): (throttle key, window key, allowed, the window's count
# before the request, the previous window's count).
COUNTED_AHEAD = "_throttle_counted_ahead"

# On a shared cache, the share of a rate one round trip counts ahead (see above).
LEASE_SHARE = 1000
# Requests counted ahead and not served yet, by the throttle's key as the cache makes it:
# (the window's key, how many). Forgotten wholesale past ``LEASED_CLIENTS`` clients.
_leases: dict[str, tuple[str, int]] = {}
_leases_lock = threading.Lock()
LEASED_CLIENTS = 10_000

RATE = re.compile(r"([0-9]+)/([0-9]*)([a-z]+)")
PERIODS = {
    name: seconds
    for seconds, names in (
        (1, ("s", "sec", "secs", "second", "seconds")),
        (60, ("m", "min", "mins", "minute", "minutes")),
        (3600, ("h", "hr", "hrs", "hour", "hours")),
        (86400, ("d", "day", "days")),
    )
    for name in names
}


@functools.lru_cache(maxsize=64)
def parse_rate(rate: str | None) -> tuple[int | None, int | None]:
    """``rate`` as (number, seconds), ``(None, None)`` for none; ImproperlyConfigured for
    anything but ``<number>/[<count>]<unit>``."""
    if rate is None:
        return None, None
    match = RATE.fullmatch("".join(str(rate).lower().split()))
    if match is None or match.group(3) not in PERIODS:
        raise ImproperlyConfigured(
            f"Invalid rate {rate!r}: expected <number>/<period>, such as 20/minute or "
            "10/15minutes (periods: second, minute, hour, day)."
        )
    count = int(match.group(2) or 1)
    if count < 1:
        raise ImproperlyConfigured(f"Invalid rate {rate!r}: the period must be at least 1.")
    return int(match.group(1)), count * PERIODS[match.group(3)]


class WindowRateThrottle:
    """The counting shared by the throttles below (``SimpleRateThrottle``'s interface)."""

    @property
    def THROTTLE_RATES(self):  # the attribute name DRF reads
        return api_settings.DEFAULT_THROTTLE_RATES

    def parse_rate(self, rate):
        return parse_rate(rate)

    def get_ident(self, request) -> str:
        return client_address(request)

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        if self.counted_ahead(request):
            return self.allowed_ahead
        if hasattr(self.cache, "count_and_read"):
            return self.count_unless_past_rate()
        if self.past_rate():
            return False
        self.count(self.current_key)
        return True

    def _windows(self) -> str:
        """Set the current window's key and how far into it we are; the previous one's key."""
        window, self.elapsed = divmod(self.timer(), self.duration)
        self.current_key = self.window_key(int(window))
        return self.window_key(int(window) - 1)

    def past_rate(self) -> bool:
        """Read the counts of ``self.key``: whether one more would go past the rate."""
        previous = self._windows()
        counts = self.cache.get_many([self.current_key, previous])
        self.current_count = counts.get(self.current_key, 0)
        self.previous_count = counts.get(previous, 0)
        return self.estimate() >= self.num_requests

    def count_unless_past_rate(self) -> bool:
        """``past_rate`` and ``count`` in one round trip, with a cache that counts and reads
        at once (``core.backends.redis``), or none when this process counted the request
        ahead (``lease_size``). The requests are counted first, and what the rate has no
        room for taken back: refused requests count no more than with two steps, and two
        concurrent requests cannot both see the last place free."""
        previous = self._windows()
        if self.take_leased():
            return True
        size = self.lease_size()
        count, found = self.cache.count_and_read(
            self.current_key, 2 * self.duration, [previous], by=size
        )
        return self.grant(count, found.get(previous, 0), size)

    def lease_size(self) -> int:
        """How many requests one round trip counts (this one and the next ones)."""
        return max(1, self.num_requests // LEASE_SHARE)

    def take_leased(self) -> bool:
        """Whether this process counted a request of ``self.key`` ahead in the current
        window and has not served it yet: if so, it is this one's."""
        name = self.cache.make_key(self.key)
        with _leases_lock:
            window, left = _leases.get(name, (None, 0))
            if window != self.current_key or not left:
                return False
            _leases[name] = (window, left - 1)
        return True

    def grant(self, count: int, previous_count: int, size: int) -> bool:
        """Whether the first of ``size`` requests just counted (the window's count is now
        ``count``) is within the rate. The requests the rate has no room for are taken back;
        the others but this one are this process's to serve (``take_leased``)."""
        self.current_count, self.previous_count = count - size, previous_count
        # The k-th request counted is allowed when estimate() + k < num_requests; the
        # estimate only falls as the window goes on.
        granted = max(0, min(size, math.ceil(self.num_requests - self.estimate())))
        if granted < size:
            self.cache.decr(self.current_key, size - granted)
        if granted > 1:
            name = self.cache.make_key(self.key)
            with _leases_lock:
                if len(_leases) >= LEASED_CLIENTS:
                    _leases.clear()
                window, left = _leases.get(name, (None, 0))
                left = left if window == self.current_key else 0
                _leases[name] = (self.current_key, left + granted - 1)
        return granted > 0

    def counted_ahead(self, request) -> bool:
        """Whether this request was counted under ``self.key`` in the current window before
        the throttles ran (``UserThrottle.count_ahead``); if so, with its counts and
        whether it was allowed (``allowed_ahead``)."""
        ahead = getattr(request, COUNTED_AHEAD, None)
        if ahead is None or ahead[0] != self.key:
            return False
        self._windows()
        _, current_key, allowed, count, previous_count = ahead
        if current_key != self.current_key:  # counted in the window just ended
            return False
        self.allowed_ahead = allowed
        self.current_count, self.previous_count = count, previous_count
        return True

    def key_of(self, ident) -> str:
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def window_key(self, window: int) -> str:
        return f"{self.key}:{window}"

    def estimate(self) -> float:
        """Requests within the last period, before this one."""
        still_within = (self.duration - self.elapsed) / self.duration
        return self.previous_count * still_within + self.current_count

    def count(self, key: str) -> None:
        """Count this request in its window, which lives on as the next one's previous."""
        try:
            self.cache.incr(key)
        except ValueError:  # the window's first request
            if not self.cache.add(key, 1, 2 * self.duration):
                self.cache.incr(key)  # another request started it meanwhile

    def wait(self) -> float:
        """Seconds until a request would be allowed again (at least one)."""
        duration, limit = self.duration, self.num_requests
        if self.current_count < limit:
            # The previous window's weight must fall below what this window leaves.
            allowed_weight = (limit - self.current_count) / self.previous_count
            seconds = duration * (1 - allowed_weight) - self.elapsed
        elif self.current_count:
            # Past the next window's start, this window becomes the weighed previous one.
            seconds = duration - self.elapsed + duration * (1 - limit / self.current_count)
        else:  # a rate of zero
            seconds = duration
        return max(1.0, seconds)

    def forget(self, ident) -> None:
        """Drop the counts of ``ident`` (a user's primary key or a client address)."""
        if self.rate is None:
            return
        self.key = self.key_of(ident)
        window = int(self.timer() // self.duration)
        self.cache.delete_many([self.window_key(window), self.window_key(window - 1)])


class AnonThrottle(WindowRateThrottle, AnonRateThrottle):
    """Anonymous requests, counted per client address (they are refused with 401 anyway)."""


class UserThrottle(WindowRateThrottle, UserRateThrottle):
    """Authenticated requests, counted per user, whichever token or session they use."""

    def count_ahead(self, request, user_id, keys: list[str]) -> dict | None:
        """Count ``request`` for ``user_id`` while reading ``keys`` from the cache, in one
        round trip, before it is authenticated: what the cache held under ``keys``, or None
        if this cache cannot count and read at once (nothing was read or counted then).

        Bearer authentication calls it with the keys it reads (``core.api.authentication``)
        when it has seen the token before and knows whose it is, so that an API request
        makes one round trip to the cache rather than two. The throttle then takes the count
        made here (``counted_ahead``) if the request did authenticate as that user.
        """
        if self.rate is None or not hasattr(self.cache, "count_and_read"):
            return None
        self.key = self.key_of(user_id)
        previous = self._windows()
        if self.take_leased():
            setattr(request, COUNTED_AHEAD, (self.key, self.current_key, True, 0, 0))
            return self.cache.get_many(keys) if keys else {}
        size = self.lease_size()
        count, found = self.cache.count_and_read(
            self.current_key, 2 * self.duration, [previous, *keys], by=size
        )
        allowed = self.grant(count, found.pop(previous, 0), size)
        counts = (self.key, self.current_key, allowed, self.current_count, self.previous_count)
        setattr(request, COUNTED_AHEAD, counts)
        return found


class FailureThrottle(WindowRateThrottle, SimpleRateThrottle):
    """Failed attempts per identity (a client address, a username), in the same windows.

    ``refuses(ident)`` before an attempt: whether the failures counted already reach the
    rate (it reads the counts, and counts nothing). ``failed()`` after that attempt failed:
    one more failure. Successes count nothing and forget nothing. Subclasses name their
    ``scope`` and the setting that holds their rate (read on every use).
    """

    setting: str = ""

    def get_rate(self):
        return getattr(settings, self.setting)

    def refuses(self, ident, *, counts: dict | None = None) -> bool:
        """``counts``: what the cache held under the keys ``count_keys(ident)`` named, read
        by the caller since."""
        if self.rate is None:
            self.key = None
            return False
        if counts is None:
            self.key = self.key_of(ident)
            return self.past_rate()
        self.current_count = counts.get(self.current_key, 0)
        self.previous_count = counts.get(self.previous_key, 0)
        return self.estimate() >= self.num_requests

    def count_keys(self, ident) -> list[str]:
        """The cache keys ``refuses(ident)`` reads now (none when there is no rate)."""
        if self.rate is None:
            return []
        self.key = self.key_of(ident)
        self.previous_key = self._windows()
        return [self.current_key, self.previous_key]

    def failed(self) -> None:
        """Count a failure of the identity ``refuses()`` was last asked about."""
        if self.key is not None:
            self.count(self.current_key)


class FailedAuthThrottle(FailureThrottle):
    """Failed bearer-token authentications, per client address (``API_THROTTLE_FAILED_AUTH``).

    Checked before the token is looked up: a refused request runs no query.
    """

    scope = "failed_auth"
    setting = "API_THROTTLE_FAILED_AUTH"
