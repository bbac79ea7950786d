"""The import benchmark: COPY and the import of the same claims, both rolled back."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from claims.models import Claim
from claims.transfer.importing import Importer
from core.models import ChangeEvent

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")


def test_it_times_both_on_the_same_rows_and_leaves_the_record_as_it_was(db, settings, monkeypatch):
    settings.DEBUG = True
    logged = []
    import_file = Importer.import_file

    def spied(self, *args, **kwargs):
        logged.append(connection.queries_logged)
        return import_file(self, *args, **kwargs)

    monkeypatch.setattr(Importer, "import_file", spied)
    out = StringIO()
    call_command("benchmark_record_import", "--claims", "30", stdout=out)
    report = out.getvalue()
    assert re.search(r"^COPY: +30 rows in [0-9.]+ s", report, re.MULTILINE), report
    assert re.search(r"^import: +30 rows in [0-9.]+ s", report, re.MULTILINE), report
    assert re.search(r"^ratio: +[0-9.]+× COPY", report, re.MULTILINE), report
    assert logged == [False]  # timed as production runs it, without each query's SQL logged
    assert Claim.objects.count() == 0
    assert not ChangeEvent.objects.exists()
    assert not Claim.history.exists()
