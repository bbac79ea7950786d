"""The admin's list of apps and models, written directly: Django's ``admin/app_list.html``
(the sidebar of every admin page, and the index) character for character, without a
template's work for each of the models (some 2.5 ms of every page)."""

import html
from urllib.parse import quote

from django.utils.translation import gettext

from core.form_rendering import text


def app_list_html(app_list, request_path: str, show_changelinks: bool) -> str:
    """What ``admin/app_list.html`` writes, but its last line break (``templates/admin/
    app_list.html`` ends with it)."""
    if not app_list:
        you_may_not = gettext("You don’t have permission to view or edit anything.")
        return f"\n\n\n  <p>{you_may_not}</p>\n"
    path = quote(request_path, safe="/")
    headings = (
        f'            <th scope="col">{gettext("Model name")}</th>\n'
        f'            <th scope="col">{gettext("Add link")}</th>\n'
        f'            <th scope="col">{gettext("Change or view list link")}</th>\n'
    )
    apps = "".join(_app(app, path, show_changelinks, headings) for app in app_list)
    return f"\n\n\n  {apps}\n"


def _app(app, path, show_changelinks, headings) -> str:
    label = text(app["app_label"])
    current = " current-app" if app["app_url"] in path else ""
    models = "".join(_model(model, label, path, show_changelinks) for model in app["models"])
    return (
        f'\n    <div class="app-{label} module{current}">\n'
        "      <table>\n"
        "        <caption>\n"
        f'          <a href="{text(app["app_url"])}" class="section">{text(app["name"])}</a>\n'
        "        </caption>\n"
        '        <thead class="visually-hidden">\n'
        "          <tr>\n"
        f"{headings}"
        "          </tr>\n"
        "        </thead>\n"
        f"        {models}\n"
        "      </table>\n"
        "    </div>\n  "
    )


def _model(model, label, path, show_changelinks) -> str:
    name = html.escape(model["object_name"].lower())
    admin_url = model.get("admin_url")
    here = bool(admin_url) and admin_url in path
    described = f'aria-describedby="{label}-{name}"'
    if admin_url:
        current = ' aria-current="page"' if here else ""
        heading = f'<a href="{text(admin_url)}"{current}>{text(model["name"])}</a>'
    else:
        heading = text(model["name"])
    add_url = model.get("add_url")
    if add_url:
        add = f'<td><a href="{text(add_url)}" class="addlink" {described}>{gettext("Add")}</a></td>'
    else:
        add = "<td></td>"
    change = ""
    if admin_url and show_changelinks:
        kind, word = ("viewlink", "View") if model.get("view_only") else ("changelink", "Change")
        change = (
            f'\n                \n                  <td><a href="{text(admin_url)}" class="{kind}" '
            f"{described}>{gettext(word)}</a></td>\n                \n              "
        )
    elif show_changelinks:
        change = "\n                <td></td>\n              "
    return (
        f'\n          \n            <tr class="model-{name}{" current-model" if here else ""}">\n'
        f'              <th scope="row" id="{label}-{name}">\n'
        f"                \n                  {heading}\n                \n"
        "              </th>\n\n"
        f"              \n                {add}\n              \n\n"
        f"              {change}\n"
        "            </tr>\n          \n        "
    )
