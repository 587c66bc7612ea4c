"""The navigation bar, built from what each app registers in its `nav.py` (imported in ready()).

An item names the roles that see it; "*" means every signed-in user. An item may belong to a
group (a drop-down menu): provincial staff see fourteen destinations, which do not fit on one
line of an office screen, so the less daily ones are grouped. A group with a single item visible
to a person is shown as that item, not as a menu of one.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset = field(default_factory=lambda: frozenset({"*"}))
    order: int = 100
    # URL prefixes under which the item is shown as the current section.
    active_prefixes: tuple = ()
    # URL prefixes under the active ones that belong to another item (not shown as current here).
    exclude_prefixes: tuple = ()
    group: str = ""


# The drop-down menus: key → (label, place in the bar).
GROUPS = {
    "publishing": (_("Gương, tin bài"), 40),
    "admin": (_("Quản lý"), 80),
}

_ITEMS: list[NavItem] = []


def register(
    label: str, url_name: str, *, roles=("*",), order: int = 100, active_prefixes=(), exclude_prefixes=(), group: str = ""
) -> None:
    if group and group not in GROUPS:
        raise ValueError(f"unknown navigation group {group!r}")
    _ITEMS.append(NavItem(label, url_name, frozenset(roles), order, tuple(active_prefixes), tuple(exclude_prefixes), group))


def _visible(scope, path: str) -> list[tuple[NavItem, dict]]:
    result = []
    for item in sorted(_ITEMS, key=lambda i: (i.order, str(i.label))):
        if "*" not in item.roles and not scope.has_role(*item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        prefixes = item.active_prefixes or (url,)
        active = any(path.startswith(p) for p in prefixes) if url != "/" else path == "/"
        if active and any(path.startswith(p) for p in item.exclude_prefixes):
            active = False
        result.append((item, {"label": str(item.label), "url": url, "active": active}))
    return result


def items_for(scope, path: str) -> list[dict]:
    """The bar's entries in order: a link {"label", "url", "active"}, or a group {"label", "key",
    "active", "children": [links]} when a person sees two or more of its items."""
    visible = _visible(scope, path)
    grouped: dict[str, list[dict]] = {}
    for item, link in visible:
        if item.group:
            grouped.setdefault(item.group, []).append(link)
    entries: list[tuple[int, dict]] = []
    for item, link in visible:
        if not item.group:
            entries.append((item.order, link))
        elif len(grouped[item.group]) == 1:
            entries.append((GROUPS[item.group][1], link))
    for key, children in grouped.items():
        if len(children) > 1:
            label, order = GROUPS[key]
            group = {"label": str(label), "key": key, "active": any(c["active"] for c in children), "children": children}
            entries.append((order, group))
    entries.sort(key=lambda pair: pair[0])  # stable: items of one order keep their own order
    return [entry for _, entry in entries]
