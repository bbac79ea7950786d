"""A change page's fieldsets and tabular inlines, written as Django's
``admin/includes/fieldset.html`` and ``admin/edit_inline/tabular.html`` write them, character
for character.

The templates look up each field's name, help text, errors and classes through the template
engine's variable resolution, several times a field and a row: on a claim's page (its
fieldsets, its statements' rows, a statement's stacked citations) most of what the page
spends outside its widgets. Here each lookup is an attribute read.
``templates/admin/includes/fieldset.html`` and ``templates/admin/edit_inline/tabular.html``
call them; ``tests/core/test_change_form.py`` compares them with Django's templates on every
registered admin's pages.
"""

from django.contrib.admin.templatetags.admin_modify import cell_count
from django.contrib.admin.utils import quote
from django.template.defaultfilters import capfirst, striptags
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.translation import gettext

from core.form_rendering import text


def entry(mapping_or_object, key: str):
    """``{{ x.<key> }}`` of a dict or an object: a read-only field's ``field`` is a dict
    where another's is a bound field, a read-only column's widget a dict where another's is
    a widget. Missing, an empty string (the template's invalid value)."""
    if isinstance(mapping_or_object, dict):
        return mapping_or_object.get(key, "")
    return getattr(mapping_or_object, key, "")


def field_entry(field, key: str):
    """``{{ field.field.<key> }}``."""
    return entry(field.field, key)


def safe_text(value) -> str:
    """``{{ value|safe }}``: the value as a string, not escaped."""
    return str(value)


def fieldset_html(fieldset, *, heading_level, prefix, id_prefix, id_suffix) -> str:
    """What ``admin/includes/fieldset.html`` writes for ``fieldset`` (a
    ``django.contrib.admin.helpers.Fieldset``) with the include's variables."""
    parts = []
    write = parts.append
    level = text(heading_level or 2)
    heading_id = f"{text(prefix)}-{text(id_prefix)}-{text(id_suffix)}-heading"
    write(f'<fieldset class="module aligned {text(fieldset.classes)}"')
    if fieldset.name:
        write(f' aria-labelledby="{heading_id}"')
    write(">\n    ")
    collapsible = bool(fieldset.name) and fieldset.is_collapsible
    if fieldset.name:
        write("\n        ")
        if collapsible:
            write("<details><summary>")
        write(
            f'\n        <h{level} id="{heading_id}" class="fieldset-heading">'
            f"{text(fieldset.name)}</h{level}>\n        "
        )
        if collapsible:
            write("</summary>")
        write("\n    ")
    write("\n    ")
    if fieldset.description:
        write(f'\n        <div class="description">{safe_text(fieldset.description)}</div>\n    ')
    write("\n    ")
    for line in fieldset:
        write_line(write, line)
    write("\n    ")
    if collapsible:
        write("</details>")
    write("\n</fieldset>\n")
    return "".join(parts)


