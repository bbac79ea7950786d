"""A changelist page's rows, written as Django's ``result_list`` tag writes them, byte for
byte, with what is the same for every row worked out once per page.

Django's ``items_for_result`` works out, for every cell of every row, what the column is
(a field, a method of the admin, an attribute of the model), its empty value, its classes,
whether it links, and for the linked cell the change page's URL by ``reverse`` and the kept
filters by parsing the query and resolving that URL again: on a page of 50 or 100 rows,
about a third of the page's time. Here each column is worked out once, the change URL is
reversed once with a stand-in key (``KEY_MARK``), and a row is one string (the template writes
the cells of a row one after the other anyway).

Pages Django renders otherwise are left to Django's tag: rows with forms
(``list_editable``), the pop-up that picks a related object, a changelist class with URLs of
its own, and a column whose meaning depends on the row (a path through relations, or an
attribute only the rows have, such as an annotation the admin has no method for).
"""

import datetime
import html
from contextlib import suppress
from operator import attrgetter
from urllib.parse import quote as url_quote

from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    _boolean_icon,
    _coerce_field_name,
    result_headers,
    result_hidden_fields,
)
from django.contrib.admin.templatetags.admin_list import result_list as django_result_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    get_fields_from_path,
    quote,
)
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.core.validators import EMPTY_VALUES
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import DatabaseDefault
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import iri_to_uri
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeData, SafeString
from django.utils.translation import gettext

from core.form_rendering import text

# Stands for a row's key in a URL made once for many rows (the change URL reversed once a
# page, a filter's query string made once for its choices): letters only, which neither
# ``reverse``, the admin's ``quote`` nor a query string's encoding changes.
KEY_MARK = "claimtrackrowkey"
# The characters ``reverse`` leaves unquoted in an argument.
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"


def result_list(cl):
    """The context of Django's ``result_list`` tag, the rows written here where they can be."""
    columns = page_columns(cl)
    if columns is None:
        return django_result_list(cl)
    headers = list(result_headers(cl))
    link_of = change_links(cl)
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        # Each row a list of one item, all its cells: the template writes them in a row.
        "results": [
            ResultList(None, [SafeString("".join(c.cell(row, link_of) for c in columns))])
            for row in cl.result_list
        ],
    }


def _escaped(value) -> str:
    """``conditional_escape`` without its wrappers (a cell's worth of time on a big page):
    HTML as it is, anything else as escaped text."""
    if isinstance(value, Promise):
        value = str(value)
    as_html = getattr(value, "__html__", None)
    return as_html() if as_html is not None else html.escape(str(value))


def page_columns(cl) -> list["Column"] | None:
    """The page's columns, or None where Django's tag is to write the page."""
    if cl.formset or cl.is_popup or cl.to_field:
        return None
    if type(cl).url_for_result is not ChangeList.url_for_result:
        return None
    columns, first = [], True
    for index, name in enumerate(cl.list_display):
        resolved = resolve(name, cl.model, cl.model_admin)
        if resolved is None:
            return None
        # As Django does: the first column that links is the row's heading (th).
        link = _links(cl, first, name)
        columns.append(Column(cl.model_admin, name, index, *resolved, link=link, heading=first))
        first = first and not link
    return columns


def _links(cl, first: bool, name) -> bool:
    if cl.list_display_links is None:
        return False
    if first and not cl.list_display_links:
        return True
    return name in cl.list_display_links


def resolve(name, model, model_admin):
    """(field, attr, reader) of a column, as ``lookup_field`` finds the first two for each
    row and reads the value; None for a column that depends on the row."""
    try:
        field = _get_non_gfk_field(model._meta, name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        pass
    else:
        return field, None, attrgetter(name)
    if callable(name):
        return None, name, name
    if hasattr(model_admin, name) and name != "__str__":
        method = getattr(model_admin, name)
        return None, method, method
    if hasattr(model, name) and not _names_a_field_path(model, name):

        def read(row):
            value = getattr(row, name)
            return value() if callable(value) else value

        return None, getattr(model, name), read
    return None


def _names_a_field_path(model, name: str) -> bool:
    """Whether Django would show the column as the field at the end of a path ("a__b")."""
    if LOOKUP_SEP not in name:
        return False
    try:
        get_fields_from_path(model, name)
    except FieldDoesNotExist:
        return False
    return True


def change_links(cl):
    """A function of a row giving its change page's URL, with the list's filters kept,
    escaped for an attribute; None where the model's admin has no change page."""
    opts = cl.opts
    try:
        marked = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=(KEY_MARK,),
            current_app=cl.model_admin.admin_site.name,
        )
    except NoReverseMatch:
        return None
    marked = add_preserved_filters(
        {"preserved_filters": cl.preserved_filters, "opts": opts}, marked
    )
    before, _, after = escape(marked).partition(KEY_MARK)
    key_of = attrgetter(cl.pk_attname)

    def link_of(row) -> str:
        # The key as ``reverse`` quotes it, then as ``format_html`` escapes the URL.
        return f"{before}{html.escape(url_quote(str(quote(key_of(row))), safe=URL_SAFE))}{after}"

    return link_of


