"""The one shape of every room's access helpers (DESIGN.md §3):

    get_<object>_for(request, pk, need="view"|"change"|…) → the object, or
    404 for someone who may not see it (they must not learn it exists),
    403 for someone who sees it but may not do what `need` asks.

Each app's access.py loads the object, then calls `checked` with its predicates, all built on the
request's Scope (accounts/scope.py) and the role groups of core/roles.py.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404

# need → (predicate(scope, obj) → bool, refusal shown with the 403)
Needs = dict[str, tuple[Callable, str]]


def checked(obj, scope, need: str, *, view: Callable, needs: Needs, not_found: str, insider: tuple[Callable, str] | None = None):
    """`insider`: (predicate, refusal) for someone who may not see this object but sees where it
    belongs (a cadre and their unit's records): 403 rather than 404."""
    if obj is None:
        raise Http404(not_found)
    if not view(scope, obj):
        if insider is not None and insider[0](scope, obj):
            raise PermissionDenied(insider[1])
        raise Http404(not_found)
    if need != "view":
        if need not in needs:
            raise ValueError(f"unknown need {need!r}; known: view, {', '.join(needs)}")
        allowed, refusal = needs[need]
        if not allowed(scope, obj):
            raise PermissionDenied(refusal)
    return obj


def require(allowed: bool, refusal: str) -> None:
    """403 with the refusal unless allowed (for pages that are not about one object)."""
    if not allowed:
        raise PermissionDenied(refusal)
