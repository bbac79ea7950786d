"""gunicorn's configuration, read by ``make serve``: where to listen, how many workers, and
the limits of a request's head, which gunicorn enforces before Django runs.

Environment: ``BIND`` (default ``127.0.0.1:$PORT``), ``PORT`` (8000), ``WEB_CONCURRENCY``
(workers, 2), ``GUNICORN_TIMEOUT`` (seconds, 300). The limits are fixed here, documented in
the README ("Production").
"""

import os

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT') or 8000}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
accesslog = "-"
# A worker busy with one request for longer than this is killed and the answer cut short.
# gunicorn's default of 30 s cuts streamed exports (`?format=csv` of a million claims takes
# about a minute); five minutes let them finish and still recycle a stuck worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 300)

# The request line (method, path and query, protocol), in bytes: gunicorn's maximum, so
# that the API refuses long URLs itself first, in its JSON format (API_MAX_URL_LENGTH,
# 4096 characters); a longer line gets gunicorn's plain 414.
limit_request_line = 8190
# Headers per request: browsers send about 20, proxies add a few; more gets a plain 431.
limit_request_fields = 64
# Bytes per header line (a large Cookie or Authorization included); more gets a plain 431.
limit_request_field_size = 8190
