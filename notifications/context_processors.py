def unread(request):
    """The bell's count, on every page of a signed-in person."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from notifications.services import unread_count

    return {"unread_notifications": unread_count(user)}