def write_line(write, line) -> None:
    fields = list(line)
    single = len(line.fields) == 1
    line_errors = None  # read once, where the template reads it
    row_classes = "form-row"
    if not single:
        row_classes += " flex-container form-multiline"
    if not line.has_visible_field:
        row_classes += " hidden"
    for field in fields:
        name = field_entry(field, "name")
        if name:
            row_classes += f" field-{text(name)}"
    write(f'\n        <div class="{row_classes}">\n            ')
    for field in fields:
        name = field_entry(field, "name")
        help_text = field_entry(field, "help_text")
        is_hidden = field_entry(field, "is_hidden")
        is_fieldset = getattr(field, "is_fieldset", False)
        readonly = field.is_readonly
        write("\n                ")
        if is_fieldset:
            write("<fieldset")
            if help_text:
                write(f' aria-describedby="{text(field_entry(field, "id_for_label"))}_helptext"')
            write(f">{text(field.label_tag())}")
        classes = "flex-container"
        field_errors = None if readonly else field.errors()
        if single and line_errors is None:
            line_errors = line.errors()
        if (not readonly and field_errors) or (single and line_errors):
            classes += " errors"
        if not single:
            classes += " fieldBox"
            if name:
                classes += f" field-{text(name)}"
            if is_hidden:
                classes += " hidden"
        if field.is_checkbox:
            classes += " checkbox-row"
        write(f'\n                <div class="{classes}">\n                    ')
        if field.is_checkbox:
            write('\n                        <div class="checkbox">\n                        ')
            write(text(field.field))
            write("\n                        ")
            if not is_fieldset:
                write(text(field.label_tag()))
            write("\n                        </div>\n                    ")
        else:
            write("\n                        ")
            if not is_fieldset:
                write(text(field.label_tag()))
            write("\n                    ")
        write("\n                    ")
        if help_text:
            write('\n                        <div class="help')
            if is_hidden:
                write(" hidden")
            write('"')
            id_for_label = field_entry(field, "id_for_label")
            if id_for_label:
                write(f' id="{text(id_for_label)}_helptext"')
            write(
                f">\n                            <div>{safe_text(help_text)}</div>\n"
                "                        </div>\n                    "
            )
        write("\n                    ")
        if single:
            write(text(line_errors))
        write("\n                    ")
        if not single and not readonly:
            write(text(field_errors))
        write("\n                        ")
        if not field.is_checkbox:
            write("\n                        ")
            if readonly:
                write(
                    f'\n                            <div class="readonly">{text(field.contents())}'
                    "</div>\n                        "
                )
            else:
                widget = text(field.field)
                write(f"\n                            {widget}\n                        ")
            write("\n                    ")
        write("\n                </div>\n                ")
        if is_fieldset:
            write("</fieldset>")
        write("\n            ")
    write("\n        </div>\n    ")


def tabular_html(inline_admin_formset, *, last_inline, current_app) -> str:
    """What ``admin/edit_inline/tabular.html`` writes for ``inline_admin_formset``;
    ``last_inline`` is the page's loop's ``forloop.last``, ``current_app`` what the ``url``
    tag reverses with."""
    formset = inline_admin_formset.formset
    prefix = text(formset.prefix)
    parts = []
    write = parts.append
    write(
        f'\n<div class="js-inline-admin-formset inline-group" id="{prefix}-group"\n'
        '     data-inline-type="tabular"\n'
        f'     data-inline-formset="{text(inline_admin_formset.inline_formset_data())}">\n'
        f'  <div class="tabular inline-related {"last-related" if last_inline else ""}">\n'
        f"{text(formset.management_form)}\n"
        f'<fieldset class="module {text(inline_admin_formset.classes)}" '
        f'aria-labelledby="{prefix}-heading">\n  '
    )
    collapsible = inline_admin_formset.is_collapsible
    if collapsible:
        write("<details><summary>")
    opts = inline_admin_formset.opts
    name = opts.verbose_name if formset.max_num == 1 else opts.verbose_name_plural
    write(
        f'\n  <h2 id="{prefix}-heading" class="inline-heading">\n  \n    '
        f"{text(capfirst(name))}\n  \n  </h2>\n  "
    )
    if collapsible:
        write("</summary>")
    write(
        f"\n   {text(inline_admin_formset.non_form_errors())}\n"
        '  <div class="wrapper">\n    <table>\n     <thead><tr>\n'
        '       <th class="original"></th>\n     '
    )
    for column in inline_admin_formset.fields():
        classes = f"column-{text(column['name'])}"
        if column["required"]:
            classes += " required"
        if entry(column["widget"], "is_hidden"):
            classes += " hidden"
        write(f'\n       <th class="{classes}">{text(capfirst(column["label"]))}\n       ')
        help_text = column["help_text"]
        if help_text:
            shown = text(striptags(help_text))
            write(
                f'<img src="{conditional_escape(static("admin/img/icon-unknown.svg"))}" '
                f'class="help help-tooltip" width="10" height="10" alt="({shown})" '
                f'title="{shown}">'
            )
        write("\n       </th>\n     ")
    deletable = formset.can_delete and inline_admin_formset.has_delete_permission
    write(
        f"\n     <th>{text(gettext('Delete?')) if deletable else ''}</th>\n"
        "     </tr></thead>\n\n     <tbody>\n     "
    )
    forms = list(inline_admin_formset)
    for counter, inline_admin_form in enumerate(forms):
        last = counter == len(forms) - 1
        write_tabular_row(
            write,
            inline_admin_formset,
            inline_admin_form,
            row_id="empty" if last and inline_admin_formset.has_add_permission else counter,
            deletable=deletable,
            current_app=current_app,
        )
    write("\n     </tbody>\n    </table>\n  </div>\n  ")
    if collapsible:
        write("</details>")
    write("\n</fieldset>\n  </div>\n</div>\n")
    return "".join(parts)


