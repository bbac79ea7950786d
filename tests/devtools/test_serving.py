"""What the commands that serve the API read from the server's log."""

from devtools.serving import Server

LOG = """[2026-12-02 11:00:00 +0000] [7] [INFO] Booting worker with pid: 7
Internal Server Error: /api/v1/claims/
Traceback (most recent call last):
  File "django/db/backends/utils.py", line 105, in _execute
    return self.cursor.execute(sql, params)
sqlite3.OperationalError: database is locked

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "django/core/handlers/exception.py", line 55, in inner
    response = get_response(request)
django.db.utils.OperationalError: database is locked
Internal Server Error: /api/v1/sources/
Traceback (most recent call last):
  File "sources/services.py", line 10, in source_create
    raise ValueError("boom")
ValueError: boom
"""


def test_exceptions_are_counted_by_their_last_line(tmp_path):
    log = tmp_path / "server.log"
    log.write_text(LOG)
    server = Server(url="http://127.0.0.1:1", log=log)
    assert server.tracebacks() == 3
    assert server.exceptions() == {
        "sqlite3.OperationalError: database is locked": 1,
        "django.db.utils.OperationalError: database is locked": 1,
        "ValueError: boom": 1,
    }
