"""Who may see an owner's attachments and documents is the owner's business: each app's access.py
registers, for its model, a function (scope, owner) → bool ("may see"), and optionally one for
"may add"; the scope is the request's (accounts/scope.py).

Unregistered owner types are refused, so a new kind of owner cannot leak files by omission.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
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


def get_attachment_for(request, pk: int, need: str = "view"):
    """An attachment whose owner the user may see (need "view") or add files to ("change")."""
    from documents.models import Attachment

    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404(_("Không tìm thấy tệp."))
    owner = owner_for_view(request, attachment)
    if need == "change" and not can_change(request, owner):
        raise PermissionDenied(_("Bạn không thay đổi được tệp của nội dung này."))
    return attachment


def get_document_for(request, pk: int, need: str = "view"):
    """A generated PDF whose owner the user may see; its `owner` is set on it."""
    from documents.models import GeneratedDocument

    document = GeneratedDocument.objects.filter(pk=pk).first()
    if document is None:
        raise Http404(_("Không tìm thấy tệp."))
    document.checked_owner = owner_for_view(request, document)
    return document