def write_tabular_row(
    write, inline_admin_formset, inline_admin_form, *, row_id, deletable, current_app
) -> None:
    form = inline_admin_form.form
    write("\n        ")
    non_field_errors = form.non_field_errors()
    if non_field_errors:
        cells = text(cell_count(inline_admin_form))
        write(
            f'\n        <tr class="row-form-errors"><td colspan="{cells}">'
            f"{text(non_field_errors)}</td></tr>\n        "
        )
    original = inline_admin_form.original
    show_url = inline_admin_form.show_url
    classes = "form-row "
    if original or show_url:
        classes += "has_original"
    if row_id == "empty":
        classes += " empty-form"
    prefix = text(inline_admin_formset.formset.prefix)
    write(
        f'\n        <tr class="{classes}"\n             id="{prefix}-{text(row_id)}">\n'
        '        <td class="original">\n          '
    )
    if original or show_url:
        write("<p>\n          ")
        if original:
            write(f"\n          {text(original)}\n          ")
            model_admin = inline_admin_form.model_admin
            if model_admin.show_change_link and model_admin.has_registered_model:
                opts = model_admin.opts
                url = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change",
                    args=[quote(original.pk)],
                    current_app=current_app,
                )
                can_change = inline_admin_formset.has_change_permission
                write(
                    f'<a href="{conditional_escape(url)}" '
                    f'class="{"inlinechangelink" if can_change else "inlineviewlink"}">'
                    f"{text(gettext('Change') if can_change else gettext('View'))}</a>"
                )
            write("\n          ")
        write("\n          ")
        if show_url:
            write(
                f'<a href="{text(inline_admin_form.absolute_url)}">'
                f"{text(gettext('View on site'))}</a>"
            )
        write("\n            </p>")
    write("\n          ")
    if inline_admin_form.needs_explicit_pk_field():
        write(text(inline_admin_form.pk_field().field))
    write("\n          ")
    fk_field = inline_admin_form.fk_field()
    if fk_field:
        write(text(fk_field.field))
    write("\n        </td>\n        ")
    for fieldset in inline_admin_form:
        write("\n          ")
        for line in fieldset:
            write("\n            ")
            for field in line:
                name = field_entry(field, "name")
                classes = f"field-{text(name)}" if name else ""
                if field_entry(field, "is_hidden"):
                    classes += " hidden"
                write(f'\n              <td class="{classes}">\n              ')
                if field.is_readonly:
                    write(f"\n                  <p>{text(field.contents())}</p>\n              ")
                else:
                    errors = text(field.field.errors.as_ul())
                    widget = text(field.field)
                    write(
                        f"\n                  {errors}\n                  {widget}\n              "
                    )
                write("\n              </td>\n            ")
            write("\n          ")
        write("\n        ")
    deletion = ""
    if deletable and original:
        deletion = text(inline_admin_form.deletion_field().field)
    write(f'\n        <td class="delete">{deletion}</td>\n        </tr>\n     ')
