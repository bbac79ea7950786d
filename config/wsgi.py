"""WSGI entry point (gunicorn config.wsgi).

Loading it in a server's process also starts building the process's claim index in the
background (``claims.matching.store``), so that the first match does not wait for it; not
with ``CLAIMS_MATCH_BUILD_AT_START`` off, nor where matches build it themselves
(``CLAIMS_MATCH_BUILD_WAIT`` 0). A server that loads the application before it forks its
workers (gunicorn's ``preload_app``) starts the build in its parent process: a worker forked
once it is built shares that index, one forked during the build builds its own at its first
match (the build's thread does not survive the fork).
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_wsgi_application()

if settings.CLAIMS_MATCH_BUILD_AT_START and settings.CLAIMS_MATCH_BUILD_WAIT:
    from claims.matching.store import claim_index

    claim_index.start_build()
