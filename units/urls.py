from django.urls import path

from units import views

app_name = "units"

urlpatterns = [
    path("", views.units, name="units"),
    path("<str:code>/", views.unit_detail, name="unit_detail"),
]
