"""The form renderer: Django's, with its most rendered templates written in Python.

An admin change page renders a template per widget, per label and per error list, and the
attributes of each through a template of their own: about 300 template renders for a statement
with its citations, most of the page's time. ``FormRenderer`` writes the HTML of Django's own
input, select, textarea, label and empty error list templates directly, character for
character as the templates do (``tests/core/test_form_rendering.py`` compares the two), and
renders every other template as Django's renderer does.

These templates live in ``django/forms/templates``, which Django's renderer searches before
any app, so no app can override them for this renderer either. The admin's wrapper of related
fields (its add, change, delete and view links) and its date and time inputs are written
directly too, unless an app overrides their templates.
"""

import functools
import html
from pathlib import Path

import django.contrib.admin
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms.renderers import DjangoTemplates
from django.templatetags.static import static
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

WIDGETS = "django/forms/widgets/"
# The widget templates that are only ``{% include "django/forms/widgets/input.html" %}``.
INPUT_TEMPLATES = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "checkbox",
        "color",
        "file",
        "search",
        "tel",
    )
)
SELECT_OPTION_TEMPLATE = f"{WIDGETS}select_option.html"
# An error list renders nothing while it is empty (the admin renders one for every field).
EMPTY_ERROR_LIST_TEMPLATES = frozenset(
    ["django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"]
)


def text(value) -> str:
    """``{{ value }}`` in an autoescaping template (a plain string escaped directly: Django's
    ``escape`` costs a lazy-text check on every call)."""
    if type(value) is str:
        return html.escape(value)
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def formatted(value) -> str:
    """``{{ value|stringformat:'s' }}`` in an autoescaping template."""
    try:
        result = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        return ""
    return result if isinstance(value, SafeData) else escape(result)


def attributes(attrs) -> str:
    """``django/forms/widgets/attrs.html`` and ``django/forms/attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {text(name)}" if value is True else f' {text(name)}="{formatted(value)}"')
    return "".join(parts)


def input_html(widget) -> str:
    value = widget["value"]
    shown = f' value="{formatted(value)}"' if value != None else ""  # noqa: E711 (as the template)
    return (
        f'<input type="{text(widget["type"])}" name="{text(widget["name"])}"{shown}'
        f"{attributes(widget['attrs'])}>"
    )


def option_html(option) -> str:
    return (
        f'<option value="{formatted(option["value"])}"{attributes(option["attrs"])}>'
        f"{text(option['label'])}</option>\n"
    )


def select_html(widget) -> str | None:
    """The select, or None when an option has a template of its own."""
    parts = [f'<select name="{text(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION_TEMPLATE:
                return None
            parts.append("\n  ")
            parts.append(option_html(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def textarea_html(widget) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{text(widget["name"])}"{attributes(widget["attrs"])}>\n'
        f"{text(value) if value else ''}</textarea>"
    )


def label_html(context) -> str:
    label = text(context["label"])
    if not context["use_tag"]:
        return label
    tag = text(context["tag"])
    return f"<{tag}{attributes(context['attrs'])}>{label}</{tag}>"


RELATED_WIDGET_WRAPPER = "admin/widgets/related_widget_wrapper.html"
# The admin's date and time inputs: Django's input in a paragraph of this class.
ADMIN_DATE_TEMPLATES = {"admin/widgets/date.html": "date", "admin/widgets/time.html": "time"}
ADMIN_TEMPLATES = Path(django.contrib.admin.__file__).parent / "templates"


def related_links(context) -> str:
    """The wrapper's links, as its template writes them (the view link is not a popup)."""
    name, model = text(context["name"]), text(context["model"])
    query = text(context["url_params"])
    links = []
    if context["can_change_related"]:
        links.append(
            f'<a class="related-widget-wrapper-link change-related" id="change_id_{name}"\n'
            f'            data-href-template="{text(context["change_related_template_url"])}'
            f'?{query}"\n            data-popup="yes"\n'
            f'            title="{gettext("Change selected %(model)s") % {"model": model}}">'
            f"{icon('admin/img/icon-changelink.svg')}</a>"
        )
    if context["can_add_related"]:
        links.append(
            f'<a class="related-widget-wrapper-link add-related" id="add_id_{name}"\n'
            f'            data-popup="yes"\n'
            f'            href="{text(context["add_related_url"])}?{query}"\n'
            f'            title="{gettext("Add another %(model)s") % {"model": model}}">'
            f"{icon('admin/img/icon-addlink.svg')}</a>"
        )
    if context["can_delete_related"]:
        links.append(
            f'<a class="related-widget-wrapper-link delete-related" id="delete_id_{name}"\n'
            f'            data-href-template="{text(context["delete_related_template_url"])}'
            f'?{query}"\n            data-popup="yes"\n'
            f'            title="{gettext("Delete selected %(model)s") % {"model": model}}">'
            f"{icon('admin/img/icon-deletelink.svg')}</a>"
        )
    if context["can_view_related"]:
        links.append(
            f'<a class="related-widget-wrapper-link view-related" id="view_id_{name}"\n'
            f'             data-href-template="{text(context["change_related_template_url"])}'
            f'?{text(context["view_related_url_params"])}"\n'
            f'             title="{gettext("View selected %(model)s") % {"model": model}}">'
            f"{icon('admin/img/icon-viewlink.svg')}</a>"
        )
    return "".join(links)


