"""The reference article, loaded by its command, matches its labelled description item by item.

Expectations are read from the vendored ``.expected.json`` here, independently of the loader.
"""

import datetime
import hashlib
import json
import re
import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from claims.chains import chain_to, describe_chain
from claims.choices import AccessMode, CitationRole, ClaimKind, Comparator, Stance
from claims.models import Citation, Claim, Statement, Topic
from core.dates import DatePrecision
from core.text import fold
from devtools.conf import reference_dir
from sources.choices import ActorKind
from sources.models import Actor, Snapshot, Source
from sources.services import actor_resolve
from tests.support.factories import ActorFactory, UserFactory

ARTICLE = "rferl-2020-07-libya-syrian-fighters"
REFERENCE_DIR = reference_dir()
LABELS = json.loads((REFERENCE_DIR / f"{ARTICLE}.expected.json").read_text(encoding="utf-8"))
TEXT = (REFERENCE_DIR / f"{ARTICLE}.txt").read_text(encoding="utf-8")
REASON = f"reference article: {ARTICLE}.txt"
CHAIN = {entry["id"]: entry for entry in LABELS["sources_chain"]}
CLAIMS = {spec["key"]: spec for spec in LABELS["claims"]}


def load(*args) -> str:
    out = StringIO()
    call_command("load_reference_article", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(db):
    return load()


def name_and_aside(label: str) -> tuple[str, str]:
    """ "Western officials (unnamed)" → ("Western officials", "unnamed")."""
    match = re.fullmatch(r"(.+?) \((.+)\)", label)
    return (match[1], match[2]) if match else (label, "")


def folded_aliases(actor: Actor) -> set[str]:
    return {fold(alias.name) for alias in actor.aliases.all()}


def article_source() -> Source:
    return Source.objects.get(title=LABELS["article"]["title"])


def chain_source(chain_id: str) -> Source:
    entry = CHAIN[chain_id]
    publisher, _ = name_and_aside(entry["publisher"])
    (source,) = [
        source
        for source in Source.objects.filter(publisher__name=publisher)
        if fold(source.get_kind_display()) == fold(entry["kind"])
    ]
    return source


def article_citation(statement: Statement) -> Citation:
    return statement.citations.get(source=article_source())


def assert_quote_verified(citation: Citation, quote: str):
    snapshot = Snapshot.objects.get(source=article_source())
    assert citation.quote == quote
    assert citation.quote_verified
    assert citation.snapshot == snapshot
    assert snapshot.text[citation.quote_start : citation.quote_end] == quote


def row_counts() -> dict[str, int]:
    """Rows of every model, historical and many-to-many ones included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def history_models():
    return [
        model
        for model in apps.get_models()
        if any(f.name == "history_change_reason" for f in model._meta.fields)
    ]


@pytest.mark.parametrize("spec", LABELS["actors"], ids=lambda spec: spec["name"])
def test_every_labelled_actor_is_recorded_with_kind_aliases_parent_and_leader(loaded, spec):
    """Each labelled actor exists once, with its kind, its aliases (folded), parent and leader."""
    actor = Actor.objects.get(name=spec["name"])
    assert fold(actor.get_kind_display()) == fold(spec["kind"])
    expected_aliases = {fold(alias) for alias in spec["aliases"]}
    assert folded_aliases(actor) == expected_aliases
    assert actor.aliases.count() == len(expected_aliases)
    assert (actor.parent.name if actor.parent else None) == spec.get("parent")
    if "leader" in spec:
        assert actor.leader.name == spec["leader"]
        assert actor.leader.kind == ActorKind.PERSON
    else:
        assert actor.leader is None


def test_aliases_that_differ_only_in_case_resolve_to_one_actor(loaded):
    """ "Vagner Group" and "Vagner group" are one alias; names and aliases resolve."""
    wagner = Actor.objects.get(name="Wagner Group")
    assert wagner.aliases.filter(name_folded=fold("Vagner group")).count() == 1
    assert actor_resolve("Vagner group") == wagner
    assert actor_resolve("the Pentagon") == Actor.objects.get(name="U.S. Department of Defense")
    assert actor_resolve("Moscow") == Actor.objects.get(name="Government of Russia")


def test_the_source_chain_has_its_kinds_publishers_public_flags_and_links(loaded):
    """Report (not public) → AP story → RFE/RL article, each link derived from the one cited."""
    for chain_id, entry in CHAIN.items():
        source = chain_source(chain_id)
        publisher, aside = name_and_aside(entry["publisher"])
        assert source.publisher.name == publisher
        if aside:
            assert fold(aside) in folded_aliases(source.publisher)
        assert source.is_public is entry.get("public", True)
        assert source.access_note == entry.get("note", "")
    links = {
        (citation.source_id, citation.derived_from.source_id)
        for citation in Citation.objects.filter(derived_from__isnull=False)
    }
    expected = {
        (chain_source(chain_id).pk, chain_source(entry["cites"]).pk)
        for chain_id, entry in CHAIN.items()
        if "cites" in entry
    }
    assert links == expected
    assert Source.objects.count() == len(CHAIN)


def test_the_article_is_recorded_with_its_title_language_and_month(loaded):
    """The article: its title, language, July 2020 known to the month, and no URL."""
    article = article_source()
    assert article.publisher.name == LABELS["article"]["publisher"]
    assert fold(article.get_kind_display()) == fold(LABELS["article"]["kind"])
    assert article.language == LABELS["article"]["language"]
    assert LABELS["article"]["published"].startswith("2020-07")
    assert article.published_on == datetime.date(2020, 7, 1)
    assert article.published_precision == DatePrecision.MONTH
    assert article.url == ""


def test_the_snapshot_is_the_article_text(loaded):
    """One snapshot of the article holds the vendored text exactly, with its SHA-256."""
    snapshot = Snapshot.objects.get()
    assert snapshot.source == article_source()
    assert snapshot.text == TEXT
    assert snapshot.sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert snapshot.captured_by


@pytest.mark.parametrize("spec", LABELS["claims"], ids=lambda spec: spec["key"])
def test_every_claim_has_its_statement_quote_and_chain(loaded, spec):
    """A claim's attributed actor takes its stance, quoted verbatim, through the labelled chain."""
    claim = Claim.objects.get(text=spec["text"])
    assert claim.kind == ClaimKind.FACTUAL
    statement = claim.statements.get(actor__name=spec["attributed_to"])
    assert statement.stance == spec["stance"]
    citation = article_citation(statement)
    assert_quote_verified(citation, spec["quote"])
    chain = chain_to(citation)
    if spec["via"]:
        origin_publisher, _ = name_and_aside(CHAIN[spec["origin_source"]]["publisher"])
        publishers = [link.source.publisher.name for link in chain]
        assert publishers == [origin_publisher, *spec["via"], LABELS["article"]["publisher"]]
        assert chain[0].source == chain_source(spec["origin_source"])
        assert [link.role for link in chain] == [
            CitationRole.ORIGIN,
            CitationRole.REPORTS,
            CitationRole.REPUBLISHES,
        ]
        assert chain[1].access == AccessMode.SEEN_BY
        assert citation.access == AccessMode.DIRECT
    else:
        assert chain == [citation]
        own = spec["attributed_to"] == LABELS["article"]["publisher"]
        assert citation.role == (CitationRole.ORIGIN if own else CitationRole.REPORTS)


def test_c1_has_its_quantity_period_and_place(loaded):
    """C1 is structured: more than 3,500 Syrian fighters, 1 January to 31 March 2020, in Libya."""
    quantity = CLAIMS["C1"]["quantity"]
    claim = Claim.objects.get(text=CLAIMS["C1"]["text"])
    assert quantity["qualifier"] == "more than"
    assert claim.quantity_comparator == Comparator.MORE_THAN
    assert claim.quantity_value == Decimal(quantity["value"])
    assert claim.quantity_unit == quantity["unit"]
    assert claim.period_start == datetime.date.fromisoformat(quantity["period_start"])
    assert claim.period_end == datetime.date.fromisoformat(quantity["period_end"])
    assert claim.period_precision == DatePrecision.DAY
    assert claim.place == quantity["place"]
    assert claim.quantity_display == "more than 3,500 Syrian fighters"


def test_c1_chain_reads_from_the_pentagon_through_the_ap_to_rferl(loaded):
    """The chain behind C1's quote, in words, names each link and how it had access."""
    statement = Claim.objects.get(text=CLAIMS["C1"]["text"]).statements.get()
    assert describe_chain(chain_to(article_citation(statement))) == (
        "U.S. Department of Defense — report (not public) → seen by Associated Press "
        "→ republished by Radio Free Europe/Radio Liberty"
    )


def test_also_attributed_speakers_are_recorded_as_written(loaded):
    """ "Western officials (unnamed)" is a statement with no actor, under the words used."""
    specs = [spec for spec in LABELS["claims"] if spec.get("also_attributed_to")]
    assert specs
    for spec in specs:
        claim = Claim.objects.get(text=spec["text"])
        for name in spec["also_attributed_to"]:
            label, aside = name_and_aside(name)
            assert aside == "unnamed"
            statement = claim.statements.get(actor__isnull=True, speaker_label=label)
            assert statement.stance == spec["stance"]
            assert_quote_verified(article_citation(statement), spec["quote"])


@pytest.mark.parametrize("spec", LABELS["denials"], ids=lambda spec: spec["target"])
def test_denials_respond_to_the_asserting_statement(loaded, spec):
    """A denial: the denier denies the claim, answering its assertion, quoted verbatim."""
    target = CLAIMS[spec["target"]]
    claim = Claim.objects.get(text=target["text"])
    denial = claim.statements.get(actor__name=spec["denier"])
    assert denial.stance == Stance.DENIES
    assert denial.responds_to == claim.statements.get(
        actor__name=target["attributed_to"], stance=target["stance"]
    )
    citation = article_citation(denial)
    assert citation.role == CitationRole.REPORTS
    assert_quote_verified(citation, spec["quote"])
    assert Claim.objects.denied().filter(pk=claim.pk).exists()


def test_statements_not_claims_are_positions_with_one_statement_per_speaker(loaded):
    """The sanctions threat is a stated position, asserted by each of its speakers, quoted."""
    (spec,) = LABELS["statements_not_claims"]
    position = Claim.objects.get(kind=ClaimKind.POSITION)
    statements = list(position.statements.select_related("actor"))
    assert sorted(statement.actor.name for statement in statements) == sorted(spec["speakers"])
    for statement in statements:
        assert statement.actor.kind == ActorKind.PERSON
        assert statement.stance == Stance.ASSERTS
        assert_quote_verified(article_citation(statement), spec["quote"])
    factual = Claim.objects.filter(kind=ClaimKind.FACTUAL)
    assert sorted(factual.values_list("text", flat=True)) == sorted(
        spec["text"] for spec in LABELS["claims"]
    )


def test_a_second_load_creates_and_changes_nothing(loaded):
    """Loading again writes no row, historical rows included, and says everything was present."""
    before = row_counts()
    assert before["sources.HistoricalActor"] > 0
    assert before["claims.HistoricalCitation"] > 0
    output = load()
    assert row_counts() == before
    summary = [line for line in output.splitlines() if "created" in line]
    assert summary
    assert all(" 0 created" in line for line in summary), output
    # Each kind is reported as present, topics included, never as "0 created, 0 present".
    topics = Topic.objects.count()
    assert topics > 0
    assert f"topics: 0 created, {topics} already present" in output, output
    assert not [line for line in summary if line.endswith(" 0 created, 0 already present")]


def test_the_first_load_reports_what_it_created(db):
    """The summary counts each labelled actor, the leader and the speakers, and the records."""
    output = load()
    people = {spec["leader"] for spec in LABELS["actors"] if "leader" in spec}
    people |= {name for spec in LABELS["statements_not_claims"] for name in spec["speakers"]}
    assert f"actors: {len(LABELS['actors']) + len(people)} created, 0 already present" in output
    assert f"sources: {len(CHAIN)} created" in output
    assert f"claims: {len(CLAIMS) + len(LABELS['statements_not_claims'])} created" in output
    assert f"citations: {Citation.objects.count()} created" in output
    assert Actor.objects.count() == len(LABELS["actors"]) + len(people)


def test_existing_actors_are_used_not_duplicated(db):
    """An actor already recorded under a labelled name is reused and counted as present."""
    agency = ActorFactory(name="Associated Press", kind=ActorKind.NEWS_AGENCY)
    output = load()
    assert Actor.objects.filter(name="Associated Press").get() == agency
    assert folded_aliases(agency) == {"ap"}
    assert "actors: 13 created, 1 already present" in output


def test_every_history_row_of_the_load_carries_its_reason(loaded):
    """Every history row written by the load names the article as its change reason."""
    written = 0
    for model in history_models():
        reasons = set(model.objects.values_list("history_change_reason", flat=True))
        assert reasons <= {REASON}, model._meta.label
        written += model.objects.count()
    assert written > 0
    m2m_history = apps.get_model("claims", "HistoricalClaim_topics")
    assert m2m_history.objects.exists()
    assert all(row.history.history_change_reason == REASON for row in m2m_history.objects.all())


def test_the_load_is_attributed_to_the_given_user(db):
    """With --user, every history row names that user."""
    editor = UserFactory(username="checker")
    load("--user", "checker")
    for model in history_models():
        assert set(model.objects.values_list("history_user", flat=True)) <= {editor.pk}
    assert apps.get_model("sources", "HistoricalActor").objects.filter(history_user=editor)


def test_an_unknown_user_is_refused_before_anything_is_written(db):
    """A username that does not exist stops the command; nothing is recorded."""
    with pytest.raises(CommandError, match="nobody"):
        load("--user", "nobody")
    assert not Actor.objects.exists()


def copy_article(tmp_path: Path, change) -> Path:
    """A copy of the reference article whose labels ``change`` edits."""
    article = tmp_path / f"{ARTICLE}.txt"
    shutil.copyfile(REFERENCE_DIR / article.name, article)
    labels = json.loads(json.dumps(LABELS))
    change(labels)
    (tmp_path / f"{ARTICLE}.expected.json").write_text(json.dumps(labels), encoding="utf-8")
    return article


def test_an_unknown_actor_kind_fails_loudly_and_writes_nothing(db, tmp_path):
    """An actor kind with no matching choice stops the load and rolls back everything."""

    def change(labels):
        labels["actors"][-1]["kind"] = "space agency"

    before = row_counts()
    with pytest.raises(CommandError, match="space agency"):
        load("--article", str(copy_article(tmp_path, change)))
    assert row_counts() == before
    assert not Actor.objects.exists()
    assert not apps.get_model("sources", "HistoricalActor").objects.exists()


def test_a_quote_not_in_the_text_fails_loudly_and_writes_nothing(db, tmp_path):
    """A labelled quote that is not verbatim in the article stops the load; nothing is kept."""

    def change(labels):
        labels["claims"][3]["quote"] = "The United States has accused Moscow of everything"

    before = row_counts()
    with pytest.raises(CommandError, match="not found in the snapshot"):
        load("--article", str(copy_article(tmp_path, change)))
    assert row_counts() == before
    assert not Actor.objects.exists()
    assert not Claim.objects.exists()
    assert not Snapshot.objects.exists()


def test_the_loader_reads_an_article_given_by_path(db, tmp_path):
    """--article reads the .txt there and the .expected.json beside it."""
    article = copy_article(tmp_path, lambda labels: None)
    assert REASON.endswith(article.name)
    load("--article", str(article))
    assert Snapshot.objects.get().text == TEXT


@pytest.mark.parametrize("suffix", [".txt", ".expected.json"])
def test_vendored_copies_are_identical_to_the_shared_fixtures(suffix):
    """The copies in devtools/articles/ are byte-identical to the shared fixtures, if present."""
    shared = Path(settings.BASE_DIR).parent / "shared" / "fixtures" / f"{ARTICLE}{suffix}"
    if not shared.exists():
        pytest.skip("no shared fixtures beside this checkout")
    assert (REFERENCE_DIR / shared.name).read_bytes() == shared.read_bytes()
