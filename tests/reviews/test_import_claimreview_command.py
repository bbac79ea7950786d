"""``manage.py import_claimreview``: files, folders and standard input, a line per item."""

import io
import shutil
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.matching.store import claim_index
from reviews.models import ExternalFactCheck
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "claimreview"
POLITIFACT = FILES / "politifact-style.html"


@pytest.fixture(autouse=True)
def fresh_index():
    claim_index.reset()
    yield
    claim_index.reset()


def run(*args) -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("import_claimreview", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_a_file_prints_a_line_per_item_and_a_summary_and_succeeds():
    user = UserFactory(username="importer")
    out, error = run(str(POLITIFACT), "--user", "importer")
    assert error is None
    lines = out.splitlines()
    assert lines[0].startswith("created item 1: https://www.politifact.example/")
    assert "new claim #" in lines[0]
    assert lines[-1] == ("politifact-style.html: 1 created, 0 updated, 0 unchanged, 0 problems.")
    history = ExternalFactCheck.objects.get().history.get()
    assert history.history_user == user
    assert history.history_change_reason == "Imported from politifact-style.html"


def test_a_folder_imports_every_file_and_problems_exit_with_status_1():
    out, error = run(str(FILES))
    assert error.returncode == 1
    assert "5 items could not be read or recorded" in str(error)
    assert ExternalFactCheck.objects.count() == 9
    assert "problem line 3: url: Not an http(s) URL: 'not a url'." in out
    assert "problem claims[2]: claimReview: No review." in out
    summaries = [line for line in out.splitlines() if " created, " in line]
    assert len(summaries) == len(list(FILES.iterdir()))

    out, error = run(str(FILES))
    assert error.returncode == 1  # the same unreadable items
    outcomes = [line.split(" ", 1)[0] for line in out.splitlines()]
    assert outcomes.count("unchanged") == 9
    assert "created" not in outcomes
    assert "updated" not in outcomes


def test_a_dry_run_prints_what_would_change_and_writes_nothing():
    out, error = run(str(POLITIFACT), "--dry-run")
    assert error is None
    assert out.startswith("would create item 1: ")
    assert out.rstrip().endswith("(dry run: nothing was written).")
    assert not ExternalFactCheck.objects.exists()


def test_standard_input_is_read_with_the_name_given(monkeypatch):
    csv = (FILES / "fact-check-insights.csv").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(csv)))
    out, error = run("-", "--stdin-name", "export.csv")
    assert error.returncode == 1  # two unreadable lines
    assert "export.csv: 1 created, 0 updated, 0 unchanged, 2 problems." in out
    fact_check = ExternalFactCheck.objects.get()
    assert fact_check.history.get().history_change_reason == "Imported from export.csv"


def test_a_folder_skips_hidden_files(tmp_path):
    shutil.copy(POLITIFACT, tmp_path / "page.html")
    (tmp_path / ".notes").write_text("not a fact-check")
    out, error = run(str(tmp_path))
    assert error is None
    assert "page.html: 1 created" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nowhere/at/all.json"], "No such file or folder: /nowhere/at/all.json"),
        ([str(POLITIFACT), "--user", "nobody"], "No user is called “nobody”."),
    ],
)
def test_a_missing_path_or_user_stops_before_anything_is_imported(args, message):
    out, error = run(*args)
    assert str(error) == message
    assert out == ""
    assert not ExternalFactCheck.objects.exists()


def test_an_empty_folder_is_an_error(tmp_path):
    _out, error = run(str(tmp_path))
    assert str(error) == f"No file in {tmp_path}."
