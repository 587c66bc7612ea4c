from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.units, name="units"),
    path("<str:code>/", views.unit_detail, name="unit_detail"),
]
