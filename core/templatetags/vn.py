from django import template
from django.utils import translation

from core import dates

register = template.Library()


@register.filter
def vn_date(value):
    """10/6/2020"""
    return dates.short_date(value)


@register.filter
def vn_long_date(value):
    """ngày 10 tháng 6 năm 2020"""
    return dates.long_date(value)


@register.filter
def vn_doc_date(value):
    """ngày 05 tháng 02 năm 2020 (administrative documents)"""
    return dates.document_date(value)


@register.filter
def vn_datetime(value):
    """07:30 10/6/2020"""
    return dates.short_datetime(value)


def _english() -> bool:
    return (translation.get_language() or "vi").startswith("en")


def _thousands_dot(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _thousands_comma(number: int) -> str:
    return f"{number:,}"


def number_formatter():
    """The integer formatter of the current language, looked up once: code that formats hundreds
    of numbers in a loop (dashboard rows, chart bars) calls this before the loop rather than
    vn_number per number, which asks for the active language every time."""
    return _thousands_comma if _english() else _thousands_dot


@register.filter
def vn_number(value):
    """12.345 (Vietnamese thousands separator); 12,345 on English pages."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return value
    return number_formatter()(number)


@register.filter
def percent(value, digits=0):
    """50,5% (Vietnamese decimal comma); 50.5% on English pages."""
    if value is None:
        return "—"
    text = f"{value:.{int(digits)}f}"
    return (text if _english() else text.replace(".", ",")) + "%"


@register.simple_tag
def portal_languages():
    """settings.LANGUAGES as written: each language named in itself. ({% get_available_languages %}
    translates the names, so a Vietnamese page would offer "Tiếng Anh" instead of "English".)"""
    from django.conf import settings

    return settings.LANGUAGES
