from django import template

from ..home import TONES

register = template.Library()

RATING_TONES = {"excellent": "success", "good": "primary", "done": "info", "not_done": "danger"}


@register.filter
def status_tone(status):
    return TONES.get(status, "secondary")


@register.filter
def rating_tone(rating):
    return RATING_TONES.get(rating, "secondary")


@register.filter
def number(value):
    """12,5 / 1.500 (Vietnamese separators), without trailing zeros."""
    if value is None or value == "":
        return ""
    text = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped}" + (f",{fraction}" if fraction else "")


@register.simple_tag
def get_item(mapping, key):
    return mapping.get(key, 0) if mapping else 0
