"""The public list's search and filters, and the page of the ClaimReview DataFeed."""

import datetime

from django import forms
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from claims.models import Claim, Statement
from claims.search import MAX_QUERY_LENGTH
from core.validators import validate_storable_text
from sources.models import Actor

from .selectors import MAX_PAGE, published_topic_choices, rating_names


class FactCheckFilterForm(forms.Form):
    """The list's search and filters; a value that cannot be used is a form error (400)."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        validators=[validate_storable_text],
        help_text="Words of the claim or of a quote.",
    )
    rating = forms.ChoiceField(label="Rating", required=False)
    topic = forms.ChoiceField(label="Topic", required=False)
    actor = forms.CharField(
        label="Said by",
        required=False,
        max_length=255,
        validators=[validate_storable_text],
        help_text="Who asserted or denied the claim, by any of their names.",
    )
    published_after = forms.DateField(
        label="Published from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published_before = forms.DateField(
        label="Published until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    page = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = [
            ("", "Any rating"),
            *((name, name) for name in rating_names()),
        ]
        topics = published_topic_choices()
        wanted = self.data.get("topic")
        if wanted and wanted not in dict(topics):  # perhaps published since they were kept
            topics = published_topic_choices(fresh=True)
        self.fields["topic"].choices = [("", "Any topic"), *topics]

    def clean(self):
        data = super().clean()
        after, before = data.get("published_after"), data.get("published_before")
        if after and before and after > before:
            self.add_error("published_before", "The end of the range is before its start.")
        return data

    def apply(self, versions):
        """``versions`` (published versions, ``selectors.fact_check_list``) narrowed by the
        valid filters; a search lists the best matches first (``ClaimQuerySet.with_relevance``
        of their claims), ties in the given order.

        The claims are reached by ``claim_id`` in subqueries only: a join would have
        PostgreSQL walk or scan every claim for the few that are published.
        """
        data = self.cleaned_data
        if data.get("q"):
            query = data["q"]
            relevance = Claim.objects.filter(pk=OuterRef("claim_id")).with_relevance(query)
            versions = versions.filter(
                claim_id__in=Claim.objects.search(query).values("pk")
            ).annotate(relevance=Subquery(relevance.values("relevance")[:1]))
            versions = versions.order_by("-relevance", *versions.query.order_by)
        if data.get("rating"):
            versions = versions.filter(rating__label=data["rating"])
        if data.get("topic"):
            tagged = Claim.topics.through.objects.filter(
                claim_id=OuterRef("claim_id"), topic__slug=data["topic"]
            )
            versions = versions.filter(Exists(tagged))
        if data.get("actor"):
            actors = Actor.objects.ids_referenced_by(names=[data["actor"]])
            statements = Statement.objects.filter(actor_id__in=actors)
            versions = versions.filter(claim_id__in=statements.order_by().values("claim_id"))
        if data.get("published_after"):
            after = _day_start(data["published_after"])
            versions = versions.filter(first_published_at__gte=after)
        if data.get("published_before"):
            next_day = data["published_before"] + datetime.timedelta(days=1)
            versions = versions.filter(first_published_at__lt=_day_start(next_day))
        return versions

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1


def _day_start(day: datetime.date) -> datetime.datetime:
    """The first instant of ``day`` in the site's time zone."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


class FeedPageForm(forms.Form):
    """The DataFeed's one parameter, ``page``; any other parameter is an error too (400)."""

    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def query_errors(self) -> dict[str, list[str]]:
        """The errors of the query string, by parameter: the page's, and one per parameter
        the feed does not take."""
        errors = {name: list(messages) for name, messages in self.errors.items()}
        for name in sorted(set(self.data) - set(self.fields)):
            errors[name] = ["Unknown query parameter; the known one here: page."]
        return errors

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1
