"""Request rates, counted per client in fixed windows and weighed as a sliding one.

DRF's own throttles keep each client's whole request history (a timestamp per request) in
the cache and read and write it whole on every request: at 3,000 requests a minute that is
a list of 3,000 floats pickled twice per request (and sent twice over the network with a
shared cache), and two concurrent requests each write back their own copy, losing the
other's. Here a client has one counter per window (the period of its rate). A request reads
the current and the previous window's counters and increments the current one with
``cache.incr``, atomic on a shared cache. The request rate is estimated as the current
window's count plus the previous window's, weighted by the share of that window still within
the last period: a "sliding window counter", exact when requests are spread evenly.

Rates are read from the settings on every request (DRF's throttles copy
``DEFAULT_THROTTLE_RATES`` when their module is imported, so a rate changed later, per
environment or in a test, would be ignored). A rate of ``None`` turns that throttle off.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class WindowRateThrottle:
    """The counting shared by the throttles below (``SimpleRateThrottle``'s interface)."""

    @property
    def THROTTLE_RATES(self):  # the attribute name DRF reads
        return api_settings.DEFAULT_THROTTLE_RATES

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        window, self.elapsed = divmod(self.timer(), self.duration)
        current, previous = self.window_key(int(window)), self.window_key(int(window) - 1)
        counts = self.cache.get_many([current, previous])
        self.current_count = counts.get(current, 0)
        self.previous_count = counts.get(previous, 0)
        if self.estimate() >= self.num_requests:
            return False
        self.count(current)
        return True

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
        self.key = self.cache_format % {"scope": self.scope, "ident": ident}
        window = int(self.timer() // self.duration)
        self.cache.delete_many([self.window_key(window), self.window_key(window - 1)])


class AnonThrottle(WindowRateThrottle, AnonRateThrottle):
    """Anonymous requests, counted per client address (they are refused with 401 anyway)."""


class UserThrottle(WindowRateThrottle, UserRateThrottle):
    """Authenticated requests, counted per user, whichever token or session they use."""
