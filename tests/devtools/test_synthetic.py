"""The synthetic record: consistent, deterministic, written through the bulk paths, and never
mixed into a real record."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from claims.choices import CitationRole, Stance
from claims.models import Citation, Claim, ClaimRelation, Statement
from devtools.synthetic import (
    MARK_TOPIC_SLUG,
    SyntheticRecord,
    record_contents,
)
from sources.links import normalize_url
from sources.models import Actor, Alias, Snapshot, Source
from tests.support.factories import ActorFactory, ClaimFactory


def generate(**options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("generate_synthetic_record", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def statements_of(record: SyntheticRecord):
    return [s for block in record.blocks() for c in block.claims for s in c.statements]


# The specification, before anything is written


def test_the_same_seed_gives_the_same_record():
    """Two records built from one seed are equal, block by block; another seed differs."""
    first = list(SyntheticRecord(claims=250, seed=7).blocks())
    second = list(SyntheticRecord(claims=250, seed=7).blocks())
    other = list(SyntheticRecord(claims=250, seed=8).blocks())
    assert first == second
    assert SyntheticRecord(claims=250, seed=7).world == SyntheticRecord(claims=250, seed=7).world
    assert [c.text for b in first for c in b.claims] != [c.text for b in other for c in b.claims]


def test_a_block_depends_only_on_the_seed_and_its_number():
    """Building block 2 alone gives what building the record in order gives."""
    record = SyntheticRecord(claims=350, seed=3)
    in_order = list(record.blocks())
    assert [len(block.claims) for block in in_order] == [100, 100, 100, 50]
    assert SyntheticRecord(claims=350, seed=3).block(2) == in_order[2]


def test_the_denial_share_is_configurable():
    """About the requested share of claims get a denial, and none with a share of 0."""
    record = SyntheticRecord(claims=2000, seed=1, denial_share=0.15)
    claims = [c for block in record.blocks() for c in block.claims]
    denied = sum(any(s.stance == Stance.DENIES for s in c.statements) for c in claims)
    assert 0.11 < denied / len(claims) < 0.19
    none = SyntheticRecord(claims=300, seed=1, denial_share=0)
    assert all(s.stance != Stance.DENIES for s in statements_of(none))


def test_claims_have_one_to_four_statements_and_chains_of_one_to_three():
    """Statement and citation counts stay in their ranges, and all of them occur."""
    record = SyntheticRecord(claims=500, seed=2)
    claims = [c for block in record.blocks() for c in block.claims]
    assert {len(c.statements) for c in claims} == {1, 2, 3, 4}
    assert {len(s.citations) for c in claims for s in c.statements} == {1, 2, 3}


def test_aliases_never_fold_to_another_actors_name():
    """Every name and alias of the world is unique once folded, so every alias resolves."""
    from core.text import fold

    world = SyntheticRecord(claims=100_000, seed=1).world
    names = [fold(a.name) for a in world.actors] + [
        fold(alias) for a in world.actors for alias in a.aliases
    ]
    assert len(names) == len(set(names))
    assert 2000 <= len(world.actors) <= 4000


# The written record


@pytest.mark.django_db
def test_a_small_record_is_consistent():
    """Generated data obeys every rule of the model, as the services would have written it."""
    out, err = generate(claims=120, seed=5)
    assert Claim.objects.count() == 120
    assert "100.0%" in err
    assert "Wrote" in out

    citations = list(Citation.objects.select_related("snapshot", "derived_from", "statement"))
    verified = [c for c in citations if c.quote_verified]
    assert verified
    assert len(verified) < len(citations)
    for citation in verified:
        text = citation.snapshot.text
        assert text[citation.quote_start : citation.quote_end] == citation.quote
        assert citation.snapshot.source_id == citation.source_id
        assert text[: citation.quote_start].endswith(citation.quote_prefix)
        assert text[citation.quote_end :].startswith(citation.quote_suffix)
    for citation in citations:
        # What the services compute on save: same verification, offsets and context.
        stored = (
            citation.quote_verified,
            citation.quote_start,
            citation.quote_end,
            citation.quote_prefix,
            citation.quote_suffix,
        )
        citation.full_clean()
        assert stored == (
            citation.quote_verified,
            citation.quote_start,
            citation.quote_end,
            citation.quote_prefix,
            citation.quote_suffix,
        )

    by_id = {c.pk: c for c in citations}
    for citation in citations:
        seen, link = set(), citation
        while link.derived_from_id is not None:
            assert link.pk not in seen, "a chain with a cycle"
            seen.add(link.pk)
            parent = by_id[link.derived_from_id]
            assert parent.statement_id == citation.statement_id
            link = parent
        if citation.role == CitationRole.ORIGIN:
            assert citation.derived_from_id is None
    assert any(len(_chain(c, by_id)) == 3 for c in citations)

    denials = Statement.objects.filter(stance=Stance.DENIES).select_related("responds_to")
    assert denials.exists()
    for denial in denials:
        assert denial.responds_to.stance == Stance.ASSERTS
        assert denial.responds_to.claim_id == denial.claim_id
    for statement in Statement.objects.all():
        statement.full_clean()


def _chain(citation, by_id):
    links = [citation]
    while links[-1].derived_from_id is not None:
        links.append(by_id[links[-1].derived_from_id])
    return links


@pytest.mark.django_db
def test_sources_actors_and_claims_are_valid_records():
    """Every row passes full_clean(): URLs normalised and unique, snapshot digests, aliases."""
    generate(claims=60, seed=2)
    for model in (Actor, Alias, Source, Snapshot, Claim, ClaimRelation):
        for obj in model.objects.all():
            obj.full_clean()
    urls = list(Source.objects.exclude(url="").values_list("url", flat=True))
    assert urls
    assert len(urls) == len(set(urls))
    assert all(normalize_url(url) == url for url in urls)
    assert not Source.objects.filter(is_public=False).exclude(url="").exists()
    for alias in Alias.objects.all():
        assert list(Actor.objects.matching(alias.name)) == [alias.actor]
    assert Actor.objects.filter(parent__isnull=False).exists()
    assert Actor.objects.filter(leader__isnull=False).exists()


@pytest.mark.django_db
def test_the_database_holds_exactly_the_specified_record():
    """What is written is the specification, whatever the batch size: same seed, same data."""
    generate(claims=150, seed=4, batch_size=30)
    record = SyntheticRecord(claims=150, seed=4)
    # Statements that respond to another are inserted after it: compare them unordered.
    specified = [
        (
            c.text,
            sorted((s.stance, tuple((x.role, x.quote) for x in s.citations)) for s in c.statements),
        )
        for block in record.blocks()
        for c in block.claims
    ]
    written = [
        (
            claim.text,
            sorted(
                (s.stance, tuple((x.role, x.quote) for x in s.citations.order_by("id")))
                for s in claim.statements.all()
            ),
        )
        for claim in Claim.objects.order_by("id")
    ]
    assert written == specified
    assert sorted(Actor.objects.values_list("name", flat=True)) == sorted(
        a.name for a in record.world.actors
    )


@pytest.mark.django_db
def test_history_is_written_in_bulk_with_links():
    """By default each row gets its creation history row, many-to-many links included."""
    generate(claims=20, seed=1)
    claim = Claim.objects.order_by("id").first()
    (created,) = claim.history.all()
    assert created.history_type == "+"
    assert created.history_change_reason == "synthetic record, seed 1"
    assert set(created.topics.values_list("topic_id", flat=True)) == set(
        claim.topics.values_list("id", flat=True)
    )
    assert Citation.history.count() == Citation.objects.count()
    assert Source.history.count() == Source.objects.count()


@pytest.mark.django_db
def test_no_history_writes_the_record_without_history_rows():
    """--no-history writes the same record and no history row at all."""
    generate(claims=20, seed=1, no_history=True)
    assert Claim.objects.count() == 20
    assert Claim.history.count() == 0
    assert Citation.history.count() == 0
    assert Actor.history.count() == 0


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="quote documents: PostgreSQL only")
def test_quote_documents_are_filled_once_and_the_triggers_are_back_on():
    """The load defers the quote documents' triggers and fills the documents after: each
    claim's document is what the triggers would have made, and they are enabled again."""
    generate(claims=40, seed=3, no_history=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE quote_document IS NOT NULL), "
            "count(*) FILTER (WHERE quote_document IS DISTINCT FROM "
            "claims_quote_document(id, language::text)) FROM claims_claim"
        )
        filled, different = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'claims_%%quote_document%%' "
            "AND tgenabled = 'D'"
        )
        (disabled,) = cursor.fetchone()
    assert filled > 0
    assert different == 0
    assert disabled == 0


