from django.urls import path

from .views import exemplars as views

app_name = "exemplars"

urlpatterns = [
    path("", views.exemplar_list, name="list"),
    path("de-nghi/", views.exemplar_create, name="create"),
    path("<int:pk>/", views.exemplar_detail, name="detail"),
    path("<int:pk>/sua/", views.exemplar_edit, name="edit"),
    path("<int:pk>/xet/", views.exemplar_decide_view, name="decide"),
]
