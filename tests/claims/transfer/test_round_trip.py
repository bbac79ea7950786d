"""Export → empty database → import gives the same record, object by object; importing the
same files again writes nothing."""

import io

import pytest
from django.core.management import call_command

from claims.models import Citation, Claim
from sources.models import Actor
from tests.support.record import delete_record, history_count, record_state


def export(directory, fmt):
    out = io.StringIO()
    call_command("export_record", str(directory), "--format", fmt, stdout=out)
    return out.getvalue()


def import_(*paths, user=None):
    out, err = io.StringIO(), io.StringIO()
    args = [str(path) for path in paths] + (["--user", user.username] if user else [])
    call_command("import_record", *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_then_import_into_an_empty_database_gives_the_same_record(
    record, user, tmp_path, fmt
):
    before = record_state()
    assert len(before["claims.Citation"]) >= 8
    export(tmp_path, fmt)
    delete_record()

    summary = import_(tmp_path, user=user)

    after = record_state()
    for label, objects in before.items():
        for key, values in objects.items():
            assert after[label].get(key) == values, (label, key)
    assert after == before
    assert f"claims.{fmt}: {len(before['claims.Claim'])} created" in summary
    # The chains are rebuilt link by link, and the quote verified against its snapshot again.
    quoted = Citation.objects.get(quote="le pont était fermé")
    assert quoted.quote_verified
    assert [link.role for link in _chain(quoted)] == ["origin", "reports", "quotes"]
    imported = Claim.history.filter(history_type="+").latest("history_date")
    assert imported.history_user == user
    assert imported.history_change_reason == f"Imported from claims.{fmt}"


def _chain(citation):
    links = [citation]
    while links[-1].derived_from is not None:
        links.append(links[-1].derived_from)
    return list(reversed(links))


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_importing_the_same_files_again_writes_nothing(record, user, tmp_path, fmt):
    export(tmp_path, fmt)
    histories = history_count()

    summary = import_(tmp_path, user=user)

    assert history_count() == histories
    assert " 0 created, 0 updated" in summary
    assert "created, 0 updated" in summary
    assert " 1 created" not in summary


def test_a_changed_row_updates_only_its_object(record, user, tmp_path):
    export(tmp_path, "jsonl")
    actors = (tmp_path / "actors.jsonl").read_text(encoding="utf-8")
    (tmp_path / "actors.jsonl").write_text(
        actors.replace('"Zoë Ærøskøbing"', '"Zoë Ærø"'), encoding="utf-8"
    )
    histories = history_count()

    summary = import_(tmp_path / "actors.jsonl", user=user)

    assert "actors.jsonl: 0 created, 1 updated" in summary
    assert history_count() == histories + 1
    changed = Actor.objects.get(name="Zoë Ærø")
    assert changed.history.first().history_change_reason == "Imported from actors.jsonl"


def test_export_reads_in_chunks_of_a_fixed_number_of_queries(record, tmp_path, count_queries):
    from claims.transfer import exporting
    from claims.transfer.formats import KINDS_BY_NAME

    claims = KINDS_BY_NAME["claims"]
    with count_queries() as small:
        list(exporting.rows(claims, chunk_size=1000))
    with count_queries() as chunked:
        list(exporting.rows(claims, chunk_size=2))
    total = Claim.objects.count()
    # A chunk's rows, then its two lists (actors about it, topics); a last full chunk is
    # followed by one query that finds nothing more.
    assert small.count == 3
    assert chunked.count == 3 * -(-total // 2) + (1 if total % 2 == 0 else 0)
