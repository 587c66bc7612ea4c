"""Each role's home page shows what that person has to do next. Apps contribute sections in
their `home.py`: a function (request, scope) → HomeSection | None, registered with an order."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass
class HomeItem:
    text: str
    url: str = ""
    badge: str = ""
    # Bootstrap contextual colour of the badge: danger for overdue, warning for soon, …
    tone: str = "secondary"
    detail: str = ""


@dataclass
class HomeSection:
    title: str
    items: list[HomeItem] = field(default_factory=list)
    empty_text: str = _("Không có việc nào cần làm.")
    action_label: str = ""
    action_url: str = ""
    order: int = 100


_PROVIDERS: list[tuple[int, object]] = []


def register(order: int = 100):
    def decorator(func):
        _PROVIDERS.append((order, func))
        return func

    return decorator


def sections_for(request, scope) -> list[HomeSection]:
    sections = []
    for order, provider in sorted(_PROVIDERS, key=lambda p: p[0]):
        section = provider(request, scope)
        if section is not None:
            section.order = order
            sections.append(section)
    return sections
