from django.conf import settings

from . import navigation


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"SITE_NAME": settings.SITE_NAME}
    scope = request.scope
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "nav_items": navigation.items_for(scope, request.path),
        "scope": scope,
        "unread_notifications": _unread(request),
    }
    return context


def _unread(request) -> int:
    from notifications.services import unread_count

    return unread_count(request.user)
