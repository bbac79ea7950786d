"""``{% changelist_results cl %}``: Django's ``result_list`` tag, its rows written by
``core.changelist`` (same HTML, same ``change_list_results.html`` templates); and
``{% filter_choices title choices %}``, what ``admin/filter.html`` writes (see
``core.changelist.filter_html``)."""

from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.template import Library
from django.utils.safestring import SafeString

from core.changelist import filter_html, result_list

register = Library()


@register.tag(name="changelist_results")
def changelist_results_tag(parser, token):
    return InclusionAdminNode(
        "changelist_results",
        parser,
        token,
        func=result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )


@register.simple_tag
def filter_choices(title, choices) -> SafeString:
    return SafeString(filter_html(title, choices))
