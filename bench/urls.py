"""The portal's URLs plus the framework's floor: a minimal view behind the same middleware."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from danvan.urls import urlpatterns as portal_urlpatterns


@login_required
def floor(request):
    """The least a logged-in page costs: session, user, the middleware stack; no template."""
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *portal_urlpatterns]
