"""Edits made the way staff make them where the portal has no page: through the Django admin's
ModelAdmin (its save and delete hooks report what they changed to the figure registry)."""

from types import SimpleNamespace

from django.contrib import admin
from django.test import RequestFactory


def admin_edit(obj, *, by, delete: bool = False) -> None:
    model_admin = admin.site._registry[type(obj)]
    request = RequestFactory().post("/quan-tri/")
    request.user = by
    if delete:
        model_admin.delete_model(request, obj)
        return
    form = SimpleNamespace(instance=obj, save_m2m=lambda: None)
    model_admin.save_model(request, obj, form, obj.pk is not None)
    model_admin.save_related(request, form, [], True)
