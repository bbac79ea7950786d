"""Statements: someone speaks, and responses never go round in a circle."""

import datetime

import pytest

from claims.choices import Stance
from claims.models import Statement
from claims.services import statement_save
from core.dates import DatePrecision
from tests.support.factories import ActorFactory, ClaimFactory, StatementFactory
from tests.support.refusals import NON_FIELD_ERRORS, refused_by_database, validation_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(db):
    return ClaimFactory(
        text="Russia deployed military jets to Libya to support Russian mercenaries."
    )


def test_statement_by_a_named_actor_is_accepted(claim):
    """An actor with no speaker label is a complete statement."""
    statement = statement_save(statement=Statement(claim=claim, actor=ActorFactory()))
    assert statement.speaker == str(statement.actor)


def test_statement_by_an_unnamed_speaker_is_accepted(claim):
    """ "Western officials" with no actor is a complete statement too."""
    statement = statement_save(statement=Statement(claim=claim, speaker_label="Western officials"))
    assert statement.speaker == "Western officials"


def test_statement_without_any_speaker_is_refused_by_validation(claim):
    """Neither an actor nor the words used for the speaker: refused, with the rule in words."""
    errors = validation_errors(lambda: statement_save(statement=Statement(claim=claim)))
    assert errors[NON_FIELD_ERRORS] == ["A statement needs an actor or the speaker as written."]
    assert not Statement.objects.exists()


def test_statement_without_any_speaker_is_refused_by_the_database(claim):
    """The speaker check holds for writes that skip validation."""
    with refused_by_database("claims_statement_has_speaker"):
        Statement.objects.create(claim=claim, actor=None, speaker_label="")


def test_statement_cannot_respond_to_itself_in_validation(claim):
    """A statement answering itself is reported on responds_to."""
    statement = StatementFactory(claim=claim)
    statement.responds_to = statement
    errors = validation_errors(lambda: statement_save(statement=statement))
    assert errors["responds_to"] == ["A statement cannot respond to itself."]


def test_statement_cannot_respond_to_itself_in_the_database(claim):
    """An update that points a statement at itself is refused by a check constraint."""
    statement = StatementFactory(claim=claim)
    statement.responds_to = statement
    with refused_by_database("claims_statement_not_responding_to_itself"):
        statement.save()
    statement.refresh_from_db()
    assert statement.responds_to_id is None


def test_response_loop_of_two_is_refused(claim):
    """S5 answers S4; making S4 answer S5 would be a loop, reported on responds_to."""
    s4 = StatementFactory(claim=claim)
    s5 = statement_save(
        statement=Statement(claim=claim, actor=ActorFactory(), stance=Stance.DENIES, responds_to=s4)
    )
    s4.responds_to = s5
    errors = validation_errors(lambda: statement_save(statement=s4))
    assert errors["responds_to"] == ["These responses would form a loop."]
    s4.refresh_from_db()
    assert s4.responds_to_id is None


def test_response_loop_of_three_is_refused(claim):
    """A loop through a third statement is found too."""
    first = StatementFactory(claim=claim)
    second = StatementFactory(claim=claim, responds_to=first)
    third = StatementFactory(claim=claim, responds_to=second)
    first.responds_to = third
    assert "responds_to" in validation_errors(lambda: statement_save(statement=first))


def test_denial_responding_to_an_accusation_is_accepted(claim):
    """A chain of responses without a loop is what a denial of an accusation looks like."""
    accusation = StatementFactory(claim=claim, actor=ActorFactory(name="United States government"))
    denial = statement_save(
        statement=Statement(
            claim=claim,
            actor=ActorFactory(name="Government of Russia"),
            stance=Stance.DENIES,
            responds_to=accusation,
        )
    )
    assert list(accusation.responses.all()) == [denial]
    assert list(claim.statements.denials()) == [denial]


def test_stated_on_is_stored_at_its_precision(claim):
    """A statement dated to the month is stored on the month's first day."""
    statement = statement_save(
        statement=Statement(
            claim=claim,
            speaker_label="Western officials",
            stated_on=datetime.date(2020, 7, 18),
            stated_precision=DatePrecision.MONTH,
        )
    )
    statement.refresh_from_db()
    assert statement.stated_on == datetime.date(2020, 7, 1)


def test_a_statement_only_responds_to_a_statement_on_the_same_claim(claim):
    """A denial of one claim cannot answer an assertion of another: refused on responds_to."""
    elsewhere = StatementFactory(claim=ClaimFactory(text="Turkey sent fighters to Libya."))
    denial = Statement(
        claim=claim, actor=ActorFactory(), stance=Stance.DENIES, responds_to=elsewhere
    )
    errors = validation_errors(lambda: statement_save(statement=denial))
    assert errors["responds_to"] == [
        "A statement can only respond to a statement on the same claim."
    ]
    assert not Statement.objects.filter(claim=claim).exists()


def test_responses_within_a_claim_are_accepted(claim):
    accusation = StatementFactory(claim=claim, stance=Stance.ASSERTS)
    denial = statement_save(
        statement=Statement(
            claim=claim, actor=ActorFactory(), stance=Stance.DENIES, responds_to=accusation
        )
    )
    assert denial.responds_to == accusation
