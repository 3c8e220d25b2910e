"""Filters and tags of the document engine's print template."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

# A number and symbol (169/KH-UBND, 98/2023/NĐ-CP) or a date (15/6/2022): one unbreakable piece.
NUMBER_SYMBOL = re.compile(r"\b\d+(?:/[\w.-]*\w)+")


@register.filter
def unbroken_numbers(text: str) -> str:
    """The text escaped, with each number and symbol kept on one line."""
    escaped = str(conditional_escape(text))
    return mark_safe(NUMBER_SYMBOL.sub(lambda match: f'<span class="nowrap">{match.group(0)}</span>', escaped))


@register.simple_tag(takes_context=True)
def box_geometry(context, **properties) -> str:
    """A box's computed width or offset (``width=45, unit="%"``). WeasyPrint
    reads it from a style attribute; a browser's Content-Security-Policy
    refuses style attributes, so on screen the same declarations go into
    data-geometry and static/js/document-geometry.js applies them through
    the CSSOM, which the policy allows."""
    unit = properties.pop("unit", "mm")
    declarations = "; ".join(f"{name.replace('_', '-')}: {float(value):g}{unit}" for name, value in properties.items())
    attribute = "style" if context.get("for_pdf") else "data-geometry"
    return format_html(' {}="{}"', attribute, declarations)
