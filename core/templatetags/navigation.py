"""``{% app_list app_list show_changelinks %}``: what Django's ``admin/app_list.html``
writes (see ``core.navigation``)."""

from django.template import Library
from django.utils.safestring import SafeString

from core.navigation import app_list_html

register = Library()


@register.simple_tag(takes_context=True)
def app_list(context, apps, show_changelinks) -> SafeString:
    request = context.get("request")
    path = request.path if request is not None else ""
    return SafeString(app_list_html(apps, path, bool(show_changelinks)))
