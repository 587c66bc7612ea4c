"""The navigation bar, built from what each app registers in its `nav.py` (imported in ready()).

An item names the roles that see it; "*" means every signed-in user.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


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


_ITEMS: list[NavItem] = []


def register(label: str, url_name: str, *, roles=("*",), order: int = 100, active_prefixes=(), exclude_prefixes=()) -> None:
    _ITEMS.append(NavItem(label, url_name, frozenset(roles), order, tuple(active_prefixes), tuple(exclude_prefixes)))


def items_for(scope, path: str) -> list[dict]:
    result = []
    for item in sorted(_ITEMS, key=lambda i: (i.order, i.label)):
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
        result.append({"label": str(item.label), "url": url, "active": active})
    return result
