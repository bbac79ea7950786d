"""The admin's base classes: every write goes through a service, every change keeps history."""

import itertools
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from datetime import timedelta
from decimal import Decimal
from urllib.parse import quote_plus

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import actions as admin_actions
from django.contrib.admin import helpers
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME, ActionForm
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import flatten_fieldsets, get_last_value_from_parameters
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, router, transaction
from django.db.models import Max, Min, Q
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic

from . import dates, webhooks
from .changelist import KEY_MARK
from .diffs import HistoryDiff
from .models import ApiToken, TrackedQuerySet, WebhookSubscription
from .services import (
    DeletionRefused,
    instance_delete,
    instance_reinstate,
    instance_save,
    instance_withdraw,
)
from .tokens import MAX_EXPIRES_DAYS, api_token_create, api_tokens_revoke

TIMESTAMP_FIELDS = ("created_at", "updated_at")


def is_past_version(obj) -> bool:
    """True for an object rebuilt from a history row (the history page's version view)."""
    return obj is not None and to_historic(obj) is not None


def prefetched(instance, name: str) -> list | None:
    """The rows of ``instance``'s relation ``name`` when a prefetch has read them, else None."""
    cache = getattr(instance, "_prefetched_objects_cache", {})
    return list(cache[name]) if name in cache else None


class LoadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete select that labels its selection from an object already in memory.

    The stock widget runs a query per rendered field to label the selected option, so an
    inline with one row per statement ran queries in proportion to its rows. The form gives
    the widget the related object its instance already holds (select_related by the
    admin's queryset), and the widget falls back to the query when the value differs.
    """

    loaded = None

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        loaded = self.loaded
        target = self.field.target_field.attname
        if loaded is None or selected != [str(getattr(loaded, target))]:
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance(loaded)
        options.append(self.create_option(name, selected[0], label, True, len(options)))
        return [(None, options, 0)]


class LoadedAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    """An autocomplete of many that labels its selection from the objects its form's instance
    holds prefetched (``claim.about``, ``claim.topics`` on a claim's page), instead of reading
    them again; it falls back to the query when the value is not those objects, or when the
    field's choices are ordered otherwise than the related model (as a prefetch is)."""

    loaded = None

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        loaded = self.loaded
        model = self.field.remote_field.model
        key = model._meta.pk.attname
        ordering = list(self.choices.queryset.query.order_by) or list(model._meta.ordering)
        if (
            loaded is None
            or ordering != list(model._meta.ordering)
            or len(loaded) != len(selected)
            or {str(getattr(obj, key)) for obj in loaded} != selected
        ):
            return super().optgroups(name, value, attr)
        label = self.choices.field.label_from_instance
        options = [
            # Django's widget passes the whole selection as ``selected``: every option of
            # the selection is selected.
            self.create_option(name, getattr(obj, key), label(obj), selected, index)
            for index, obj in enumerate(loaded)
        ]
        return [(None, options, 0)]


class ServiceModelForm(forms.ModelForm):
    """The admin form of models saved through services.

    Autocompletes label themselves without a query, a past version shows its own related
    sets, and text keeps the line breaks it was typed with: browsers send a textarea's as
    CR LF, which would stop a quote typed in one form from matching a snapshot pasted in
    another.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, LoadedAutocompleteSelect) and widget.field.is_cached(
                self.instance
            ):
                widget.loaded = widget.field.get_cached_value(self.instance)
            elif isinstance(widget, LoadedAutocompleteSelectMultiple):
                widget.loaded = prefetched(self.instance, widget.field.name)
        historic = to_historic(self.instance)
        if historic is not None and not self.is_bound:
            self._show_past_many_to_many(historic)

    def _show_past_many_to_many(self, historic):
        """On a past version's page, show that version's related sets, not today's.

        simple-history rebuilds the fields of a version, but its many-to-many managers read
        the current rows; a revert posted from the page would keep today's values.
        """
        for field in getattr(historic, "_history_m2m_fields", ()):
            if field.name in self.fields:
                rows = getattr(historic, field.name).all()
                target = rows.model._meta.get_field(field.m2m_reverse_field_name()).attname
                self.initial[field.name] = [getattr(row, target) for row in rows]

    def clean(self):
        cleaned_data = super().clean()
        for name, value in cleaned_data.items():
            if isinstance(value, str) and "\r" in value:
                cleaned_data[name] = value.replace("\r\n", "\n").replace("\r", "\n")
        self._clean_partial_dates(cleaned_data)
        return cleaned_data

    def _clean_partial_dates(self, cleaned_data) -> None:
        """A year or a month typed as a date makes its precision that coarse, unless a
        coarser one is chosen; two dates of one precision that give different ones are
        an error on it."""
        implied: dict[str, set[str]] = {}
        for name, precision_name in getattr(self._meta.model, "PARTIAL_DATES", {}).items():
            value = cleaned_data.get(name)
            if isinstance(value, dates.PartialDate):
                cleaned_data[name] = value.as_date()
                implied.setdefault(precision_name, set()).add(value.precision)
        for precision_name, precisions in implied.items():
            if precision_name not in self.fields:
                continue
            if len(precisions) > 1:
                self.add_error(precision_name, "The dates give different precisions: choose one.")
                continue
            [precision] = precisions
            chosen = cleaned_data.get(precision_name)
            if not chosen or dates.finer(chosen, precision):
                cleaned_data[precision_name] = precision


class PlainDecimalInput(forms.NumberInput):
    """A decimal as people write it: 1100000 and 2.5, not 1100000.0000 and 2.5000."""

    def format_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            value = format(value.normalize(), "f")
        return super().format_value(value)


PARTIAL_DATE_HELP = "A day (2020-07-17), a month (2020-07) or a year (2020)."


def formfield_options(db_field, kwargs: dict) -> dict:
    """A model field's form field options as the admin shows it everywhere: decimals as
    people write them, dates as precisely as they are known."""
    if isinstance(db_field, models.DecimalField):
        kwargs.setdefault("widget", PlainDecimalInput)
    if db_field.name in getattr(db_field.model, "PARTIAL_DATES", {}):
        kwargs.setdefault("form_class", PartialDateFormField)
        kwargs.setdefault("help_text", PARTIAL_DATE_HELP)
    return kwargs


class PartialDateFormField(forms.DateField):
    """A date as precisely as it is known: ``2020-07-17``, ``2020-07`` or ``2020``."""

    def to_python(self, value):
        if isinstance(value, str):
            try:
                partial = dates.parse_partial(value.strip())
            except ValueError:
                raise forms.ValidationError(
                    self.error_messages["invalid"], code="invalid"
                ) from None
            if partial is not None:
                return partial
        return super().to_python(value)


# The object whose page a form class is being built for: the object edited (None on an add
# page) for an admin, the parent object for an inline. An admin serves every request from one
# instance, so this is not kept on it; form fields are made while the form class is built.
_form_object: ContextVar = ContextVar("form_object", default=None)


@contextmanager
def building_form_for(obj):
    token = _form_object.set(obj)
    try:
        yield
    finally:
        _form_object.reset(token)


class ServiceFormMixin:
    """Form plumbing shared by service admins and their inlines."""

    form = ServiceModelForm

    # Foreign keys whose valid targets depend on the object of the page: field name → the name
    # of a method ``(request, obj)`` that returns ``(queryset, label)``, or None to leave the
    # field as declared (an autocomplete over the whole table, the model's rules checking the
    # choice). ``obj`` is the object edited (None on an add page) for an admin, the parent
    # object (None while it is added) for an inline. A third item, the queryset's rows already
    # in memory in the order to list them, spares reading them again for the choices.
    scoped_fields: dict[str, str] = {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        with building_form_for(obj):
            return super().get_form(request, obj, change=change, **kwargs)

    def get_changeform_initial_data(self, request):
        """The add page's initial data from its URL, without a related id that is no id:
        ``?claim=x`` would fail in the widget that labels the selection."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.ForeignKey):
                try:
                    field.target_field.to_python(value)
                except (ValidationError, TypeError, ValueError):
                    del initial[name]
        return initial

    def initial_pk(self, request, name: str):
        """The id of ``name`` an add page was opened with (``?claim=3``), or None."""
        value = self.get_changeform_initial_data(request).get(name)
        if value in (None, ""):
            return None
        return self.model._meta.get_field(name).target_field.to_python(value)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return super().formfield_for_dbfield(
            db_field, request, **formfield_options(db_field, kwargs)
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = None
        if db_field.name in self.scoped_fields:
            scope = getattr(self, self.scoped_fields[db_field.name])(request, _form_object.get())
        if scope is not None:
            queryset, label, *in_memory = scope
            rows = in_memory[0] if in_memory else queryset
            kwargs["queryset"] = queryset
            kwargs.setdefault("widget", forms.Select)
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            # Listed once for the form class (an inline's rows copy the choices, not the
            # query), each labelled so that rows of one source or one speaker are told apart.
            field.choices = [("", "---------"), *((row.pk, label(row)) for row in rows)]
            return field
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LoadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LoadedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ServiceInlineFormSet(BaseInlineFormSet):
    """An inline's formset that builds its empty form once, and takes its rows from the
    parent's prefetch when its inline says they are there (``rows_from_parent``).

    Django builds a new empty form each time it is asked for, and the admin asks for it
    whenever it goes through the inline's rows: for the page's media, its prepopulated
    fields, the table's header and the "Add another" row.
    """

    @cached_property
    def empty_form(self):
        return super().empty_form

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            relation = self.service_inline.rows_from_parent
            rows = None
            if relation is not None and self.instance.pk is not None:
                rows = prefetched(self.instance, relation)
            if rows is not None:
                self._queryset = rows
        return super().get_queryset()


class ServiceInlineMixin(ServiceFormMixin):
    """An inline whose rows are saved by ``save_with_service``, never by ``obj.save()``."""

    formset = ServiceInlineFormSet
    # The relation of the parent whose prefetched rows are the inline's rows: the parent's
    # page has read them with what the rows show, in the inline's order, so the formset
    # does not read them again. None: the formset reads its rows.
    rows_from_parent = None

    def save_with_service(self, request, obj):
        """Save one row of the inline; inlines override this to call their model's service."""
        instance_save(instance=obj, user=request.user)

    def get_formset(self, request, obj=None, **kwargs):
        with building_form_for(obj):  # the scoped fields' choices are the parent's
            formset = super().get_formset(request, obj, **kwargs)
        # The parent admin saves the formset and needs to know whose service to call.
        formset.service_inline = self
        return formset


class ServiceTabularInline(ServiceInlineMixin, admin.TabularInline):
    pass


class ServiceStackedInline(ServiceInlineMixin, admin.StackedInline):
    pass


# Rows a page of a list of a big table shows (claims, statements, citations, claim relations,
# sources, snapshots, reviews), against Django's 100: the admin renders each cell generically,
# and at 100 rows the rows are about half of a claims page's time.
BIG_LIST_PER_PAGE = 50


class CappedCountPaginator(Paginator):
    """A changelist's paginator that counts at most ``cap`` + 1 rows.

    Counting a list of a million rows reads them all (tens of milliseconds on every page);
    past ``CAP`` a person filters or searches rather than pages, so the page says "more than
    10,000" (``templates/admin/pagination.html``) and pages up to there. A page further on,
    asked for by its number, is still served: the cap then reaches the end of that page
    (``reach``), and the pages after it are listed in turn.
    """

    CAP = 10_000
    # The furthest page a count reaches for (a billion rows at a hundred a page).
    LAST_PAGE = 10_000_000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = self.CAP
        self.ordered_ids = self.ordered_rows = None

    def reach(self, page: int) -> None:
        """Count far enough for ``page`` (1 onwards) to be served, and one row more."""
        self.__dict__.pop("count", None)
        self.cap = max(self.CAP, min(page, self.LAST_PAGE) * self.per_page)

    @cached_property
    def count(self) -> int:
        # How many rows, up to the cap and one more, whatever their order: none of the
        # list's columns or ordering is computed for it.
        if not isinstance(self.object_list, models.QuerySet):
            return len(self.object_list)
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    def know_count(self, count: int) -> None:
        """Take ``count`` as the rows' number, known without counting them (a search
        window's size): the count's query is not run."""
        self.__dict__["count"] = count

    def know_order(self, ids: list, rows: models.QuerySet) -> None:
        """Take ``ids`` as the rows' primary keys in the list's order, known without sorting
        the rows (a search window ranked as it was read), each a row of ``rows``: a page
        reads its own rows by their ids, not all of them to sort, and nothing is counted."""
        self.ordered_ids, self.ordered_rows = list(ids), rows
        self.know_count(len(self.ordered_ids))

    def page(self, number):
        if self.ordered_ids is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.ordered_ids[bottom:top]
        # A row deleted since the ids were read is left out.
        rows = self.ordered_rows.filter(pk__any_of=ids).order_by().in_bulk()
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @property
    def cap_display(self) -> str:
        return f"{self.cap:,}"


class IndexedValuesFilter(admin.AllValuesFieldListFilter):
    """Django's filter by each value of a column, its values read from the column's index
    (``TrackedQuerySet.indexed_values``) rather than by ``SELECT DISTINCT`` over the table."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_choices = model._default_manager.indexed_values(field.name)


class IndexedRelatedFilter(admin.RelatedFieldListFilter):
    """Django's filter by a related row, offering the related rows that the foreign key
    names at least once: the key's distinct values read from its index by a loose index scan
    (``TrackedQuerySet.indexed_values``, one probe a value), then those rows by key.

    ``RelatedOnlyFieldListFilter`` reads the same from the listed table with ``SELECT
    DISTINCT``, every row of it. Here the listed table is never read; on a path such as
    ``source__publisher`` the rows offered are those the last foreign key names anywhere
    (every publisher of a source), whether or not a listed row reaches them. With
    ``label_fields`` (what the related model's ``str()`` reads), only those columns are read.
    """

    label_fields: tuple[str, ...] = ()

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        named = TrackedQuerySet(field.model).indexed_values(field.name)
        target = field.target_field
        rows = field.related_model._default_manager.filter(**{f"{target.name}__in": named})
        if self.label_fields:
            rows = rows.only(target.attname, *self.label_fields)
        if ordering:
            rows = rows.order_by(*ordering)
        return [(getattr(row, target.attname), str(row)) for row in rows]

    def choices(self, changelist):
        """Django's choices, each related row's query string put together from one made
        for them all, its value marked (``get_query_string`` copies, sorts and encodes the
        page's parameters anew for each of hundreds of publishers); with facets, Django's."""
        if changelist.add_facets:
            yield from super().choices(changelist)
            return
        yield {
            "selected": self.lookup_val is None and not self.lookup_val_isnull,
            "query_string": changelist.get_query_string(
                remove=[self.lookup_kwarg, self.lookup_kwarg_isnull]
            ),
            "display": gettext("All"),
        }
        marked = changelist.get_query_string(
            {self.lookup_kwarg: KEY_MARK}, [self.lookup_kwarg_isnull]
        )
        before, _, after = marked.partition(KEY_MARK)
        for pk_val, val in self.lookup_choices:
            yield {
                "selected": self.lookup_val is not None and str(pk_val) in self.lookup_val,
                "query_string": f"{before}{quote_plus(str(pk_val), safe='')}{after}",
                "display": val,
            }
        if self.include_empty_choice:
            yield {
                "selected": bool(self.lookup_val_isnull),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]
                ),
                "display": self.empty_value_display,
            }


class IndexedYearFilter(admin.FieldListFilter):
    """A filter by the year of a date column, newest first: each year from the earliest to
    the latest date of the whole table, both read from the column's index.

    It stands in for ``date_hierarchy``, whose list of years is ``SELECT DISTINCT`` over
    every row listed. A year between the two that has no row gives an empty list.
    """

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = f"{field_path}__year"
        self.lookup_val = get_last_value_from_parameters(params, self.lookup_kwarg)
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = f"{self.title} (year)"
        span = model._default_manager.aggregate(first=Min(field_path), last=Max(field_path))
        first, last = span["first"], span["last"]
        self.years = [] if first is None else list(range(last.year, first.year - 1, -1))

    def expected_parameters(self):
        return [self.lookup_kwarg]

    def has_output(self):
        return bool(self.years)

    def choices(self, changelist):
        yield {
            "selected": self.lookup_val is None,
            "query_string": changelist.get_query_string(remove=[self.lookup_kwarg]),
            "display": gettext("All"),
        }
        for year in self.years:
            yield {
                "selected": self.lookup_val == str(year),
                "query_string": changelist.get_query_string({self.lookup_kwarg: year}),
                "display": str(year),
            }


class InlineFormSetMediaOnce(helpers.InlineAdminFormSet):
    """Django's inline formset of a change page, its media read from its first row.

    Django merges the media of every row, building each row's admin form to do so (and the
    page builds them all again to render them): on a claim's page that took a sixth of the
    request. The rows are forms of one class with the same fieldsets, so their media are
    the first row's; the formset's own (its first form's) and the inline's are added as
    Django adds them.
    """

    @property
    def media(self):
        media = self.opts.media + self.formset.media
        for admin_form in itertools.islice(self, 1):
            media += admin_form.media
        return media


class ServiceAdmin(ServiceFormMixin, SimpleHistoryAdmin):
    """Base admin of every model saved through services.

    Saves and deletions go through the services (validation, attribution, history), a
    refused deletion becomes an error message, and changelists never count the whole table.
    Admins override ``save_with_service`` to call their model's service, ``get_detail_queryset``
    to load what the change page shows, and ``get_extra_search_condition`` to widen search.
    """

    show_full_result_count = False
    paginator = CappedCountPaginator
    actions = ["delete_selected"]

    class Media:
        css = {"all": ["core/admin.css"]}

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(
            request, queryset, per_page, orphans, allow_empty_first_page
        )
        if isinstance(paginator, CappedCountPaginator):
            # A page that is not a number: the changelist answers it as Django's does.
            with suppress(ValueError):
                paginator.reach(int(request.GET.get(PAGE_VAR, 1)))
        return paginator

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj
        )
        for inline_admin_formset in inline_admin_formsets:
            if type(inline_admin_formset) is helpers.InlineAdminFormSet:
                inline_admin_formset.__class__ = InlineFormSetMediaOnce
        return inline_admin_formsets

    def action_checkbox(self, obj):
        """Django's checkbox of each row, written directly: rendered as a form widget (a
        template per row) it cost more than all of a claims page's other columns together."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    # Saving

    def save_with_service(self, request, obj, form):
        """Save the object of the change form; admins override this to call their service."""
        instance_save(instance=obj, user=request.user)

    def save_model(self, request, obj, form, change):
        self.save_with_service(request, obj, form)

    def save_formset(self, request, form, formset, change):
        """Save inline rows through services: deletions first, then new and changed rows."""
        instances = formset.save(commit=False)
        self.delete_with_service(request, formset.deleted_objects)
        inline = getattr(formset, "service_inline", None)
        for instance in instances:
            if inline is not None:
                inline.save_with_service(request, instance)
            else:
                instance_save(instance=instance, user=request.user)
        formset.save_m2m()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The add and change pages, with a refusal by a service shown instead of a 500.

        The forms validate what they can see; the services validate again with what they
        cannot (the saved parent of an inline row, rows saved just before). A refusal there
        rolls the whole page back and comes back as an error message.
        """
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ValidationError, DeletionRefused) as refusal:
            return self._refused(request, refusal)

    def _refused(self, request, refusal):
        reasons = refusal.messages if isinstance(refusal, ValidationError) else [refusal.message]
        self.message_user(request, f"Nothing was saved. {' '.join(reasons)}", messages.ERROR)
        return redirect(request.get_full_path())

    # Deleting

    def delete_with_service(self, request, objs):
        """Delete ``objs`` through ``instance_delete``, in whatever order their links allow.

        Objects may restrict each other (a citation derived from another); each refused one
        is retried after the rest, and ``DeletionRefused`` is raised when no progress is made.
        """
        pending = list(objs)
        while pending:
            refused = []
            for obj in pending:
                try:
                    instance_delete(instance=obj, user=request.user)
                except DeletionRefused as refusal:
                    refused.append((obj, refusal))
            if len(refused) == len(pending):
                raise refused[0][1]
            pending = [obj for obj, _ in refused]

    def delete_model(self, request, obj):
        instance_delete(instance=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        self.delete_with_service(request, queryset)

    def delete_view(self, request, object_id, extra_context=None):
        """Django's confirmation page refuses protected deletions; this catches the rest.

        Anything that came to depend on the object after the page was shown makes the
        service refuse: the transaction (with its log entry) is rolled back and the refusal
        is shown on the object's page instead of a server error.
        """
        try:
            return super().delete_view(request, object_id, extra_context)
        except DeletionRefused as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
            opts = self.opts
            return redirect(
                reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change",
                    args=[refusal.instance.pk],
                    current_app=self.admin_site.name,
                )
            )

    @admin.action(
        permissions=["delete"],
        description=gettext_lazy("Delete selected %(verbose_name_plural)s"),
    )
    def delete_selected(self, request, queryset):
        """Django's bulk delete, all or nothing, with a refusal shown as an error message."""
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return admin_actions.delete_selected(self, request, queryset)
        except DeletionRefused as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
            return None

    # Reading

    def get_detail_queryset(self, request):
        """The queryset the change and delete pages load their object from."""
        return self.get_queryset(request)

    def get_object(self, request, object_id, from_field=None):
        queryset = self.get_detail_queryset(request)
        model = queryset.model
        field = model._meta.pk if from_field is None else model._meta.get_field(from_field)
        try:
            return queryset.get(**{field.name: field.to_python(object_id)})
        except (model.DoesNotExist, ValidationError, ValueError):
            return None

    def get_extra_search_condition(self, request, search_term: str) -> Q | None:
        """A condition ORed with the text search of ``search_fields`` (None: no widening)."""
        return None

    def get_search_results(self, request, queryset, search_term):
        extra = None
        if search_term.strip():
            extra = self.get_extra_search_condition(request, search_term)
        if extra is None:
            return super().get_search_results(request, queryset, search_term)
        # The text search runs on the bare table, so annotations of the list queryset stay
        # out of the subquery, and matching through pk IN (...) never duplicates rows.
        by_text, _ = super().get_search_results(
            request, self.model._default_manager.all(), search_term
        )
        return queryset.filter(Q(pk__in=by_text.values("pk")) | extra), False

    # Layout

    def _timestamp_fields(self):
        names = {field.name for field in self.model._meta.get_fields()}
        return [name for name in TIMESTAMP_FIELDS if name in names]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly += [name for name in self._timestamp_fields() if name not in readonly]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        missing = [
            name for name in self._timestamp_fields() if name not in flatten_fieldsets(fieldsets)
        ]
        if missing:
            fieldsets.append(("Timestamps", {"fields": missing, "classes": ["collapse"]}))
        return fieldsets

    # History

    object_history_template = "admin/core/object_history.html"
    object_history_list_template = "admin/core/object_history_list.html"

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        """The object's history rows with their author and the rows their foreign keys name
        (simple-history's, without the bare ``select_related()`` of a model that has none)."""
        related = [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, models.ForeignKey)
        ]
        return history_manager.filter(**{pk_name: object_id}).select_related(
            "history_user", *related
        )

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Name what each row of the history page changed (``core.diffs``): related rows by
        their names, empty values as "—", in a fixed number of queries for the page.

        The oldest row of the page is compared with the row just before the page.
        """
        rows = list(historical_records)
        if not rows:
            return
        page = getattr(historical_records, "paginator", None)
        older = []
        if page is not None:
            end = historical_records.end_index()
            older = list(page.object_list[end : end + 1])
        diff = HistoryDiff(self.model, [*rows, *older])
        for row in rows:
            row.history_delta_changes = diff.of(row)
            row.object_label = _past_object_label(row)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history checks only the view permission, even for a revert (a POST).
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied
        try:
            # simple-history saves the object and then its many-to-many fields: one change.
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().history_form_view(request, object_id, version_id, extra_context)
        except ValidationError as refusal:
            return self._refused(request, refusal)


def _past_object_label(row) -> str:
    """``str()`` of the object a history row rebuilds, reading the related rows the history
    queryset joined instead of one query per row."""
    obj = row.instance
    for field in obj._meta.concrete_fields:
        if field.is_relation and field.is_cached(row):
            field.set_cached_value(obj, field.get_cached_value(row))
    return str(obj)


# Withdrawing instead of deleting


class WithdrawnFilter(admin.SimpleListFilter):
    """Current rows by default, as the API's lists; withdrawn ones, or all, on request."""

    title = "withdrawn"
    parameter_name = "withdrawn"
    DEFAULT = "exclude"

    def lookups(self, request, model_admin):
        return [("exclude", "Current"), ("only", "Withdrawn"), ("include", "All")]

    def value(self):
        return super().value() or self.DEFAULT

    def choices(self, changelist):
        # No "All" entry of Django's: the unfiltered list is the current rows.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "only":
            return queryset.filter(withdrawn_at__isnull=False)
        if self.value() == "include":
            return queryset
        return queryset.filter(withdrawn_at__isnull=True)


class WithdrawalActionForm(ActionForm):
    """The action form; on an object's page it also carries the reason of a withdrawal."""

    reason = forms.CharField(
        required=False,
        max_length=10_000,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text="Why it is withdrawn (required to withdraw).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.prefix != ActionLocation.CHANGE_FORM.value:
            del self.fields["reason"]


class WithdrawableAdmin(ServiceAdmin):
    """The admin of a ``core.models.Withdrawable`` model: withdrawn rows are left out of the
    list unless asked for, and an object's page withdraws it (with a reason) or reinstates
    it. Deleting what a published verdict rests on is refused with a pointer to withdrawing."""

    action_form = WithdrawalActionForm
    actions = [*ServiceAdmin.actions, "withdraw", "reinstate"]
    WITHDRAWAL_FIELDS = ["withdrawn_at", "withdrawn_by", "withdrawal_reason"]

    def get_list_filter(self, request):
        return [WithdrawnFilter, *super().get_list_filter(request)]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.withdrawn_at is not None:
            readonly += [name for name in self.WITHDRAWAL_FIELDS if name not in readonly]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.withdrawn_at is not None:
            fieldsets.insert(0, ("Withdrawn", {"fields": self.WITHDRAWAL_FIELDS}))
        return fieldsets

    def _withdrawal(self, request, queryset, change, done: str):
        obj = queryset.get()
        try:
            change(obj)
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return
        self.message_user(request, done, messages.SUCCESS)

    @admin.action(
        description="Withdraw (give the reason)",
        location=ActionLocation.CHANGE_FORM,
        permissions=["delete"],
    )
    def withdraw(self, request, queryset):
        reason = request.POST.get(f"{ActionLocation.CHANGE_FORM.value}-reason", "")
        self._withdrawal(
            request,
            queryset,
            lambda obj: instance_withdraw(instance=obj, user=request.user, reason=reason),
            "Withdrawn: it stays at its address, out of lists.",
        )

    @admin.action(
        description="Reinstate", location=ActionLocation.CHANGE_FORM, permissions=["delete"]
    )
    def reinstate(self, request, queryset):
        self._withdrawal(
            request,
            queryset,
            lambda obj: instance_reinstate(instance=obj, user=request.user),
            "Reinstated: it is current again.",
        )


class ApiTokenAddForm(forms.ModelForm):
    """A new token: whose, what for, and for how long. The secret is generated, never typed."""

    expires_days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_EXPIRES_DAYS,
        help_text="Days until the token expires; leave empty for a token that never expires.",
    )

    class Meta:
        model = ApiToken
        fields = ["user", "name"]

    def _post_clean(self):
        super()._post_clean()
        # The form leaves out revoked_at, so Django skips the unique-active-name constraint.
        if not self.errors:
            try:
                self.instance.validate_constraints()
            except ValidationError as error:
                self.add_error("name", error.messages)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API tokens: listed and revoked here, never edited.

    Adding one shows its secret once, in a message to whoever added it; only its SHA-256 and
    first characters are stored. Tokens added here have no parent. Revoking a token revokes
    the tokens created with it (its descendants) too.
    """

    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "parent",
    ]
    list_select_related = ["user", "parent"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    autocomplete_fields = ["user"]
    actions = ["revoke"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "parent",
    ]
    fields = readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ["user", "name", "expires_days"] if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:  # every field of a saved token is read-only
            return
        days = form.cleaned_data.get("expires_days")
        token, secret = api_token_create(
            user=obj.user, name=obj.name, expires_in=timedelta(days=days) if days else None
        )
        # The admin logs and redirects to the object its form built: make it the saved token.
        for field in ApiToken._meta.concrete_fields:
            setattr(obj, field.attname, getattr(token, field.attname))
        self.message_user(
            request,
            f"The token “{token.name}” is {secret} — copy it now: it is shown only this once.",
            messages.WARNING,
        )

    @admin.action(permissions=["change"], description="Revoke selected API tokens")
    def revoke(self, request, queryset):
        revoked = api_tokens_revoke(tokens=queryset)
        self.message_user(
            request,
            f"Revoked {revoked} token(s): those selected and the tokens created from them.",
            messages.SUCCESS,
        )


class WebhookSubscriptionForm(forms.ModelForm):
    """The address and the events checked as the API checks them (``core.webhooks``)."""

    class Meta:
        model = WebhookSubscription
        fields = ["url", "events", "description", "active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        webhooks.validate_url(url)
        return url

    def clean_events(self):
        events = self.cleaned_data["events"] or []
        webhooks.validate_events(events)
        return events


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(SimpleHistoryAdmin):
    """Webhook subscriptions: where changes are sent, what is sent, and how delivery goes.

    The secret is shown on the subscription's page (to those who may change it) and in a
    message once it is added; the page lists the latest delivery attempts.
    """

    form = WebhookSubscriptionForm
    list_display = [
        "url",
        "description",
        "active",
        "paused_at",
        "consecutive_failures",
        "created_by",
        "created_at",
    ]
    list_select_related = ["created_by"]
    list_filter = ["active", ("paused_at", admin.EmptyFieldListFilter)]
    search_fields = ["url", "description"]
    actions = ["resume", "rotate_secret"]
    readonly_fields = [
        "secret",
        "paused_at",
        "paused_reason",
        "consecutive_failures",
        "created_by",
        "created_at",
        "updated_at",
        "recent_deliveries",
    ]
    RECENT_DELIVERIES = 20

    def get_fields(self, request, obj=None):
        fields = ["url", "events", "description", "active"]
        return fields if obj is None else [*fields, *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    @admin.display(description="Latest delivery attempts")
    def recent_deliveries(self, obj):
        rows = obj.deliveries.newest_first()[: self.RECENT_DELIVERIES]
        return format_html(
            "<table><tr><th>When</th><th>Delivery</th><th>Attempt</th><th>Changes</th>"
            "<th>Status</th><th>Answer</th><th>Error</th></tr>{}</table>",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                "<td>{}</td></tr>",
                (
                    (
                        row.attempted_at or f"due {row.next_attempt_at or '-'}",
                        row.delivery,
                        row.attempt,
                        row.events,
                        row.get_status_display(),
                        row.response_status or "",
                        row.error,
                    )
                    for row in rows
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        if change:
            webhooks.subscription_save(subscription=obj, user=request.user)
            return
        webhooks.subscription_create(subscription=obj, user=request.user)
        self.message_user(
            request,
            f"The subscription's secret is {obj.secret} — it signs every delivery; it stays "
            "on the subscription's page.",
            messages.WARNING,
        )

    def delete_model(self, request, obj):
        webhooks.subscription_delete(subscription=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            webhooks.subscription_delete(subscription=obj, user=request.user)

    @admin.action(permissions=["change"], description="Resume selected subscriptions")
    def resume(self, request, queryset):
        for subscription in queryset:
            webhooks.subscription_resume(subscription=subscription, user=request.user)
        self.message_user(
            request, "Resumed: deliveries start again with the next change.", messages.SUCCESS
        )

    @admin.action(permissions=["change"], description="Replace the secrets of the selected")
    def rotate_secret(self, request, queryset):
        for subscription in queryset:
            webhooks.subscription_rotate_secret(subscription=subscription, user=request.user)
        self.message_user(
            request, "New secrets made: each is on its subscription's page.", messages.SUCCESS
        )