@functools.lru_cache(maxsize=32)
def icon(path) -> str:
    """An icon's tag, made once a process: a storage with a manifest looks the name up
    again on every ``static()``, and the static URL is fixed once the settings are read."""
    return f'<img src="{text(static(path))}" alt="" width="24" height="24">'


@receiver(setting_changed)
def _forget_icons(*, setting, **kwargs):
    if setting in {"STATIC_URL", "STORAGES", "STATIC_ROOT"}:
        icon.cache_clear()


def related_widget_wrapper_html(context) -> str | None:
    """The admin's wrapper of a related field's widget, or None when its limit of choices
    is a callable (the template would call it)."""
    limited = context["model_has_limit_choices_to"]
    if callable(limited):
        return None
    reference = "" if limited else f'data-model-ref="{text(context["model_name"])}"'
    links = "" if context["is_hidden"] else related_links(context)
    return (
        f'<div class="related-widget-wrapper" {reference}>\n    '
        f"{text(context['rendered_widget'])}\n    \n        {links}\n    \n</div>"
    )


class FormRenderer(DjangoTemplates):
    """Django's template renderer, writing the commonest templates' HTML in Python."""

    def __init__(self):
        super().__init__()
        self.admins_templates = {}  # template name: whether the admin's own is found

    def render(self, template_name, context, request=None):
        html = self.render_directly(template_name, context)
        if html is None:
            return super().render(template_name, context, request)
        return html.strip()

    def render_directly(self, template_name, context) -> str | None:
        """The template's HTML written in Python, or None for a template left to Django."""
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        if template_name == f"{WIDGETS}select.html":
            return select_html(context["widget"])
        if template_name == f"{WIDGETS}textarea.html":
            return textarea_html(context["widget"])
        if template_name == "django/forms/label.html":
            return label_html(context)
        if template_name in EMPTY_ERROR_LIST_TEMPLATES and not context["errors"]:
            return ""
        if template_name == RELATED_WIDGET_WRAPPER and self.is_admins(template_name):
            return related_widget_wrapper_html(context)
        if template_name in ADMIN_DATE_TEMPLATES and self.is_admins(template_name):
            # A paragraph around Django's input, with the include's line breaks.
            paragraph = ADMIN_DATE_TEMPLATES[template_name]
            return f'<p class="{paragraph}">\n  {input_html(context["widget"])}\n\n\n</p>'
        return None

    def is_admins(self, template_name) -> bool:
        """Whether the admin's template of this name is the one found, not an app's."""
        if template_name not in self.admins_templates:
            origin = self.get_template(template_name).origin.name
            self.admins_templates[template_name] = Path(origin) == ADMIN_TEMPLATES / template_name
        return self.admins_templates[template_name]
