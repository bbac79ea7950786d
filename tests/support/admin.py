"""Driving the admin's pages as a browser does: forms posted back as shown, buttons pressed."""

from django.contrib.messages import get_messages
from django.forms import MultiWidget
from django.urls import reverse


def page_data(response) -> dict:
    """What a browser posts back from the admin form page it was shown, unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    return forms_data(forms)


def forms_data(forms) -> dict:
    """What a browser posts of ``forms`` as they are shown."""
    data = {}
    for form in forms:
        for name in form.fields:
            bound = form[name]
            value = bound.value()
            if value is None or value is False:
                continue
            widget = bound.field.widget
            if isinstance(widget, MultiWidget):  # a date and a time: one input each
                parts = value if isinstance(value, list | tuple) else widget.decompress(value)
                for suffix, part in zip(widget.widgets_names, parts, strict=True):
                    if part is not None:
                        data[f"{bound.html_name}{suffix}"] = str(part)
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            else:
                data[bound.html_name] = str(value)
    return data


def submit(client, url: str, changes: dict):
    """Fetch the form page at ``url``, change some fields, and post it back."""
    data = page_data(client.get(url))
    data.update({key: value for key, value in changes.items() if value is not None})
    for key in [key for key, value in changes.items() if value is None]:
        data.pop(key, None)
    return client.post(url, data)


def add_inline_row(client, url: str, prefix: str, values: dict):
    """Fill the first empty row of the inline ``prefix`` on the page at ``url`` and save;
    without a blank row, one is added first, as the page's "Add another" does: a copy of
    the inline's empty form."""
    page = client.get(url)
    data = page_data(page)
    row = int(data[f"{prefix}-INITIAL_FORMS"])
    if int(data[f"{prefix}-TOTAL_FORMS"]) <= row:
        [formset] = [
            inline.formset
            for inline in page.context["inline_admin_formsets"]
            if inline.formset.prefix == prefix
        ]
        blank = forms_data([formset.empty_form])
        data.update({key.replace("__prefix__", str(row)): value for key, value in blank.items()})
        data[f"{prefix}-TOTAL_FORMS"] = str(row + 1)
    data.update({f"{prefix}-{row}-{key}": str(value) for key, value in values.items()})
    return client.post(url, data)


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def changelist_rows(client, model, params) -> list:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(url, params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


# The review page


def review_url(review) -> str:
    return reverse("admin:reviews_review_change", args=[review.pk])


def press(client, review, action: str, comment: str = "", **extra):
    """Press a transition button of the review's page, as the transition form posts it."""
    data = {
        "CHANGE_FORM-action": action,
        "CHANGE_FORM-comment": comment,
        "_selected_action": str(review.pk),
        **extra,
    }
    return client.post(review_url(review), data)
