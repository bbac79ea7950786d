"""When the database cannot be reached: how to tell, and what to log.

A request that finds the database out of reach gets 503 with ``Retry-After``
(``DATABASE_RETRY_AFTER_SECONDS``), and the log one line, never a traceback: an outage is
no bug, and a traceback per request would bury the line that says what is wrong. Nothing
is remembered between requests: each tries to connect again (with ``CONN_HEALTH_CHECKS``,
a persistent connection is checked first), so a restored database serves the next one.

Only a connection that cannot be established, or that was lost, counts: an error of a
query on a working connection (a lock timeout, say) stays the 500 of a bug.
"""

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import InterfaceError, OperationalError
from django.utils.log import log_response

logger = logging.getLogger(__name__)

CONNECTION_ERRORS = (OperationalError, InterfaceError)


def connect(using: str = DEFAULT_DB_ALIAS) -> None:
    """Connect now if not connected, checking a kept connection first (when health checks
    are on, at most once per request): raises one of ``CONNECTION_ERRORS`` if the database
    cannot be reached."""
    connection = connections[using]
    connection.close_if_health_check_failed()
    connection.ensure_connection()


def unreachable(exc: BaseException, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether ``exc`` says the database is out of reach, not that a query failed: an
    operational or interface error, with no connection left or a closed, broken one."""
    if not isinstance(exc, CONNECTION_ERRORS):
        return False
    raw = connections[using].connection
    if raw is None:  # never established, or dropped
        return True
    return bool(getattr(raw, "closed", False)) or bool(getattr(raw, "broken", False))


def retry_after() -> str:
    """The ``Retry-After`` of the answer: seconds, as the header writes them."""
    return str(settings.DATABASE_RETRY_AFTER_SECONDS)


def log_unreachable(request, exc: BaseException, response) -> None:
    """One line for the failure, and ``response`` marked as logged: Django would log it
    again ("Service Unavailable: …"), and with the traceback when an exception led to it."""
    reason = " ".join(str(exc).split()) or type(exc).__name__
    log_response(
        "Database unavailable, answered 503: %s %s (%s)",
        request.method,
        request.path,
        reason,
        response=response,
        request=request,
        logger=logger,
        level="error",
    )
