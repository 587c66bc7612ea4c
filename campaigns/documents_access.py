"""Files kept on a unit itself (e.g. a committee's decisions): seen by whoever sees the unit,
added by whoever manages it."""

from accounts.scope import Scope
from documents import access

from .models import Unit


def _can_view(request, unit):
    return Scope.for_user(request.user).sees_unit(unit)


def _can_change(request, unit):
    return Scope.for_user(request.user).manages(unit)


access.register(Unit, can_view=_can_view, can_change=_can_change)
