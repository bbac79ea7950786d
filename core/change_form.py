"""A change page's fieldsets, written as Django's ``admin/includes/fieldset.html`` writes
them, character for character.

The template looks up each field's name, help text, errors and classes through the template
engine's variable resolution, several times a field: on a claim's page (its fieldsets, and
the fieldsets of a statement's stacked citations) most of what the page spends outside its
widgets. Here each lookup is an attribute read. ``templates/admin/includes/fieldset.html``
calls it; ``tests/core/test_change_form.py`` compares the two on every registered admin's
pages.
"""

from core.form_rendering import text


def field_entry(field, key: str):
    """``{{ field.field.<key> }}``: a key of a read-only field's dict, an attribute of a
    bound field; missing, an empty string (the template's invalid value)."""
    if isinstance(field.field, dict):
        return field.field.get(key, "")
    return getattr(field.field, key, "")


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
