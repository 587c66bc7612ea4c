from django import template

from danvan import dates

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


@register.filter
def vn_number(value):
    """12.345 (Vietnamese thousands separator)."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return value
    return f"{number:,}".replace(",", ".")


@register.filter
def percent(value, digits=0):
    if value is None:
        return "—"
    return f"{value:.{int(digits)}f}".replace(".", ",") + "%"
