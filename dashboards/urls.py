from django.urls import path

from dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<str:code>/", views.unit, name="unit"),
    path("<str:code>/in/", views.print_view, name="print"),
    path("<str:code>/bang.csv", views.table_csv, name="csv"),
]
