from django import template
from django.utils.html import format_html

from emulation.idempotency import FIELD_NAME, submission_key_new

register = template.Library()


@register.simple_tag
def submission_token() -> str:
    """A fresh one-time key for a form that creates something (see emulation.idempotency)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD_NAME, submission_key_new())
