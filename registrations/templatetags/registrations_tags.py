from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from registrations.filter_units import UnitSelect
from registrations.home import TONES

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


@register.filter
def filter_field(bound_field):
    """One field of the list's filter form, as crispy's Bootstrap 5 layout writes it (label, control,
    the same ids and classes), without the template per field and per option that cost ~2 ms each.
    A field with errors, or a widget this does not know, goes through crispy as before."""
    widget = bound_field.field.widget
    if bound_field.errors or not isinstance(widget, forms.Select | forms.TextInput) or isinstance(widget, forms.SelectMultiple):
        return as_crispy_field(bound_field)
    auto_id = bound_field.auto_id
    if isinstance(widget, UnitSelect):
        control = bound_field.as_widget(attrs={"class": "unitselect form-select"})
    elif isinstance(widget, forms.Select):
        value = bound_field.value()
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v not in (None, "")} or {""}
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in chosen else ""}>{escape(str(label))}</option>'
            for key, label in bound_field.field.choices
        )
        control = format_html('<select name="{}" class="select form-select" id="{}">', bound_field.html_name, auto_id)
        control += mark_safe(options + "</select>")  # every option text is escaped above
    else:
        control = bound_field.as_widget(attrs={"class": "textinput form-control"})
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}</div>',
        auto_id, auto_id, bound_field.label, control,
    )  # fmt: skip
