"""Factories for every recorded model; they save through the model, as services do."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from claims.choices import CitationRole, Stance
from claims.models import Citation, Claim, ClaimRelation, Statement, Topic
from sources.choices import ActorKind, SourceKind
from sources.models import Actor, Alias, Snapshot, Source


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    # Hashed before the insert: a password set after it (and never saved) made every
    # session from force_login() invalid on the next request.
    password = factory.django.Password("correct horse battery")


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    kind = ActorKind.GOVERNMENT
    name = factory.Sequence(lambda n: f"Actor {n}")


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    kind = SourceKind.NEWS_ARTICLE
    title = factory.Sequence(lambda n: f"Source {n}")
    publisher = factory.SubFactory(ActorFactory, kind=ActorKind.NEWS_OUTLET)
    url = factory.Sequence(lambda n: f"https://news.example.org/articles/{n}")


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    source = factory.SubFactory(SourceFactory)
    text = factory.Sequence(lambda n: f"Snapshot {n}. The minister said the bridge was closed.")
    captured_by = "tests"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"Claim number {n} is checkable.")


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    claim = factory.SubFactory(ClaimFactory)
    actor = factory.SubFactory(ActorFactory)
    stance = Stance.ASSERTS


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    statement = factory.SubFactory(StatementFactory)
    source = factory.SubFactory(SourceFactory)
    role = CitationRole.ORIGIN


class ClaimRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimRelation

    from_claim = factory.SubFactory(ClaimFactory)
    to_claim = factory.SubFactory(ClaimFactory)
    kind = "contradicts"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.Group"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Group {n}")


def factory_for(model) -> type[factory.django.DjangoModelFactory]:
    """The factory of this module that builds ``model``; a new model needs one here."""
    for candidate in globals().values():
        if (
            isinstance(candidate, type)
            and issubclass(candidate, factory.django.DjangoModelFactory)
            and candidate._meta.get_model_class() is model
        ):
            return candidate
    raise LookupError(f"tests/factories.py has no factory for {model._meta.label}.")


def citation_chain(*, statement: Statement | None = None, length: int = 3) -> list[Citation]:
    """``length`` citations of one statement, each derived from the one before, origin first.

    The origin is a report that was not made public; the next link saw it; later ones
    republish the link before them.
    """
    statement = statement or StatementFactory()
    chain = [
        CitationFactory(
            statement=statement,
            role=CitationRole.ORIGIN,
            source=SourceFactory(
                kind=SourceKind.REPORT, publisher=statement.actor, url="", is_public=False
            ),
        )
    ]
    for index in range(1, length):
        chain.append(
            CitationFactory(
                statement=statement,
                role=CitationRole.REPORTS if index == 1 else CitationRole.REPUBLISHES,
                access="seen_by" if index == 1 else "direct",
                derived_from=chain[-1],
            )
        )
    return chain


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token made by its service (hashed); the secret is kept on ``token.secret`` for tests."""

    class Meta:
        model = "core.ApiToken"

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"integration {n}")

    @classmethod
    def _create(cls, model_class, *args, user, name, expires_in=None, **kwargs):
        from core.tokens import api_token_create

        token, secret = api_token_create(user=user, name=name, expires_in=expires_in)
        token.secret = secret
        return token


class RatingScaleFactory(factory.django.DjangoModelFactory):
    """A five-step scale, 5 best; the migration's default scale stays the default."""

    class Meta:
        model = "reviews.RatingScale"

    name = factory.Sequence(lambda n: f"Scale {n}")
    slug = factory.Sequence(lambda n: f"scale-{n}")
    best_value = 5
    worst_value = 1


class RatingLabelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.RatingLabel"

    scale = factory.SubFactory(RatingScaleFactory)
    label = factory.Sequence(lambda n: f"Verdict {n}")
    value = 3
    order = factory.Sequence(lambda n: n + 1)
    colour = "#336699"


def _default_scale():
    from reviews.models import RatingScale

    return RatingScale.objects.get(is_default=True)


class ReviewFactory(factory.django.DjangoModelFactory):
    """A draft review on the default scale; set workflow states through the services."""

    class Meta:
        model = "reviews.Review"

    claim = factory.SubFactory(ClaimFactory)
    scale = factory.LazyFunction(_default_scale)


class ReviewCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.ReviewComment"

    review = factory.SubFactory(ReviewFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Comment {n}: the second source needs a snapshot.")


def role_user(role: str, **fields):
    """A user in one of the role groups created by the migrations (Editor, Fact-checker, ...)."""
    from django.contrib.auth.models import Group

    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=role))
    return user


def checkable_claim(**fields) -> Claim:
    """A factual claim that passes every evidence gate.

    One statement, with a chain from an origin report to a news story whose quote is
    verified against its snapshot.
    """
    from claims.services import citation_save

    statement = StatementFactory(claim=ClaimFactory(**fields))
    story = citation_chain(statement=statement, length=2)[-1]
    story.snapshot = SnapshotFactory(
        source=story.source, text="Officials said on Monday that the bridge was closed."
    )
    story.quote = "the bridge was closed"
    citation_save(citation=story)
    return statement.claim


class MatchCandidateFactory(factory.django.DjangoModelFactory):
    """An open pair of the match queue: two new claims, lower id first."""

    class Meta:
        model = "reviews.MatchCandidate"

    first_claim = factory.SubFactory(ClaimFactory)
    second_claim = factory.SubFactory(ClaimFactory)
    score = 0.95


class ExternalFactCheckFactory(factory.django.DjangoModelFactory):
    """A fact-check of a claim published by another organisation."""

    class Meta:
        model = "reviews.ExternalFactCheck"

    claim = factory.SubFactory(ClaimFactory)
    publisher = factory.SubFactory(ActorFactory, kind=ActorKind.NEWS_OUTLET)
    url = factory.Sequence(lambda n: f"https://factcheck.example/reviews/{n}/")
    headline = factory.Sequence(lambda n: f"Fact check number {n}")
    textual_rating = "False"


class ExternalRatingMappingFactory(factory.django.DjangoModelFactory):
    """A publisher's textual rating read as one of the desk's labels."""

    class Meta:
        model = "reviews.ExternalRatingMapping"

    publisher = factory.SubFactory(ActorFactory, kind=ActorKind.NEWS_OUTLET)
    textual_rating = factory.Sequence(lambda n: f"Rating {n}")
    label = factory.SubFactory(RatingLabelFactory)


class TaskResultFactory(factory.django.DjangoModelFactory):
    """A background task that ran and succeeded, as the database task backend records it
    (the suite's ``database`` backend; its default one runs tasks as they are enqueued)."""

    class Meta:
        model = "django_tasks_database.DBTaskResult"

    status = "SUCCESSFUL"
    args_kwargs = factory.LazyFunction(lambda: {"args": [], "kwargs": {}})
    task_path = "reviews.tasks.find_match_candidates_task"
    queue_name = "default"
    backend_name = "database"
    run_after = factory.LazyFunction(timezone.now)
    return_value = 0


class WebhookSubscriptionFactory(factory.django.DjangoModelFactory):
    """A webhook subscription made by its service (with a generated secret)."""

    class Meta:
        model = "core.WebhookSubscription"

    url = factory.Sequence(lambda n: f"https://hooks.example/claimtrack/{n}")
    description = factory.Sequence(lambda n: f"Newsroom mirror {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from core.webhooks import subscription_create

        return subscription_create(subscription=model_class(**kwargs))
