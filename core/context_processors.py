from django.conf import settings

from core import navigation


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"SITE_NAME": settings.SITE_NAME}
    scope = request.scope
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_items": navigation.items_for(scope, request.path),
        "scope": scope,
    }
