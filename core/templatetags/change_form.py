"""``{% fieldset %}``: what Django's ``admin/includes/fieldset.html`` writes (see
``core.change_form``), with the variables its includes set."""

from django.template import Library
from django.utils.safestring import SafeString

from core.change_form import fieldset_html

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
