"""The annotate screen: one page per snapshot, the text on the left, the record on the right.

Selecting a passage gives the citation its quote and offsets (the quote is never typed);
the side panel records the statement, its claim and its chain in one submission
(``claims.annotation``). Suggested statements (``claims.extraction``) are offered beside the
text and enter the record only when accepted.
"""

import itertools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.forms.models import construct_instance
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from core.admin import ServiceModelForm, formfield_options
from core.text import fold, shorten
from sources.admin import SnapshotAdmin
from sources.choices import SourceKind
from sources.models import Snapshot, Source

from . import extraction
from .annotation import Annotation, AnnotationRefused, Hop, annotation_record, selection_error
from .choices import AccessMode, CitationRole
from .models import Citation, Claim, Statement

HOP_ROWS = 4
# Suggestions are read afresh on every visit: past this length (a book, a transcript), the
# page offers none rather than making every visit wait for them.
SUGGESTION_TEXT_LIMIT = 100_000


def _formfield(db_field, **kwargs):
    """Model fields as the admin shows them everywhere (``core.admin.formfield_options``)."""
    return db_field.formfield(**formfield_options(db_field, kwargs))


def _autocomplete(model, name):
    return AutocompleteSelect(model._meta.get_field(name), admin.site)


class SelectionForm(forms.Form):
    """The passage (offsets set by selecting text) and the annotated source's citation."""

    quote_start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    quote_end = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label="This source",
        choices=[(v, label) for v, label in CitationRole.choices if v != CitationRole.ORIGIN]
        + [(CitationRole.ORIGIN, "is the origin (no chain before it)")],
        initial=CitationRole.REPORTS,
    )
    access = forms.ChoiceField(choices=AccessMode.choices, initial=AccessMode.DIRECT)

    def __init__(self, *args, snapshot, **kwargs):
        super().__init__(*args, **kwargs)
        self.snapshot = snapshot

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("quote_start"), cleaned_data.get("quote_end")
        if start is None or end is None:
            raise forms.ValidationError("Select the passage in the text first.")
        problem = selection_error(self.snapshot, start, end)
        if problem:
            raise forms.ValidationError(problem)
        return cleaned_data


class ClaimForm(ServiceModelForm):
    """A new claim; left aside when an existing claim is chosen."""

    class Meta:
        model = Claim
        fields = [
            "text",
            "kind",
            "quantity_comparator",
            "quantity_value",
            "quantity_upper",
            "quantity_unit",
            "period_start",
            "period_end",
            "period_precision",
            "place",
        ]
        formfield_callback = _formfield
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class StatementForm(ServiceModelForm):
    existing_claim = forms.ModelChoiceField(
        Claim.objects.all(),
        required=False,
        label="Existing claim",
        help_text="Leave empty to record a new claim below; a response joins its claim.",
        widget=_autocomplete(Statement, "claim"),
    )

    class Meta:
        model = Statement
        fields = [
            "existing_claim",
            "actor",
            "speaker_label",
            "stance",
            "stated_on",
            "stated_precision",
            "responds_to",
            "confidence",
        ]
        formfield_callback = _formfield
        widgets = {"actor": _autocomplete(Statement, "actor")}
        labels = {"actor": "Speaker"}

    def __init__(self, *args, answerable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responds_to"].queryset = answerable
        self.fields["responds_to"].label_from_instance = answerable_label

    def clean(self):
        cleaned_data = super().clean()
        responds_to, claim = cleaned_data.get("responds_to"), cleaned_data.get("existing_claim")
        if responds_to is not None and claim is not None and responds_to.claim_id != claim.pk:
            self.add_error("responds_to", "It answers a statement on another claim.")
        return cleaned_data

    def _post_clean(self):
        # The claim is only known when the page is saved: the service validates the
        # statement with it.
        construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)


def answerable_label(statement) -> str:
    claim = shorten(statement.claim.text, 60)
    return f"#{statement.pk} {statement.speaker} {statement.get_stance_display()}: {claim}"


