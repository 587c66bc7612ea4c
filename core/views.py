from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from core import home as home_registry


def home(request):
    if not request.user.is_authenticated:
        # Visitors without an account read the public pages; staff find "Đăng nhập" there.
        return redirect("public:home")
    scope = request.scope
    context = {
        "sections": home_registry.sections_for(request, scope),
        "primary": scope.primary,
        "home_unit": scope.home_unit,
    }
    return render(request, "home/home.html", context)


def health(request):
    """For load balancers and `make chaos`: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def csrf_failure(request, reason=""):
    return render(request, "errors/csrf.html", {"reason": reason}, status=403)
