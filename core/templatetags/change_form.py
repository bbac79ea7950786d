"""``{% fieldset %}`` and ``{% tabular_inline %}``: what Django's
``admin/includes/fieldset.html`` and ``admin/edit_inline/tabular.html`` write (see
``core.change_form``), with the variables of the templates that include them."""

from django.template import Library
from django.utils.safestring import SafeString

from core.change_form import fieldset_html, tabular_html

register = Library()


@register.simple_tag(takes_context=True)
def fieldset(context) -> SafeString:
    return SafeString(
        fieldset_html(
            context["fieldset"],
            heading_level=context.get("heading_level", ""),
            prefix=context.get("prefix", ""),
            id_prefix=context.get("id_prefix", ""),
            id_suffix=context.get("id_suffix", ""),
        )
    )


@register.simple_tag(takes_context=True)
def tabular_inline(context) -> SafeString:
    # What the template's {% url %} reverses the change links with.
    request = getattr(context, "request", None)
    try:
        current_app = request.current_app
    except AttributeError:
        current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
    loop = context.get("forloop") or {}
    return SafeString(
        tabular_html(
            context["inline_admin_formset"],
            last_inline=loop.get("last", False),
            current_app=current_app,
        )
    )