@pytest.mark.django_db
def test_claims_carry_the_synthetic_mark():
    """Every synthetic claim is under the mark topic, and the record reads as synthetic."""
    generate(claims=30, seed=1, no_history=True)
    assert not Claim.objects.exclude(topics__slug=MARK_TOPIC_SLUG).exists()
    contents = record_contents()
    assert contents.synthetic
    assert contents.real == ()


@pytest.mark.django_db
def test_refuses_a_database_with_a_real_record():
    """A real claim or actor stops the generator, which writes nothing; --force adds anyway."""
    ClaimFactory()
    with pytest.raises(CommandError, match="not synthetic"):
        generate(claims=10)
    assert Claim.objects.count() == 1
    assert not Actor.objects.exists()
    generate(claims=10, force=True, no_history=True)
    assert Claim.objects.count() == 11


@pytest.mark.django_db
def test_refuses_a_real_actor_alone():
    """An actor entered by hand is a real record too."""
    ActorFactory(name="Ministry of Truth")
    with pytest.raises(CommandError, match="actors"):
        generate(claims=10)
    assert Actor.objects.count() == 1


@pytest.mark.django_db
def test_refuses_to_add_a_second_synthetic_record():
    """A database that already holds a synthetic record is refused, even with --force."""
    generate(claims=10, no_history=True)
    with pytest.raises(CommandError, match="already holds a synthetic record"):
        generate(claims=10, force=True)
    assert Claim.objects.count() == 10


@pytest.mark.parametrize(
    ("option", "value"), [("claims", 0), ("batch_size", 0), ("denial_share", 1.5)]
)
@pytest.mark.django_db
def test_refuses_invalid_options(option, value):
    """Nonsensical sizes and shares are refused before anything is written."""
    with pytest.raises(CommandError):
        generate(**{"claims": 10, option: value})
    assert not Actor.objects.exists()
