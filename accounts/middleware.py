from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts.scope import Scope

_ALLOWED_WHILE_CHANGING = ("accounts:password_change", "accounts:password_change_done", "accounts:logout")


class ForcePasswordChangeMiddleware:
    """Attaches the user's Scope to the request, and keeps a user whose password was set by
    someone else (a temporary one) on the password-change page until they choose their own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed = None

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: Scope.for_user(request.user))
        user = request.user
        if user.is_authenticated and getattr(user, "must_change_password", False):
            if self._allowed is None:
                self._allowed = {reverse(name) for name in _ALLOWED_WHILE_CHANGING}
            if request.path not in self._allowed and not request.path.startswith(("/static/", "/i18n/")):
                return redirect("accounts:password_change")
        return self.get_response(request)