class HopForm(forms.Form):
    """One link before this source: pick a source, or name a new one."""

    source = forms.ModelChoiceField(
        Source.objects.all(), required=False, widget=_autocomplete(Citation, "source")
    )
    title = forms.CharField(required=False, max_length=500, label="or a new source titled")
    kind = forms.ChoiceField(choices=SourceKind.choices, initial=SourceKind.REPORT)
    publisher = forms.ModelChoiceField(
        Source._meta.get_field("publisher").related_model.objects.all(),
        required=False,
        widget=_autocomplete(Source, "publisher"),
    )
    is_public = forms.BooleanField(required=False, initial=True, label="public")
    access = forms.ChoiceField(choices=AccessMode.choices, initial=AccessMode.DIRECT)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("source") is not None and cleaned_data.get("title", "").strip():
            raise forms.ValidationError("Pick a source or name a new one, not both.")
        return cleaned_data

    @property
    def is_filled(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return data.get("source") is not None or bool(data.get("title", "").strip())

    def hop(self) -> Hop:
        data = self.cleaned_data
        return Hop(
            source=data["source"],
            title=data["title"].strip(),
            kind=data["kind"],
            publisher=data["publisher"],
            is_public=data["is_public"],
            access=data["access"],
        )


HopFormSet = forms.formset_factory(HopForm, extra=HOP_ROWS, max_num=HOP_ROWS, validate_max=True)


def marked_segments(text: str, marks: list[dict]) -> list[dict]:
    """``text`` cut where a mark starts or ends; each piece knows its offset and its marks.

    Marks may overlap; the page wraps each piece once, so offsets stay readable from it.
    """
    cuts = {0, len(text)}
    for mark in marks:
        cuts.update((mark["start"], mark["end"]))
    points = sorted(cut for cut in cuts if 0 <= cut <= len(text))
    segments = []
    for start, end in itertools.pairwise(points):
        covering = [mark for mark in marks if mark["start"] <= start and end <= mark["end"]]
        segments.append(
            {
                "start": start,
                "text": text[start:end],
                "classes": " ".join(sorted({mark["class"] for mark in covering})),
                "title": "; ".join(mark["title"] for mark in covering),
                "ids": " ".join(mark["id"] for mark in covering),
            }
        )
    return segments


def suggestion_rows(snapshot, citations) -> list[dict]:
    """The suggested statements of the text, as the page offers them.

    A suggestion already recorded (a citation of this snapshot overlaps its quote) is
    marked so; a response's target is the recorded statement when there is one.
    """
    if len(snapshot.text) > SUGGESTION_TEXT_LIMIT:
        return []
    items = extraction.extract(snapshot.text)
    actors = extraction.resolve_speakers(items)
    recorded = {}
    for index, item in enumerate(items):
        for citation in citations:
            if citation.quote_start < item.char_end and item.char_start < citation.quote_end:
                recorded[index] = citation.statement
                break
    rows = []
    for index, (item, actor) in enumerate(zip(items, actors, strict=True)):
        target = item.responds_to
        answers = None if target is None else answered_statement(target, items, actors, recorded)
        claim = item.claim
        rows.append(
            {
                "index": index,
                "start": item.char_start,
                "end": item.char_end,
                "quote": item.quote,
                "speaker": item.speaker or "",
                "actor": {"id": actor.pk, "label": str(actor)} if actor else None,
                "stance": item.stance,
                "via": list(item.via),
                "responds_to": target,
                "answers": (
                    {"id": answers.pk, "label": answerable_label(answers)} if answers else None
                ),
                "recorded": index in recorded,
                "claim": {
                    "text": claim.text,
                    "quantity": claim.quantity,
                    "period": claim.period,
                    "place": claim.place,
                },
            }
        )
    return rows


def answered_statement(target: int, items, actors, recorded: dict):
    """The recorded statement an answer to suggestion ``target`` answers.

    The target's own statement when it is recorded; otherwise the recorded statement, nearest
    to it, of a suggestion by the same speaker (a denial answers WHO, whichever of WHO's
    sentences was recorded).
    """
    if target in recorded:
        return recorded[target]
    speaker = (actors[target].pk if actors[target] else None, fold(items[target].speaker or ""))
    same = [
        index
        for index in recorded
        if (speaker[0] is not None and actors[index] is not None and actors[index].pk == speaker[0])
        or (speaker[1] and fold(items[index].speaker or "") == speaker[1])
    ]
    if not same:
        return None
    return recorded[min(same, key=lambda index: abs(index - target))]


class AnnotatingSnapshotAdmin(SnapshotAdmin):
    """The snapshot admin with its annotate screen (the claims app records annotations)."""

    readonly_fields = [*SnapshotAdmin.readonly_fields, "annotate"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if obj is None else ["annotate", *fields]

    @admin.display(description="annotate")
    def annotate(self, obj):
        url = reverse("admin:sources_snapshot_annotate", args=[obj.pk])
        return format_html('<a class="button" href="{}">Annotate this text</a>', url)

    def get_urls(self):
        view = self.admin_site.admin_view(self.annotate_view)
        return [
            path("<path:object_id>/annotate/", view, name="sources_snapshot_annotate"),
            *super().get_urls(),
        ]

    def may_annotate(self, request) -> bool:
        return all(
            request.user.has_perm(f"claims.add_{name}")
            for name in ("claim", "statement", "citation")
        )

    def annotate_view(self, request, object_id):
        is_id = object_id.isascii() and object_id.isdigit() and len(object_id) <= 18
        snapshot = (
            Snapshot.objects.select_related("source").filter(pk=object_id).first()
            if is_id
            else None
        )
        if snapshot is None:
            raise Http404("No such snapshot.")
        if not self.may_annotate(request):
            raise PermissionDenied
        citations = list(
            Citation.objects.filter(snapshot=snapshot, quote_verified=True)
            .select_related("statement__actor", "statement__claim")
            .order_by("quote_start")
        )
        answerable = (
            Statement.objects.filter(citations__snapshot=snapshot)
            .distinct()
            .select_related("actor", "claim")
            .order_by("pk")
        )
        data = request.POST if request.method == "POST" else None
        selection = SelectionForm(data, snapshot=snapshot, prefix="selection")
        statement_form = StatementForm(data, answerable=answerable, prefix="statement")
        claim_form = ClaimForm(data, prefix="claim", use_required_attribute=False)
        hops = HopFormSet(data, prefix="hop")
        if data is not None:
            citation = self._record(request, snapshot, selection, statement_form, claim_form, hops)
            if citation is not None:
                statement = citation.statement
                quote = shorten(citation.quote, 80)
                self.message_user(
                    request,
                    f"Recorded: {statement.speaker} {statement.get_stance_display()} “{quote}”.",
                    messages.SUCCESS,
                )
                url = reverse("admin:sources_snapshot_annotate", args=[snapshot.pk])
                return redirect(f"{url}#citation-{citation.pk}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": snapshot,
            "snapshot": snapshot,
            "title": f"Annotate “{shorten(snapshot.source.title, 60)}”",
            "segments": marked_segments(snapshot.text, self._marks(citations)),
            "citations": citations,
            "suggestions": suggestion_rows(snapshot, citations),
            "too_long_for_suggestions": len(snapshot.text) > SUGGESTION_TEXT_LIMIT,
            "selection": selection,
            "statement_form": statement_form,
            "claim_form": claim_form,
            "hops": hops,
            "media": self.media + statement_form.media + hops.media + claim_form.media,
            "errors": any(
                form.errors for form in (selection, statement_form, claim_form, *hops.forms)
            )
            or bool(hops.non_form_errors()),
        }
        return TemplateResponse(request, "admin/sources/snapshot/annotate.html", context)

    @staticmethod
    def _marks(citations) -> list[dict]:
        return [
            {
                "start": citation.quote_start,
                "end": citation.quote_end,
                "class": f"ct-mark ct-mark--{citation.statement.stance}",
                "title": f"{citation.statement.speaker} {citation.statement.get_stance_display()}"
                f" (statement #{citation.statement_id})",
                "id": f"citation-{citation.pk}",
            }
            for citation in citations
        ]

    def _record(self, request, snapshot, selection, statement_form, claim_form, hops):
        """Record the submission, or put each refusal on the form it concerns."""
        valid = selection.is_valid() & statement_form.is_valid() & hops.is_valid()
        existing = statement_form.cleaned_data.get("existing_claim") if valid else None
        responds_to = statement_form.cleaned_data.get("responds_to") if valid else None
        needs_new_claim = existing is None and responds_to is None
        if needs_new_claim:
            valid = claim_form.is_valid() & valid
        if not valid:
            return None
        claim = claim_form.instance if needs_new_claim else (existing or responds_to.claim)
        filled = [form for form in hops.forms if form.is_filled]
        if not request.user.has_perm("sources.add_source"):
            for form in filled:
                if form.cleaned_data["source"] is None:
                    form.add_error("title", "You may not add sources: choose one in the record.")
            if any(form.errors for form in filled):
                return None
        annotation = Annotation(
            snapshot=snapshot,
            start=selection.cleaned_data["quote_start"],
            end=selection.cleaned_data["quote_end"],
            claim=claim,
            statement=statement_form.instance,
            hops=[form.hop() for form in filled],
            role=selection.cleaned_data["role"],
            access=selection.cleaned_data["access"],
        )
        try:
            return annotation_record(annotation=annotation, user=request.user)
        except AnnotationRefused as refusal:
            form = {
                "claim": claim_form,
                "statement": statement_form,
                "citation": selection,
            }.get(refusal.part)
            if refusal.part == "hop":
                form = filled[refusal.index]
            self._add_errors(form, refusal.error)
            # Rolled back: nothing the page shows again may name a row that is gone.
            if needs_new_claim:
                claim.pk, claim._state.adding = None, True
            statement_form.instance.pk, statement_form.instance._state.adding = None, True
            return None

    @staticmethod
    def _add_errors(form, error):
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)


admin.site.unregister(Snapshot)
admin.site.register(Snapshot, AnnotatingSnapshotAdmin)
