"""Evidence files belong to a progress update (or to the registration itself): whoever may see the
registration sees them; its owner adds them."""

from accounts.scope import Scope
from documents import access as documents_access

from . import access
from .models import ProgressUpdate, Registration


def _registration_of(owner):
    return owner.registration if isinstance(owner, ProgressUpdate) else owner


def _can_view(request, owner):
    return access.can_view(Scope.for_user(request.user), _registration_of(owner))


def _can_change(request, owner):
    registration = _registration_of(owner)
    return access.can_report_progress(Scope.for_user(request.user), registration)


documents_access.register(Registration, can_view=_can_view, can_change=_can_change)
documents_access.register(ProgressUpdate, can_view=_can_view, can_change=_can_change)
