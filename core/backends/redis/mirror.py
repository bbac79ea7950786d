"""A cache key's value kept in the process, told of every change by Redis's publish and
subscribe instead of read on every use.

``RedisCache.announce(key, value)`` sets a key and publishes the value on a channel named
after the key, in one script run by the server: announcements reach subscribers in the
order the key was set. A ``KeyMirror`` runs a thread in its process that subscribes to that
channel, then reads the key (so no change made after it started listening is missed), and
keeps each value announced since. ``value()`` answers from memory; it answers None whenever
the mirror cannot vouch for its value: before the first read, after the subscription was
lost (until it is made again and the key read afresh), and when the subscription has not
answered a ping for ``STALE_AFTER`` seconds (a connection that died silently). A caller
then reads the cache as it would without a mirror.

A value announced reaches the mirrors once Redis has delivered one message and the thread has
had its turn (a fraction of a millisecond while the process waits, up to Python's thread
switch interval and more while it runs Python all along); a value set without ``announce``
(``cache.set``) is not seen until the mirror subscribes again. Each process has its own
thread (a mirror used after a fork starts one in the child), a daemon that holds one
connection to Redis.
"""

import logging
import os
import threading
import time

logger = logging.getLogger(__name__)

# How often the subscription is pinged when quiet, and how long without an answer before
# the mirror's value is no longer trusted; how long the thread waits for a message before it
# looks whether it is stopped.
PING_EVERY = 1.0
STALE_AFTER = 3.0
LISTEN_FOR = 0.1
# Waits before subscribing again after failures in a row: longer each time, up to the last.
RETRY_WAITS = (0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0)


class KeyMirror:
    """``cache``'s value of ``key`` (a key as given to the cache, not made), kept by a
    subscriber thread. ``value()`` is the value, or None when it cannot be vouched for."""

    def __init__(self, cache, key: str):
        self.cache = cache
        self.key = key
        self.channel = cache.make_and_validate_key(key)
        self._lock = threading.Lock()
        self._pid = None
        self._thread = None
        self._pubsub = None
        self._stopped = threading.Event()
        self._ended = False
        self._reset()

    def _reset(self) -> None:
        self._value = None
        self._known = False
        self._heard = 0.0

    def value(self):
        """The key's value as last set by ``announce``, or None when the mirror is not
        subscribed, has not read the key yet, or has not heard from Redis lately."""
        if self._pid != os.getpid() and not self._ended:
            self._start()
        return self._value if self.live() else None

    def live(self) -> bool:
        """Whether ``value()`` answers for Redis now (it may still be None: no such key)."""
        return self._known and time.monotonic() - self._heard <= STALE_AFTER

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            # A fork copies the parent's state but not its thread: begin again.
            self._reset()
            self._stopped = threading.Event()
            self._thread = threading.Thread(
                target=self._run, args=(self._stopped,), name=f"mirror {self.key}", daemon=True
            )
            self._pid = os.getpid()
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread for good (tests; a process exiting needs nothing: the thread is a
        daemon)."""
        self._ended = True
        self._stopped.set()
        thread = self._thread
        if thread is not None and self._pid == os.getpid():
            thread.join(timeout)
        self._reset()
        self._pid = None

    def _run(self, stopped: threading.Event) -> None:
        failures = 0
        while not stopped.is_set():
            try:
                self._follow(stopped)
                failures = 0
            except Exception:  # any failure of Redis or of its connection
                logger.warning("Lost the subscription to %s; subscribing again.", self.channel)
                failures += 1
            finally:
                self._reset()
            stopped.wait(RETRY_WAITS[min(failures, len(RETRY_WAITS) - 1)])

    def _follow(self, stopped: threading.Event) -> None:
        """Subscribe, read the key, then keep each value announced until stopped."""
        client = self.cache._cache.get_client(self.channel, write=True)
        loads = self.cache._cache._serializer.loads
        self._pubsub = pubsub = client.pubsub()
        try:
            pubsub.subscribe(self.channel)
            confirmation = pubsub.get_message(timeout=STALE_AFTER)
            if confirmation is None or confirmation["type"] != "subscribe":
                raise ConnectionError(f"No confirmation of the subscription to {self.channel}.")
            raw = client.get(self.channel)
            value = None if raw is None else loads(raw)
            # Values announced before the read arrive after it: the last one to arrive is
            # the newest, whether it is the value read or one set since.
            while (message := pubsub.get_message(timeout=0)) is not None:
                if message["type"] == "message":
                    value = loads(message["data"])
            self._value, self._heard, self._known = value, time.monotonic(), True
            pinged = None
            while not stopped.is_set():
                message = pubsub.get_message(timeout=LISTEN_FOR)
                now = time.monotonic()
                if message is None:
                    if pinged is None and now - self._heard >= PING_EVERY:
                        pubsub.ping()
                        pinged = now
                    elif pinged is not None and now - pinged > STALE_AFTER:
                        raise ConnectionError(f"No answer to a ping on {self.channel}.")
                    continue
                if message["type"] == "message":
                    self._value = loads(message["data"])
                self._heard, pinged = now, None
        finally:
            pubsub.close()
