"""``manage.py extract_claims FILE [--json]``."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ARTICLES = Path(__file__).parent / "articles"
KEYS = ["quote", "char_start", "char_end", "speaker", "via", "stance", "responds_to", "claim"]


def run(*args) -> str:
    out = StringIO()
    call_command("extract_claims", *args, stdout=out)
    return out.getvalue()


def test_json_shape_and_verbatim_quotes():
    path = ARTICLES / "tanker-seizure.txt"
    text = path.read_text(encoding="utf-8")
    data = json.loads(run(str(path), "--json"))
    assert list(data) == ["items"]
    assert data["items"]
    for item in data["items"]:
        assert list(item) == KEYS
        assert list(item["claim"]) == ["text", "quantity", "period", "place"]
        assert item["quote"] == text[item["char_start"] : item["char_end"]]
    assert any(
        item["stance"] == "denies" and item["responds_to"] is not None for item in data["items"]
    )


def test_json_keeps_non_ascii_text(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(
        "Le ministère a déclaré, selon l’AFP. “Ça suffit,” said Zoë Müller.", encoding="utf-8"
    )
    output = run(str(path), "--json")
    assert "Zoë Müller" in output


def test_listing():
    output = run(str(ARTICLES / "rferl-2020-07-libya-syrian-fighters.txt"))
    assert "#0 The U.S. military via the Associated Press asserts" in output
    assert "Moscow denies (answers #2)" in output
    assert (
        "quantity: more_than 3500 Syrian fighters; period: 2020-01 to 2020-03; place: Libya"
        in output
    )


def test_listing_of_an_article_without_statements(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("The river rose overnight.", encoding="utf-8")
    assert "No reported statements found." in run(str(path))


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "absent.txt"))


def test_undecodable_file(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le ministère a démenti.".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        run(str(path), "--json")
