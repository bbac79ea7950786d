"""Generations: a value in the default cache naming the current state of something kept
elsewhere (token identities, the active webhook subscriptions). A change to what it covers
starts a new generation, which nothing kept under an older one matches.

On Redis (``CACHE_URL``) a new generation is announced to every process, and each keeps a
mirror of it (``core.backends.redis.mirror``): a process reads it with no round trip, so it
can keep what it read in its own memory for as long as the generation stands. It learns of
a new one once Redis has delivered one message and the mirror's thread has had its turn.
On other caches the generation is read from the cache like any key.
"""

import uuid

from django.core.cache import cache


class Generation:
    """The generation stored under ``key`` of the default cache."""

    def __init__(self, key: str):
        self.key = key

    def start_new(self) -> None:
        """Start a new generation: whatever was kept under an older one is stale."""
        self._set(uuid.uuid4().hex)

    def start_first(self) -> str | None:
        """A generation for a cache that has none (emptied, or new), or None if another
        process started one meanwhile (what it keeps is unknown to this one)."""
        generation = uuid.uuid4().hex
        return generation if self._set(generation, only_if_missing=True) else None

    def _set(self, generation: str, *, only_if_missing: bool = False) -> bool:
        """Make ``generation`` the current one, without expiry (only if there is none, with
        ``only_if_missing``); whether it was set. On Redis every process's mirror is told."""
        if hasattr(cache, "announce"):
            return cache.announce(self.key, generation, only_if_missing=only_if_missing)
        if only_if_missing:
            return cache.add(self.key, generation, None)
        cache.set(self.key, generation, None)
        return True

    @staticmethod
    def mirrored_here() -> bool:
        """Whether the cache keeps a mirror of generations in each process (Redis)."""
        return hasattr(cache, "mirror")

    def mirrored(self) -> str | None:
        """The generation as this process's mirror has it (Redis): None when there is no
        mirror, when it cannot vouch for its value now, or when there is no generation."""
        mirror = getattr(cache, "mirror", None)
        return None if mirror is None else mirror(self.key).value()

    def mirrored_and_missing(self) -> bool:
        """Whether this process's mirror answers for Redis now and there is no generation."""
        mirror = getattr(cache, "mirror", None)
        if mirror is None:
            return False
        kept = mirror(self.key)
        return kept.live() and kept.value() is None