class Column:
    """One column of a page: what ``items_for_result`` works out for each of its cells."""

    def __init__(self, model_admin, name, index, field, attr, reader, *, link, heading):
        self.read = reader
        self.link = link
        self.tag = "th" if link and heading else "td"
        self.admin_empty = model_admin.get_empty_value_display()
        self.empty = getattr(attr, "empty_value_display", self.admin_empty)
        self.field = field
        self.by_value = field is None or field.auto_created
        self.relation = not self.by_value and isinstance(field.remote_field, models.ManyToOneRel)
        named = f"field-{_coerce_field_name(name, index)}"
        # A cell whose value could not be read (a missing related row) keeps the name only.
        self.unread_attributes = f' class="{named}"'
        classes = [named]
        self.boolean = False
        if self.by_value:
            if name == "action_checkbox":
                classes = ["action-checkbox"]
            self.boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                self.boolean = getattr(attr.fget, "boolean", False)
        elif isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)):
            classes.append("nowrap")
        self.attributes = f' class="{" ".join(classes)}"'
        self.dated_attributes = f' class="{" ".join([*classes, "nowrap"])}"'
        # Shown the same in every row, worked out once: the icons of a yes/no column, the
        # labels of a field with choices (escaped).
        self.icons = (
            {value: _boolean_icon(value) for value in (True, False, None)}
            if self.boolean or isinstance(field, models.BooleanField)
            else None
        )
        self.labels = None
        choices = not self.by_value and getattr(field, "flatchoices", None)
        if choices and field.name != "password":
            with suppress(TypeError):  # choices Django looks up otherwise (unhashable)
                labels = dict(choices)
                self.labels = {value: _escaped(label) for value, label in labels.items()}
                self.unlabelled = _escaped(self.empty)

    def cell(self, row, link_of) -> str:
        attributes = self.attributes
        try:
            value = self.read(row)
        except ObjectDoesNotExist:
            shown, attributes = _escaped(self.admin_empty), self.unread_attributes
        else:
            shown = self.shown(value)
            if self.by_value and isinstance(value, (datetime.date, datetime.time)):
                attributes = self.dated_attributes
        if self.link and link_of is not None:
            shown = f'<a href="{link_of(row)}">{shown}</a>'
        return f"<{self.tag}{attributes}>{shown}</{self.tag}>"

    def shown(self, value) -> str:
        """The value as ``display_for_value`` or ``display_for_field`` shows it, escaped."""
        if self.icons is not None and (self.boolean or self.labels is None):
            # Either function's yes/no branch (a BooleanField with choices shows its labels).
            if isinstance(value, DatabaseDefault) or (self.boolean and value in EMPTY_VALUES):
                return self.icons[None]
            return self.icons[value]
        if self.by_value:
            return _escaped(display_for_value(value, self.empty))
        if self.relation:
            return _escaped(self.empty if value is None else value)
        if self.labels is not None:
            with suppress(TypeError):  # an unhashable value: Django's own way, below
                return self.labels.get(value, self.unlabelled)
        return _escaped(display_for_field(value, self.field, self.empty, avoid_link=self.link))


# The filters beside the rows


def filter_html(title, choices) -> str:
    """Django's ``admin/filter.html`` for one filter, written directly: the template took
    some 14 µs a choice, and the publishers' filter of a big record lists hundreds."""
    heading = gettext(" By %(filter_title)s ") % {"filter_title": text(title)}
    items = "".join(
        f"\n    <li{' class="selected"' if choice['selected'] else ''}>\n"
        f'    <a href="{_href(choice["query_string"])}">{text(choice["display"])}</a></li>\n  '
        for choice in choices
    )
    return (
        f'\n<details data-filter-title="{text(title)}" open>\n  <summary>\n    {heading}\n'
        f"  </summary>\n  <ul>\n  {items}\n  </ul>\n</details>"
    )


def _href(query_string) -> str:
    """``{{ query_string|iriencode }}``: the filter keeps a safe string as it is."""
    if isinstance(query_string, SafeData):
        return iri_to_uri(query_string)
    return html.escape(iri_to_uri(query_string))
