"""Filters of the document engine's print template."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# A number and symbol (169/KH-UBND, 98/2023/NĐ-CP) or a date (15/6/2022): one unbreakable piece.
NUMBER_SYMBOL = re.compile(r"\b\d+(?:/[\w.-]*\w)+")


@register.filter
def unbroken_numbers(text: str) -> str:
    """The text escaped, with each number and symbol kept on one line."""
    escaped = str(conditional_escape(text))
    return mark_safe(NUMBER_SYMBOL.sub(lambda match: f'<span class="nowrap">{match.group(0)}</span>', escaped))
