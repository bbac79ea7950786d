"""Django's PostgreSQL backend, except that a kept connection's check per request costs no
round trip while nothing says it is broken, and a text search is never prepared.

With ``CONN_HEALTH_CHECKS``, Django checks a persistent connection at the start of each
request by sending ``SELECT 1``: a round trip per request, whatever the request. A
connection the server closed (a restart, ``pg_terminate_backend``, an idle timeout) has been
told so: the server sends its ``FATAL`` message and closes the socket, which then reads as
ready. So the check here first asks the socket, without waiting: nothing to read on an idle
connection means nothing happened to it, and the connection is kept; anything to read (that
message, the end of the stream, or a notice) and the full check runs. A connection that
failed during the previous request is checked in full as before
(``close_if_unusable_or_obsolete``).

With parameters bound on the server (``DATABASE_PREPARE_THRESHOLD``), a statement run five
times on a connection is prepared, and PostgreSQL may then give it one generic plan for every
value. A text search's best plan depends on its words: for a common word, walk the newest
claims and stop at the page's end; for a rare one, read its few matches from the GIN indexes.
In a generic plan the words are unknown, and the claims search's was a walk of every claim
parsing the query once per row: after five searches for rare words on a connection, each
later search took seconds. A statement that parses a text-search query (``…tsquery(``) is
therefore sent unprepared, and planned with its words every time, as its first five were.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


def _pending(raw) -> bool:
    """Whether the server sent anything on the idle connection ``raw``: true also when the
    socket cannot be polled."""
    try:
        poller = select.poll()
        poller.register(raw.fileno(), select.POLLIN | select.POLLPRI)
        return bool(poller.poll(0))
    except (AttributeError, OSError, ValueError):  # no poll(), or no socket
        return True


class ServerBindingCursor(base.ServerBindingCursor):
    """Django's cursor for parameters bound on the server; a text search is not prepared."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        if prepare is None and isinstance(query, str) and "tsquery(" in query:
            prepare = False
        return super().execute(query, params, prepare=prepare, binary=binary)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        if params.get("cursor_factory") is base.ServerBindingCursor:
            params["cursor_factory"] = ServerBindingCursor
        return params

    def close_if_health_check_failed(self):
        raw = self.connection
        if (
            raw is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and not raw.closed
            and raw.info.transaction_status == pq.TransactionStatus.IDLE
            and not _pending(raw)
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
