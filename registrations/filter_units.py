"""The unit filter of the registration list at any scale.

A national account sees 11,000 units; a <select> of all of them is a megabyte of HTML on every
page view and Django renders each <option> through a template. So the list offers the units of
the upper levels only, as many whole levels as fit under FILTER_UNITS_MAX (a province: every
district and commune; the whole country: the central committee, provinces and districts), read in
one query with a running count per level. Any visible unit is still accepted (a commune's code in
the address, or chosen elsewhere); it is then added to the options so the form shows it.

The <select> is written by joining escaped strings (UnitSelect), not one template per option.
Reading and sorting 11,000 units costs tens of milliseconds, so the options are cached per set of
visible subtrees under the version of the unit tree (campaigns.unit_cache: any change of a unit
makes a new key); a cached option carries the unit's fields, so choosing it costs no query.
"""

import hashlib
from html import escape

from django import forms
from django.core.cache import cache
from django.db.models import Count, F, Window
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from units.cache import units_version
from units.models import Unit

FILTER_UNITS_MAX = 1_000
CACHE_SECONDS = 24 * 3600
# The fields an option keeps, to rebuild the Unit a filter names without reading it again.
UNIT_FIELDS = ("id", "code", "name", "level", "kind", "parent_id", "path", "depth", "position", "valid_from", "valid_to")


def unit_label(unit) -> str:
    return unit.name if unit.level != Unit.Level.DEPARTMENT or not unit.parent_id else f"{unit.name} ({unit.parent.name})"


def filter_units(scope, day) -> list:
    """The units of the map of `day` offered in the filter: whole levels from the top, at most FILTER_UNITS_MAX."""
    if not scope.visible_paths:
        return []
    running = Window(Count("id"), order_by=F("depth").asc())  # rows at this depth and above
    return list(
        scope.visible_units()
        .valid_on(day)
        .annotate(upto=running)
        .filter(upto__lte=FILTER_UNITS_MAX)
        .select_related("parent")
        .order_by("depth", "position", "code")
    )


def filter_options(scope, day) -> list[tuple[str, str, tuple]]:
    """(code, label, field values) of filter_units(scope), from the cache when the tree is unchanged."""
    if not scope.visible_paths:
        return []
    paths = hashlib.sha1("|".join(sorted(scope.visible_paths)).encode()).hexdigest()
    key = f"registrations:filter-units:{units_version()}:{FILTER_UNITS_MAX}:{day:%Y%m%d}:{paths}"
    options = cache.get(key)
    if options is None:
        options = [(u.code, unit_label(u), tuple(getattr(u, f) for f in UNIT_FIELDS)) for u in filter_units(scope, day)]
        cache.set(key, options, CACHE_SECONDS)
    return options


class OfferedUnits:
    """code → Unit for the options, the Unit built from the cached fields on first use."""

    def __init__(self, options):
        self._rows = {code: row for code, _, row in options}
        self._built = {}

    def __contains__(self, code) -> bool:
        return code in self._rows

    def __getitem__(self, code) -> Unit:
        if code not in self._built:
            self._built[code] = Unit(**dict(zip(UNIT_FIELDS, self._rows[code], strict=True)))
        return self._built[code]


ALL_UNITS = _("Tất cả đơn vị")


class UnitSelect(forms.Select):
    """A <select> of (code, label) pairs written in one pass."""

    def __init__(self, attrs=None, options=(), empty_label=ALL_UNITS):
        super().__init__(attrs)
        self.options = list(options)
        self.empty_label = empty_label

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        selected = "" if value is None else str(value)
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        parts = [format_html("<select{}>", flatatt(final))]
        parts.append(format_html('<option value=""{}>{}</option>', " selected" if not selected else "", self.empty_label))
        for code, label in self.options:  # plain strings: the standard library's escape is enough
            mark = " selected" if code == selected else ""
            parts.append(f'<option value="{escape(code)}"{mark}>{escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))  # every value above is escaped
