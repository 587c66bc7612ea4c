from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from . import home as home_registry


@login_required
def home(request):
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
