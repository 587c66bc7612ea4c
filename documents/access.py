"""Who may see an owner's attachments and documents is the owner's business: each app's access.py
registers, for its model, a function (scope, owner) → bool ("may see"), and optionally one for
"may add"; the scope is the request's (accounts/scope.py).

Unregistered owner types are refused, so a new kind of owner cannot leak files by omission.
"""

from collections.abc import Callable

from django.http import Http404
from django.utils.translation import gettext as _

_VIEW: dict[type, Callable] = {}
_CHANGE: dict[type, Callable] = {}


def register(model: type, *, can_view: Callable, can_change: Callable | None = None) -> None:
    _VIEW[model] = can_view
    if can_change is not None:
        _CHANGE[model] = can_change


def can_view(request, owner) -> bool:
    check = _VIEW.get(type(owner))
    return bool(check and check(request.scope, owner))


def can_change(request, owner) -> bool:
    check = _CHANGE.get(type(owner))
    return bool(check and check(request.scope, owner))


def owner_for_view(request, obj):
    owner = obj.owner
    if owner is None or not can_view(request, owner):
        raise Http404(_("Không tìm thấy tệp."))
    return owner
